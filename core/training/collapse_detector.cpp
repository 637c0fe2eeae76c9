#include "training/collapse_detector.h"

#include <algorithm>
#include <cmath>
#include <iomanip>
#include <sstream>

namespace moelab {

bool CollapseDetector::loss_frozen(const std::vector<double>& epoch_loss) {
    const auto size = epoch_loss.size();
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

bool CollapseDetector::collapsed(double train_accuracy, int classes) {
    return classes > 1 && train_accuracy < 0.5 / double(classes);
}

std::string CollapseDetector::describe(long epoch, double train_accuracy, int classes, double loss,
                                       long restored_epoch, const std::string& optimizer) {
    std::ostringstream out;
    out << std::fixed << std::setprecision(1) << "Training collapsed at epoch " << epoch
        << ": the training accuracy fell to " << 100 * train_accuracy << " %, below chance ("
        << 100.0 / classes << " % for " << classes << " classes), and the loss has stayed at "
        << std::setprecision(6) << loss << " for " << kFrozenEpochs
        << " epochs: the outputs saturated, so no gradient flows. The weights of epoch "
        << restored_epoch << " were restored; try a lower learning rate"
        << (optimizer == "adam" ? std::string(".")
                                : ", or another optimizer (adam, now " + optimizer + ").");
    return out.str();
}

}  // namespace moelab
