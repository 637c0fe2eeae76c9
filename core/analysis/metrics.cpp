#include "analysis/metrics.h"

#include <cmath>

namespace moelab {

template <typename Scalar>
double accuracy(const Matrix<Scalar>& class_probabilities, std::span<const int> labels) {
    if (labels.empty()) return std::nan("");
    long correct = 0;
    for (Eigen::Index b = 0; b < class_probabilities.rows(); ++b) {
        Eigen::Index predicted = 0;
        class_probabilities.row(b).maxCoeff(&predicted);
        correct += predicted == labels[size_t(b)];
    }
    return double(correct) / double(labels.size());
}

template <typename Scalar>
void MetricsSums::add(const ForwardBackward<Scalar>& pass, std::span<const int> labels,
                      bool gate_statistics) {
    const Eigen::Index B = pass.cases();
    const int N = pass.experts(), C = pass.classes();
    if (probability.size() != N) {
        probability = Eigen::VectorXd::Zero(N);
        top = Eigen::VectorXd::Zero(N);
        class_probability = Eigen::MatrixXd::Zero(C, N);
        class_cases = Eigen::VectorXd::Zero(C);
    }
    cases += B;
    loss += double(pass.case_losses().sum());
    // The mixture's prediction: argmax_c sum_i p_i o_ic.
    const Matrix<Scalar>& p = pass.gate_probabilities();
    const Matrix<Scalar>& o = pass.expert_probabilities();
    for (Eigen::Index b = 0; b < B; ++b) {
        int best = 0;
        Scalar best_value = -1;
        for (int c = 0; c < C; ++c) {
            Scalar y = 0;
            for (int i = 0; i < N; ++i) y += p(b, i) * o(b, i * C + c);
            if (y > best_value) {
                best_value = y;
                best = c;
            }
        }
        correct += best == labels[size_t(b)];
    }
    if (!gate_statistics) return;
    for (Eigen::Index b = 0; b < B; ++b) {
        int best = 0;
        for (int i = 0; i < N; ++i) {
            const double pi = double(p(b, i));
            if (pi > double(p(b, best))) best = i;
            probability[i] += pi;
            if (pi > 0) entropy -= pi * std::log(pi);
            class_probability(labels[size_t(b)], i) += pi;
        }
        top[best] += 1;
        class_cases[labels[size_t(b)]] += 1;
    }
}

void MetricsSums::merge(const MetricsSums& other) {
    if (other.cases == 0) return;
    if (cases == 0 && probability.size() == 0) {
        *this = other;
        return;
    }
    cases += other.cases;
    correct += other.correct;
    loss += other.loss;
    entropy += other.entropy;
    if (other.probability.size() == probability.size()) {
        probability += other.probability;
        top += other.top;
        class_probability += other.class_probability;
        class_cases += other.class_cases;
    }
    if (other.batch_statistics.size() == batch_statistics.size())
        batch_statistics += other.batch_statistics;
}

void fill_gate_statistics(const MetricsSums& sums, int classes, EpochMetrics& metrics) {
    const Eigen::Index experts = sums.probability.size();
    const double n = sums.cases > 0 ? double(sums.cases) : 1.0;
    metrics.gate_entropy = sums.entropy / n;
    metrics.utilisation.assign(size_t(experts), 0.0);
    metrics.top_share.assign(size_t(experts), 0.0);
    metrics.active_experts = 0;
    for (Eigen::Index i = 0; i < experts; ++i) {
        metrics.utilisation[size_t(i)] = sums.probability[i] / n;
        metrics.top_share[size_t(i)] = sums.top[i] / n;
        metrics.active_experts += metrics.utilisation[size_t(i)] >= 0.01;
    }
    metrics.responsibility = Eigen::MatrixXd::Zero(classes, experts);
    if (sums.class_probability.rows() == classes) {
        for (int c = 0; c < classes; ++c)
            if (sums.class_cases[c] > 0)
                metrics.responsibility.row(c) = sums.class_probability.row(c) / sums.class_cases[c];
    }
}

template double accuracy<float>(const Matrix<float>&, std::span<const int>);
template double accuracy<double>(const Matrix<double>&, std::span<const int>);
template void MetricsSums::add<float>(const ForwardBackward<float>&, std::span<const int>, bool);
template void MetricsSums::add<double>(const ForwardBackward<double>&, std::span<const int>, bool);

}  // namespace moelab
