#include "analysis/plateau.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <vector>

namespace moelab {

std::optional<Plateau> find_plateau(std::span<const AccuracyPoint> history,
                                    const PlateauRule& rule) {
    std::vector<AccuracyPoint> points;
    points.reserve(history.size());
    for (const AccuracyPoint& point : history)
        if (std::isfinite(point.accuracy)) points.push_back(point);
    if (points.empty()) return std::nullopt;
    // best_after[i]: the best accuracy after point i (-inf after the last).
    std::vector<double> best_after(points.size(), -std::numeric_limits<double>::infinity());
    for (size_t i = points.size() - 1; i > 0; --i)
        best_after[i - 1] = std::max(best_after[i], points[i].accuracy);
    // The plateau starts at the first point after which nothing beat the best so far by more
    // than the tolerance: a wobble of the curve neither ends it nor starts it again.
    double best_so_far = -std::numeric_limits<double>::infinity();
    for (size_t i = 0; i < points.size(); ++i) {
        best_so_far = std::max(best_so_far, points[i].accuracy);
        if (best_after[i] > best_so_far + rule.tolerance) continue;
        const double best = std::max(best_so_far, best_after[i]);
        const long epochs = points.back().epoch - points[i].epoch;
        if (best >= rule.good_accuracy || epochs < rule.epochs) return std::nullopt;
        return Plateau{best, points[i].epoch, epochs};
    }
    return std::nullopt;  // not reached: the last point always qualifies
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
