#include "training/collapse_detector.h"

#include <algorithm>
#include <cmath>
#include <iomanip>
#include <sstream>

namespace moelab {

void CollapseDetector::start(std::vector<double> parameters, long epoch) {
    judged_ = false;
    epoch_start_parameters_ = parameters;
    good_parameters_ = std::move(parameters);
    epoch_start_ = good_epoch_ = epoch;
    lowest_loss_ = std::numeric_limits<double>::infinity();
    lowest_loss_epoch_ = 0;
    recent_.clear();  // only the losses since the start count (a restored history's do not)
    latest_epoch_ = epoch;
}

void CollapseDetector::before_epoch(const std::vector<double>& parameters, long epoch) {
    epoch_start_parameters_ = parameters;
    epoch_start_ = epoch;
}

bool CollapseDetector::loss_frozen(double loss, long epoch) {
    if (std::isfinite(loss) && loss < lowest_loss_) {
        lowest_loss_ = loss;
        lowest_loss_epoch_ = epoch;
        // An epoch's loss is of the weights at its start.
        good_parameters_ = epoch_start_parameters_;
        good_epoch_ = epoch_start_;
    }
    recent_.push_back(loss);
    latest_epoch_ = epoch;
    while (recent_.size() > size_t(kFrozenEpochs)) recent_.pop_front();
    bool frozen = recent_.size() == size_t(kFrozenEpochs);
    if (frozen) {
        const double tolerance = kFrozenTolerance * std::max(1.0, std::abs(loss));
        for (double earlier : recent_)
            frozen = frozen && std::isfinite(earlier) && std::abs(earlier - loss) <= tolerance;
    }
    if (!frozen) {
        judged_ = false;
        return false;
    }
    if (judged_) return false;
    judged_ = true;
    return true;
}

bool CollapseDetector::below_chance(double train_accuracy, int classes) {
    return classes > 1 && train_accuracy < 0.5 / double(classes);
}

std::optional<std::string> CollapseDetector::verdict(double train_accuracy, int classes,
                                                     const std::string& optimizer) const {
    if (recent_.empty()) return std::nullopt;
    const double loss = recent_.back();
    const bool stuck = std::isfinite(lowest_loss_) && loss > kStuckRatio * lowest_loss_;
    const bool below = below_chance(train_accuracy, classes);
    if (!stuck && !below) return std::nullopt;
    std::ostringstream out;
    out << "Training collapsed at epoch " << latest_epoch_ << ": the loss has stayed at "
        << std::setprecision(4) << loss << " for " << kFrozenEpochs << " epochs";
    if (stuck)
        out << ", above the " << lowest_loss_ << " it reached at epoch " << lowest_loss_epoch_;
    out << std::fixed << std::setprecision(1) << ", and the training accuracy is "
        << 100 * train_accuracy << " %";
    if (below) out << ", below chance (" << 100.0 / classes << " % for " << classes << " classes)";
    out << ": the outputs saturated, so no gradient flows. The weights of epoch " << good_epoch_
        << " were restored; try a lower learning rate"
        << (optimizer == "adam" ? std::string(".")
                                : ", or another optimizer (adam, now " + optimizer + ").");
    return out.str();
}

}  // namespace moelab
