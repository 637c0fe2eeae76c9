#pragma once
// What the trainer reports: the training loss of every epoch, and full metrics (accuracies and
// how the gate spreads the cases over the experts) at the epochs a schedule picks.
#include <Eigen/Core>
#include <limits>
#include <span>
#include <vector>

#include "analysis/noise_flips.h"
#include "model/forward_backward.h"

namespace moelab {

struct EpochMetrics {
    long epoch = 0;
    double loss = 0;            // the objective on the whole training set, after the epoch
    double train_accuracy = 0;  // fraction in [0, 1]
    // Mean over training cases of eq. 1's |d - o|^2: the one-hot target against the mixture's
    // output o = sum_i p_i o_i, summed over the outputs (the error criterion of Table 1).
    double train_squared_error = 0;
    double test_accuracy = 0;         // NaN when there is no test split
    double gate_entropy = 0;          // mean over training cases of -sum_i p_i log p_i (nats)
    std::vector<double> utilisation;  // per expert: mean gate probability over training cases
    std::vector<double> top_share;    // per expert: share of training cases it is the top choice
    Eigen::MatrixXd responsibility;   // classes x experts: mean gate weight p_i over each class
    int active_experts = 0;           // experts with mean gate probability >= 1%
    double seconds = 0;               // wall time spent training so far

    // How the gate divides the classes (training cases, each counted for its top choice):
    Eigen::MatrixXd routing;  // classes x experts: cases of class c whose top choice is expert i
    double expert_given_class_entropy = 0;  // H(E | Y) in bits: 0 when each class has one expert
    double class_given_expert_entropy = 0;  // H(Y | E) in bits: 0 when each expert has one class
    double expert_class_information = 0;    // I(E; Y) = H(E) - H(E | Y), bits
    int dead_experts = 0;                   // experts with mean gate probability below 1%
    long dropped_cases = 0;                 // training cases an expert at its capacity turned away
    // The dataset rows of those cases (the app marks them on the plane); may be empty when only
    // the count is known.
    std::vector<int> dropped_rows;
    double balance_loss = 0;  // N sum_i f_i P_i (Switch Transformer), f from `routing`
    // Per expert: the training rows (of the dataset) it weighs most, strongest first.
    std::vector<std::vector<int>> strongest_cases;

    // Entanglement (issue 9): is each expert a classifier on its own where the gate trusts it?
    // Per expert: the accuracy of that expert alone (argmax of o_i) on the training cases whose
    // top choice it is; NaN when it is no case's top choice.
    std::vector<double> own_accuracy;
    // The gate's top expert alone on every training case (NaN when not evaluated). Under eq. 1
    // the experts learn each other's residuals, so this falls well below the mixture's accuracy;
    // under eq. 2 and 3 each expert gives a whole answer and the two stay close.
    double top_expert_accuracy = std::numeric_limits<double>::quiet_NaN();
    // The mixture's training accuracy minus the top expert's alone.
    double top_expert_gap() const { return train_accuracy - top_expert_accuracy; }
    // A noisy gate (a model with a noise layer): the share of training cases whose first choice,
    // and whose set of K experts, the noise of training changes (analysis/noise_flips.h, each
    // case its own draw, keyed by flip_noise_key(seed)). NaN without a noise layer.
    double noise_first_choice_flips = std::numeric_limits<double>::quiet_NaN();
    double noise_routed_set_flips = std::numeric_limits<double>::quiet_NaN();
};

// How many cases per expert strongest_cases keeps.
inline constexpr int kStrongestCases = 12;

// Sums over some cases that add up across chunks of a dataset (merged in a fixed order, so the
// result does not depend on how many threads evaluated the chunks).
struct MetricsSums {
    long cases = 0;
    long correct = 0;
    double loss = 0;                    // sum of the main loss over the cases
    double squared_error = 0;           // sum over the cases of |d - o|^2 (eq. 1's error)
    double entropy = 0;                 // sum of the gate's entropy
    Eigen::VectorXd probability;        // N: sum of p_i
    Eigen::VectorXd top;                // N: cases whose top choice is i
    Eigen::VectorXd top_correct;        // N: of those, the cases expert i alone gets right
    Eigen::MatrixXd class_probability;  // C x N: sum of p_i over the cases of class c
    Eigen::MatrixXd class_top;          // C x N: cases of class c whose top choice is i
    Eigen::VectorXd class_cases;        // C
    Eigen::VectorXd batch_statistics;   // the objective's batch-term statistics (double)
    long dropped = 0;                   // cases turned away by an expert at capacity
    // Per expert: (gate probability, dataset row) of the cases it weighs most, strongest first
    // (ties: the lower row).
    std::vector<std::vector<std::pair<double, int>>> strongest;
    NoiseFlips noise_flips;  // counted by the evaluation when the model has a noise layer

    // Adds the cases of a forward pass whose losses the objective has computed; `rows` are their
    // rows in the dataset.
    template <typename Scalar>
    void add(const ForwardBackward<Scalar>& pass, std::span<const int> labels,
             std::span<const int> rows, bool gate_statistics);
    void merge(const MetricsSums& other);
};

// The fraction of rows whose argmax is the label.
template <typename Scalar>
double accuracy(const Matrix<Scalar>& class_probabilities, std::span<const int> labels);

// The gate statistics of `metrics` (entropy, utilisation, top share, responsibility, active
// experts) from the sums over the training cases.
void fill_gate_statistics(const MetricsSums& sums, int classes, EpochMetrics& metrics);

}  // namespace moelab
