#pragma once
// The whole state of a regression training (training/regression_trainer.h): config, weights,
// optimizer, random generator, epoch and the history of its loss and RMSE. A training restored
// from it continues bit for bit as if it had never stopped. Precision-neutral: float weights are
// stored exactly as doubles. The standardisation and the split are not stored: the data set is
// made again from its name and settings (the config), and with it the same split.
#include <string>
#include <vector>

#include "training/config.h"
#include "training/optimizer.h"

namespace moelab {

// One epoch of a regression training as its history keeps it.
struct RegressionHistoryPoint {
    long epoch = 0;
    // The mean over the epoch's cases of the loss each mini-batch had when it was used.
    double loss = 0;
    // The mixture's prediction sum_i p_i o_i against y, after the epoch.
    double train_rmse = 0, test_rmse = 0;

    bool operator==(const RegressionHistoryPoint&) const = default;
};

struct RegressionTrainingState {
    Config config;
    int inputs = 1, experts = 1;     // the model's shape (regression_mixture.h)
    std::vector<double> parameters;  // the flat parameter vector, in the model's order
    OptimizerState optimizer;
    std::string shuffle_rng;  // std::mt19937_64's state as the standard writes it
    std::vector<int> order;   // positions in the training split, as the last shuffle left them
    long epoch = 0;
    // The history as training/decimated_series.h keeps it: the points kept, their spacing and
    // how many were appended.
    std::vector<RegressionHistoryPoint> history;
    long history_stride = 1;
    long history_appended = 0;

    bool operator==(const RegressionTrainingState&) const = default;
};

}  // namespace moelab
