#pragma once
// The sample-similarity regulariser of Krishnamurthy, Watkins & Gaertner 2023, "Improving expert
// specialization in mixture of experts" (arXiv 2302.14703): cases of a batch that lie far apart
// in input space are pushed towards different experts, so that near ones end up sharing experts.
// docs/similarity-regulariser.md has the derivation and every difference from the authors' code.
// (Only the paper's abstract could be read here, not its method section: the formula below is
// read off the authors' code, and no equation number of the paper is quoted.)
//
// The authors' code (yamsgithub/modular_deep_learning, moe_models/moe_models_base.py, train(),
// with default_distance_funct) computes, for a batch of B inputs x and gate outputs p (B x N),
//   d(a, b) = ||x_a - x_b||_2 / max_{a', b'} ||x_a' - x_b'||_2     (Euclidean, not squared,
//                                            on the flattened input, over the batch's maximum)
//   S = 1/N           sum_{a,b} sum_i        p_i(a) p_i(b) d(a, b)   (same expert)
//   D = 1/(N^2 - N)   sum_{a,b} sum_{i != j} p_i(a) p_j(b) d(a, b)   (different experts)
//   L = beta_s S - beta_d D / B^2
// over all B^2 ordered pairs (a = b adds 0). Python's precedence divides only D by B^2, which
// makes S B^2 times stronger than D (the authors' scripts pair beta_s = 1e-7 with beta_d up to
// 0.1). This term divides both by B^2, a mean over the batch's pairs, with one weight
// w = beta_s = beta_d (MoE Lab has one knob, Config::similarity_weight), on the dense softmax q:
//
//   L = w (S - D) / B^2   with S and D as above, q in place of p.
//
// Since sum_{i != j} q_i(a) q_j(b) = r_a r_b - q(a).q(b) with r_a = sum_i q_i(a) (= 1), this is
//   L = w / (B^2 (N - 1)) sum_{a,b} d(a, b) [ q(a).q(b) - r_a r_b / N ]:
// q(a).q(b) is the chance that a and b pick the same expert when each draws one from its gate, 1/N
// that chance under a uniform gate; the term is below 0 when distant cases share experts less
// often than chance. (With N = 1 there are no different experts: L = w / B^2 sum d q(a).q(b).)
// The gradient, dL/dq(a) = 2 w / B^2 [(1/N + 1/(N^2 - N)) sum_b d(a, b) q(b)
// - 1/(N^2 - N) sum_b d(a, b) r_b], is written whole, though its second part is the same for
// every expert of a case and so vanishes through the softmax.
//
// The probabilities are the dense softmax q of the gate's logits, before any top-K (the same as
// the routed p when K = N): at K = 1 the routed p is one-hot and constant, and would carry no
// gradient (the authors' top-K model also regularises the dense softmax when K = 1, the routed
// one when K > 1). The distance is on the standardised inputs the engine sees (the authors': on
// the inputs normalised by one global mean and deviation, which the division by the maximum
// cancels, so raw pixels). d depends on the inputs only: no gradient flows through it.
//
// Cost: the pairs' squared distances come from one Gram matrix, ||x_a||^2 + ||x_b||^2 - 2 x_a.x_b
// (a symmetric rank-D update: B (B + 1) / 2 x D multiply-adds), clamped at 0 before the square
// root, then the products d q (B x B by B x N) and d r; nothing loops over features per pair. A
// batch of more than kMaxPairGroup cases is cut into consecutive groups of near-equal size, at
// most that many each, and pairs are taken within a group (each with its own maximum distance):
// the cost stays linear in the batch (a full batch of 60000 images would otherwise take
// 60000^2 x 784 multiply-adds and a 29 GB matrix per step). A batch of up to kMaxPairGroup cases
// is one group: the formula above.
//
// Statistics: [0] the sum over groups of sum_{a,b} d(a, b) [...], [1] the sum over groups of the
// group size squared; value = w [0] / [1]. For one group that is the formula above; the parts of
// an evaluation (chunks of at most kMaxPairGroup cases) add up to the mean over their pairs.
//
// Buffers: the group's distances and the products d q, d r live in a workspace per thread
// (thread_local), grown to the largest batch seen and reused: no allocation per step afterwards.
// Per thread, because an evaluation runs chunks through one objective on several threads at once.
// The training step never splits a batch for this term (needs_whole_batch), and accumulate() and
// gradient() run on one thread, so gradient() reuses the products accumulate() left in that
// thread's workspace; the workspace records which call of accumulate() (a generation count of
// this term) and which pass filled it, and gradient() recomputes them when they do not match.
#include <algorithm>
#include <atomic>
#include <cstdint>

#include "training/batch_terms.h"

namespace moelab {

template <typename Scalar>
class SimilarityTerm final : public BatchTerm<Scalar> {
  public:
    // Pairs are taken within consecutive groups of at most this many cases of a batch.
    static constexpr Eigen::Index kMaxPairGroup = 1024;

    // `max_group`: the largest group of pairs, at most kMaxPairGroup. An evaluation passes the
    // training batch size, so that its chunks of 1024 cases are cut into groups as large as a
    // training batch: the value is then the mean of what training sees per batch, and costs
    // batch / 1024 of groups of 1024 (an evaluation of all Fashion-MNIST took 0.6 s more than
    // without the term with groups of 1024, against 0.8 s for the whole run).
    explicit SimilarityTerm(double weight, Eigen::Index max_group = kMaxPairGroup)
        : weight_(Scalar(weight)),
          max_group_(std::clamp<Eigen::Index>(max_group, 1, kMaxPairGroup)) {}
    std::string_view name() const override { return "sample similarity"; }
    bool needs_dense_probabilities() const override { return true; }
    bool needs_whole_batch() const override { return true; }
    Eigen::Index statistics_size(int) const override { return 2; }
    void accumulate(const ForwardBackward<Scalar>& part,
                    Eigen::Ref<Vector<Scalar>> statistics) const override;
    Scalar value(const Eigen::Ref<const Vector<Scalar>>& statistics, Eigen::Index cases,
                 int experts) const override;
    void gradient(const Eigen::Ref<const Vector<Scalar>>& statistics, Eigen::Index cases,
                  ForwardBackward<Scalar>& part) const override;

    // The normalised distances d(a, b) between the cases [begin, begin + size) of `x` (a
    // symmetric size x size matrix with a zero diagonal, all 0 when every case is the same), as
    // the term computes them. For tests.
    static void distances(const InputBatch<Scalar>& x, Eigen::Index begin, Eigen::Index size,
                          Matrix<Scalar>& result);

  private:
    struct Workspace;
    // This thread's workspace.
    static Workspace& thread_workspace();
    // Fills the thread's workspace for `part`: for each group, the distances, Y = d q (B x N)
    // and z = d r (B), and the sum of the group's bracketed pair terms into `pair_sum`.
    void compute(const ForwardBackward<Scalar>& part, Workspace& workspace, Scalar& pair_sum) const;

    Scalar weight_;
    Eigen::Index max_group_;
    mutable std::atomic<std::uint64_t> generation_{0};
};

extern template class SimilarityTerm<float>;
extern template class SimilarityTerm<double>;

}  // namespace moelab
