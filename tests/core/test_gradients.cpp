// Every loss and batch term x {linear, one and two tanh hidden layers} experts x {linear, MLP}
// gate x {K = N, K < N}: the analytic gradient against central finite differences in double
// precision, and the float gradient against the double one.
#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <string>

#include "model_test_support.h"

namespace moelab {
namespace {

using namespace testing_support;

struct Case {
    LossType loss;
    std::vector<int> expert_hidden;
    std::vector<int> gate_hidden;
    int top_k;
    double balance = 0;
    double importance = 0;
};

std::string case_name(const testing::TestParamInfo<Case>& info) {
    const Case& c = info.param;
    std::string name = std::string(to_string(c.loss));
    std::replace(name.begin(), name.end(), '-', '_');
    name +=
        "_experts_" + (c.expert_hidden.empty() ? std::string("linear")
                                               : std::to_string(c.expert_hidden.size()) + "hidden");
    name += c.gate_hidden.empty() ? "_linear_gate" : "_mlp_gate";
    name += "_k" + std::to_string(c.top_k);
    if (c.balance > 0) name += "_balance";
    if (c.importance > 0) name += "_importance";
    return name;
}

class GradientCheck : public testing::TestWithParam<Case> {};

constexpr int kExperts = 3, kClasses = 3, kInputs = 2, kCases = 7;

TEST_P(GradientCheck, MatchesCentralDifferencesAndFloatAgrees) {
    const Case c = GetParam();
    Mixture<double> model(spec_of(kInputs, kClasses, kExperts, c.expert_hidden, c.gate_hidden));
    const Objective<double> objective = objective_of<double>(c.loss, c.balance, c.importance);
    ForwardBackward<double> pass;
    Eigen::MatrixXd x(kCases, kInputs);
    std::vector<int> y(kCases);

    // Find a seed whose point is comfortably away from top-K and top-choice ties.
    for (std::uint64_t seed = 1;; ++seed) {
        ASSERT_LT(seed, 200u) << "no tie-free point found";
        model.initialize(seed);
        model.parameters() *= 3.0;  // larger weights: sharper, less trivial gradients
        std::mt19937_64 rng(seed);
        std::normal_distribution<double> normal;
        for (Eigen::Index i = 0; i < x.size(); ++i) x.data()[i] = normal(rng);
        for (int b = 0; b < kCases; ++b) y[size_t(b)] = int(rng() % kClasses);
        pass.forward(model, InputBatch<double>(x), c.top_k);
        if (tie_gap(pass.gate_logits(), c.top_k) > 1e-3) break;
    }

    Eigen::VectorXd gradient;
    loss_of(model, x, y, objective, c.top_k, &gradient);
    ASSERT_EQ(gradient.size(), model.parameters().size());
    const Eigen::VectorXd numeric =
        central_differences(model, [&] { return loss_of(model, x, y, objective, c.top_k); });
    const double relative = (numeric - gradient).norm() / std::max(numeric.norm(), 1e-12);
    EXPECT_LT(relative, 1e-6) << "analytic:\n"
                              << gradient.transpose() << "\nnumeric:\n"
                              << numeric.transpose();
    EXPECT_GT(gradient.norm(), 1e-4) << "a vanishing gradient would make this check meaningless";

    // float32, the engine's default: the same loss and gradient to float's precision.
    const Mixture<float> model_float = model.cast<float>();
    const Objective<float> objective_float = objective_of<float>(c.loss, c.balance, c.importance);
    Eigen::VectorXf gradient_float;
    const float loss_float = loss_of(model_float, Eigen::MatrixXf(x.cast<float>()), y,
                                     objective_float, c.top_k, &gradient_float);
    const double loss_double = loss_of(model, x, y, objective, c.top_k);
    EXPECT_NEAR(loss_float, loss_double, 1e-5 * std::max(1.0, std::abs(loss_double)));
    EXPECT_LT((gradient_float.cast<double>() - gradient).norm() / gradient.norm(), 1e-4)
        << "float and double gradients differ beyond float precision";

    if (c.top_k < kExperts) {
        // Unrouted experts get exactly zero gradient for the cases they do not serve: with every
        // case routed away from an expert, its whole gradient is zero. Check one case at a time.
        for (int b = 0; b < kCases; ++b) {
            Eigen::MatrixXd one = x.row(b);
            std::vector<int> label{y[size_t(b)]};
            Eigen::VectorXd g;
            ForwardBackward<double> single;
            loss_of(model, one, label, objective_of<double>(c.loss), c.top_k, &g, &single);
            for (int i = 0; i < kExperts; ++i) {
                if (single.gate_probabilities()(0, i) != 0.0) continue;
                for (const DenseSlice& layer : model.structure().experts()[size_t(i)].layers()) {
                    EXPECT_TRUE(weights_of<double>(g, layer).isZero(0.0));
                    EXPECT_TRUE(biases_of<double>(g, layer).isZero(0.0));
                }
            }
        }
    }
}

std::vector<Case> all_cases() {
    std::vector<Case> cases;
    for (LossType loss : {LossType::Cooperative, LossType::Competitive, LossType::CompetitiveLog,
                          LossType::MixtureNll})
        for (const std::vector<int>& expert_hidden :
             {std::vector<int>{}, std::vector<int>{4}, std::vector<int>{4, 3}})
            for (const std::vector<int>& gate_hidden : {std::vector<int>{}, std::vector<int>{5}})
                for (int k : {kExperts, 2, 1})
                    cases.push_back({loss, expert_hidden, gate_hidden, k});
    // The batch terms on top of two main losses, dense and sparse, alone and together.
    for (LossType loss : {LossType::MixtureNll, LossType::CompetitiveLog})
        for (int k : {kExperts, 2}) {
            cases.push_back({loss, {4}, {5}, k, 0.7, 0});
            cases.push_back({loss, {}, {}, k, 0, 0.9});
            cases.push_back({loss, {4}, {}, k, 0.5, 0.6});
        }
    return cases;
}

INSTANTIATE_TEST_SUITE_P(AllLosses, GradientCheck, testing::ValuesIn(all_cases()), case_name);

}  // namespace
}  // namespace moelab
