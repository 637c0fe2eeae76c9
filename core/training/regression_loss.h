#pragma once
// The paper's three losses in their Gaussian form (unit variance), for experts whose output o_i is
// the mean of a Gaussian over a real target y (Jacobs, Jordan, Nowlan & Hinton 1991, eq. 1 to 3),
// with their gradients with respect to the expert outputs and the gate's logits (p = softmax).
#include <Eigen/Core>

#include "model/types.h"
#include "training/config.h"

namespace moelab {

// What one evaluation writes, per case of a batch of B cases and N experts.
template <typename Scalar>
struct RegressionLossTerms {
    Column<Scalar> case_losses;       // B: E for each case
    Matrix<Scalar> responsibilities;  // B x N: h_i for eq. 3 (the posterior), p_i for eq. 1, 2
    Matrix<Scalar> output_gradient;   // B x N: scale * dE/do_i (with the gradient)
    Matrix<Scalar> logit_gradient;    // B x N: scale * dE/d(logit_i) (with the gradient)
};

// The batch's loss times `scale` (scale = 1 / B gives the batch mean) for `outputs` o (B x N),
// gate probabilities `gate` p (B x N) and targets y (B). Throws ConfigError for the mixture NLL,
// the categorical loss, whose Gaussian form is eq. 3 (competitive-log).
template <typename Scalar>
Scalar evaluate_regression_loss(LossType loss, const Matrix<Scalar>& outputs,
                                const Matrix<Scalar>& gate, const Vector<Scalar>& targets,
                                bool with_gradient, Scalar scale,
                                RegressionLossTerms<Scalar>& terms);

}  // namespace moelab
