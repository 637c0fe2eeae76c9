#pragma once
// Two-dimensional toy datasets generated from a seed, and the random numbers behind them and behind
// the stratified split.
#include <cstdint>
#include <random>
#include <string_view>

#include "data/dataset.h"

namespace moelab {

// std::mt19937_64 is specified bit for bit by the standard, but std::uniform_real_distribution and
// std::normal_distribution are not, so a seed would give different data on another standard
// library. These transforms are ours, so a seed gives the same numbers everywhere.
class DeterministicRandom {
  public:
    explicit DeterministicRandom(std::uint64_t seed) : engine_(seed) {}

    double uniform();  // [0, 1), 53 random bits
    double uniform(double low, double high);
    double normal();                           // standard normal (Box-Muller, one value per call)
    std::uint64_t below(std::uint64_t bound);  // [0, bound), unbiased; bound > 0

  private:
    std::mt19937_64 engine_;
};

// The names of the generators, for the registry.
bool is_synthetic_dataset(std::string_view name);

// Generates `size` cases (split as evenly as possible between the classes, which alternate in
// dataset order) with isotropic Gaussian jitter of standard deviation `noise` added to each
// coordinate; the clean shapes lie within about [-1, 1]^2. Features are "x1", "x2". The split is
// not assigned. Throws DatasetError for an unknown name or a size below 2 cases per class.
Dataset generate_synthetic(std::string_view name, int size, double noise, std::uint64_t seed);

}  // namespace moelab
