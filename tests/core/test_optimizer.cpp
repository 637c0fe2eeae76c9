// Optimizers: each update rule against its formula on a small vector.
#include <gtest/gtest.h>

#include <cmath>

#include "errors.h"
#include "training/optimizer.h"

namespace moelab {
namespace {

// The optimizer a config names, in double.
std::unique_ptr<Optimizer<double>> make(OptimizerType type, double a = 0, double b = 0,
                                        double c = 0) {
    Config config;
    config.optimizer = type;
    config.momentum = a;
    config.adam_beta1 = a;
    config.adam_beta2 = b;
    config.adam_epsilon = c > 0 ? c : 1e-8;
    config.ftrl_beta = a;
    config.ftrl_l1 = b;
    config.ftrl_l2 = c;
    return make_optimizer<double>(config);
}

TEST(Optimizer, SgdIsPlainGradientDescent) {
    auto sgd = make(OptimizerType::Sgd);
    Eigen::VectorXd w(2), g(2);
    w << 1, -2;
    g << 0.5, 4;
    sgd->step(w, g, 0.1);
    EXPECT_DOUBLE_EQ(w[0], 0.95);
    EXPECT_DOUBLE_EQ(w[1], -2.4);
}

TEST(Optimizer, MomentumAccumulatesVelocity) {
    auto momentum = make(OptimizerType::Momentum, 0.9);
    Eigen::VectorXd w = Eigen::VectorXd::Zero(1), g = Eigen::VectorXd::Ones(1);
    momentum->step(w, g, 1.0);  // v = 1
    momentum->step(w, g, 1.0);  // v = 1.9
    EXPECT_DOUBLE_EQ(w[0], -2.9);
    momentum->reset();
    momentum->step(w, g, 1.0);
    EXPECT_DOUBLE_EQ(w[0], -3.9);
}

TEST(Optimizer, AdamFirstStepMovesByTheLearningRate) {
    auto adam = make(OptimizerType::Adam, 0.9, 0.999, 1e-8);
    Eigen::VectorXd w = Eigen::VectorXd::Zero(2), g(2);
    g << 3, -0.001;
    adam->step(w, g, 0.01);
    // After bias correction m/sqrt(v) = sign(g) on the first step.
    EXPECT_NEAR(w[0], -0.01, 1e-9);
    EXPECT_NEAR(w[1], 0.01, 1e-4);
}

TEST(Optimizer, FtrlKeepsInitialWeightsAndAppliesL1) {
    auto ftrl = make(OptimizerType::Ftrl, 1.0, 0.0, 0.0);
    Eigen::VectorXd w(1), g(1);
    w << 0.7;
    g << 0.0;
    ftrl->step(w, g, 0.5);  // zero gradient: the first iterate is the initial weight
    EXPECT_NEAR(w[0], 0.7, 1e-12);

    auto sparse = make(OptimizerType::Ftrl, 1.0, 10.0, 0.0);
    Eigen::VectorXd v(1);
    v << 0.0;
    g << 0.5;
    for (int step = 0; step < 19; ++step) {
        sparse->step(v, g, 0.5);  // |z| = 0.5 * steps stays below L1: the weight stays exactly zero
        EXPECT_EQ(v[0], 0.0);
    }
    sparse->step(v, g, 0.5);
    sparse->step(v, g, 0.5);  // |z| = 10.5 > L1: the weight moves against the gradient
    EXPECT_LT(v[0], 0.0);
}

TEST(Optimizer, FtrlMatchesTheClosedForm) {
    const double alpha = 0.3, beta = 1.0, l1 = 0.01, l2 = 0.1;
    auto ftrl = make(OptimizerType::Ftrl, beta, l1, l2);
    Eigen::VectorXd w(1), g(1);
    w << 0.0;
    g << 2.0;
    ftrl->step(w, g, alpha);
    // z = g - sigma * 0 = 2, n = 4: w = -(z - l1) / ((beta + 2) / alpha + l2)
    EXPECT_NEAR(w[0], -(2.0 - l1) / ((beta + 2.0) / alpha + l2), 1e-12);
}

TEST(Optimizer, UpdatesByRangesEqualOneWholeUpdate) {
    // The engine updates a step's parameters in ranges on several threads.
    for (OptimizerType type :
         {OptimizerType::Sgd, OptimizerType::Momentum, OptimizerType::Adam, OptimizerType::Ftrl}) {
        auto whole = make(type, 0.9, 0.99, 0.01), ranged = make(type, 0.9, 0.99, 0.01);
        Eigen::VectorXd w = Eigen::VectorXd::LinSpaced(10, -1, 1), v = w;
        for (int step = 0; step < 3; ++step) {
            const Eigen::VectorXd g = Eigen::VectorXd::LinSpaced(10, 0.5, -0.2) * (step + 1);
            whole->step(w, g, 0.1);
            Eigen::VectorXd out(10);
            ranged->begin_step(v, 0.1);
            ranged->update(v, g, 0.1, out, 0, 3);
            ranged->update(v, g, 0.1, out, 3, 10);
            v = out;
        }
        // Ranges may start at another alignment, so the vectorised arithmetic may round
        // differently in the last bit; a given thread count always uses the same ranges.
        EXPECT_LT((w - v).cwiseAbs().maxCoeff(), 1e-14) << to_string(type);
    }
}

TEST(Optimizer, StateRestoresExactly) {
    for (OptimizerType type :
         {OptimizerType::Sgd, OptimizerType::Momentum, OptimizerType::Adam, OptimizerType::Ftrl}) {
        auto first = make(type, 0.9, 0.99, 0.01);
        Eigen::VectorXd w = Eigen::VectorXd::LinSpaced(5, -1, 1);
        const Eigen::VectorXd g = Eigen::VectorXd::LinSpaced(5, 0.3, -0.4);
        first->step(w, g, 0.1);
        auto second = make(type, 0.9, 0.99, 0.01);
        second->restore(first->state());
        Eigen::VectorXd v = w;
        first->step(w, g, 0.1);
        second->step(v, g, 0.1);
        EXPECT_EQ(w, v) << to_string(type);
        EXPECT_THROW(
            second->restore(OptimizerState{
                type == OptimizerType::Sgd ? OptimizerType::Adam : OptimizerType::Sgd, 0, {}}),
            ConfigError);
    }
}

}  // namespace
}  // namespace moelab
