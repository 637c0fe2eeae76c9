#pragma once
// A labelled table of numeric features, its train/test split and the standardisation fitted on the
// training split only.
#include <Eigen/Core>
#include <cstdint>
#include <string>
#include <vector>

namespace moelab {

using RowMatrix = Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic>;  // cases x features

struct Dataset {
    std::string name;
    std::string description;
    Eigen::MatrixXd features;  // N x D, raw units (Hz for the vowels)
    std::vector<int> labels;   // N, each in [0, class_names.size())
    std::vector<std::string> class_names;
    std::vector<std::string>
        class_symbols;  // short symbols for plots ("i", "I", "a", "A"); may be empty
    std::vector<std::string> feature_names;  // D, with units where known ("F1 (Hz)")
    std::vector<int> groups;                 // N group ids (speaker), or empty
    std::vector<bool> is_test;               // N: the deterministic split; empty until split

    int size() const { return static_cast<int>(labels.size()); }
    int dimensions() const { return static_cast<int>(features.cols()); }
    int classes() const { return static_cast<int>(class_names.size()); }
};

// Mean and standard deviation per feature, fitted on training cases only and stored with the model.
struct Standardization {
    Eigen::VectorXd mean;
    Eigen::VectorXd std;  // a constant feature gets std 1

    static Standardization fit(const Eigen::MatrixXd& features);
    Eigen::MatrixXd apply(const Eigen::MatrixXd& features) const;  // (x - mean) / std, row-wise
};

// The rows of one side of the split, standardised.
struct Split {
    Eigen::MatrixXd train_x, test_x;  // standardised
    std::vector<int> train_y, test_y;
    std::vector<int> train_index, test_index;  // rows of the dataset
    Standardization standardization;
};

// Deterministic split: by group where groups exist (the dataset's own is_test), else a seeded
// stratified shuffle holding out `test_fraction` of each class.
void assign_split(Dataset& dataset, double test_fraction, std::uint64_t seed);
Split make_split(const Dataset& dataset);

}  // namespace moelab
