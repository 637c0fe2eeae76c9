#pragma once
// Generated 1-D regression sets: y = f(x) + Gaussian noise, the function fitting in which each
// linear expert can fit one local line and the gate split the axis (the setting of the Gaussian
// forms of the paper's eq. 1 to 3).
#include <cstdint>
#include <string>
#include <string_view>

#include "data/dataset.h"

namespace moelab {

// The names generate_regression() knows: "piecewise-linear", "sine", "step".
bool is_regression_set(std::string_view name);

// `cases` points with x uniform in [-1, 1] and y = f(x) + noise * N(0, 1), from `seed`:
//   piecewise-linear  f(x) = |x|             (two pieces, a kink at 0)
//   sine              f(x) = sin(pi x)       (one period: three nearly linear pieces)
//   step              f(x) = 0 for x < 0, 1 for x >= 0
// Throws DatasetError for another name, ConfigError for cases < 2 or noise < 0.
Dataset generate_regression(std::string_view name, int cases, double noise, std::uint64_t seed);

}  // namespace moelab
