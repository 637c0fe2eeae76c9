#pragma once
// Keeps a training's replay timeline (analysis/timeline.h) as it trains: says how many epochs a
// slice of training may run so that it stops on the next wanted epoch, copies the weights there,
// and hands out the entries as an immutable list that changes only when an entry was added.
// Used by the app's training worker and by the headless replay export; one owner, not
// thread-safe.
#include <memory>

#include "analysis/timeline.h"
#include "training/trainer.h"

namespace moelab {

class TimelineRecorder {
  public:
    // The most entries a timeline keeps, and the memory its model copies may take: a large model
    // (Fashion-MNIST's experts) keeps fewer entries so the copies stay within the budget.
    static constexpr int kMaxEntries = 200;
    static constexpr int kMinEntries = 16;
    static constexpr double kModelBytesBudget = 96.0 * 1024 * 1024;

    // The bound for a model of `parameters` weights.
    static int capacity_for(long parameters);

    // Starts a new history at the trainer's current epoch (recorded at once when it wants a
    // picture: epoch 0, the initial weights; with its metrics evaluated by `exact_metrics`).
    void reset(Trainer& trainer, bool exact_metrics = false);
    // `epochs` limited so that a slice starting now ends on the next wanted epoch at the latest.
    long clamp(const Trainer& trainer, long epochs) const;
    // After a slice: keeps the weights when the trainer stands on a wanted epoch. With
    // `exact_metrics` (evaluation is cheap) the metrics of exactly that epoch are recorded first,
    // else the entry carries the latest recorded ones.
    void note(Trainer& trainer, bool exact_metrics);
    // Keeps the trainer's current weights as the timeline's latest entry whatever its epoch (the
    // end of a headless run).
    void record_latest(Trainer& trainer);

    const Timeline& timeline() const { return timeline_; }
    // The entries as a shared immutable list, a new one only after a change.
    std::shared_ptr<const TimelineEntries> entries();

  private:
    void record(Trainer& trainer, bool exact_metrics);

    Timeline timeline_{kMaxEntries};
    std::shared_ptr<const TimelineEntries> published_;
    long published_revision_ = -1;
};

}  // namespace moelab
