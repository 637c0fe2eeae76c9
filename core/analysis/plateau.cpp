#include "analysis/plateau.h"

#include <algorithm>
#include <cmath>

namespace moelab {

std::optional<Plateau> find_plateau(std::span<const AccuracyPoint> history,
                                    const PlateauRule& rule) {
    double best = -1;
    long last_epoch = 0;
    bool any = false;
    for (const AccuracyPoint& point : history) {
        if (!std::isfinite(point.accuracy)) continue;
        if (point.accuracy > best) best = point.accuracy;
        last_epoch = point.epoch;
        any = true;
    }
    if (!any || best >= rule.good_accuracy) return std::nullopt;
    // The first epoch within tolerance of the best: everything after it stayed below best, so
    // nothing has improved by more than the tolerance since.
    long since = last_epoch;
    for (const AccuracyPoint& point : history) {
        if (std::isfinite(point.accuracy) && point.accuracy >= best - rule.tolerance) {
            since = point.epoch;
            break;
        }
    }
    const long epochs = last_epoch - since;
    if (epochs < rule.epochs) return std::nullopt;
    return Plateau{best, since, epochs};
}

double halfway_from_chance(int classes) {
    const double chance = 1.0 / std::max(2, classes);  // one class (or none): as for two
    return chance + 0.5 * (1.0 - chance);
}

bool has_linear_experts(const Config& config) {
    for (const int width : config.expert_hidden)
        if (width > 0) return false;
    return true;
}

}  // namespace moelab
