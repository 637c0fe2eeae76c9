#pragma once
// What the trainer reports after each epoch.
#include <Eigen/Core>
#include <span>
#include <vector>

namespace moelab {

struct EpochMetrics {
    long epoch = 0;
    double loss = 0;                  // mean training loss (the configured loss) after the epoch
    double train_accuracy = 0;        // fraction in [0, 1]
    double test_accuracy = 0;         // NaN when there is no test split
    double gate_entropy = 0;          // mean over training cases of -sum_i p_i log p_i (nats)
    std::vector<double> utilisation;  // per expert: mean gate probability over training cases
    std::vector<double>
        top_share;  // per expert: share of training cases it is the gate's top choice
    Eigen::MatrixXd
        responsibility;      // classes x experts: mean gate weight p_i over the cases of a class
    int active_experts = 0;  // experts with mean gate probability >= 1%
    double seconds = 0;      // wall time spent training so far
};

// Fraction of rows whose argmax equals the label.
double accuracy(const Eigen::MatrixXd& class_probabilities, std::span<const int> labels);

// Fills the gate statistics of `metrics` from gate probabilities (B x N) and labels.
void gate_statistics(const Eigen::MatrixXd& gate_probabilities, std::span<const int> labels,
                     int classes, EpochMetrics& metrics);

}  // namespace moelab
