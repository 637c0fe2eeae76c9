// Optimizers: each update rule against its formula on a small vector.
#include <gtest/gtest.h>

#include <cmath>

#include "training/optimizer.h"

namespace moelab {
namespace {

TEST(Optimizer, SgdIsPlainGradientDescent) {
    SgdOptimizer sgd;
    Eigen::VectorXd w(2), g(2);
    w << 1, -2;
    g << 0.5, 4;
    sgd.step(w, g, 0.1);
    EXPECT_DOUBLE_EQ(w[0], 0.95);
    EXPECT_DOUBLE_EQ(w[1], -2.4);
}

TEST(Optimizer, MomentumAccumulatesVelocity) {
    MomentumOptimizer momentum(0.9);
    Eigen::VectorXd w = Eigen::VectorXd::Zero(1), g = Eigen::VectorXd::Ones(1);
    momentum.step(w, g, 1.0);  // v = 1
    momentum.step(w, g, 1.0);  // v = 1.9
    EXPECT_DOUBLE_EQ(w[0], -2.9);
    momentum.reset();
    momentum.step(w, g, 1.0);
    EXPECT_DOUBLE_EQ(w[0], -3.9);
}

TEST(Optimizer, AdamFirstStepMovesByTheLearningRate) {
    AdamOptimizer adam(0.9, 0.999, 1e-8);
    Eigen::VectorXd w = Eigen::VectorXd::Zero(2), g(2);
    g << 3, -0.001;
    adam.step(w, g, 0.01);
    // After bias correction m/sqrt(v) = sign(g) on the first step.
    EXPECT_NEAR(w[0], -0.01, 1e-9);
    EXPECT_NEAR(w[1], 0.01, 1e-4);
}

TEST(Optimizer, FtrlKeepsInitialWeightsAndAppliesL1) {
    FtrlOptimizer ftrl(1.0, 0.0, 0.0);
    Eigen::VectorXd w(1), g(1);
    w << 0.7;
    g << 0.0;
    ftrl.step(w, g, 0.5);  // zero gradient: the first iterate is the initial weight
    EXPECT_NEAR(w[0], 0.7, 1e-12);

    FtrlOptimizer sparse(1.0, 10.0, 0.0);
    Eigen::VectorXd v(1);
    v << 0.0;
    g << 0.5;
    for (int step = 0; step < 19; ++step) {
        sparse.step(v, g, 0.5);  // |z| = 0.5 * steps stays below L1: the weight stays exactly zero
        EXPECT_EQ(v[0], 0.0);
    }
    sparse.step(v, g, 0.5);
    sparse.step(v, g, 0.5);  // |z| = 10.5 > L1: the weight moves against the gradient
    EXPECT_LT(v[0], 0.0);
}

TEST(Optimizer, FtrlMatchesTheClosedForm) {
    const double alpha = 0.3, beta = 1.0, l1 = 0.01, l2 = 0.1;
    FtrlOptimizer ftrl(beta, l1, l2);
    Eigen::VectorXd w(1), g(1);
    w << 0.0;
    g << 2.0;
    ftrl.step(w, g, alpha);
    // z = g - sigma * 0 = 2, n = 4: w = -(z - l1) / ((beta + 2) / alpha + l2)
    EXPECT_NEAR(w[0], -(2.0 - l1) / ((beta + 2.0) / alpha + l2), 1e-12);
}

}  // namespace
}  // namespace moelab
