#include "training/batch_terms.h"

#include <cmath>
#include <cstdint>
#include <numbers>
#include <utility>

#include "training/similarity_term.h"

namespace moelab {

namespace {

// The expert with the largest probability in row b (ties: the lower index).
template <typename Scalar>
int top_choice(const Matrix<Scalar>& probabilities, Eigen::Index b) {
    int best = 0;
    for (int i = 1; i < probabilities.cols(); ++i)
        if (probabilities(b, i) > probabilities(b, best)) best = i;
    return best;
}

// w CV(v)^2 = w var(v) / mean(v)^2 over the experts (population variance), and its gradient
// d/dv_i = 2 w / (N mean^2) (v_i - mean - var / mean); 0 when the mean is not positive.
template <typename Scalar>
Scalar squared_variation(const Eigen::Ref<const Vector<Scalar>>& v, Scalar weight) {
    const Scalar mean = v.mean();
    if (!(mean > Scalar(0))) return Scalar(0);
    const Scalar variance = (v.array() - mean).square().sum() / Scalar(v.size());
    return weight * variance / (mean * mean);
}

template <typename Scalar>
Vector<Scalar> squared_variation_gradient(const Eigen::Ref<const Vector<Scalar>>& v,
                                          Scalar weight) {
    const Scalar mean = v.mean();
    if (!(mean > Scalar(0))) return Vector<Scalar>::Zero(v.size());
    const Scalar variance = (v.array() - mean).square().sum() / Scalar(v.size());
    return (weight * Scalar(2) / (Scalar(v.size()) * mean * mean)) *
           (v.array() - mean - variance / mean).matrix();
}

// The experts holding the K-th and (K+1)-th largest entries of row b of H (ties: the lower index
// first, as the routing chooses).
template <typename Scalar>
std::pair<int, int> kth_and_next(const Matrix<Scalar>& h, Eigen::Index b, int k) {
    const int n = int(h.cols());
    // A bit per expert already taken; n <= 32.
    std::uint64_t taken = 0;
    int kth = -1, next = -1;
    for (int rank = 0; rank <= k; ++rank) {
        int best = -1;
        for (int j = 0; j < n; ++j)
            if (!(taken >> j & 1u) && (best < 0 || h(b, j) > h(b, best))) best = j;
        taken |= std::uint64_t(1) << best;
        if (rank == k - 1) kth = best;
        if (rank == k) next = best;
    }
    return {kth, next};
}

// For case b and expert i of a noisy top-K gate: z = (s_i - threshold) / sigma_i (eq. 9), the
// expert whose noisy logit is the threshold, and sigma_i.
template <typename Scalar>
struct LoadCase {
    Scalar z, sigma;
    int threshold;
};

template <typename Scalar>
LoadCase<Scalar> load_case(const ForwardBackward<Scalar>& part, Eigen::Index b, int i,
                           std::pair<int, int> kth_next) {
    const Matrix<Scalar>& h = part.routing_logits();
    // In the top K: the K-th largest of the others is the (K+1)-th overall; else the K-th.
    const bool in_top =
        h(b, i) > h(b, kth_next.first) || (h(b, i) == h(b, kth_next.first) && i <= kth_next.first);
    const int threshold = in_top ? kth_next.second : kth_next.first;
    const Scalar sigma = part.noise_scale()(b, i);
    return {(part.gate_logits()(b, i) - h(b, threshold)) / sigma, sigma, threshold};
}

template <typename Scalar>
Scalar normal_cdf(Scalar z) {
    return Scalar(0.5) * std::erfc(-z * Scalar(std::numbers::sqrt2 / 2));
}

template <typename Scalar>
Scalar normal_density(Scalar z) {
    return std::exp(Scalar(-0.5) * z * z) * Scalar(std::numbers::inv_sqrtpi / std::numbers::sqrt2);
}

}  // namespace

template <typename Scalar>
void LoadTerm<Scalar>::accumulate(const ForwardBackward<Scalar>& part,
                                  Eigen::Ref<Vector<Scalar>> statistics) const {
    const int N = part.experts(), k = part.routed_experts();
    if (k >= N || !part.has_noise_scale()) return;
    for (Eigen::Index b = 0; b < part.cases(); ++b) {
        const auto kth_next = kth_and_next(part.routing_logits(), b, k);
        for (int i = 0; i < N; ++i) statistics[i] += normal_cdf(load_case(part, b, i, kth_next).z);
    }
}

template <typename Scalar>
Scalar LoadTerm<Scalar>::value(const Eigen::Ref<const Vector<Scalar>>& load, Eigen::Index,
                               int) const {
    return squared_variation<Scalar>(load, weight_);
}

template <typename Scalar>
void LoadTerm<Scalar>::gradient(const Eigen::Ref<const Vector<Scalar>>& load, Eigen::Index,
                                ForwardBackward<Scalar>& part) const {
    const int N = part.experts(), k = part.routed_experts();
    if (k >= N || !part.has_noise_scale()) return;
    const Vector<Scalar> per_expert = squared_variation_gradient<Scalar>(load, weight_);
    part.use_noise_gradients();
    Matrix<Scalar>& clean = part.clean_logit_gradient();
    Matrix<Scalar>& scale = part.noise_scale_gradient();
    Matrix<Scalar>& routing = part.gate_logit_gradient();  // dE/dH, written by the main loss
    for (Eigen::Index b = 0; b < part.cases(); ++b) {
        const auto kth_next = kth_and_next(part.routing_logits(), b, k);
        for (int i = 0; i < N; ++i) {
            const LoadCase<Scalar> c = load_case(part, b, i, kth_next);
            // dP/ds_i = phi(z) / sigma_i, dP/dsigma_i = -phi(z) z / sigma_i and
            // dP/dH_threshold = -phi(z) / sigma_i.
            const Scalar g = per_expert[i] * normal_density(c.z) / c.sigma;
            clean(b, i) += g;
            scale(b, i) -= g * c.z;
            routing(b, c.threshold) -= g;
        }
    }
}

// Statistics: [0, N) the count of cases whose top choice is i, [N, 2N) the sum of q_i(x).
template <typename Scalar>
void LoadBalancingTerm<Scalar>::accumulate(const ForwardBackward<Scalar>& part,
                                           Eigen::Ref<Vector<Scalar>> statistics) const {
    const Matrix<Scalar>& q = part.dense_probabilities();
    const int N = int(q.cols());
    for (Eigen::Index b = 0; b < q.rows(); ++b) statistics[top_choice(q, b)] += Scalar(1);
    statistics.segment(N, N) += q.colwise().sum().transpose();
}

template <typename Scalar>
Scalar LoadBalancingTerm<Scalar>::value(const Eigen::Ref<const Vector<Scalar>>& statistics,
                                        Eigen::Index cases, int experts) const {
    const Scalar B = Scalar(cases);
    // N sum_i f_i P_i with f_i = count_i / B and P_i = sum_i / B.
    return weight_ * Scalar(experts) *
           statistics.head(experts).dot(statistics.segment(experts, experts)) / (B * B);
}

template <typename Scalar>
void LoadBalancingTerm<Scalar>::gradient(const Eigen::Ref<const Vector<Scalar>>& statistics,
                                         Eigen::Index cases, ForwardBackward<Scalar>& part) const {
    const int N = part.experts();
    const Scalar B = Scalar(cases);
    part.use_probability_gradients();
    // dL/dq_i(x) = w N f_i / B, the same for every case of the batch.
    const Vector<Scalar> per_expert = (weight_ * Scalar(N) / (B * B)) * statistics.head(N);
    part.dense_probability_gradient().rowwise() += per_expert.transpose();
}

template <typename Scalar>
void ImportanceTerm<Scalar>::accumulate(const ForwardBackward<Scalar>& part,
                                        Eigen::Ref<Vector<Scalar>> statistics) const {
    statistics += part.gate_probabilities().colwise().sum().transpose();
}

template <typename Scalar>
Scalar ImportanceTerm<Scalar>::value(const Eigen::Ref<const Vector<Scalar>>& importance,
                                     Eigen::Index, int) const {
    return squared_variation<Scalar>(importance, weight_);
}

template <typename Scalar>
void ImportanceTerm<Scalar>::gradient(const Eigen::Ref<const Vector<Scalar>>& importance,
                                      Eigen::Index, ForwardBackward<Scalar>& part) const {
    if (!(importance.mean() > Scalar(0))) return;
    // dI_i/dp_i(x) = 1.
    const Vector<Scalar> per_expert = squared_variation_gradient<Scalar>(importance, weight_);
    part.use_probability_gradients();
    part.probability_gradient().rowwise() += per_expert.transpose();
}

template <typename Scalar>
std::vector<std::unique_ptr<BatchTerm<Scalar>>> make_batch_terms(const Config& config) {
    std::vector<std::unique_ptr<BatchTerm<Scalar>>> terms;
    if (config.balance_weight > 0)
        terms.push_back(std::make_unique<LoadBalancingTerm<Scalar>>(config.balance_weight));
    if (config.importance_weight > 0)
        terms.push_back(std::make_unique<ImportanceTerm<Scalar>>(config.importance_weight));
    if (config.noisy_gate && config.load_weight > 0 && config.routing == RoutingType::TopK &&
        config.routed_experts() < config.experts)
        terms.push_back(std::make_unique<LoadTerm<Scalar>>(config.load_weight));
    if (config.similarity_weight > 0)
        // Pairs within groups no larger than a training batch (full batch: kMaxPairGroup).
        terms.push_back(std::make_unique<SimilarityTerm<Scalar>>(
            config.similarity_weight, config.batch_size > 0
                                          ? Eigen::Index(config.batch_size)
                                          : SimilarityTerm<Scalar>::kMaxPairGroup));
    return terms;
}

template class LoadBalancingTerm<float>;
template class LoadBalancingTerm<double>;
template class LoadTerm<float>;
template class LoadTerm<double>;
template class ImportanceTerm<float>;
template class ImportanceTerm<double>;
template std::vector<std::unique_ptr<BatchTerm<float>>> make_batch_terms<float>(const Config&);
template std::vector<std::unique_ptr<BatchTerm<double>>> make_batch_terms<double>(const Config&);

}  // namespace moelab
