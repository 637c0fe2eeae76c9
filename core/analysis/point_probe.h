#pragma once
// The mixture at one point of the plane, as a teacher explains the equations on it: the gate's
// probabilities p_i, each expert's class probabilities o_i, the posterior responsibilities h_i
// for a chosen target class c, and each expert's gradient dE/do_i under the current loss with the
// scalar factor that tells eq. 1, eq. 2 and eq. 3 apart.
#include <Eigen/Core>
#include <vector>

#include "data/dataset.h"
#include "model/mixture.h"
#include "training/config.h"

namespace moelab {

struct PointProbe {
    Eigen::VectorXd standardized;  // the point as the model sees it
    int target = 0;                // c: the class d = one-hot(c) stands for
    LossType loss = LossType::CompetitiveLog;
    // N: the gate's probability of each routed expert (softmax over the top K; exactly 0 for an
    // expert outside the top K, which is not routed).
    Eigen::VectorXd gate;
    std::vector<bool> routed;  // N
    // M (the N routed experts, then the shared expert if there is one): the weight w_m of each
    // component in the mixture (= p without a shared expert).
    Eigen::VectorXd weight;
    Eigen::MatrixXd expert_outputs;  // M x C: o_m
    Eigen::VectorXd mixture;         // C: y = sum_m w_m o_m
    // M: the posterior responsibility of each component for the target c under the loss's own
    // likelihood: for eq. 1, 2 and 3 the Gaussian one of eq. 3,
    //   h_m = w_m exp(-1/2 ||d - o_m||^2) / sum_j w_j exp(-1/2 ||d - o_j||^2),
    // and for the mixture NLL the categorical one, h_m = w_m o_m[c] / sum_j w_j o_j[c].
    // Sums to one.
    Eigen::VectorXd responsibility;
    // M: the factor that weights component m's error in dE/do_m, the part that differs between
    // the losses: eq. 1 w_m, eq. 2 w_m, eq. 3 h_m, mixture NLL h_m / o_m[c].
    Eigen::VectorXd gradient_factor;
    // M x C: dE/do_m, the gradient of this case's loss with respect to component m's outputs:
    //   eq. 1: -w_m (d - y)        (every expert pulled by the shared residual)
    //   eq. 2: -w_m (d - o_m)      (each by its own error, weighted by the gate)
    //   eq. 3: -h_m (d - o_m)      (each by its own error, weighted by its responsibility)
    //   NLL:   -h_m / o_m[c] on class c, 0 on the others.
    Eigen::MatrixXd output_gradient;
    double loss_value = 0;  // E of this case
};

// Probes `model` at the raw point (x, y) (feature 0, feature 1; standardised with
// `standardization`) for target class `target` under `loss`, each case routed to its top
// `routed_experts` experts (clamped to [1, N]), without noise. The model must take two inputs.
// Throws ConfigError for a model of another input size or a class out of range.
template <typename Scalar>
PointProbe probe_point(const Mixture<Scalar>& model, const Standardization& standardization,
                       double x, double y, int target, LossType loss, int routed_experts);

// The same at a point already standardised (any input size).
template <typename Scalar>
PointProbe probe_standardized(const Mixture<Scalar>& model, const Eigen::VectorXd& standardized,
                              int target, LossType loss, int routed_experts);

}  // namespace moelab
