#pragma once
// What training minimises: the main loss (eq. 1, 2, 3 or the mixture NLL), averaged over the
// batch's cases, plus the batch-level terms on the gate's probabilities (load balancing,
// importance), each with its weight.
//
// A step runs in phases so that batch terms are exact when the batch is split over threads:
//   1. forward, per part;  2. accumulate(), per part, then the parts' statistics are added in a
//   fixed order;  3. evaluate(), per part, with the whole batch's statistics;  4. backward, per
//   part, and the parts' gradients are added in a fixed order.
#include <memory>
#include <span>
#include <vector>

#include "model/forward_backward.h"
#include "training/batch_terms.h"
#include "training/config.h"

namespace moelab {

template <typename Scalar>
class Objective {
  public:
    Objective(LossType loss, std::vector<std::unique_ptr<BatchTerm<Scalar>>> terms)
        : loss_(loss), terms_(std::move(terms)) {}
    // The objective a config asks for.
    static Objective from(const Config& config);

    LossType loss() const { return loss_; }
    const std::vector<std::unique_ptr<BatchTerm<Scalar>>>& terms() const { return terms_; }
    bool needs_dense_probabilities() const;
    // True when a batch term needs the whole batch in one part (see BatchTerm).
    bool needs_whole_batch() const;

    // Length of the statistics vector the batch terms share (0 without batch terms).
    Eigen::Index statistics_size(int experts) const;
    // Phase 2: adds one part's sums to `statistics` (sized statistics_size, zeroed by the caller
    // before the first part).
    void accumulate(const ForwardBackward<Scalar>& part, Vector<Scalar>& statistics) const;
    // Phase 3: the main loss of every case of the part and, with `with_gradient`, the gradient of
    // the whole objective's batch mean for the part's cases (main loss scaled by 1 / `cases`, the
    // whole batch's size; batch terms from the whole batch's `statistics`). Returns the sum of the
    // part's case losses.
    Scalar evaluate(ForwardBackward<Scalar>& part, std::span<const int> labels,
                    const Vector<Scalar>& statistics, Eigen::Index cases, bool with_gradient) const;
    // The batch terms' total value for the whole batch.
    Scalar batch_terms_value(const Vector<Scalar>& statistics, Eigen::Index cases,
                             int experts) const;

  private:
    LossType loss_;
    std::vector<std::unique_ptr<BatchTerm<Scalar>>> terms_;
};

// The whole objective for one batch in one part (no threads): forward, loss and, with a gradient
// vector, backward. Returns the batch mean. For tests, evaluation and small batches.
template <typename Scalar>
Scalar objective_value(const Objective<Scalar>& objective, ForwardBackward<Scalar>& pass,
                       const Mixture<Scalar>& model, const InputBatch<Scalar>& x,
                       std::span<const int> labels, int routed_experts,
                       Vector<Scalar>* gradient = nullptr);
// The same with any routing: noise, capacity, expert choice, sparse experts (as a training step
// of one part runs them; settings.dense_probabilities is set from the objective).
template <typename Scalar>
Scalar objective_value(const Objective<Scalar>& objective, ForwardBackward<Scalar>& pass,
                       const Mixture<Scalar>& model, const InputBatch<Scalar>& x,
                       std::span<const int> labels, ForwardSettings settings,
                       Vector<Scalar>* gradient = nullptr);

extern template class Objective<float>;
extern template class Objective<double>;

}  // namespace moelab
