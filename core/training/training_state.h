#pragma once
// The whole state of a training: config, model, optimizer, random generator, position in the
// epoch, history. A trainer restored from it continues bit for bit as if it had never stopped.
// Precision-neutral: float weights are stored exactly as doubles.
#include <string>
#include <vector>

#include "data/dataset.h"
#include "model/model_spec.h"
#include "training/config.h"
#include "training/history.h"
#include "training/optimizer.h"

namespace moelab {

struct TrainingState {
    Config config;
    ModelSpec spec;
    Standardization standardization;
    std::vector<double> parameters;
    OptimizerState optimizer;
    std::string shuffle_rng;  // std::mt19937_64's state as the standard writes it
    std::vector<int> order;   // this epoch's order of the training rows
    long cursor = 0;          // cases of this epoch already used
    long epoch = 0;
    double epoch_loss_sum = 0;  // this epoch so far: sum of batch losses x batch sizes
    long epoch_cases = 0;
    // Cases dropped by expert capacity or expert choice: this epoch so far, and the last epoch.
    std::vector<int> epoch_dropped_rows, last_epoch_dropped_rows;
    double seconds = 0;
    History history;
};

}  // namespace moelab
