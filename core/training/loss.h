#pragma once
// The four losses of MoE Lab for a batch, and their gradients with respect to the gate's logits s
// and the experts' logits z (expert outputs are o_i = softmax(z_i), gate weights p =
// topK-softmax(s)).
#include <Eigen/Core>
#include <span>

#include "training/config.h"

namespace moelab {

template <typename Scalar>
struct LossInputs {
    using Matrix = Eigen::Matrix<Scalar, Eigen::Dynamic, Eigen::Dynamic>;
    using Vector = Eigen::Matrix<Scalar, Eigen::Dynamic, 1>;
    const Matrix& gate_logits;           // B x N: s
    const Matrix& gate_probabilities;    // B x N: p (0 off the top-K)
    const Vector& gate_log_normalizer;   // B: log p_i = s_i - this, on the top-K
    const Matrix& gate_mask;             // B x N: 1 on the top-K
    const Matrix& expert_logits;         // B x N*C: z
    const Matrix& expert_probabilities;  // B x N*C: o
    const Matrix& targets;               // B x C: one-hot d
    std::span<const int> labels;         // B
    int experts = 0;
    int classes = 0;
};

template <typename Scalar>
struct LossOutputs {
    using Matrix = Eigen::Matrix<Scalar, Eigen::Dynamic, Eigen::Dynamic>;
    using Vector = Eigen::Matrix<Scalar, Eigen::Dynamic, 1>;
    Vector& case_losses;          // B: E for each case
    Matrix& responsibilities;     // B x N: posterior h_i (eq. 3, NLL) or gate weight p_i (eq. 1, 2)
    Matrix& gate_logit_gradient;  // B x N: scale * dE/ds
    Matrix& expert_logit_gradient;  // B x N*C: scale * dE/dz
    Matrix& work;                   // B x max(N, C) scratch
};

// Computes per-case losses and responsibilities; with `with_gradient`, also the logit gradients
// multiplied by `scale` (1/B for the batch mean).
template <typename Scalar>
void evaluate_loss(LossType loss, const LossInputs<Scalar>& in, LossOutputs<Scalar>& out,
                   bool with_gradient, Scalar scale);

}  // namespace moelab
