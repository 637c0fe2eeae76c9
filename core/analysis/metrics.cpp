#include "analysis/metrics.h"

#include <cmath>

namespace moelab {

double accuracy(const Eigen::MatrixXd& class_probabilities, std::span<const int> labels) {
    if (labels.empty()) return std::nan("");
    long correct = 0;
    for (Eigen::Index b = 0; b < class_probabilities.rows(); ++b) {
        Eigen::Index predicted = 0;
        class_probabilities.row(b).maxCoeff(&predicted);
        correct += predicted == labels[b];
    }
    return double(correct) / double(labels.size());
}

void gate_statistics(const Eigen::MatrixXd& p, std::span<const int> labels, int classes,
                     EpochMetrics& metrics) {
    const Eigen::Index cases = p.rows(), experts = p.cols();
    metrics.utilisation.assign(experts, 0.0);
    metrics.top_share.assign(experts, 0.0);
    metrics.responsibility = Eigen::MatrixXd::Zero(classes, experts);
    Eigen::VectorXd class_count = Eigen::VectorXd::Zero(classes);
    double entropy = 0;
    for (Eigen::Index b = 0; b < cases; ++b) {
        Eigen::Index top = 0;
        p.row(b).maxCoeff(&top);
        metrics.top_share[top] += 1;
        for (Eigen::Index i = 0; i < experts; ++i) {
            const double pi = p(b, i);
            metrics.utilisation[i] += pi;
            if (pi > 0) entropy -= pi * std::log(pi);
        }
        metrics.responsibility.row(labels[b]) += p.row(b);
        class_count[labels[b]] += 1;
    }
    const double n = cases > 0 ? double(cases) : 1.0;
    metrics.gate_entropy = entropy / n;
    metrics.active_experts = 0;
    for (Eigen::Index i = 0; i < experts; ++i) {
        metrics.utilisation[i] /= n;
        metrics.top_share[i] /= n;
        metrics.active_experts += metrics.utilisation[i] >= 0.01;
    }
    for (int c = 0; c < classes; ++c)
        if (class_count[c] > 0) metrics.responsibility.row(c) /= class_count[c];
}

}  // namespace moelab
