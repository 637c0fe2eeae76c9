#include "data/dataset.h"

#include <algorithm>
#include <cmath>
#include <set>
#include <sstream>
#include <string>

#include "data/synthetic.h"
#include "errors.h"

namespace moelab {

namespace {

// The split's random stream must not replay the stream that generated a synthetic set from the same
// seed, so the seed is scrambled first (the SplitMix64 finaliser).
std::uint64_t split_seed(std::uint64_t seed) {
    std::uint64_t z = seed + 0x9E3779B97F4A7C15ull;
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

template <typename T>
void shuffle(std::vector<T>& items, DeterministicRandom& random) {
    for (std::size_t i = items.size(); i > 1; --i) std::swap(items[i - 1], items[random.below(i)]);
}

// At least one case on each side whenever the class (or group list) has two and a test side is
// wanted, so every class can be both learned and measured.
std::size_t held_out_count(std::size_t count, double test_fraction) {
    if (count < 2 || test_fraction <= 0.0) return 0;
    const auto rounded =
        static_cast<std::size_t>(std::lround(test_fraction * static_cast<double>(count)));
    return std::clamp<std::size_t>(rounded, 1, count - 1);
}

void check_consistent(const Dataset& dataset) {
    const std::string name = dataset.name.empty() ? "The dataset" : "The dataset " + dataset.name;
    if (dataset.features.rows() != dataset.size())
        throw DatasetError(name + " has " + std::to_string(dataset.features.rows()) +
                           " feature rows but " + std::to_string(dataset.size()) + " labels.");
    for (int label : dataset.labels)
        if (label < 0 || label >= dataset.classes())
            throw DatasetError(name + " has the label " + std::to_string(label) + " but only " +
                               std::to_string(dataset.classes()) + " classes.");
    if (!dataset.targets.empty() && static_cast<int>(dataset.targets.size()) != dataset.size())
        throw DatasetError(name + " has " + std::to_string(dataset.targets.size()) +
                           " regression targets for " + std::to_string(dataset.size()) + " cases.");
    if (!dataset.groups.empty() && static_cast<int>(dataset.groups.size()) != dataset.size())
        throw DatasetError(name + " has " + std::to_string(dataset.groups.size()) +
                           " group ids for " + std::to_string(dataset.size()) + " cases.");
}

}  // namespace

Standardization Standardization::fit(const FeatureMatrix& features, const std::vector<int>& rows) {
    const Eigen::Index dimensions = features.cols();
    Standardization result;
    result.mean = Eigen::VectorXd::Zero(dimensions);
    result.std = Eigen::VectorXd::Ones(dimensions);
    if (rows.empty()) return result;
    // Each feature is first divided by the power of two at or above its largest magnitude, so the
    // sums and squares below stay near 1 whatever the units (squares of values near float's
    // largest would overflow in float); mean and deviation are scaled back at the end. Powers of
    // two scale exactly: for ordinary data the statistics are bit for bit those of the plain sums.
    Eigen::VectorXd scale = Eigen::VectorXd::Zero(dimensions);
    for (int row : rows)
        scale = scale.cwiseMax(features.row(row).transpose().cast<double>().cwiseAbs());
    for (Eigen::Index d = 0; d < dimensions; ++d) {
        int exponent = 0;
        std::frexp(scale(d), &exponent);
        scale(d) = scale(d) > 0 ? std::ldexp(1.0, exponent) : 1.0;
    }
    const Eigen::VectorXd inverse = scale.cwiseInverse();
    // Two passes in double over rows of float: mean, then the population deviation (the statistics
    // describe these cases, they do not estimate anything).
    Eigen::VectorXd mean = Eigen::VectorXd::Zero(dimensions);
    for (int row : rows) mean += features.row(row).transpose().cast<double>().cwiseProduct(inverse);
    mean /= double(rows.size());
    Eigen::VectorXd squares = Eigen::VectorXd::Zero(dimensions);
    for (int row : rows)
        squares +=
            (features.row(row).transpose().cast<double>().cwiseProduct(inverse) - mean).cwiseAbs2();
    const Eigen::VectorXd deviation = (squares / double(rows.size())).cwiseSqrt();
    result.mean = mean.cwiseProduct(scale);
    result.std = deviation.cwiseProduct(scale);
    for (Eigen::Index d = 0; d < dimensions; ++d) {
        // A constant feature (a Fashion-MNIST corner pixel) carries no information; dividing by 1
        // leaves it at 0 instead of producing NaN. One that is constant but for rounding (a value
        // near 1e37 in float's coarse steps there) is divided by its scale, which leaves it near 0
        // instead of amplifying the rounding noise. The test is relative, so it holds in any units.
        if (deviation(d) == 0)
            result.std(d) = 1.0;
        else if (!(deviation(d) > 1e-6))
            result.std(d) = scale(d);
    }
    return result;
}

Standardization Standardization::fit(const FeatureMatrix& features) {
    std::vector<int> rows(static_cast<std::size_t>(features.rows()));
    for (std::size_t i = 0; i < rows.size(); ++i) rows[i] = static_cast<int>(i);
    return fit(features, rows);
}

Eigen::MatrixXd Standardization::apply(const Eigen::MatrixXd& raw) const {
    if (raw.cols() != mean.size())
        throw DatasetError("The standardisation was fitted on " + std::to_string(mean.size()) +
                           " features but is applied to " + std::to_string(raw.cols()) + ".");
    return ((raw.rowwise() - mean.transpose()).array().rowwise() / std.transpose().array())
        .matrix();
}

void assign_split(Dataset& dataset, double test_fraction, std::uint64_t seed) {
    if (!(test_fraction >= 0.0 && test_fraction < 1.0))
        throw ConfigError("The test fraction must be in [0, 1), got " +
                          std::to_string(test_fraction) + ".");
    check_consistent(dataset);
    const auto cases = static_cast<std::size_t>(dataset.size());
    DeterministicRandom random(split_seed(seed));

    if (!dataset.groups.empty()) {
        // A dataset with groups (speakers) brings its own split, which keeps a group on one side.
        if (dataset.is_test.size() == cases) return;
        // Without one, hold out a seeded share of whole groups.
        const std::set<int> distinct(dataset.groups.begin(), dataset.groups.end());
        std::vector<int> groups(distinct.begin(), distinct.end());
        shuffle(groups, random);
        const std::set<int> test_groups(
            groups.begin(), groups.begin() + static_cast<std::ptrdiff_t>(
                                                 held_out_count(groups.size(), test_fraction)));
        dataset.is_test.assign(cases, false);
        for (std::size_t i = 0; i < cases; ++i)
            dataset.is_test[i] = test_groups.contains(dataset.groups[i]);
        return;
    }

    // Stratified: the same share of every class is held out, so a rare class is not lost to the
    // test side by chance.
    dataset.is_test.assign(cases, false);
    for (int label = 0; label < dataset.classes(); ++label) {
        std::vector<std::size_t> members;
        for (std::size_t i = 0; i < cases; ++i)
            if (dataset.labels[i] == label) members.push_back(i);
        shuffle(members, random);
        const std::size_t held_out = held_out_count(members.size(), test_fraction);
        for (std::size_t k = 0; k < held_out; ++k) dataset.is_test[members[k]] = true;
    }
}

Split make_split(const Dataset& dataset) {
    check_consistent(dataset);
    if (dataset.is_test.size() != static_cast<std::size_t>(dataset.size()))
        throw DatasetError("The dataset " + dataset.name +
                           " has no train/test split yet; call assign_split first.");
    Split split;
    for (int i = 0; i < dataset.size(); ++i) {
        const bool test = dataset.is_test[static_cast<std::size_t>(i)];
        (test ? split.test_index : split.train_index).push_back(i);
        (test ? split.test_y : split.train_y)
            .push_back(dataset.labels[static_cast<std::size_t>(i)]);
    }
    if (split.train_index.empty())
        throw DatasetError("The dataset " + dataset.name + " has no training cases.");

    // Training and drawing run in float: a value beyond kLargestFeature (or not finite) would
    // overflow there, however it was standardised. The CSV loader refuses such values with their
    // line; data made in memory is checked here.
    const FeatureMatrix& features = dataset.features;
    for (Eigen::Index row = 0; row < features.rows(); ++row)
        for (Eigen::Index d = 0; d < features.cols(); ++d) {
            const double value = features(row, d);
            if (std::isfinite(value) && std::abs(value) <= kLargestFeature) continue;
            const std::string feature = size_t(d) < dataset.feature_names.size()
                                            ? "\"" + dataset.feature_names[size_t(d)] + "\""
                                            : std::to_string(d + 1);
            std::ostringstream shown;
            shown << value;
            throw DatasetError("The dataset " + dataset.name + " has the value " + shown.str() +
                               " in case " + std::to_string(row + 1) + ", feature " + feature +
                               "; MoE Lab trains on finite values of magnitude up to 1e37.");
        }

    // Fitted on the training cases only, so nothing about the test cases leaks into training.
    split.standardization = Standardization::fit(dataset.features, split.train_index);
    return split;
}

}  // namespace moelab
