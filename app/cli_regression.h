#pragma once
// moelab-cli train on a regression set (piecewise-linear, sine, step): trains linear Gaussian
// experts (training/regression_trainer.h) and prints the mixture's RMSE, the gate's top expert's
// RMSE alone and the gate entropy instead of accuracies.
#include <memory>

#include "data/dataset.h"
#include "training/config.h"

namespace moelab {

// Returns the exit code. `json`: one JSON object on stdout instead of the table.
int run_regression_train(const Config& config, std::shared_ptr<const Dataset> dataset, bool json);

}  // namespace moelab
