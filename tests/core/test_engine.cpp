// The engine's step split over threads in phases: the same update as one part (batch terms
// included, so their batch statistics are exact across parts), bitwise repeatable for a given
// thread count.
#include <gtest/gtest.h>

#include <cstring>
#include <memory>
#include <numeric>

#include "data/registry.h"
#include "training/engine.h"

namespace moelab {
namespace {

Config engine_config() {
    Config config;
    config.dataset.name = "moons";
    config.dataset.cases = 4000;
    config.experts = 5;
    config.top_k = 3;
    config.expert_hidden = {16};
    config.gate = GateType::Mlp;
    config.gate_hidden = {8};
    config.loss = LossType::CompetitiveLog;
    config.balance_weight = 0.5;
    config.importance_weight = 0.25;
    config.optimizer = OptimizerType::Adam;
    config.learning_rate = 0.01;
    config.precision = Precision::Double;
    return config;
}

struct Data {
    std::shared_ptr<const Dataset> dataset;
    Split split;
};

Data setup(const Config& config) {
    Data s;
    s.dataset = std::make_shared<const Dataset>(load_dataset(config.dataset));
    s.split = make_split(*s.dataset);
    return s;
}

std::vector<double> after_steps(const Config& config, const Data& s, int threads, int steps,
                                int* parts = nullptr) {
    TrainingEngine<double> engine(config, s.dataset, s.split, threads);
    if (parts) *parts = engine.parts_for(Eigen::Index(s.split.train_index.size()));
    for (int k = 0; k < steps; ++k) {
        const StepResult result = engine.step(s.split.train_index, config.learning_rate, k > 0);
        EXPECT_TRUE(result.finite);
    }
    return engine.parameters();
}

TEST(Engine, StepSplitOverThreadsEqualsTheWholeBatchStep) {
    const Config config = engine_config();
    const Data s = setup(config);
    int parts = 0;
    const std::vector<double> one = after_steps(config, s, 1, 5);
    const std::vector<double> three = after_steps(config, s, 3, 5, &parts);
    ASSERT_EQ(parts, 3) << "the batch must actually be split for this test to mean anything";
    ASSERT_EQ(one.size(), three.size());
    double difference = 0, norm = 0;
    for (size_t j = 0; j < one.size(); ++j) {
        difference = std::max(difference, std::abs(one[j] - three[j]));
        norm = std::max(norm, std::abs(one[j]));
    }
    // Only the order of the additions differs.
    EXPECT_LT(difference, 1e-12 * norm);
    EXPECT_GT(difference, 0.0) << "parts that never differ in rounding would suggest no split";
}

TEST(Engine, SameThreadCountGivesBitwiseTheSameWeights) {
    const Config config = engine_config();
    const Data s = setup(config);
    const std::vector<double> first = after_steps(config, s, 2, 4);
    const std::vector<double> second = after_steps(config, s, 2, 4);
    ASSERT_EQ(first.size(), second.size());
    EXPECT_EQ(std::memcmp(first.data(), second.data(), first.size() * sizeof(double)), 0);
}

TEST(Engine, ASmallBatchStaysOnOneThread) {
    Config config = engine_config();
    config.expert_hidden = {};
    config.gate = GateType::Linear;
    config.dataset.name = "vowels";
    const Data s = setup(config);
    TrainingEngine<float> engine(config, s.dataset, s.split, 8);
    EXPECT_EQ(engine.parts_for(408), 1) << "waking a team costs more than 408 small cases";
}

TEST(Engine, NonFiniteStepLeavesTheWeights) {
    Config config = engine_config();
    config.optimizer = OptimizerType::Sgd;
    const Data s = setup(config);
    for (int threads : {1, 2}) {
        // Weights so large that the logits overflow: the loss is NaN.
        TrainingEngine<double> engine(config, s.dataset, s.split, threads);
        std::vector<double> huge = engine.parameters();
        for (double& w : huge) w = 1e308;
        engine.set_parameters(huge);
        const StepResult result = engine.step(s.split.train_index, 0.1, false);
        EXPECT_FALSE(result.finite);
        EXPECT_FALSE(result.weights_overflowed);
        EXPECT_EQ(engine.parameters(), huge);

        // A finite gradient whose update overflows: the old weights stay.
        TrainingEngine<double> overflowing(config, s.dataset, s.split, threads);
        const std::vector<double> before = overflowing.parameters();
        const StepResult overflow = overflowing.step(s.split.train_index, 1e308 * 10.0, false);
        EXPECT_FALSE(overflow.finite);
        EXPECT_TRUE(overflow.weights_overflowed);
        EXPECT_EQ(overflowing.parameters(), before);
    }
}

}  // namespace
}  // namespace moelab
