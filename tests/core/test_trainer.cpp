// Trainer: learning on the paper's vowels, determinism, live config changes, divergence rollback.
#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <limits>

#include "data/registry.h"
#include "errors.h"
#include "training/trainer.h"

namespace moelab {
namespace {

std::shared_ptr<const Dataset> load(const DatasetConfig& config) {
    return std::make_shared<const Dataset>(load_dataset(config));
}

Config vowel_config() {
    Config config;
    config.dataset.name = "vowels";
    config.experts = 4;
    config.top_k = 4;
    config.expert_hidden = {};
    config.loss = LossType::CompetitiveLog;
    config.optimizer = OptimizerType::Sgd;
    config.learning_rate = 0.5;
    config.batch_size = 0;
    config.seed = 1;
    return config;
}

TEST(Trainer, FourLinearExpertsLearnTheVowelsWithEquation3) {
    const Config config = vowel_config();
    Trainer trainer(config, load(config.dataset));
    trainer.train(2000);
    ASSERT_EQ(trainer.history().size(), 2000u);
    const EpochMetrics& last = trainer.history().back();
    EXPECT_GE(last.test_accuracy, 0.88) << "train " << last.train_accuracy;
    EXPECT_LT(last.loss, trainer.history().front().loss);
}

TEST(Trainer, BackpropBaselineIsOneMlpExpertWithoutAGate) {
    Config config = vowel_config();
    config.experts = 1;
    config.top_k = 1;
    config.expert_hidden = {6};  // the paper's "BP 6 hid"
    config.loss = LossType::MixtureNll;
    Trainer trainer(config, load(config.dataset));
    trainer.train(300);
    const auto& last = trainer.history().back();
    EXPECT_DOUBLE_EQ(last.utilisation.at(0), 1.0);  // the lone expert gets every case
    EXPECT_GT(last.test_accuracy, 0.6);
}

Config minibatch_config() {
    Config config;
    config.dataset.name = "moons";
    config.dataset.cases = 300;
    config.experts = 3;
    config.top_k = 2;
    config.expert_hidden = {5};
    config.gate = GateType::Mlp;
    config.loss = LossType::MixtureNll;
    config.optimizer = OptimizerType::Momentum;
    config.learning_rate = 0.1;
    config.batch_size = 32;
    config.threads = 2;
    config.seed = 7;
    return config;
}

bool bitwise_equal(const Eigen::VectorXd& a, const Eigen::VectorXd& b) {
    return a.size() == b.size() &&
           std::memcmp(a.data(), b.data(), sizeof(double) * size_t(a.size())) == 0;
}

TEST(Trainer, SameConfigSeedAndThreadsGiveBitwiseIdenticalWeights) {
    const Config config = minibatch_config();
    auto data = load(config.dataset);
    Trainer first(config, data), second(config, data);
    first.train(40);
    second.train(25);
    second.train(15);
    EXPECT_TRUE(bitwise_equal(first.model().parameters(), second.model().parameters()));

    Config other = config;
    other.seed = 8;
    Trainer third(other, data);
    third.train(40);
    EXPECT_FALSE(bitwise_equal(first.model().parameters(), third.model().parameters()));
}

TEST(Trainer, ShapeKeepingChangesApplyWithoutReset) {
    Config config = minibatch_config();
    Trainer trainer(config, load(config.dataset));
    trainer.train(3);
    const Eigen::VectorXd before = trainer.model().parameters();
    config.learning_rate = 0.01;
    config.loss = LossType::Competitive;
    config.top_k = 1;
    config.optimizer = OptimizerType::Adam;
    EXPECT_FALSE(trainer.apply(config));
    EXPECT_EQ(trainer.epoch(), 3);
    EXPECT_TRUE(bitwise_equal(before, trainer.model().parameters()));
    trainer.train(1);
    EXPECT_EQ(trainer.epoch(), 4);

    config.experts = 5;
    config.top_k = 5;
    EXPECT_TRUE(trainer.apply(config));
    EXPECT_EQ(trainer.epoch(), 0);
    EXPECT_EQ(trainer.model().shape().experts, 5);
}

TEST(Trainer, DivergenceIsReportedAndNeverLandsInTheModel) {
    Config config = vowel_config();
    Trainer trainer(config, load(config.dataset));
    trainer.train(2);
    // Weights so large that the logits overflow: the loss becomes NaN.
    Mixture<double> broken = trainer.model();
    broken.parameters().setConstant(1e308);
    trainer.set_model(broken, trainer.split().standardization);
    const Eigen::VectorXd last_good = trainer.model().parameters();
    try {
        trainer.step();
        FAIL() << "expected a DivergenceError";
    } catch (const DivergenceError& error) {
        EXPECT_NE(std::string(error.what()).find("learning rate"), std::string::npos);
    }
    EXPECT_TRUE(bitwise_equal(last_good, trainer.model().parameters()));
}

TEST(Trainer, CancelStopsMidEpoch) {
    Config config = minibatch_config();
    Trainer trainer(config, load(config.dataset));
    trainer.cancel();
    EXPECT_FALSE(trainer.train_epoch());
    EXPECT_EQ(trainer.epoch(), 0);
    trainer.clear_cancel();
    EXPECT_TRUE(trainer.train_epoch());
    EXPECT_EQ(trainer.epoch(), 1);
}

TEST(Trainer, MetricsAreConsistent) {
    Config config = vowel_config();
    Trainer trainer(config, load(config.dataset));
    trainer.train(50);
    const auto& m = trainer.history().back();
    double utilisation = 0, share = 0;
    for (double u : m.utilisation) utilisation += u;
    for (double s : m.top_share) share += s;
    EXPECT_NEAR(utilisation, 1.0, 1e-9);
    EXPECT_NEAR(share, 1.0, 1e-9);
    EXPECT_GE(m.gate_entropy, 0.0);
    EXPECT_LE(m.gate_entropy, std::log(4.0) + 1e-9);
    ASSERT_EQ(m.responsibility.rows(), 4);
    ASSERT_EQ(m.responsibility.cols(), 4);
    for (int c = 0; c < 4; ++c) EXPECT_NEAR(m.responsibility.row(c).sum(), 1.0, 1e-9);
}

}  // namespace
}  // namespace moelab
