#include "data/regression_data.h"

#include <cmath>
#include <numbers>
#include <random>

#include "errors.h"

namespace moelab {

namespace {

double target_function(std::string_view name, double x) {
    if (name == "piecewise-linear") return std::abs(x);
    if (name == "sine") return std::sin(std::numbers::pi * x);
    return x < 0 ? 0.0 : 1.0;  // step
}

}  // namespace

bool is_regression_set(std::string_view name) {
    return name == "piecewise-linear" || name == "sine" || name == "step";
}

Dataset generate_regression(std::string_view name, int cases, double noise, std::uint64_t seed) {
    if (!is_regression_set(name))
        throw DatasetError("Unknown regression set '" + std::string(name) +
                           "'; the regression sets are piecewise-linear, sine and step.");
    if (cases < 2)
        throw ConfigError("A regression set needs at least 2 cases, not " + std::to_string(cases) +
                          ".");
    if (!(noise >= 0))
        throw ConfigError("The noise of a regression set must be 0 or more, not " +
                          std::to_string(noise) + ".");
    Dataset dataset;
    dataset.name = std::string(name);
    dataset.features.resize(cases, 1);
    dataset.targets.resize(static_cast<size_t>(cases));
    dataset.labels.assign(static_cast<size_t>(cases), 0);
    dataset.class_names = {"y"};
    dataset.feature_names = {"x"};
    // Our own uniform mapping and Box-Muller: identical on every platform and library version.
    std::mt19937_64 rng(seed ^ 0x7265677265737369ULL);
    auto uniform = [&rng]() { return double(rng() >> 11) * (1.0 / 9007199254740992.0); };
    auto gaussian = [&]() {
        const double u1 = 1.0 - uniform();  // in (0, 1]
        return std::sqrt(-2.0 * std::log(u1)) * std::cos(2.0 * std::numbers::pi * uniform());
    };
    for (int c = 0; c < cases; ++c) {
        const double x = 2.0 * uniform() - 1.0;
        dataset.features(c, 0) = float(x);
        dataset.targets[size_t(c)] = target_function(name, double(float(x))) + noise * gaussian();
    }
    return dataset;
}

}  // namespace moelab
