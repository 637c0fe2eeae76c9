#include "training/batch_terms.h"

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

}  // namespace

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
                                     Eigen::Index, int experts) const {
    const Scalar mean = importance.mean();
    if (!(mean > Scalar(0))) return Scalar(0);
    const Scalar variance = (importance.array() - mean).square().sum() / Scalar(experts);
    return weight_ * variance / (mean * mean);
}

template <typename Scalar>
void ImportanceTerm<Scalar>::gradient(const Eigen::Ref<const Vector<Scalar>>& importance,
                                      Eigen::Index, ForwardBackward<Scalar>& part) const {
    const int N = part.experts();
    const Scalar mean = importance.mean();
    if (!(mean > Scalar(0))) return;
    const Scalar variance = (importance.array() - mean).square().sum() / Scalar(N);
    // d(var / mean^2)/dI_i = 2 / (N mean^2) (I_i - mean - var / mean), and dI_i/dp_i(x) = 1.
    const Vector<Scalar> per_expert = (weight_ * Scalar(2) / (Scalar(N) * mean * mean)) *
                                      (importance.array() - mean - variance / mean).matrix();
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
    if (config.similarity_weight > 0)
        terms.push_back(std::make_unique<SimilarityTerm<Scalar>>(config.similarity_weight));
    return terms;
}

template class LoadBalancingTerm<float>;
template class LoadBalancingTerm<double>;
template class ImportanceTerm<float>;
template class ImportanceTerm<double>;
template std::vector<std::unique_ptr<BatchTerm<float>>> make_batch_terms<float>(const Config&);
template std::vector<std::unique_ptr<BatchTerm<double>>> make_batch_terms<double>(const Config&);

}  // namespace moelab
