#pragma once
// One batch through the mixture: the forward pass (every network, routing, the experts' softmax)
// and, once an objective has filled in the gradients of the logits, the backward pass to every
// parameter. The object holds the batch's activations and keeps its buffers between calls, so
// training allocates nothing after the first batch; each thread of a data-parallel step has one.
#include <Eigen/Core>
#include <optional>
#include <vector>

#include "model/input_batch.h"
#include "model/mixture.h"
#include "model/types.h"

namespace moelab {

template <typename Scalar>
class ForwardBackward {
  public:
    // Runs the model on x (B x D, standardised), routing each case to `routed_experts` experts
    // (clamped to [1, N]). With `dense_probabilities`, also keeps the softmax of the gate's
    // logits over all experts (batch terms that act on the dense gate need it when K < N).
    void forward(const Mixture<Scalar>& model, const InputBatch<Scalar>& x, int routed_experts,
                 bool dense_probabilities = false);

    // The gradient of the objective with respect to every parameter, from the logit gradients the
    // objective wrote (gate_logit_gradient, expert_logit_gradient) and from the gate-probability
    // gradients of batch terms (probability_gradient, dense_probability_gradient), which are
    // taken through the routing softmax first. `gradient` is resized to the parameter count.
    void backward(const Mixture<Scalar>& model, const InputBatch<Scalar>& x,
                  Vector<Scalar>& gradient);

    Eigen::Index cases() const { return cases_; }
    // The (standardised) inputs of the last forward pass; valid while the caller's batch lives.
    const InputBatch<Scalar>& inputs() const { return *inputs_; }
    int experts() const { return spec_.experts; }
    int classes() const { return spec_.classes; }
    int routed_experts() const { return routed_experts_; }

    // Results of the last forward pass (B rows).
    const Matrix<Scalar>& gate_logits() const { return gate_logits_; }  // B x N: s
    // B x N: p, the top-K renormalised softmax of s (exactly 0 off the top K)
    const Matrix<Scalar>& gate_probabilities() const { return gate_probabilities_; }
    const Matrix<Scalar>& gate_mask() const { return gate_mask_; }  // B x N: 1 on the top K
    // B: log p_i = s_i - this, for the routed experts
    const Vector<Scalar>& gate_log_normalizer() const { return gate_log_normalizer_; }
    // B x N: q, softmax of s over all experts (forward with dense_probabilities; = p when dense)
    const Matrix<Scalar>& dense_probabilities() const {
        return has_dense_ ? dense_probabilities_ : gate_probabilities_;
    }
    const Matrix<Scalar>& expert_logits() const { return expert_logits_; }  // B x N*C: z
    const Matrix<Scalar>& expert_probabilities() const {  // B x N*C: o_i = softmax(z_i)
        return expert_probabilities_;
    }
    // The activations of expert i (its hidden layers), and of the gate.
    const NetworkActivations<Scalar>& expert_activations(int i) const { return experts_[i]; }
    const NetworkActivations<Scalar>& gate_activations() const { return gate_; }
    // Sum_i p_i o_i: the mixture's class probabilities (B x C).
    void mixture_probabilities(Matrix<Scalar>& y) const;
    Matrix<Scalar> mixture_probabilities() const;

    // Written by the objective (training/objective.h) before backward().
    Vector<Scalar>& case_losses() { return case_losses_; }  // B: E for each case
    const Vector<Scalar>& case_losses() const { return case_losses_; }
    // B x N: the posterior responsibility h_i (eq. 3, mixture NLL) or the gate weight p_i
    Matrix<Scalar>& responsibilities() { return responsibilities_; }
    const Matrix<Scalar>& responsibilities() const { return responsibilities_; }
    Matrix<Scalar>& gate_logit_gradient() { return gate_logit_gradient_; }      // B x N: dE/ds
    Matrix<Scalar>& expert_logit_gradient() { return expert_logit_gradient_; }  // B x N*C: dE/dz
    // B x N: dE/dp and dE/dq from batch terms. The first term to add to them calls
    // use_probability_gradients(), which zeroes both; backward() then takes them through the
    // routing softmax into dE/ds.
    void use_probability_gradients() {
        if (probability_gradients_used_) return;
        probability_gradient_.setZero();
        dense_probability_gradient_.setZero();
        probability_gradients_used_ = true;
    }
    Matrix<Scalar>& probability_gradient() { return probability_gradient_; }
    Matrix<Scalar>& dense_probability_gradient() { return dense_probability_gradient_; }
    // Buffers of the objective: one-hot targets (B x C) and two B x N / B x max(N, C) scratch
    // matrices.
    Matrix<Scalar>& targets() { return targets_; }
    Matrix<Scalar>& loss_scratch() { return loss_scratch_; }
    Matrix<Scalar>& scratch() { return scratch_; }

  private:
    void prepare(const Mixture<Scalar>& model, Eigen::Index cases);
    void first_layer_forward(const Mixture<Scalar>& model, const InputBatch<Scalar>& x);
    void first_layer_backward(const Mixture<Scalar>& model, const InputBatch<Scalar>& x,
                              Vector<Scalar>& gradient);
    void probability_gradients_to_logits();

    ModelSpec spec_;
    const ModelStructure* structure_ = nullptr;
    std::optional<InputBatch<Scalar>> inputs_;
    Eigen::Index cases_ = -1;
    int routed_experts_ = 0;
    bool has_dense_ = false;
    bool probability_gradients_used_ = false;

    Matrix<Scalar> first_;  // B x R: pre-activations of every first layer
    NetworkActivations<Scalar> gate_;
    std::vector<NetworkActivations<Scalar>> experts_;
    Matrix<Scalar> gate_logits_, gate_probabilities_, gate_mask_, dense_probabilities_;
    Vector<Scalar> gate_log_normalizer_, dense_log_normalizer_;
    Matrix<Scalar> expert_logits_, expert_probabilities_, expert_softmax_scratch_;
    Vector<Scalar> softmax_scratch_;
    Vector<Scalar> case_losses_;
    Matrix<Scalar> responsibilities_;
    Matrix<Scalar> gate_logit_gradient_, expert_logit_gradient_;
    Matrix<Scalar> probability_gradient_, dense_probability_gradient_;
    Matrix<Scalar> first_gradient_;  // B x R
    Matrix<Scalar> targets_, loss_scratch_, scratch_;
};

extern template class ForwardBackward<double>;
extern template class ForwardBackward<float>;

}  // namespace moelab
