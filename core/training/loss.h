#pragma once
// The four main losses of MoE Lab, per case, and their gradients with respect to the gate's
// routing logits L and the experts' logits z (expert outputs are o_m = softmax(z_m), gate weights
// p = the softmax of L over each case's routed experts, mixture weights w = p, or ((1 - w) p, w)
// with a shared expert). Each follows the equation of Jacobs, Jordan, Nowlan & Hinton (1991) named
// beside its code in loss.cpp.
#include <Eigen/Core>
#include <span>

#include "model/forward_backward.h"
#include "training/config.h"

namespace moelab {

// Computes every case's loss (pass.case_losses()) and responsibility (pass.responsibilities(): the
// posterior h_m for eq. 3 and the mixture NLL, the mixture weight w_m for eq. 1 and 2) from the
// last forward pass. A case routed to no expert gets loss 0 and no gradient. With
// `with_gradient`, also writes `scale` * dE/dL and `scale` * dE/dz into
// pass.gate_logit_gradient() and pass.expert_logit_gradient() (scale = 1 / batch size gives the
// gradient of the batch mean). Allocates nothing once the pass's buffers have their size.
template <typename Scalar>
void evaluate_main_loss(LossType loss, ForwardBackward<Scalar>& pass, std::span<const int> labels,
                        bool with_gradient, Scalar scale);

}  // namespace moelab
