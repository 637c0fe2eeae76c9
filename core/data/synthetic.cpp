#include "data/synthetic.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <numbers>
#include <string>

#include "errors.h"

namespace moelab {

double DeterministicRandom::uniform() {
    // The top 53 bits fill a double's mantissa exactly, so every value is a multiple of 2^-53.
    return static_cast<double>(engine_() >> 11) * 0x1.0p-53;
}

double DeterministicRandom::uniform(double low, double high) {
    return low + (high - low) * uniform();
}

double DeterministicRandom::normal() {
    // 1 - uniform() lies in (0, 1], so the logarithm stays finite.
    const double radius = std::sqrt(-2.0 * std::log(1.0 - uniform()));
    return radius * std::cos(2.0 * std::numbers::pi * uniform());
}

std::uint64_t DeterministicRandom::below(std::uint64_t bound) {
    // Rejecting the top partial block of the 2^64 outputs removes the modulo bias.
    const std::uint64_t limit = bound * (~std::uint64_t{0} / bound);
    std::uint64_t value = engine_();
    while (value >= limit) value = engine_();
    return value % bound;
}

namespace {

using Point = Eigen::Vector2d;

// index_in_class runs 0..class_size-1; generators that trace a curve use it to space cases evenly.
using Generator = Point (*)(DeterministicRandom& random, int label, int index_in_class,
                            int class_size);

Point blobs(DeterministicRandom& random, int label, int, int) {
    const double centre = label == 0 ? -0.5 : 0.5;
    return {centre + 0.15 * random.normal(), centre + 0.15 * random.normal()};
}

Point exclusive_or(DeterministicRandom& random, int label, int, int) {
    // A margin of 0.05 around the axes keeps the clean classes apart.
    const double sign = random.below(2) == 0 ? 1.0 : -1.0;
    const double x1 = sign * random.uniform(0.05, 1.0);
    const double x2 = sign * random.uniform(0.05, 1.0);
    return {x1, label == 0 ? x2 : -x2};
}

Point circles(DeterministicRandom& random, int label, int, int) {
    const double angle = random.uniform(0.0, 2.0 * std::numbers::pi);
    // The square root makes the inner disc uniformly dense rather than crowded at the centre.
    const double radius =
        label == 0 ? 0.45 * std::sqrt(random.uniform()) : random.uniform(0.65, 0.95);
    return {radius * std::cos(angle), radius * std::sin(angle)};
}

Point moons(DeterministicRandom& random, int label, int, int) {
    const double t = random.uniform(0.0, std::numbers::pi);
    const Point raw =
        label == 0 ? Point(std::cos(t), std::sin(t)) : Point(1.0 - std::cos(t), 0.5 - std::sin(t));
    // The two half circles span x in [-1, 2], y in [-0.5, 1]; centre and shrink them into [-1, 1].
    return 0.6 * (raw - Point(0.5, 0.25));
}

Point spiral(DeterministicRandom&, int label, int index_in_class, int class_size) {
    const double along = (index_in_class + 0.5) / class_size;
    const double radius = 0.05 + 0.9 * along;
    const double angle = 1.75 * 2.0 * std::numbers::pi * along + label * std::numbers::pi;
    return {radius * std::sin(angle), radius * std::cos(angle)};
}

Point checkerboard(DeterministicRandom& random, int label, int, int) {
    // Cell (column, row) of the 4 x 4 board has colour (column + row) mod 2; pick one of the 8
    // cells of this label's colour, then a point inside it.
    const int column = static_cast<int>(random.below(4));
    const int row = 2 * static_cast<int>(random.below(2)) + (label + column) % 2;
    return {-1.0 + 0.5 * (column + random.uniform()), -1.0 + 0.5 * (row + random.uniform())};
}

Point two_vowels(DeterministicRandom& random, int label, int index_in_class, int) {
    // Two sub-regions, each holding one elongated Gaussian of each class side by side. In the left
    // region class 0 lies above class 1 (a horizontal line separates them); in the right region the
    // pair is tilted and class 0 lies below-right of class 1. The segments joining each class's two
    // means cross, so no single line separates the classes, while one line per region does: the
    // situation in which a gate that assigns each region to its own linear expert wins.
    struct Region {
        Point centre, long_axis, normal;
    };
    static const std::array<Region, 2> regions{{
        {{-0.55, 0.0}, {1.0, 0.0}, {0.0, 1.0}},
        {{0.55, 0.0}, {0.8, 0.6}, {0.6, -0.8}},
    }};
    const Region& region = regions[static_cast<std::size_t>(index_in_class % 2)];
    const double side = label == 0 ? 0.25 : -0.25;
    return region.centre + side * region.normal + 0.18 * random.normal() * region.long_axis +
           0.05 * random.normal() * region.normal;
}

struct SyntheticSet {
    std::string_view name;
    Generator generate;
};

constexpr std::array<SyntheticSet, 7> synthetic_sets{{
    {"blobs", blobs},
    {"xor", exclusive_or},
    {"circles", circles},
    {"moons", moons},
    {"spiral", spiral},
    {"checkerboard", checkerboard},
    {"two-vowels", two_vowels},
}};

}  // namespace

bool is_synthetic_dataset(std::string_view name) {
    return std::any_of(synthetic_sets.begin(), synthetic_sets.end(),
                       [&](const SyntheticSet& set) { return set.name == name; });
}

Dataset generate_synthetic(std::string_view name, int size, double noise, std::uint64_t seed) {
    const auto set = std::find_if(synthetic_sets.begin(), synthetic_sets.end(),
                                  [&](const SyntheticSet& s) { return s.name == name; });
    if (set == synthetic_sets.end())
        throw DatasetError("Unknown synthetic dataset '" + std::string(name) + "'.");
    constexpr int class_count = 2;
    if (size < 2 * class_count)
        throw DatasetError("The synthetic dataset '" + std::string(name) + "' needs at least " +
                           std::to_string(2 * class_count) + " cases (2 per class), got " +
                           std::to_string(size) + ".");
    if (!(noise >= 0.0) || !std::isfinite(noise))
        throw DatasetError("The noise level must be a finite number not below 0.");

    Dataset dataset;
    dataset.name = std::string(name);
    dataset.features.resize(size, 2);
    dataset.labels.resize(static_cast<std::size_t>(size));
    dataset.class_names = {"class 0", "class 1"};
    dataset.class_symbols = {"0", "1"};
    dataset.feature_names = {"x1", "x2"};

    DeterministicRandom random(seed);
    for (int i = 0; i < size; ++i) {
        const int label = i % class_count;
        const int class_size = size / class_count + (label < size % class_count ? 1 : 0);
        Point point = set->generate(random, label, i / class_count, class_size);
        point.x() += noise * random.normal();
        point.y() += noise * random.normal();
        dataset.features.row(i) = point.transpose().cast<float>();
        dataset.labels[static_cast<std::size_t>(i)] = label;
    }
    return dataset;
}

}  // namespace moelab
