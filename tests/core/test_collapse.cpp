// A training that collapses without any NaN (issue 10): saturated outputs whose gradient is
// exactly zero, the accuracy stuck below chance. The trainer stops it with DivergenceError and
// restores the last weights that were not collapsed.
#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "data/registry.h"
#include "errors.h"
#include "training/collapse_detector.h"
#include "training/trainer.h"

namespace moelab {
namespace {

TEST(CollapseDetector, AsksOncePerFrozenStretchOfTheLoss) {
    CollapseDetector detector;
    std::vector<double> losses{0.9, 0.7, 0.5};
    EXPECT_FALSE(detector.loss_frozen(losses));  // too few epochs
    losses = {0.9, 1.0, 1.0, 1.0, 1.0};
    EXPECT_FALSE(detector.loss_frozen(losses));  // 0.9 is within the last five
    losses.push_back(1.0);
    EXPECT_TRUE(detector.loss_frozen(losses));  // five equal epochs: evaluate once
    losses.push_back(1.0);
    EXPECT_FALSE(detector.loss_frozen(losses));  // judged already
    losses.push_back(0.8);
    EXPECT_FALSE(detector.loss_frozen(losses));                    // moving again
    for (int i = 0; i < 4; ++i) losses.push_back(0.8 + 1e-9 * i);  // within the tolerance
    EXPECT_TRUE(detector.loss_frozen(losses));
}

TEST(CollapseDetector, BelowHalfOfChanceIsACollapse) {
    EXPECT_TRUE(CollapseDetector::collapsed(0.0, 4));
    EXPECT_TRUE(CollapseDetector::collapsed(0.12, 4));
    EXPECT_FALSE(CollapseDetector::collapsed(0.125, 4));
    EXPECT_FALSE(CollapseDetector::collapsed(0.25, 4));  // one class everywhere: not below chance
    EXPECT_FALSE(CollapseDetector::collapsed(0.0, 1));
}

// The run a new user tried: moelab-cli train --dataset vowels --lr 900000 --loss cooperative
// --optimizer momentum --hidden 8 --epochs 300 ended at loss 1.0000 and 0 % with exit code 0.
Config runaway_config() {
    Config config;
    config.dataset.name = "vowels";
    config.learning_rate = 900000;
    config.loss = LossType::Cooperative;
    config.optimizer = OptimizerType::Momentum;
    config.expert_hidden = {8};
    config.threads = 1;
    return config;
}

TEST(Collapse, SaturatedTrainingStopsWithTheStartingWeightsRestored) {
    const Config config = runaway_config();
    Trainer trainer(config, std::make_shared<const Dataset>(load_dataset(config.dataset)));
    const std::vector<double> start = trainer.model().parameters();
    try {
        trainer.train(300);
        FAIL() << "the collapse went unnoticed; loss " << trainer.history().epoch_loss.back();
    } catch (const DivergenceError& error) {
        const std::string message = error.what();
        EXPECT_LE(error.epoch(), 10);  // found within a few epochs, not at the end
        EXPECT_NE(message.find("Training collapsed at epoch " + std::to_string(error.epoch())),
                  std::string::npos)
            << message;
        EXPECT_NE(message.find("the training accuracy fell to 0.0 %, below chance (25.0 % for 4 "
                               "classes), and the loss has stayed at 1.000000 for 5 epochs"),
                  std::string::npos)
            << message;
        EXPECT_NE(message.find("The weights of epoch 0 were restored; try a lower learning "
                               "rate, or another optimizer (adam, now momentum)."),
                  std::string::npos)
            << message;
    }
    // What the program shows and saves now is the last good model: here the starting weights.
    EXPECT_EQ(trainer.model().parameters(), start);
    EXPECT_GT(trainer.evaluate().train_accuracy, 0.125);

    // A learning rate a person would use trains the same model well.
    Config sane = config;
    sane.learning_rate = 0.5;
    Trainer healthy(sane, std::make_shared<const Dataset>(load_dataset(sane.dataset)));
    EXPECT_NO_THROW(healthy.train(300));
    EXPECT_GT(healthy.history().metrics.back().train_accuracy, 0.8);
}

TEST(Collapse, AConvergedTrainingWhoseLossStopsMovingIsNotACollapse) {
    // Full batch, a separable set and many epochs: the loss flattens, the accuracy is high.
    Config config;
    config.dataset.name = "two-vowels";
    config.batch_size = 0;
    config.threads = 1;
    Trainer trainer(config, std::make_shared<const Dataset>(load_dataset(config.dataset)));
    EXPECT_NO_THROW(trainer.train(400));
}

}  // namespace
}  // namespace moelab
