// The backprop baseline of the paper's Table 1 as a model kind: one expert, no gate acting. The
// rules between knobs, its gradient against central differences, its gate never trained.
#include <gtest/gtest.h>

#include <random>
#include <vector>

#include "data/registry.h"
#include "model_test_support.h"
#include "training/knobs.h"
#include "training/trainer.h"

namespace moelab {
namespace {

using namespace testing_support;

// The network kind: choosing it makes N 1 (no shared expert), more experts make a mixture again.
TEST(NetworkModel, IsOneExpertAndFollowsTheRules) {
    const KnobSetting network{&knob("model_kind"), static_cast<long long>(ModelKind::Network)};
    Config base;
    base.shared_expert = true;
    Config c = apply_settings(base, std::span(&network, 1));
    EXPECT_EQ(c.model_kind, ModelKind::Network);
    EXPECT_EQ(c.experts, 1);
    EXPECT_FALSE(c.shared_expert);
    EXPECT_TRUE(c.dense());
    EXPECT_NO_THROW(validate(c));
    const KnobSetting more{&knob("experts"), 3LL};
    const Config mixture = apply_settings(c, std::span(&more, 1));
    EXPECT_EQ(mixture.model_kind, ModelKind::Mixture);
    EXPECT_EQ(mixture.experts, 3);
    const KnobSetting back{&knob("model_kind"), static_cast<long long>(ModelKind::Mixture)};
    EXPECT_EQ(apply_settings(c, std::span(&back, 1)).experts, Config{}.experts);
    // Both given and at odds: an error naming --experts.
    const KnobSetting both[] = {network, more};
    const auto problem = find_problem(apply_settings(Config{}, both));
    ASSERT_TRUE(problem);
    EXPECT_EQ(problem->knob->key, "experts");
    EXPECT_FALSE(knob("gate").matters(c));
    EXPECT_FALSE(knob("top_k").matters(c));
}

// One network with H tanh hidden units and a softmax output: the gradient of every loss against
// central differences, and the gate's part of it exactly zero (its softmax over one logit is 1).
TEST(NetworkModel, GradientMatchesCentralDifferencesAndTheGateGetsNone) {
    constexpr int kInputs = 2, kClasses = 4, kCases = 9;
    for (LossType loss : {LossType::Cooperative, LossType::Competitive, LossType::CompetitiveLog,
                          LossType::MixtureNll}) {
        SCOPED_TRACE(std::string(to_string(loss)));
        Config config;
        config.model_kind = ModelKind::Network;
        config.experts = 1;
        config.expert_hidden = {6};
        config.loss = loss;
        Mixture<double> model(ModelSpec::from(config, kInputs, kClasses));
        model.initialize(3);
        model.parameters() *= 2.0;
        const Objective<double> objective = Objective<double>::from(config);
        std::mt19937_64 rng(5);
        std::normal_distribution<double> normal;
        Eigen::MatrixXd x(kCases, kInputs);
        for (Eigen::Index i = 0; i < x.size(); ++i) x.data()[i] = normal(rng);
        std::vector<int> y(kCases);
        for (int b = 0; b < kCases; ++b) y[size_t(b)] = int(rng() % kClasses);

        Eigen::VectorXd gradient;
        loss_of(model, x, y, objective, 1, &gradient);
        const Eigen::VectorXd numeric =
            central_differences(model, [&] { return loss_of(model, x, y, objective, 1); });
        EXPECT_LT((numeric - gradient).norm() / numeric.norm(), 1e-6);
        EXPECT_GT(gradient.norm(), 1e-4);
        for (const DenseSlice& layer : model.structure().gate().layers()) {
            EXPECT_TRUE(weights_of<double>(gradient, layer).isZero(0.0));
            EXPECT_TRUE(biases_of<double>(gradient, layer).isZero(0.0));
        }
    }
}

TEST(NetworkModel, TrainsOnTheVowelsWithItsGateUntouched) {
    Config config;
    config.model_kind = ModelKind::Network;
    config.experts = 1;
    config.expert_hidden = {6};
    config.threads = 1;
    const auto data = std::make_shared<const Dataset>(load_dataset(config.dataset));
    Trainer trainer(config, data);
    const Mixture<double> before = trainer.model();
    trainer.train(50);
    const Mixture<double> after = trainer.model();
    for (const DenseSlice& layer : after.structure().gate().layers()) {
        EXPECT_EQ(weights_of<double>(after.parameters(), layer),
                  weights_of<double>(before.parameters(), layer));
    }
    EXPECT_NE(after.parameters(), before.parameters());
    EXPECT_GT(trainer.history().metrics.back().train_accuracy, 0.5);
}

}  // namespace
}  // namespace moelab
