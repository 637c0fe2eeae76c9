#include "analysis/metrics.h"

#include <algorithm>
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

namespace {

using Strongest = std::vector<std::pair<double, int>>;

bool stronger(const std::pair<double, int>& a, const std::pair<double, int>& b) {
    return a.first > b.first || (a.first == b.first && a.second < b.second);
}

// Keeps the kStrongestCases strongest of `list` and `more`.
void keep_strongest(Strongest& list, const Strongest& more) {
    list.insert(list.end(), more.begin(), more.end());
    std::sort(list.begin(), list.end(), stronger);
    if (list.size() > size_t(kStrongestCases)) list.resize(size_t(kStrongestCases));
}

// Expert i's own prediction for case b: argmax_c o_i(c) (ties: the lower class, as the mixture).
template <typename Scalar>
int alone_predicts(const Matrix<Scalar>& o, Eigen::Index b, int i, int classes) {
    int best = 0;
    for (int c = 1; c < classes; ++c)
        if (o(b, i * classes + c) > o(b, i * classes + best)) best = c;
    return best;
}

double entropy_bits(const Eigen::VectorXd& counts) {
    const double total = counts.sum();
    if (!(total > 0)) return 0;
    double h = 0;
    for (Eigen::Index k = 0; k < counts.size(); ++k)
        if (counts[k] > 0) h -= counts[k] / total * std::log2(counts[k] / total);
    return h;
}

}  // namespace

template <typename Scalar>
void MetricsSums::add(const ForwardBackward<Scalar>& pass, std::span<const int> labels,
                      std::span<const int> rows, bool gate_statistics) {
    const Eigen::Index B = pass.cases();
    const int N = pass.experts(), C = pass.classes();
    if (probability.size() != N) {
        probability = Eigen::VectorXd::Zero(N);
        top = Eigen::VectorXd::Zero(N);
        top_correct = Eigen::VectorXd::Zero(N);
        class_probability = Eigen::MatrixXd::Zero(C, N);
        class_top = Eigen::MatrixXd::Zero(C, N);
        class_cases = Eigen::VectorXd::Zero(C);
        strongest.assign(size_t(N), {});
    }
    cases += B;
    loss += double(pass.case_losses().sum());
    // The mixture's prediction: argmax_c sum_m w_m o_mc (the shared expert too, if any).
    const Matrix<Scalar>& p = pass.gate_probabilities();
    const Matrix<Scalar>& w = pass.mixture_weights();
    const Matrix<Scalar>& o = pass.expert_probabilities();
    const int M = pass.components();
    for (Eigen::Index b = 0; b < B; ++b) {
        int best = 0;
        Scalar best_value = -1;
        for (int c = 0; c < C; ++c) {
            Scalar y = 0;
            for (int m = 0; m < M; ++m) y += w(b, m) * o(b, m * C + c);
            // Eq. 1's |d - o|^2 against the one-hot target d.
            const double miss = (c == labels[size_t(b)] ? 1.0 : 0.0) - double(y);
            squared_error += miss * miss;
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
        top_correct[best] += alone_predicts(o, b, best, C) == labels[size_t(b)];
        class_top(labels[size_t(b)], best) += 1;
        class_cases[labels[size_t(b)]] += 1;
    }
    // The strongest cases of each expert in this chunk, then merged into the kept ones.
    for (int i = 0; i < N; ++i) {
        Strongest chunk;
        for (Eigen::Index b = 0; b < B; ++b) {
            const double pi = double(p(b, i));
            if (pi <= 0) continue;
            if (chunk.size() == size_t(kStrongestCases) &&
                !stronger({pi, rows[size_t(b)]}, chunk.back()))
                continue;
            chunk.emplace_back(pi, rows[size_t(b)]);
            std::sort(chunk.begin(), chunk.end(), stronger);
            if (chunk.size() > size_t(kStrongestCases)) chunk.pop_back();
        }
        keep_strongest(strongest[size_t(i)], chunk);
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
    squared_error += other.squared_error;
    entropy += other.entropy;
    dropped += other.dropped;
    noise_flips.merge(other.noise_flips);
    if (other.probability.size() == probability.size()) {
        probability += other.probability;
        top += other.top;
        top_correct += other.top_correct;
        class_probability += other.class_probability;
        class_top += other.class_top;
        class_cases += other.class_cases;
        for (size_t i = 0; i < strongest.size() && i < other.strongest.size(); ++i)
            keep_strongest(strongest[i], other.strongest[i]);
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
    metrics.dead_experts = int(experts) - metrics.active_experts;
    metrics.dropped_cases = sums.dropped;

    // The class x expert routing table and its entropies (in bits, as Krishnamurthy et al. 2023
    // report them): H(E | Y) = sum_c P(c) H(E | Y = c), H(Y | E) likewise, I(E; Y) = H(E) - H(E|Y).
    metrics.routing =
        sums.class_top.rows() == classes ? sums.class_top : Eigen::MatrixXd::Zero(classes, experts);
    const double total = metrics.routing.sum();
    double h_e_given_y = 0, h_y_given_e = 0;
    if (total > 0) {
        for (int c = 0; c < classes; ++c)
            h_e_given_y += metrics.routing.row(c).sum() / total *
                           entropy_bits(metrics.routing.row(c).transpose());
        for (Eigen::Index i = 0; i < experts; ++i)
            h_y_given_e +=
                metrics.routing.col(i).sum() / total * entropy_bits(metrics.routing.col(i));
    }
    metrics.expert_given_class_entropy = h_e_given_y;
    metrics.class_given_expert_entropy = h_y_given_e;
    metrics.expert_class_information =
        entropy_bits(metrics.routing.colwise().sum().transpose()) - h_e_given_y;
    // Switch Transformer's load-balancing loss without its weight: N sum_i f_i P_i.
    metrics.balance_loss = 0;
    for (Eigen::Index i = 0; i < experts; ++i)
        metrics.balance_loss += metrics.top_share[size_t(i)] * metrics.utilisation[size_t(i)];
    metrics.balance_loss *= double(experts);
    // Entanglement: each expert alone on its own cases, and the top expert alone on all.
    metrics.own_accuracy.assign(size_t(experts), std::nan(""));
    const bool have_alone = sums.top_correct.size() == experts && sums.cases > 0;
    for (Eigen::Index i = 0; have_alone && i < experts; ++i)
        if (sums.top[i] > 0) metrics.own_accuracy[size_t(i)] = sums.top_correct[i] / sums.top[i];
    metrics.top_expert_accuracy = have_alone ? sums.top_correct.sum() / n : std::nan("");
    metrics.strongest_cases.assign(size_t(experts), {});
    for (size_t i = 0; i < sums.strongest.size() && i < size_t(experts); ++i)
        for (const auto& [probability, row] : sums.strongest[i])
            metrics.strongest_cases[i].push_back(row);
}

template double accuracy<float>(const Matrix<float>&, std::span<const int>);
template double accuracy<double>(const Matrix<double>&, std::span<const int>);
template void MetricsSums::add<float>(const ForwardBackward<float>&, std::span<const int>,
                                      std::span<const int>, bool);
template void MetricsSums::add<double>(const ForwardBackward<double>&, std::span<const int>,
                                       std::span<const int>, bool);

}  // namespace moelab
