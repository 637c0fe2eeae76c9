// The machinery of the paper's Table 1: epochs to criterion on hand-made accuracy sequences, and
// runs side by side giving the same result as one after the other.
#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "analysis/experiment.h"
#include "analysis/point_probe.h"
#include "analysis/table1.h"
#include "data/registry.h"
#include "training/trainer.h"

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

TEST(CriterionEpochs, TheErrorCriterionCountsFromAtOrBelowTheThreshold) {
    const Criterion error{CriterionKind::Error, 0.2};
    // Below 0.2 at epoch 3, back above at epoch 4, at or below from epoch 5 (0.2 itself meets it).
    const std::vector<double> dips{0.5, 0.3, 0.19, 0.21, 0.2, 0.1};
    CriterionEpochs c = criterion_epochs(dips, error);
    EXPECT_EQ(c.first, 3);
    EXPECT_EQ(c.stable, 5);
    // The same numbers read as accuracies against 0.2: met from the first epoch, but the last
    // (0.1) fails, so never met to the end.
    c = criterion_epochs(dips, Criterion{CriterionKind::Accuracy, 0.2});
    EXPECT_EQ(c.first, 1);
    EXPECT_FALSE(c.stays());
    // Falling steadily: both the same.
    c = criterion_epochs(std::vector<double>{0.9, 0.4, 0.15, 0.1}, error);
    EXPECT_EQ(c.first, 3);
    EXPECT_EQ(c.stable, 3);
    // Never below.
    c = criterion_epochs(std::vector<double>{0.9, 0.20001}, error);
    EXPECT_FALSE(c.reached());
    EXPECT_FALSE(c.stays());
    // Below, then above at the end: never stays.
    c = criterion_epochs(std::vector<double>{0.1, 0.15, 0.3}, error);
    EXPECT_EQ(c.first, 1);
    EXPECT_FALSE(c.stays());
    // A NaN (a diverged last epoch) fails the error criterion too.
    c = criterion_epochs(std::vector<double>{0.1, std::nan("")}, error);
    EXPECT_EQ(c.first, 1);
    EXPECT_FALSE(c.stays());
    c = criterion_epochs(std::vector<double>{}, error);
    EXPECT_FALSE(c.reached());
}

TEST(CriterionEpochs, KindsByNameAndTheirDefaults) {
    for (CriterionKind kind : {CriterionKind::Accuracy, CriterionKind::Error})
        EXPECT_EQ(criterion_kind_from_string(to_string(kind)), kind);
    EXPECT_FALSE(criterion_kind_from_string("mse").has_value());
    EXPECT_EQ(default_threshold(CriterionKind::Accuracy), 0.88);
    EXPECT_EQ(default_threshold(CriterionKind::Error), kDefaultErrorCriterion);
    const Criterion accuracy{CriterionKind::Accuracy, 0.88}, error{CriterionKind::Error, 0.2};
    EXPECT_TRUE(accuracy.met(0.88));
    EXPECT_FALSE(accuracy.met(0.87));
    EXPECT_TRUE(error.met(0.2));
    EXPECT_FALSE(error.met(0.21));
    EXPECT_FALSE(error.met(std::nan("")));
    EXPECT_EQ(accuracy.measure(0.9, 0.3), 0.9);
    EXPECT_EQ(error.measure(0.9, 0.3), 0.3);
    EXPECT_EQ(describe(error), "training mean squared error <= 0.2");
}

TEST(CriterionEpochs, TheTrainingSquaredErrorIsEquationOnesErrorOfTheMixtureOutput) {
    // Eq. 1: |d - o|^2 with o = sum_i p_i o_i, averaged over the training cases, computed here
    // case by case from the point probe and compared with the evaluation's sums.
    Config config;
    config.dataset.name = "vowels";
    config.experts = 4;
    config.seed = 7;
    const auto data = std::make_shared<const Dataset>(load_dataset(config.dataset));
    Trainer trainer(config, data);
    trainer.train(5);
    const EpochMetrics metrics = trainer.evaluate();
    const Mixture<double> model = trainer.model();
    const Split& split = trainer.split();
    double sum = 0;
    for (size_t k = 0; k < split.train_index.size(); ++k) {
        const int row = split.train_index[k];
        const PointProbe probe = probe_point(
            model, split.standardization, double(data->features(row, 0)),
            double(data->features(row, 1)), split.train_y[k], config.loss, model.spec().experts);
        Eigen::VectorXd target = Eigen::VectorXd::Zero(probe.mixture.size());
        target[split.train_y[k]] = 1;
        sum += (target - probe.mixture).squaredNorm();
    }
    const double expected = sum / double(split.train_index.size());
    EXPECT_GT(expected, 0.01);  // not a trivially perfect fit
    // The evaluation sums in the training precision; the probe in double.
    EXPECT_NEAR(metrics.train_squared_error, expected, 1e-6 * std::max(1.0, expected));
}

TEST(CriterionEpochs, RunsCountTheErrorCriterionOnTheirErrorSequence) {
    // ME 4 of Table 1 at its SGD rate.
    const Config config = table1_config(Table1Settings{}, Table1System{"ME 4", true, 4}, 5.0, 0);
    const auto data = std::make_shared<const Dataset>(load_dataset(config.dataset));
    const Criterion error{CriterionKind::Error, 0.3};
    const RunOutcome run = run_to_criterion(config, data, error, 150);
    ASSERT_EQ(run.train_error.size(), 150u);
    ASSERT_EQ(run.train_accuracy.size(), 150u);
    EXPECT_EQ(run.final_train_error, run.train_error.back());
    const CriterionEpochs expected = criterion_epochs(run.train_error, error);
    EXPECT_EQ(run.criterion.first, expected.first);
    EXPECT_EQ(run.criterion.stable, expected.stable);
    ASSERT_TRUE(run.criterion.reached()) << "final error " << run.final_train_error;
    // Counted on the error, not the accuracy: the epoch before the first crossing is above 0.3.
    if (run.criterion.first > 1) {
        EXPECT_GT(run.train_error[size_t(run.criterion.first - 2)], 0.3);
    }
    EXPECT_LE(run.train_error[size_t(run.criterion.first - 1)], 0.3);
    // Patience counts epochs that meet the error criterion.
    const RunOutcome patient = run_to_criterion(config, data, error, 1000, 4);
    EXPECT_EQ(patient.epochs, patient.criterion.stable + 3);
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
    const auto together = run_side_by_side(runs, data, Criterion{CriterionKind::Accuracy, 0.8}, 30,
                                           0, 2, [&](size_t, const RunOutcome&) { ++reported; });
    EXPECT_EQ(reported, runs.size());
    for (size_t i = 0; i < runs.size(); ++i) {
        const RunOutcome alone =
            run_to_criterion(runs[i].config, data, Criterion{CriterionKind::Accuracy, 0.8}, 30);
        EXPECT_EQ(together[i].train_accuracy, alone.train_accuracy);
        EXPECT_EQ(together[i].epochs, 30);
        EXPECT_EQ(together[i].train_accuracy.size(), 30u);
        EXPECT_EQ(together[i].final_train, alone.train_accuracy.back());
    }
    // Patience stops a run once the criterion has held that long.
    const RunOutcome patient =
        run_to_criterion(runs[0].config, data, Criterion{CriterionKind::Accuracy, 0.5}, 1000, 3);
    ASSERT_TRUE(patient.criterion.reached());
    EXPECT_EQ(patient.epochs, patient.criterion.stable + 2);
}

}  // namespace
}  // namespace moelab
