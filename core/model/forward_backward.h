#pragma once
// One forward pass of the mixture over a batch, and the backward pass of a loss to every parameter.
// The object keeps its buffers between calls, so training allocates nothing after the first batch.
#include <Eigen/Core>
#include <span>
#include <vector>

#include "training/config.h"
#include "model/model.h"

namespace moelab {

template <typename Scalar>
class ForwardBackward {
  public:
    using Matrix = Eigen::Matrix<Scalar, Eigen::Dynamic, Eigen::Dynamic>;
    using Vector = Eigen::Matrix<Scalar, Eigen::Dynamic, 1>;

    // Runs the model on x (B x D, standardised). top_k is clamped to [1, N].
    void forward(const Mixture<Scalar>& model, const Eigen::Ref<const Matrix>& x, int top_k);

    // forward() plus the loss averaged over the batch's cases; writes d(mean loss)/d(parameters)
    // into `gradient` (resized to the parameter count). Returns the mean loss.
    Scalar loss_and_gradient(const Mixture<Scalar>& model, const Eigen::Ref<const Matrix>& x,
                             std::span<const int> labels, LossType loss, int top_k,
                             Vector& gradient);

    // For a batch split across threads: writes `scale` x d(sum of this part's case
    // losses)/d(params) (scale = 1 / whole batch size) and returns the sum of this part's case
    // losses.
    Scalar partial_loss_and_gradient(const Mixture<Scalar>& model,
                                     const Eigen::Ref<const Matrix>& x, std::span<const int> labels,
                                     LossType loss, int top_k, Scalar scale, Vector& gradient);

    // forward() plus the per-case losses (no gradient); returns their mean.
    Scalar loss(const Mixture<Scalar>& model, const Eigen::Ref<const Matrix>& x,
                std::span<const int> labels, LossType loss, int top_k);

    // Results of the last forward pass (B rows).
    const Matrix& gate_probabilities() const { return gate_probabilities_; }  // B x N, 0 off top-K
    const Matrix& gate_logits() const { return gate_logits_; }                // B x N
    const Matrix& expert_probabilities() const { return expert_probabilities_; }  // B x N*C
    const Matrix& expert_logits() const { return expert_logits_; }                // B x N*C
    // Sum_i p_i o_i: the mixture's class probabilities (B x C).
    Matrix mixture_probabilities() const;
    void mixture_probabilities(Matrix& y) const;
    // Posterior responsibility h_i of each expert for each case under the last loss computed.
    const Matrix& responsibilities() const { return responsibilities_; }  // B x N
    const Vector& case_losses() const { return case_losses_; }            // B
    // Hidden activations of a network (0 = gate, i + 1 = expert i), B x H; empty when linear.
    const Matrix& hidden(int network) const { return hidden_[network]; }

  private:
    void resize(const Mixture<Scalar>& model, Eigen::Index batch);
    void compute_loss(LossType loss, std::span<const int> labels, bool with_gradient, Scalar scale);
    void backward(const Mixture<Scalar>& model, const Eigen::Ref<const Matrix>& x,
                  Vector& gradient);

    ModelShape shape_;
    Eigen::Index batch_ = -1;
    Matrix first_;                   // B x R: pre-activations of every first layer
    std::vector<Matrix> hidden_;     // per network: tanh activations (MLP networks)
    Matrix gate_logits_;             // B x N
    Matrix expert_logits_;           // B x N*C
    Matrix gate_probabilities_;      // B x N
    Matrix gate_mask_;               // B x N, 1 on the routed experts
    Vector gate_log_normalizer_;     // B
    Matrix expert_probabilities_;    // B x N*C
    Matrix expert_softmax_scratch_;  // B x N
    Matrix targets_;                 // B x C one-hot d
    Vector case_losses_;             // B
    Matrix responsibilities_;        // B x N
    Matrix gate_logit_gradient_;     // B x N: dE/ds
    Matrix expert_logit_gradient_;   // B x N*C: dE/dz
    Matrix first_gradient_;          // B x R
    Matrix work_;                    // B x max(N, C) scratch
};

extern template class ForwardBackward<double>;
extern template class ForwardBackward<float>;

}  // namespace moelab
