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
    losses_seen_ = size_t(-1);  // set by the first loss_frozen call
}

void CollapseDetector::before_epoch(const std::vector<double>& parameters, long epoch) {
    epoch_start_parameters_ = parameters;
    epoch_start_ = epoch;
}

bool CollapseDetector::loss_frozen(const std::vector<double>& epoch_loss) {
    const size_t size = epoch_loss.size();
    // Only the losses since the start count towards the lowest (a restored history's do not).
    if (losses_seen_ == size_t(-1) || losses_seen_ > size) losses_seen_ = size > 0 ? size - 1 : 0;
    for (; losses_seen_ < size; ++losses_seen_) {
        const double loss = epoch_loss[losses_seen_];
        if (std::isfinite(loss) && loss < lowest_loss_) {
            lowest_loss_ = loss;
            lowest_loss_epoch_ = long(losses_seen_) + 1;
            // The latest epoch's loss is of the weights at its start.
            if (losses_seen_ + 1 == size) {
                good_parameters_ = epoch_start_parameters_;
                good_epoch_ = epoch_start_;
            }
        }
    }
    bool frozen = size >= size_t(kFrozenEpochs);
    if (frozen) {
        const double latest = epoch_loss.back();
        const double tolerance = kFrozenTolerance * std::max(1.0, std::abs(latest));
        for (size_t k = size - size_t(kFrozenEpochs); k < size && frozen; ++k)
            frozen = std::isfinite(epoch_loss[k]) && std::abs(epoch_loss[k] - latest) <= tolerance;
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

std::optional<std::string> CollapseDetector::verdict(const std::vector<double>& epoch_loss,
                                                     double train_accuracy, int classes,
                                                     const std::string& optimizer) const {
    if (epoch_loss.empty()) return std::nullopt;
    const double loss = epoch_loss.back();
    const bool stuck = std::isfinite(lowest_loss_) && loss > kStuckRatio * lowest_loss_;
    const bool below = below_chance(train_accuracy, classes);
    if (!stuck && !below) return std::nullopt;
    std::ostringstream out;
    out << "Training collapsed at epoch " << epoch_loss.size() << ": the loss has stayed at "
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
