// A training that goes on over changed data (training/continued_training.h): the weights,
// optimizer, epoch count and history carry over and keep growing; another model shape is refused.
#include <gtest/gtest.h>

#include <cmath>

#include "data/drawn_dataset.h"
#include "errors.h"
#include "training/continued_training.h"

namespace moelab {
namespace {

const std::vector<std::string> kFeatures{"x", "y"};

std::shared_ptr<const Dataset> drawn(std::vector<DrawnPoint> points, int classes = 2) {
    return std::make_shared<const Dataset>(
        make_drawn_dataset(points, numbered_class_names(classes), kFeatures));
}

std::vector<DrawnPoint> two_clusters(int per_class) {
    std::vector<DrawnPoint> points;
    for (int i = 0; i < per_class; ++i) {
        points.push_back({-1.0 - 0.1 * i, 0.2 * i, 0});
        points.push_back({1.0 + 0.1 * i, -0.2 * i, 1});
    }
    return points;
}

Config drawn_config() {
    Config config;
    config.dataset.name = kDrawnDatasetName;
    config.experts = 3;
    config.threads = 1;
    config.optimizer = OptimizerType::Adam;
    return config;
}

TEST(ContinuedTraining, CarriesWeightsOptimizerEpochsAndHistoryOntoTheNewData) {
    Trainer first(drawn_config(), drawn(two_clusters(6)));
    first.train(7);
    ASSERT_EQ(first.epoch(), 7);
    ASSERT_EQ(first.history().epoch_loss.size(), 7u);
    ASSERT_FALSE(first.history().metrics.empty());

    std::vector<DrawnPoint> edited = two_clusters(6);
    edited.push_back({0.5, 0.5, 0});  // one point drawn
    const Standardization frame = first.split().standardization;
    auto next = continue_on_data(first, drawn_config(), drawn(edited), frame, 0);

    EXPECT_EQ(next->dataset().size(), 13);
    EXPECT_EQ(next->epoch(), 7);
    EXPECT_EQ(next->history().epoch_loss.size(), 7u);
    EXPECT_EQ(next->model().parameters(), first.model().parameters());
    EXPECT_EQ(next->state().optimizer, first.state().optimizer);
    EXPECT_EQ(next->state().shuffle_rng, first.state().shuffle_rng);
    EXPECT_EQ(next->split().standardization.mean, frame.mean);
    EXPECT_EQ(next->split().standardization.std, frame.std);
    EXPECT_TRUE(next->at_epoch_start());
    // The metrics of epoch 7 are those of the new data (13 cases), not of the old (12): one
    // case in 13 can only give an accuracy that is a multiple of 1/13.
    ASSERT_EQ(next->history().metrics.back().epoch, 7);
    const double correct = next->history().metrics.back().train_accuracy * 13;
    EXPECT_NEAR(correct, std::round(correct), 1e-9);
    EXPECT_EQ(next->history().metrics.back().train_accuracy, next->evaluate().train_accuracy);

    next->train(3);
    EXPECT_EQ(next->epoch(), 10);
    EXPECT_EQ(next->history().epoch_loss.size(), 10u);
    EXPECT_EQ(next->history().loss_epoch(9), 10);
}

TEST(ContinuedTraining, RefusesDataThatGivesTheModelAnotherShape) {
    Trainer first(drawn_config(), drawn(two_clusters(4)));
    first.train(2);
    std::vector<DrawnPoint> three = two_clusters(4);
    three.push_back({0, 3, 2});
    three.push_back({0.1, 3, 2});
    try {
        continue_on_data(first, drawn_config(), drawn(three, 3), first.split().standardization, 0);
        FAIL() << "a third class was accepted";
    } catch (const ConfigError& error) {
        EXPECT_NE(std::string(error.what()).find("another shape"), std::string::npos)
            << error.what();
    }
}

}  // namespace
}  // namespace moelab
