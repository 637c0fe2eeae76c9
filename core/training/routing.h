#pragma once
// Softmax over blocks of columns, and the gate's sparse top-K routing.
#include <Eigen/Core>

namespace moelab {

// Row-wise softmax of `logits` (B x n) into `probabilities`; `log_normalizer` gets
// log(sum_j exp(logit_j)) per row, so log p_j = logit_j - log_normalizer. Without
// `with_log_normalizer` it only serves as scratch (one log per row saved).
template <typename Scalar>
void softmax_rows(const Eigen::Ref<const Eigen::Matrix<Scalar, -1, -1>>& logits,
                  Eigen::Ref<Eigen::Matrix<Scalar, -1, -1>> probabilities,
                  Eigen::Ref<Eigen::Matrix<Scalar, -1, 1>> log_normalizer,
                  bool with_log_normalizer = true);

// Top-K routing: per row keep the K largest gate logits (ties: the lower index wins), softmax over
// them; every other expert gets probability exactly 0 (and so zero gradient). K = n is the dense
// softmax. `log_normalizer` is over the kept logits; `mask` gets 1 for kept entries, 0 otherwise.
template <typename Scalar>
void route_top_k(const Eigen::Ref<const Eigen::Matrix<Scalar, -1, -1>>& logits, int k,
                 Eigen::Ref<Eigen::Matrix<Scalar, -1, -1>> probabilities,
                 Eigen::Ref<Eigen::Matrix<Scalar, -1, 1>> log_normalizer,
                 Eigen::Ref<Eigen::Matrix<Scalar, -1, -1>> mask);

}  // namespace moelab
