// Each loss on a case computed by hand: 2 experts, 2 classes, one input x = 1, zero biases, so the
// first-layer weights are the logits. Gate s = (0, ln 3): p = (1/4, 3/4). Expert 0 logits (0, 0):
// o_0 = (1/2, 1/2). Expert 1 logits (ln 3, 0): o_1 = (3/4, 1/4). Target class 0: d = (1, 0).
#include <gtest/gtest.h>

#include <cmath>

#include "model_test_support.h"

namespace moelab {
namespace {

using namespace testing_support;

class HandComputed : public testing::Test {
  protected:
    HandComputed() : model(spec_of(1, 2, 2)) {
        model.parameters().setZero();
        weights(model, 0, 0)(1, 0) = std::log(3.0);  // gate logit of expert 1
        weights(model, 2, 0)(0, 0) = std::log(3.0);  // expert 1, class 0
        x = Eigen::MatrixXd::Ones(1, 1);
    }
    double loss(LossType type, int top_k = 2) {
        return loss_of(model, x, labels, objective_of<double>(type), top_k, nullptr, &pass);
    }

    Mixture<double> model;
    ForwardBackward<double> pass;
    Eigen::MatrixXd x;
    std::vector<int> labels{0};
};

TEST_F(HandComputed, GateAndExpertOutputs) {
    pass.forward(model, InputBatch<double>(x), 2);
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
    Mixture<double> model(spec_of(1, 2, 2));
    model.parameters().setZero();
    weights(model, 0, 0)(1, 0) = std::log(3.0);
    weights(model, 1, 0)(1, 0) = 900.0;   // expert 0, class 1
    weights(model, 2, 0)(1, 0) = 1000.0;  // expert 1, class 1
    ForwardBackward<double> pass;
    const Eigen::MatrixXd x = Eigen::MatrixXd::Ones(1, 1);
    const std::vector<int> labels{0};
    Eigen::VectorXd gradient;
    const double loss =
        loss_of(model, x, labels, objective_of<double>(LossType::MixtureNll), 2, &gradient, &pass);
    EXPECT_NEAR(loss, 900.0 + std::log(4.0), 1e-9);
    ASSERT_TRUE(gradient.allFinite());
    // h = (1, ~0): dE/ds = p - h = (-3/4, 3/4) on the gate's two weights (the first two entries
    // of the stacked first layer, whose rows start with the gate's).
    EXPECT_NEAR(pass.responsibilities()(0, 0), 1.0, 1e-12);
    EXPECT_NEAR(gradient[0], -0.75, 1e-12);
    EXPECT_NEAR(gradient[1], 0.75, 1e-12);
}

}  // namespace
}  // namespace moelab

namespace moelab {
namespace {

using namespace testing_support;

// Batch terms by hand: 2 experts, dense gate, two cases with gate logits (0, ln 3) and (ln 3, 0),
// so p = (1/4, 3/4) and (3/4, 1/4).
class BatchTermsByHand : public testing::Test {
  protected:
    BatchTermsByHand() : model(spec_of(1, 2, 2)) {
        model.parameters().setZero();
        weights(model, 0, 0)(1, 0) = std::log(3.0);  // gate logit of expert 1 = ln 3 * x
        x.resize(2, 1);
        x << 1, -1;  // the second case's logits are (0, -ln 3): p = (3/4, 1/4)
    }
    Mixture<double> model;
    Eigen::MatrixXd x;
    std::vector<int> labels{0, 1};
};

TEST_F(BatchTermsByHand, LoadBalancingIsNTimesTheSumOfFractionTimesMeanProbability) {
    // f = (1/2, 1/2) (one top choice each), P = (1/2, 1/2): L = 2 * (1/4 + 1/4) = 1, weighted 0.3.
    const double main = loss_of(model, x, labels, objective_of<double>(LossType::MixtureNll), 2);
    const double with =
        loss_of(model, x, labels, objective_of<double>(LossType::MixtureNll, 0.3), 2);
    EXPECT_NEAR(with - main, 0.3 * 1.0, 1e-14);
}

TEST_F(BatchTermsByHand, ImportanceIsTheSquaredCoefficientOfVariation) {
    // Both experts' summed probability is 1: no variation, the term is 0. Tilt the second case.
    weights(model, 0, 0)(1, 0) = std::log(3.0);
    x(1, 0) = 0;  // second case: p = (1/2, 1/2); importance = (3/4, 5/4), mean 1, var 1/16
    const double main = loss_of(model, x, labels, objective_of<double>(LossType::MixtureNll), 2);
    const double with =
        loss_of(model, x, labels, objective_of<double>(LossType::MixtureNll, 0, 2.0), 2);
    EXPECT_NEAR(with - main, 2.0 * (1.0 / 16.0) / 1.0, 1e-14);
}

}  // namespace
}  // namespace moelab
