#include "analysis/experiment.h"

#include <chrono>
#include <cmath>
#include <mutex>
#include <thread>

#include "errors.h"
#include "training/trainer.h"

namespace moelab {

RunOutcome run_to_criterion(Config config, std::shared_ptr<const Dataset> dataset,
                            const Criterion& criterion, long max_epochs, long patience,
                            const std::atomic<bool>* cancel) {
    const auto start = std::chrono::steady_clock::now();
    config.threads = 1;        // the runs are what is parallel
    config.metrics_every = 0;  // evaluated here, not recorded in the history
    Trainer trainer(config, std::move(dataset));
    RunOutcome outcome;
    outcome.train_accuracy.reserve(size_t(max_epochs));
    outcome.train_error.reserve(size_t(max_epochs));
    long held = 0;  // epochs in a row that met the criterion
    EpochMetrics metrics = trainer.evaluate();
    try {
        while (trainer.epoch() < max_epochs) {
            if (cancel && cancel->load(std::memory_order_relaxed)) break;
            trainer.train_epoch();
            // Exact per epoch, which a metrics schedule (--metrics-every) does not promise.
            metrics = trainer.evaluate();
            outcome.train_accuracy.push_back(metrics.train_accuracy);
            outcome.train_error.push_back(metrics.train_squared_error);
            held = criterion.met(
                       criterion.measure(metrics.train_accuracy, metrics.train_squared_error))
                       ? held + 1
                       : 0;
            if (patience > 0 && held >= patience) break;
        }
    } catch (const DivergenceError&) {
        outcome.diverged = true;
        // The weights were rolled back to the last good ones: accuracy after this epoch is
        // not defined, and a diverged run does not count as staying above the criterion.
        outcome.train_accuracy.push_back(std::nan(""));
        outcome.train_error.push_back(std::nan(""));
    }
    outcome.epochs = trainer.epoch();
    outcome.final_train = metrics.train_accuracy;
    outcome.final_test = metrics.test_accuracy;
    outcome.final_train_error = metrics.train_squared_error;
    outcome.criterion = criterion_epochs(
        criterion.kind == CriterionKind::Accuracy ? outcome.train_accuracy : outcome.train_error,
        criterion);
    outcome.seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    return outcome;
}

std::vector<RunOutcome> run_side_by_side(const std::vector<ExperimentRun>& runs,
                                         std::shared_ptr<const Dataset> dataset,
                                         const Criterion& criterion, long max_epochs, long patience,
                                         int threads,
                                         const std::function<void(size_t, const RunOutcome&)>& done,
                                         const std::atomic<bool>* cancel) {
    std::vector<RunOutcome> outcomes(runs.size());
    std::atomic<size_t> next{0};
    std::mutex lock;
    std::exception_ptr failure;
    auto work = [&]() {
        for (size_t i = next++; i < runs.size(); i = next++) {
            if (cancel && cancel->load(std::memory_order_relaxed)) return;
            try {
                RunOutcome outcome = run_to_criterion(runs[i].config, dataset, criterion,
                                                      max_epochs, patience, cancel);
                const std::lock_guard guard(lock);
                outcomes[i] = std::move(outcome);
                if (done) done(i, outcomes[i]);
            } catch (...) {
                // A config error is the same for every run: keep the first and stop the others.
                const std::lock_guard guard(lock);
                if (!failure) failure = std::current_exception();
                next = runs.size();
            }
        }
    };
    // Plain threads, one training each at a time: the trainings share nothing, so a ThreadTeam's
    // barriers have nothing to do here.
    std::vector<std::thread> workers;
    const int count = std::max(1, std::min<int>(threads, int(runs.size())));
    for (int t = 1; t < count; ++t) workers.emplace_back(work);
    work();
    for (std::thread& worker : workers) worker.join();
    if (failure) std::rethrow_exception(failure);
    return outcomes;
}

MeanSd mean_sd(const std::vector<double>& values) {
    MeanSd result;
    result.count = int(values.size());
    if (values.empty()) return result;
    double sum = 0;
    for (double v : values) sum += v;
    result.mean = sum / double(values.size());
    if (values.size() > 1) {
        double squares = 0;
        for (double v : values) squares += (v - result.mean) * (v - result.mean);
        result.sd = std::sqrt(squares / double(values.size() - 1));
    }
    return result;
}

SystemSummary summarise(const std::vector<const RunOutcome*>& outcomes) {
    SystemSummary summary;
    summary.runs = int(outcomes.size());
    std::vector<double> first, stable;
    double train = 0, test = 0, error = 0;
    for (const RunOutcome* run : outcomes) {
        if (run->criterion.reached())
            first.push_back(double(run->criterion.first));
        else
            ++summary.never_first;
        if (run->criterion.stays())
            stable.push_back(double(run->criterion.stable));
        else
            ++summary.never_stable;
        if (run->diverged) ++summary.diverged;
        train += run->final_train;
        test += run->final_test;
        error += run->final_train_error;
    }
    summary.first = mean_sd(first);
    summary.stable = mean_sd(stable);
    if (!outcomes.empty()) {
        summary.final_train = train / double(outcomes.size());
        summary.final_test = test / double(outcomes.size());
        summary.final_train_error = error / double(outcomes.size());
    }
    return summary;
}

}  // namespace moelab
