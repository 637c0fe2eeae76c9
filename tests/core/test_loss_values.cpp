// Each loss on a case computed by hand: 2 experts, 2 classes, one input x = 1, zero biases, so the
// first-layer weights are the logits. Gate s = (0, ln 3): p = (1/4, 3/4). Expert 0 logits (0, 0):
// o_0 = (1/2, 1/2). Expert 1 logits (ln 3, 0): o_1 = (3/4, 1/4). Target class 0: d = (1, 0).
#include <gtest/gtest.h>

#include <cmath>

#include "model/forward_backward.h"
#include "model/mixture.h"

namespace moelab {
namespace {

class HandComputed : public testing::Test {
  protected:
    HandComputed() : model(ModelShape{1, 2, 2, 0, 0}) {
        model.parameters().setZero();
        model.weights(0, 0)(1, 0) = std::log(3.0);  // gate logit of expert 1
        model.weights(2, 0)(0, 0) = std::log(3.0);  // expert 1, class 0
        x = Eigen::MatrixXd::Ones(1, 1);
    }
    double loss(LossType type, int top_k = 2) { return pass.loss(model, x, labels, type, top_k); }

    Mixture<double> model;
    ForwardBackward<double> pass;
    Eigen::MatrixXd x;
    std::vector<int> labels{0};
};

TEST_F(HandComputed, GateAndExpertOutputs) {
    pass.forward(model, x, 2);
    EXPECT_NEAR(pass.gate_probabilities()(0, 0), 0.25, 1e-15);
    EXPECT_NEAR(pass.gate_probabilities()(0, 1), 0.75, 1e-15);
    EXPECT_NEAR(pass.expert_probabilities()(0, 0), 0.5, 1e-15);
    EXPECT_NEAR(pass.expert_probabilities()(0, 2), 0.75, 1e-15);
}

TEST_F(HandComputed, CooperativeEquation1) {
    // sum_i p_i o_i = (0.6875, 0.3125); E = 1/2 (0.3125^2 + 0.3125^2) = 0.09765625
    EXPECT_NEAR(loss(LossType::Cooperative), 0.09765625, 1e-14);
}

TEST_F(HandComputed, CompetitiveEquation2) {
    // e_0 = 1/2 (0.25 + 0.25) = 0.25, e_1 = 1/2 (0.0625 + 0.0625) = 0.0625
    // E = 0.25 * 0.25 + 0.75 * 0.0625 = 0.109375
    EXPECT_NEAR(loss(LossType::Competitive), 0.109375, 1e-14);
}

TEST_F(HandComputed, CompetitiveLogEquation3) {
    // E = -log(0.25 e^-0.25 + 0.75 e^-0.0625) = 0.106183084...
    const double expected = -std::log(0.25 * std::exp(-0.25) + 0.75 * std::exp(-0.0625));
    EXPECT_NEAR(expected, 0.10618308401, 1e-10);
    EXPECT_NEAR(loss(LossType::CompetitiveLog), expected, 1e-14);
    // Posterior responsibilities h_i = p_i e^{-e_i} / sum
    const double h0 = 0.25 * std::exp(-0.25) / (0.25 * std::exp(-0.25) + 0.75 * std::exp(-0.0625));
    EXPECT_NEAR(pass.responsibilities()(0, 0), h0, 1e-14);
}

TEST_F(HandComputed, MixtureNll) {
    // E = -log(0.25 * 0.5 + 0.75 * 0.75) = -log(0.6875)
    EXPECT_NEAR(loss(LossType::MixtureNll), 0.37469344944141, 1e-12);
}

TEST_F(HandComputed, TopOneRoutesEverythingToTheLargerLogit) {
    // K = 1 keeps expert 1 only: p = (0, 1); NLL = -log 0.75
    EXPECT_NEAR(loss(LossType::MixtureNll, 1), -std::log(0.75), 1e-14);
    EXPECT_EQ(pass.gate_probabilities()(0, 0), 0.0);
    EXPECT_EQ(pass.gate_probabilities()(0, 1), 1.0);
}

TEST(MixtureNllFarOffTarget, FallsBackToLogSpaceInsteadOfUnderflowing) {
    // Expert 0 gives class 0 probability ~e^-900, expert 1 ~e^-1000: p_i o_i[y] underflows to 0
    // in double, yet E = -log(1/4 e^-900 + 3/4 e^-1000) = 900 + log 4 (to 1e-40 relative).
    Mixture<double> model(ModelShape{1, 2, 2, 0, 0});
    model.parameters().setZero();
    model.weights(0, 0)(1, 0) = std::log(3.0);
    model.weights(1, 0)(1, 0) = 900.0;   // expert 0, class 1
    model.weights(2, 0)(1, 0) = 1000.0;  // expert 1, class 1
    ForwardBackward<double> pass;
    const Eigen::MatrixXd x = Eigen::MatrixXd::Ones(1, 1);
    const std::vector<int> labels{0};
    Eigen::VectorXd gradient;
    const double loss = pass.loss_and_gradient(model, x, labels, LossType::MixtureNll, 2, gradient);
    EXPECT_NEAR(loss, 900.0 + std::log(4.0), 1e-9);
    ASSERT_TRUE(gradient.allFinite());
    // h = (1, ~0): dE/ds = p - h = (-3/4, 3/4) on the gate's two weights.
    EXPECT_NEAR(pass.responsibilities()(0, 0), 1.0, 1e-12);
    EXPECT_NEAR(gradient[0], -0.75, 1e-12);
    EXPECT_NEAR(gradient[1], 0.75, 1e-12);
}

}  // namespace
}  // namespace moelab
