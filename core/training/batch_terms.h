#pragma once
// Batch-level terms of the objective: functions of the gate's probabilities over a whole batch
// (how the cases are spread over the experts), added to the main loss with their own weight.
//
// A batch may be split over threads, so a term works in two phases: each part adds its sums to
// a statistics vector (accumulate), the parts' vectors are added in a fixed order, and then each
// part takes its share of the gradient from the whole batch's statistics (gradient). So the value
// and the gradient are exactly those of the whole batch, whatever the number of threads.
#include <Eigen/Core>
#include <memory>
#include <string_view>
#include <vector>

#include "model/forward_backward.h"
#include "training/config.h"

namespace moelab {

template <typename Scalar>
class BatchTerm {
  public:
    virtual ~BatchTerm() = default;
    virtual std::string_view name() const = 0;
    // True when the term acts on the dense softmax q of the gate's logits rather than on the
    // routed probabilities p (they differ when K < N).
    virtual bool needs_dense_probabilities() const { return false; }
    // True when the term needs every case of the batch in one part (pairs of cases across the
    // batch): the step then runs the batch in one part instead of splitting it over threads.
    virtual bool needs_whole_batch() const { return false; }
    // Length of its statistics vector for N experts.
    virtual Eigen::Index statistics_size(int experts) const = 0;
    // Adds one part's sums to `statistics`.
    virtual void accumulate(const ForwardBackward<Scalar>& part,
                            Eigen::Ref<Vector<Scalar>> statistics) const = 0;
    // The term's value for the whole batch of `cases` cases (weight included).
    virtual Scalar value(const Eigen::Ref<const Vector<Scalar>>& statistics, Eigen::Index cases,
                         int experts) const = 0;
    // Adds d(value)/dp (or dq) for this part's cases to the part's probability gradients.
    virtual void gradient(const Eigen::Ref<const Vector<Scalar>>& statistics, Eigen::Index cases,
                          ForwardBackward<Scalar>& part) const = 0;
};

// Load balancing of the Switch Transformer (Fedus, Zoph & Shazeer 2022, eq. 4):
// L = w N sum_i f_i P_i, with f_i the fraction of the batch's cases whose top choice is expert i
// and P_i the mean over the batch of the dense gate probability q_i(x). f is counted, not
// differentiated (as in the paper), so dL/dq_i(x) = w N f_i / B.
template <typename Scalar>
class LoadBalancingTerm final : public BatchTerm<Scalar> {
  public:
    explicit LoadBalancingTerm(double weight) : weight_(Scalar(weight)) {}
    std::string_view name() const override { return "load balancing"; }
    bool needs_dense_probabilities() const override { return true; }
    Eigen::Index statistics_size(int experts) const override { return 2 * Eigen::Index(experts); }
    void accumulate(const ForwardBackward<Scalar>& part,
                    Eigen::Ref<Vector<Scalar>> statistics) const override;
    Scalar value(const Eigen::Ref<const Vector<Scalar>>& statistics, Eigen::Index cases,
                 int experts) const override;
    void gradient(const Eigen::Ref<const Vector<Scalar>>& statistics, Eigen::Index cases,
                  ForwardBackward<Scalar>& part) const override;

  private:
    Scalar weight_;
};

// Importance (Shazeer et al. 2017, eq. 6): Importance_i = sum over the batch of the gate
// probability p_i(x) (after top-K), L = w CV(Importance)^2, the squared coefficient of variation
// (population variance over the squared mean) across the experts.
template <typename Scalar>
class ImportanceTerm final : public BatchTerm<Scalar> {
  public:
    explicit ImportanceTerm(double weight) : weight_(Scalar(weight)) {}
    std::string_view name() const override { return "importance"; }
    Eigen::Index statistics_size(int experts) const override { return experts; }
    void accumulate(const ForwardBackward<Scalar>& part,
                    Eigen::Ref<Vector<Scalar>> statistics) const override;
    Scalar value(const Eigen::Ref<const Vector<Scalar>>& statistics, Eigen::Index cases,
                 int experts) const override;
    void gradient(const Eigen::Ref<const Vector<Scalar>>& statistics, Eigen::Index cases,
                  ForwardBackward<Scalar>& part) const override;

  private:
    Scalar weight_;
};

// Load (Shazeer et al. 2017, eqs. 8-10), the term through which a noisy gate's noise weights learn.
// For the noisy logits H = s + eps softplus(n) of top-K routing, the chance that expert i stays in
// case x's top K if its noise were drawn again is
//   P(x, i) = Phi((s_i(x) - kth_excluding(H(x), K, i)) / softplus(n_i(x)))        (eq. 9)
// with kth_excluding(H, K, i) the K-th largest entry of H other than H_i; Load_i = sum_x P(x, i)
// (eq. 9) and L = w CV(Load)^2 (eq. 10). It is smooth in s, in the noise scale and in the threshold
// entry of H, so every one of them gets a gradient. Without noise (evaluation) H = s. Needs the
// noise layer, top-K routing and K < N (with K = N every expert is always in: P = 1).
template <typename Scalar>
class LoadTerm final : public BatchTerm<Scalar> {
  public:
    explicit LoadTerm(double weight) : weight_(Scalar(weight)) {}
    std::string_view name() const override { return "load"; }
    Eigen::Index statistics_size(int experts) const override { return experts; }
    void accumulate(const ForwardBackward<Scalar>& part,
                    Eigen::Ref<Vector<Scalar>> statistics) const override;
    Scalar value(const Eigen::Ref<const Vector<Scalar>>& statistics, Eigen::Index cases,
                 int experts) const override;
    void gradient(const Eigen::Ref<const Vector<Scalar>>& statistics, Eigen::Index cases,
                  ForwardBackward<Scalar>& part) const override;

  private:
    Scalar weight_;
};

// The batch terms a config asks for (those with a positive weight), in a fixed order.
template <typename Scalar>
std::vector<std::unique_ptr<BatchTerm<Scalar>>> make_batch_terms(const Config& config);

}  // namespace moelab
