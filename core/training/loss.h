#pragma once
// The four main losses of MoE Lab, per case, and their gradients with respect to the gate's
// logits s and the experts' logits z (expert outputs are o_i = softmax(z_i), gate weights
// p = topK-softmax(s)). Each follows the equation of Jacobs, Jordan, Nowlan & Hinton (1991)
// named beside its code in loss.cpp.
#include <Eigen/Core>
#include <span>

#include "model/forward_backward.h"
#include "training/config.h"

namespace moelab {

// Computes every case's loss (pass.case_losses()) and responsibility (pass.responsibilities(): the
// posterior h_i for eq. 3 and the mixture NLL, the gate weight p_i for eq. 1 and 2) from the last
// forward pass. With `with_gradient`, also writes `scale` * dE/ds and `scale` * dE/dz into
// pass.gate_logit_gradient() and pass.expert_logit_gradient() (scale = 1 / batch size gives the
// gradient of the batch mean). Allocates nothing once the pass's buffers have their size.
template <typename Scalar>
void evaluate_main_loss(LossType loss, ForwardBackward<Scalar>& pass, std::span<const int> labels,
                        bool with_gradient, Scalar scale);

}  // namespace moelab
