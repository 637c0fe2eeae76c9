#include "training/timeline_recorder.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace moelab {

int TimelineRecorder::capacity_for(long parameters) {
    const double bytes = std::max(1.0, double(parameters) * double(sizeof(float)));
    const double fits = std::floor(kModelBytesBudget / bytes);
    return static_cast<int>(std::clamp(fits, double(kMinEntries), double(kMaxEntries)));
}

void TimelineRecorder::reset(Trainer& trainer, bool exact_metrics) {
    const Mixture<float> model = trainer.model_float();
    timeline_.reset(capacity_for(static_cast<long>(model.parameters().size())));
    if (timeline_.wants(trainer.epoch())) record(trainer, exact_metrics);
}

long TimelineRecorder::clamp(const Trainer& trainer, long epochs) const {
    // Mid-epoch the slice first finishes the current epoch, which counts as one.
    const long next = timeline_.next_wanted(trainer.epoch());
    return std::max(1L, std::min(epochs, next - trainer.epoch()));
}

void TimelineRecorder::note(Trainer& trainer, bool exact_metrics) {
    if (!trainer.at_epoch_start() || !timeline_.wants(trainer.epoch())) return;
    record(trainer, exact_metrics);
}

void TimelineRecorder::record_latest(Trainer& trainer) {
    record(trainer, true);
}

void TimelineRecorder::record(Trainer& trainer, bool exact_metrics) {
    auto entry = std::make_shared<TimelineEntry>();
    entry->epoch = trainer.epoch();
    entry->model = std::make_shared<const Mixture<float>>(trainer.model_float());
    entry->config = trainer.config();
    const auto& recorded = trainer.history().metrics;
    if (exact_metrics) {
        entry->metrics = trainer.record_metrics();
    } else if (!recorded.empty()) {
        entry->metrics = recorded.back();
    } else {
        // Not evaluated yet: no numbers rather than a wait.
        entry->metrics.epoch = trainer.epoch();
        entry->metrics.loss = entry->metrics.train_accuracy = entry->metrics.test_accuracy =
            entry->metrics.gate_entropy = std::numeric_limits<double>::quiet_NaN();
    }
    timeline_.record(std::move(entry));
}

std::shared_ptr<const TimelineEntries> TimelineRecorder::entries() {
    if (!published_ || published_revision_ != timeline_.revision()) {
        published_ = std::make_shared<const TimelineEntries>(timeline_.entries());
        published_revision_ = timeline_.revision();
    }
    return published_;
}

}  // namespace moelab
