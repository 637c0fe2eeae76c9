// The machinery of the paper's Table 1: epochs to criterion on hand-made accuracy sequences, and
// runs side by side giving the same result as one after the other.
#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "analysis/experiment.h"
#include "data/registry.h"

namespace moelab {
namespace {

TEST(CriterionEpochs, FirstAndStableCrossingOfHandMadeSequences) {
    // Reaches 0.88 at epoch 3, falls back at epoch 4, stays from epoch 5.
    const std::vector<double> dips{0.5, 0.8, 0.9, 0.85, 0.88, 0.95};
    CriterionEpochs c = criterion_epochs(dips, 0.88);
    EXPECT_EQ(c.first, 3);
    EXPECT_EQ(c.stable, 5);
    // Monotone: both the same.
    c = criterion_epochs(std::vector<double>{0.1, 0.5, 0.9, 0.91}, 0.88);
    EXPECT_EQ(c.first, 3);
    EXPECT_EQ(c.stable, 3);
    // Above from the first epoch.
    c = criterion_epochs(std::vector<double>{0.9, 0.9}, 0.88);
    EXPECT_EQ(c.first, 1);
    EXPECT_EQ(c.stable, 1);
    // Never reached.
    c = criterion_epochs(std::vector<double>{0.1, 0.87999}, 0.88);
    EXPECT_FALSE(c.reached());
    EXPECT_FALSE(c.stays());
    EXPECT_EQ(c.first, 0);
    EXPECT_EQ(c.stable, 0);
    // Reached, but below at the end: never stays.
    c = criterion_epochs(std::vector<double>{0.9, 0.95, 0.7}, 0.88);
    EXPECT_EQ(c.first, 1);
    EXPECT_FALSE(c.stays());
    // A NaN (a diverged last epoch) counts as below.
    c = criterion_epochs(std::vector<double>{0.9, std::nan("")}, 0.88);
    EXPECT_EQ(c.first, 1);
    EXPECT_FALSE(c.stays());
    // Empty.
    c = criterion_epochs(std::vector<double>{}, 0.88);
    EXPECT_FALSE(c.reached());
    EXPECT_FALSE(c.stays());
}

TEST(CriterionEpochs, MeanAndSampleSd) {
    const MeanSd m = mean_sd({2, 4, 4, 4, 5, 5, 7, 9});
    EXPECT_DOUBLE_EQ(m.mean, 5);
    EXPECT_NEAR(m.sd, std::sqrt(32.0 / 7.0), 1e-12);
    EXPECT_EQ(mean_sd({}).count, 0);
    EXPECT_EQ(mean_sd({3}).sd, 0);
}

TEST(Experiment, SideBySideGivesTheRunsOneAfterTheOther) {
    Config config;
    config.experts = 2;
    const auto data = std::make_shared<const Dataset>(load_dataset(config.dataset));
    std::vector<ExperimentRun> runs;
    for (std::uint64_t seed : {1u, 2u, 3u}) {
        config.seed = seed;
        runs.push_back({"ME 2", config});
    }
    size_t reported = 0;
    const auto together =
        run_side_by_side(runs, data, 0.8, 30, 0, 2, [&](size_t, const RunOutcome&) { ++reported; });
    EXPECT_EQ(reported, runs.size());
    for (size_t i = 0; i < runs.size(); ++i) {
        const RunOutcome alone = run_to_criterion(runs[i].config, data, 0.8, 30);
        EXPECT_EQ(together[i].train_accuracy, alone.train_accuracy);
        EXPECT_EQ(together[i].epochs, 30);
        EXPECT_EQ(together[i].train_accuracy.size(), 30u);
        EXPECT_EQ(together[i].final_train, alone.train_accuracy.back());
    }
    // Patience stops a run once the criterion has held that long.
    const RunOutcome patient = run_to_criterion(runs[0].config, data, 0.5, 1000, 3);
    ASSERT_TRUE(patient.criterion.reached());
    EXPECT_EQ(patient.epochs, patient.criterion.stable + 2);
}

}  // namespace
}  // namespace moelab
