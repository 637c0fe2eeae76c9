#pragma once
// Routing: the gate's logits s to gate probabilities p. Top-K keeps the K largest logits of each
// case and renormalises the softmax over them (Shazeer et al. 2017); every other expert gets
// probability exactly 0 and so exactly zero gradient for that case. K = N is the dense softmax
// gate of Jacobs et al. (1991).
#include <Eigen/Core>

namespace moelab {

// Row-wise softmax of `logits` (B x n) into `probabilities`; `log_normalizer` gets
// log(sum_j exp(logit_j)) per row, so log p_j = logit_j - log_normalizer. Without
// `with_log_normalizer` it only serves as scratch (one log per row saved). `scratch`: B values.
template <typename Scalar>
void softmax_rows(const Eigen::Ref<const Eigen::Matrix<Scalar, -1, -1>>& logits,
                  Eigen::Ref<Eigen::Matrix<Scalar, -1, -1>> probabilities,
                  Eigen::Ref<Eigen::Matrix<Scalar, -1, 1>> log_normalizer,
                  Eigen::Ref<Eigen::Matrix<Scalar, -1, 1>> scratch,
                  bool with_log_normalizer = true);

// Top-K routing: per row keep the K largest logits (ties: the lower index wins), softmax over
// them; every other expert gets probability exactly 0. K >= n is the dense softmax.
// `log_normalizer` is over the kept logits; `mask` gets 1 for kept entries, 0 otherwise.
// `scratch`: B values.
template <typename Scalar>
void route_top_k(const Eigen::Ref<const Eigen::Matrix<Scalar, -1, -1>>& logits, int k,
                 Eigen::Ref<Eigen::Matrix<Scalar, -1, -1>> probabilities,
                 Eigen::Ref<Eigen::Matrix<Scalar, -1, 1>> log_normalizer,
                 Eigen::Ref<Eigen::Matrix<Scalar, -1, -1>> mask,
                 Eigen::Ref<Eigen::Matrix<Scalar, -1, 1>> scratch);

// Through a softmax over the entries where `probabilities` is not 0: adds to `logit_gradient`
// dE/ds_i = p_i (g_i - sum_j p_j g_j) for g = dE/dp (B x n each). Entries with p_i = 0 (not
// routed) get nothing.
template <typename Scalar>
void add_softmax_gradient(const Eigen::Ref<const Eigen::Matrix<Scalar, -1, -1>>& probabilities,
                          const Eigen::Ref<const Eigen::Matrix<Scalar, -1, -1>>& g,
                          Eigen::Ref<Eigen::Matrix<Scalar, -1, -1>> logit_gradient);

}  // namespace moelab
