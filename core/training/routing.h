#pragma once
// Routing: the gate's logits s to gate probabilities p. Top-K keeps the K largest logits of each
// case and renormalises the softmax over them (Shazeer et al. 2017); every other expert gets
// probability exactly 0 and so exactly zero gradient for that case. K = N is the dense softmax
// gate of Jacobs et al. (1991).
#include <Eigen/Core>
#include <vector>

#include "training/config.h"

namespace moelab {

// How a batch's cases are routed to experts.
struct RoutingRule {
    RoutingType type = RoutingType::TopK;
    int k = 1;  // experts per case (top-K), or per case on average (expert choice)
    // Top-K: an expert takes at most capacity_factor * K * B / N cases of a batch of B (Switch
    // Transformer); 0 = no limit. Expert choice: each expert takes that many cases (0 counts as 1).
    double capacity_factor = 0;

    // What a config asks for while training, and when evaluating: each case its top K experts,
    // without capacity (an expert's capacity and the experts' choices are properties of a
    // training batch, not of one case).
    static RoutingRule training(const Config& config);
    static RoutingRule evaluation(const Config& config);
    // True when the experts of a case depend on the other cases of its batch.
    bool batch_level() const { return type == RoutingType::ExpertChoice || capacity_factor > 0; }
    // True when every case goes to every one of `experts` experts.
    bool dense(int experts) const {
        return type == RoutingType::TopK && k >= experts && capacity_factor <= 0;
    }
    // The most cases one expert takes from a batch of `cases` (see capacity_factor); `cases` when
    // unlimited.
    Eigen::Index capacity(Eigen::Index cases, int experts) const;
};

// Buffers of choose_experts, kept between batches.
template <typename Scalar>
struct RoutingWork {
    Eigen::Matrix<Scalar, -1, -1> scores;
    Eigen::Matrix<Scalar, -1, 1> scratch, normalizer;
    std::vector<int> order, counts, ranked;
};

// Chooses the experts of every case of a batch from its routing logits (B x N): mask(b, i) = 1
// when case b goes to expert i, else 0. Top-K: each case its K largest logits (ties: the lower
// index); with a capacity, an expert takes cases in order of preference (every case's first
// choice before any second choice) and within that in batch order, and turns the rest away.
// Expert choice: each expert takes the cases with the largest softmax score for it (ties: the
// earlier case). `dropped` (B) gets 1 for a case that lost one of its top K to a full expert, or
// that no expert chose; returns the number of such cases.
template <typename Scalar>
Eigen::Index choose_experts(const RoutingRule& rule,
                            const Eigen::Ref<const Eigen::Matrix<Scalar, -1, -1>>& logits,
                            Eigen::Ref<Eigen::Matrix<Scalar, -1, -1>> mask,
                            Eigen::Ref<Eigen::Matrix<Scalar, -1, 1>> dropped,
                            RoutingWork<Scalar>& work);

// Softmax of each row's logits over the entries where `mask` is 1 (0 elsewhere); a row without
// any gets probabilities 0 and log-normaliser 0. `scratch`: B values.
template <typename Scalar>
void softmax_over_mask(const Eigen::Ref<const Eigen::Matrix<Scalar, -1, -1>>& logits,
                       const Eigen::Ref<const Eigen::Matrix<Scalar, -1, -1>>& mask,
                       Eigen::Ref<Eigen::Matrix<Scalar, -1, -1>> probabilities,
                       Eigen::Ref<Eigen::Matrix<Scalar, -1, 1>> log_normalizer,
                       Eigen::Ref<Eigen::Matrix<Scalar, -1, 1>> scratch);

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
