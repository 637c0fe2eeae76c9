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
    detector.start({0.0}, 0);
    long number = 0;
    auto epoch = [&](double loss) { return detector.loss_frozen(loss, ++number); };
    EXPECT_FALSE(epoch(0.9));
    for (int i = 0; i < 4; ++i) EXPECT_FALSE(epoch(1.0));  // 0.9 is within the last five
    EXPECT_TRUE(epoch(1.0));                               // five equal epochs: evaluate once
    EXPECT_FALSE(epoch(1.0));                              // judged already
    EXPECT_FALSE(epoch(0.8));                              // moving again
    for (int i = 0; i < 3; ++i) EXPECT_FALSE(epoch(0.8 + 1e-9 * i));
    EXPECT_TRUE(epoch(0.8 + 3e-9));  // within the tolerance
}

TEST(CollapseDetector, AFrozenLossAboveItsLowestOrAccuracyBelowChanceIsACollapse) {
    CollapseDetector detector;
    detector.start({0.0}, 0);
    // The weights at the start of each epoch are {epoch}; epoch 2 has the lowest loss.
    const double trace[] = {0.46, 0.41, 0.5, 0.5, 0.5, 0.5, 0.5};
    long done = 0;
    for (double loss : trace) {
        detector.before_epoch({double(done)}, done);
        detector.loss_frozen(loss, ++done);
    }
    EXPECT_EQ(detector.good_epoch(), 1);
    EXPECT_EQ(detector.good_parameters(), std::vector<double>{1.0});
    const auto stuck = detector.verdict(0.5, 4, "sgd");
    ASSERT_TRUE(stuck.has_value());
    EXPECT_EQ(*stuck,
              "Training collapsed at epoch 7: the loss has stayed at 0.5 for 5 epochs, above the "
              "0.41 it reached at epoch 2, and the training accuracy is 50.0 %: the outputs "
              "saturated, so no gradient flows. The weights of epoch 1 were restored; try a lower "
              "learning rate, or another optimizer (adam, now sgd).");

    // A plateau at the lowest loss is a finished training, unless the accuracy is below chance.
    CollapseDetector plateau;
    plateau.start({0.0}, 0);
    long flat_epoch = 0;
    for (double loss : {0.3, 0.2, 0.2, 0.2, 0.2, 0.2}) plateau.loss_frozen(loss, ++flat_epoch);
    EXPECT_FALSE(plateau.verdict(0.9, 4, "sgd").has_value());
    EXPECT_TRUE(plateau.verdict(0.1, 4, "sgd").has_value());
}

TEST(CollapseDetector, BelowHalfOfChanceIsACollapse) {
    EXPECT_TRUE(CollapseDetector::below_chance(0.0, 4));
    EXPECT_TRUE(CollapseDetector::below_chance(0.12, 4));
    EXPECT_FALSE(CollapseDetector::below_chance(0.125, 4));
    EXPECT_FALSE(CollapseDetector::below_chance(0.25, 4));  // one class everywhere
    EXPECT_FALSE(CollapseDetector::below_chance(0.0, 1));
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
    const Eigen::VectorXd start = trainer.model().parameters();
    try {
        trainer.train(300);
        FAIL() << "the collapse went unnoticed; loss " << trainer.history().epoch_loss.back();
    } catch (const DivergenceError& error) {
        const std::string message = error.what();
        EXPECT_LE(error.epoch(), 10);  // found within a few epochs, not at the end
        EXPECT_NE(message.find("Training collapsed at epoch " + std::to_string(error.epoch())),
                  std::string::npos)
            << message;
        EXPECT_NE(message.find("the loss has stayed at 1 for 5 epochs, above the "),
                  std::string::npos)
            << message;
        EXPECT_NE(message.find("it reached at epoch 1, and the training accuracy is 0.0 %, below "
                               "chance (25.0 % for 4 classes): the outputs saturated, so no "
                               "gradient flows. The weights of epoch 0 were restored; try a lower "
                               "learning rate, or another optimizer (adam, now momentum)."),
                  std::string::npos)
            << message;
    }
    // What the program shows and saves now is the last good model: here the starting weights.
    EXPECT_TRUE(trainer.model().parameters() == start);
    // And the latest metrics are of that model.
    EXPECT_EQ(trainer.history().metrics.back().train_accuracy, trainer.evaluate().train_accuracy);
    EXPECT_EQ(trainer.history().metrics.back().epoch, trainer.epoch());

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
