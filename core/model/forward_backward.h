#pragma once
// One batch through the mixture: the forward pass (gate, noise, routing, the experts and their
// softmaxes) and, once an objective has filled in the gradients of the logits, the backward pass
// to every parameter. The object holds the batch's activations and keeps its buffers between
// calls, so training allocates nothing once the buffers have grown to the batch; each thread of a
// data-parallel step has one.
//
// The forward pass runs in three phases, so that a batch split over threads can choose its
// experts for the whole batch at once (expert capacity and expert-choice routing depend on every
// case of the batch):
//   forward_gate()     the gate's logits s, the noisy gate's H = s + eps softplus(n) (training),
//                      and with them the routing logits L (H, or s without noise);
//   the mask           which experts each case goes to (choose_experts, training/routing.h), by
//                      the caller over the whole batch, or by forward() over this one;
//   forward_experts()  the gate probabilities p (softmax of L over each case's experts), the
//                      mixture weights, and the experts' outputs. With K < N (or any batch-level
//                      rule) and a gate that does not read the experts, each expert computes only
//                      the cases routed to it: training gets faster as K falls.
#include <Eigen/Core>
#include <optional>
#include <vector>

#include "model/gate_noise.h"
#include "model/input_batch.h"
#include "model/mixture.h"
#include "model/types.h"
#include "training/routing.h"

namespace moelab {

// How forward() routes a batch.
struct ForwardSettings {
    RoutingRule rule;
    // Also keep the softmax of the routing logits over all experts (batch terms that act on the
    // dense gate need it when K < N).
    bool dense_probabilities = false;
    // Training with a noisy gate: the step's noise (null: the clean logits, as in evaluation).
    const NoiseDraw* noise = nullptr;
    // Let experts compute only their routed cases when the routing allows (training, metrics);
    // off, every expert computes every case (drawing each expert's own boundary everywhere).
    bool sparse_experts = false;
};

template <typename Scalar>
class ForwardBackward {
  public:
    // The whole forward pass on x (B x D, standardised), the experts chosen for this batch alone.
    void forward(const Mixture<Scalar>& model, const InputBatch<Scalar>& x,
                 const ForwardSettings& settings);
    // Each case to its top `routed_experts` experts (clamped to [1, N]), no noise, no capacity,
    // every expert computing every case.
    void forward(const Mixture<Scalar>& model, const InputBatch<Scalar>& x, int routed_experts,
                 bool dense_probabilities = false);

    // Phase 1: the gate (and the experts first when the gate reads them).
    void forward_gate(const Mixture<Scalar>& model, const InputBatch<Scalar>& x,
                      const ForwardSettings& settings);
    // Phase 2: the experts of this batch's cases, chosen from this batch alone (gate_mask(),
    // dropped_cases()). A caller that splits a batch over parts writes them itself, from the whole
    // batch's routing logits.
    void choose_experts_alone();
    // Phase 3: probabilities from the mask, then the experts.
    void forward_experts(const Mixture<Scalar>& model, const InputBatch<Scalar>& x);

    // The gradient of the objective with respect to every parameter, from the logit gradients the
    // objective wrote (gate_logit_gradient, expert_logit_gradient), the gate-probability
    // gradients of batch terms (probability_gradient, dense_probability_gradient), which are
    // taken through the routing softmax first, and the noisy gate's extra gradients (load term).
    // `gradient` is resized to the parameter count; every entry is written.
    void backward(const Mixture<Scalar>& model, const InputBatch<Scalar>& x,
                  Vector<Scalar>& gradient);

    Eigen::Index cases() const { return cases_; }
    // The (standardised) inputs of the last forward pass; valid while the caller's batch lives.
    const InputBatch<Scalar>& inputs() const { return *inputs_; }
    int experts() const { return spec_.experts; }  // N, the routed experts
    // M: the mixture's components (the routed experts, and the shared expert as component N).
    int components() const { return components_; }
    int classes() const { return spec_.classes; }
    int routed_experts() const { return rule_.k; }
    const RoutingRule& rule() const { return rule_; }
    // True when the experts computed only their routed cases in the last pass.
    bool sparse_experts() const { return sparse_; }
    // Whether the sparse experts' first layers read the routed cases in place (row-major inputs).
    bool first_layer_in_place() const { return sparse_ && first_layer_in_place_; }

    // Results of the last forward pass (B rows).
    const Matrix<Scalar>& gate_logits() const { return gate_logits_; }  // B x N: s
    // B x N: L, the logits the routing used: H = s + eps softplus(n) with noise, else s.
    const Matrix<Scalar>& routing_logits() const { return noisy_ ? noisy_logits_ : gate_logits_; }
    // With noise (training): eps (B x N) and the noise scale softplus(n) (B x N; whenever the model
    // has noise weights, has_noise_scale()).
    bool noisy() const { return noisy_; }
    bool has_noise_scale() const { return has_noise_scale_; }
    const Matrix<Scalar>& noise() const { return noise_; }
    const Matrix<Scalar>& noise_scale() const { return noise_scale_; }
    // B x N: p, the softmax of L over each case's experts (exactly 0 elsewhere)
    const Matrix<Scalar>& gate_probabilities() const { return gate_probabilities_; }
    // B x N: 1 where a case goes to an expert. Writable between forward_gate and forward_experts.
    const Matrix<Scalar>& gate_mask() const { return gate_mask_; }
    Matrix<Scalar>& gate_mask() { return gate_mask_; }
    // B: 1 for a case that lost an expert to capacity or that no expert chose (expert choice).
    const Vector<Scalar>& dropped_cases() const { return dropped_; }
    Vector<Scalar>& dropped_cases() { return dropped_; }
    // Cases routed to no expert at all: they add nothing to the loss and get no gradient.
    Eigen::Index unrouted_cases() const { return unrouted_cases_; }
    // B: log p_i = L_i - this, for the routed experts (0 for a case without experts)
    const Vector<Scalar>& gate_log_normalizer() const { return gate_log_normalizer_; }
    // B x N: q, softmax of L over all experts (forward with dense_probabilities; = p when dense)
    const Matrix<Scalar>& dense_probabilities() const {
        return has_dense_ ? dense_probabilities_ : gate_probabilities_;
    }
    // B x M: the weight of each component in the mixture: p without a shared expert; with one,
    // ((1 - w) p, w), w = 1 / (K + 1) (and (0, ..., 0, 1) for a case without routed experts).
    const Matrix<Scalar>& mixture_weights() const {
        return has_shared_ ? mixture_weights_ : gate_probabilities_;
    }
    // The shared expert's weight w (0 without one).
    Scalar shared_weight() const { return shared_weight_; }
    const Matrix<Scalar>& expert_logits() const { return expert_logits_; }  // B x M*C: z
    // B x M*C: o_m = softmax(z_m); 0 for the cases an expert did not compute (sparse experts).
    const Matrix<Scalar>& expert_probabilities() const { return expert_probabilities_; }
    // The activations of routed expert i (dense experts only: sparse ones hold their routed
    // cases), and of the gate.
    const NetworkActivations<Scalar>& expert_activations(int i) const {
        return experts_[size_t(i)];
    }
    const NetworkActivations<Scalar>& gate_activations() const { return gate_; }
    // Sum_m w_m o_m: the mixture's class probabilities (B x C).
    void mixture_probabilities(Matrix<Scalar>& y) const;
    Matrix<Scalar> mixture_probabilities() const;

    // Written by the objective (training/objective.h) before backward().
    Vector<Scalar>& case_losses() { return case_losses_; }  // B: E for each case
    const Vector<Scalar>& case_losses() const { return case_losses_; }
    // B x M: the posterior responsibility h_m (eq. 3, mixture NLL) or the mixture weight
    Matrix<Scalar>& responsibilities() { return responsibilities_; }
    const Matrix<Scalar>& responsibilities() const { return responsibilities_; }
    Matrix<Scalar>& gate_logit_gradient() { return gate_logit_gradient_; }      // B x N: dE/dL
    Matrix<Scalar>& expert_logit_gradient() { return expert_logit_gradient_; }  // B x M*C: dE/dz
    // B x N: dE/dp and dE/dq from batch terms. The first term to add to them calls
    // use_probability_gradients(), which zeroes both; backward() then takes them through the
    // routing softmax into dE/dL.
    void use_probability_gradients() {
        if (probability_gradients_used_) return;
        probability_gradient_.setZero();
        dense_probability_gradient_.setZero();
        probability_gradients_used_ = true;
    }
    Matrix<Scalar>& probability_gradient() { return probability_gradient_; }
    Matrix<Scalar>& dense_probability_gradient() { return dense_probability_gradient_; }
    // B x N: dE/ds (clean logits) and dE/d softplus(n) beyond what flows through L, from batch
    // terms on the noisy gate (Shazeer's load). use_noise_gradients() zeroes both first.
    void use_noise_gradients() {
        if (noise_gradients_used_) return;
        clean_logit_gradient_.setZero();
        noise_scale_gradient_.setZero();
        noise_gradients_used_ = true;
    }
    Matrix<Scalar>& clean_logit_gradient() { return clean_logit_gradient_; }
    Matrix<Scalar>& noise_scale_gradient() { return noise_scale_gradient_; }
    // Buffers of the objective: one-hot targets (B x C) and two B x M / B x max(M, C) scratch
    // matrices.
    Matrix<Scalar>& targets() { return targets_; }
    Matrix<Scalar>& loss_scratch() { return loss_scratch_; }
    Matrix<Scalar>& scratch() { return scratch_; }

  private:
    void prepare(const Mixture<Scalar>& model, Eigen::Index cases);
    // Rows [0, rows) of the stacked first layer: first_ = X W1^T + b1.
    void first_layer_forward(const Mixture<Scalar>& model, const InputBatch<Scalar>& x, int rows);
    void first_layer_backward(const Mixture<Scalar>& model, const InputBatch<Scalar>& x,
                              Vector<Scalar>& gradient, int rows);
    void add_noise(const Mixture<Scalar>& model, const NoiseDraw* noise);
    void dense_experts_forward(const Mixture<Scalar>& model, bool routed, bool shared);
    void sparse_experts_forward(const Mixture<Scalar>& model, const InputBatch<Scalar>& x);
    void sparse_experts_backward(const Mixture<Scalar>& model, Vector<Scalar>& gradient);
    void expert_softmax(int component);
    void probability_gradients_to_logits();

    ModelSpec spec_;
    const ModelStructure* structure_ = nullptr;
    std::optional<InputBatch<Scalar>> inputs_;
    Eigen::Index cases_ = -1;
    int components_ = 0;
    RoutingRule rule_;
    bool dense_probabilities_wanted_ = false;
    bool has_dense_ = false;
    bool has_shared_ = false;
    bool noisy_ = false;
    bool has_noise_scale_ = false;
    bool sparse_ = false;
    bool probability_gradients_used_ = false;
    bool noise_gradients_used_ = false;
    Scalar shared_weight_ = 0;
    Eigen::Index unrouted_cases_ = 0;

    Matrix<Scalar> first_;  // B x R: pre-activations of the stacked first layer
    NetworkActivations<Scalar> gate_;
    std::vector<NetworkActivations<Scalar>> experts_;  // M: routed, then the shared expert
    Matrix<Scalar> gate_logits_, noisy_logits_, noise_, noise_scale_;
    Matrix<Scalar> gate_probabilities_, gate_mask_, dense_probabilities_, mixture_weights_;
    Vector<Scalar> gate_log_normalizer_, dense_log_normalizer_, dropped_;
    Matrix<Scalar> expert_logits_, expert_probabilities_;
    Vector<Scalar> softmax_scratch_, softmax_sums_;
    Vector<Scalar> case_losses_;
    Matrix<Scalar> responsibilities_;
    Matrix<Scalar> gate_logit_gradient_, expert_logit_gradient_;
    Matrix<Scalar> probability_gradient_, dense_probability_gradient_;
    Matrix<Scalar> clean_logit_gradient_, noise_scale_gradient_;
    Matrix<Scalar> first_gradient_;  // B x R
    Matrix<Scalar> targets_, loss_scratch_, scratch_;
    RoutingWork<Scalar> routing_work_;

    // Sparse experts: each routed expert's cases, their inputs packed expert after expert, and
    // per-expert buffers reused expert by expert.
    std::vector<std::vector<int>> routed_rows_;
    std::vector<Eigen::Index> packed_offset_;
    RowMatrix<Scalar> packed_inputs_;
    std::vector<Matrix<Scalar>> expert_first_;  // n_i x r_i (top rows of B x r_i)
    Matrix<Scalar> packed_logits_, packed_outputs_, packed_gradient_, packed_first_gradient_;
    // Row-major inputs: the experts' first layers read the routed cases in place
    // (model/routed_first_layer.h) through this padded n_i x units buffer, instead of packing.
    bool first_layer_in_place_ = false;
    std::vector<Scalar> routed_units_;
};

extern template class ForwardBackward<double>;
extern template class ForwardBackward<float>;

}  // namespace moelab
