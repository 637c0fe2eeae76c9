#pragma once
// A labelled table of numeric features, its train/test split and the standardisation fitted on the
// training split only.
#include <Eigen/Core>
#include <cstdint>
#include <string>
#include <vector>

namespace moelab {

// Cases x features in raw units, one contiguous row per case: a shuffled mini-batch gathers whole
// rows. float32, the precision of training and drawing; Fashion-MNIST's 70000 x 784 is 0.22 GB.
using FeatureMatrix = Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;

// The largest magnitude a feature may have: float's range, with room for standardising.
inline constexpr double kLargestFeature = 1e37;

struct Dataset {
    std::string name;
    std::string description;
    FeatureMatrix features;   // N x D, raw units (Hz for the vowels)
    std::vector<int> labels;  // N, each in [0, class_names.size()); all 0 for a regression set
    // N real-valued targets y for a regression set (1-D function fitting, training/regression_*);
    // empty for a labelled (classification) set.
    std::vector<double> targets;
    std::vector<std::string> class_names;
    std::vector<std::string>
        class_symbols;  // short symbols for plots ("i", "I", "a", "A"); may be empty
    std::vector<std::string> feature_names;  // D, with units where known ("F1 (Hz)")
    std::vector<int> groups;                 // N group ids (speaker), or empty
    std::vector<bool> is_test;               // N: the deterministic split; empty until split
    // Things the loader noticed that do not stop it (a header that looks like data); whoever
    // loads the data shows them.
    std::vector<std::string> warnings;

    int size() const { return static_cast<int>(labels.size()); }
    int dimensions() const { return static_cast<int>(features.cols()); }
    int classes() const { return static_cast<int>(class_names.size()); }
    bool regression() const { return !targets.empty(); }
};

// Mean and standard deviation per feature, fitted on training cases only and stored with the model.
struct Standardization {
    Eigen::VectorXd mean;
    Eigen::VectorXd std;  // a constant feature gets std 1

    // Fitted on the given rows of `features` (computed in double).
    static Standardization fit(const FeatureMatrix& features, const std::vector<int>& rows);
    static Standardization fit(const FeatureMatrix& features);  // every row
    // (x - mean) / std for raw values (one case per row), in double.
    Eigen::MatrixXd apply(const Eigen::MatrixXd& raw) const;
};

// Which rows of a dataset are training and test cases, their labels, and the standardisation
// fitted on the training rows. The standardised values are not stored: batches are gathered and
// standardised as they are needed (training/batch.h), so a dataset is held in memory once.
struct Split {
    std::vector<int> train_y, test_y;
    std::vector<int> train_index, test_index;  // rows of the dataset
    Standardization standardization;
};

// Deterministic split: by group where groups exist (the dataset's own is_test), else a seeded
// stratified shuffle holding out `test_fraction` of each class.
void assign_split(Dataset& dataset, double test_fraction, std::uint64_t seed);
Split make_split(const Dataset& dataset);

}  // namespace moelab
