#pragma once
// Many trainings to a criterion, side by side: the machinery of the paper's Table 1 (moelab-cli
// reproduce). Each training runs single-threaded on a thread of its own, so R seeds of four systems
// fill the cores without any training waiting at a barrier for another.
#include <atomic>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "analysis/criterion.h"
#include "data/dataset.h"
#include "training/config.h"

namespace moelab {

// One training of an experiment: a config (its seed, rate, optimizer, model) and a label.
struct ExperimentRun {
    std::string system;  // "ME 4"
    Config config;
};

struct RunOutcome {
    CriterionEpochs criterion;
    long epochs = 0;         // epochs trained (less than asked when it diverged or stopped)
    double final_train = 0;  // accuracies after the last epoch
    double final_test = 0;
    double final_train_error = 0;  // mean squared error on the training set after the last epoch
    bool diverged = false;         // a step gave NaN or infinity (the run ends there)
    double seconds = 0;            // wall time of the training and its evaluations
    std::vector<double> train_accuracy;  // after every epoch
    std::vector<double> train_error;     // mean squared error (eq. 1) after every epoch
};

// Trains `config` for up to `max_epochs` epochs on one thread, evaluating the training accuracy
// and mean squared error exactly after every epoch. `patience` > 0 stops once the criterion has
// been met for that many epochs in a row (0: always `max_epochs`). Stops early when `cancel` is
// set.
RunOutcome run_to_criterion(Config config, std::shared_ptr<const Dataset> dataset,
                            const Criterion& criterion, long max_epochs, long patience = 0,
                            const std::atomic<bool>* cancel = nullptr);

// Runs every run on `threads` threads (each training single-threaded), taking them in order.
// `done(index, outcome)` is called under a lock after each run, in completion order.
std::vector<RunOutcome> run_side_by_side(
    const std::vector<ExperimentRun>& runs, std::shared_ptr<const Dataset> dataset,
    const Criterion& criterion, long max_epochs, long patience, int threads,
    const std::function<void(size_t index, const RunOutcome&)>& done = nullptr,
    const std::atomic<bool>* cancel = nullptr);

// Mean and sample standard deviation over the runs that have a value.
struct MeanSd {
    double mean = 0;
    double sd = 0;
    int count = 0;
};
MeanSd mean_sd(const std::vector<double>& values);

// What a table row says of a system's runs.
struct SystemSummary {
    MeanSd first, stable;  // epochs to criterion over the runs that reached it
    int never_first = 0;   // runs that never reached the criterion
    int never_stable = 0;  // runs whose accuracy was below it at the end
    int diverged = 0;
    double final_train = 0;  // means
    double final_test = 0;
    double final_train_error = 0;
    int runs = 0;
};
SystemSummary summarise(const std::vector<const RunOutcome*>& outcomes);

}  // namespace moelab
