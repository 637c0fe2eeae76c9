#pragma once
// Trains a mixture on a dataset: mini-batches and epochs, the loss of every epoch and full metrics
// on demand, live config changes, rollback on divergence, and the whole training state to save
// and restore bit for bit. Not thread-safe: one owner drives it (the CLI's main loop, or the UI's
// worker thread); only cancel() may be called from elsewhere.
#include <algorithm>
#include <atomic>
#include <chrono>
#include <memory>
#include <random>
#include <span>
#include <vector>

#include "analysis/metrics.h"
#include "data/dataset.h"
#include "model/mixture.h"
#include "training/collapse_detector.h"
#include "training/config.h"
#include "training/engine.h"
#include "training/history.h"
#include "training/training_state.h"

namespace moelab {

class Trainer {
  public:
    // Splits the data (standardisation fitted on the training split only) and initialises the
    // model from config.seed. Throws ConfigError for knobs out of range. The thread count is
    // config.threads, resolved by resolve_threads (0 = every core less `reserved_threads`).
    Trainer(const Config& config, std::shared_ptr<const Dataset> dataset, int reserved_threads = 0);

    // Starts from given weights instead (same model spec as the config and data imply, else
    // ConfigError); the optimizer starts afresh.
    void set_model(const Mixture<double>& model, const Standardization& standardization);

    // Applies a new config. Changes that keep the model (learning rate, loss, K, optimizer, batch
    // size, precision, threads...) take effect at the next step; the others re-initialise and
    // return true. A dataset change needs a new Trainer (the caller loads the data).
    bool apply(const Config& config);

    // One optimizer step on the next mini-batch (the whole training set with batch 0). Ends the
    // epoch when the batch was its last. Throws DivergenceError (weights rolled back) on NaN/Inf,
    // and when the training collapsed (training/collapse_detector.h: earlier weights restored).
    double step();
    // The rest of the current epoch; false if cancelled midway.
    bool train_epoch();
    // Trains `epochs` epochs (stops early when cancelled) and records metrics at the end.
    // Throws DivergenceError.
    void train(long epochs);
    // Steps until `budget` has passed (checked between mini-batches) or `epochs` more epochs have
    // ended; returns the number of epochs ended. Throws DivergenceError.
    long train_for(std::chrono::nanoseconds budget, long epochs);

    // Metrics of the current weights (not recorded).
    EpochMetrics evaluate() const;
    // The same as a task to advance between training slices (the weights are copied now); its
    // result carries this epoch and time. Record it with add_metrics().
    std::unique_ptr<MetricsTask> start_metrics() const;
    // Appends metrics computed earlier (by a task) unless metrics of that epoch or a later one are
    // recorded already.
    void add_metrics(const EpochMetrics& metrics);
    // Evaluates and appends to history().metrics unless this epoch's metrics are already there;
    // returns them.
    const EpochMetrics& record_metrics();
    const History& history() const { return history_; }
    // Records full metrics by itself at the end of every `epochs`-th epoch (0 = never), unless
    // the config's metrics_every says otherwise. For a program that knows evaluating is cheap
    // (the app's worker on the 2-D sets): the weights between its looks are gone otherwise.
    void set_automatic_metrics(long epochs) { automatic_metrics_ = std::max(0L, epochs); }
    // How long the last record_metrics() took (seconds).
    double last_metrics_seconds() const { return last_metrics_seconds_; }
    // The latest recorded metrics, or an evaluation now if none was recorded for this epoch.
    EpochMetrics latest_metrics() const;

    void cancel() { cancelled_.store(true, std::memory_order_relaxed); }
    void clear_cancel() { cancelled_.store(false, std::memory_order_relaxed); }

    const Config& config() const { return config_; }
    const Dataset& dataset() const { return *dataset_; }
    std::shared_ptr<const Dataset> dataset_ptr() const { return dataset_; }
    const Split& split() const { return split_; }
    const ModelSpec& spec() const { return spec_; }
    int threads() const { return threads_; }
    long epoch() const { return epoch_; }
    // True between epochs (no mini-batch of the current epoch used yet).
    bool at_epoch_start() const { return cursor_ == 0; }
    long steps_per_epoch() const;
    double training_seconds() const { return seconds_; }

    // Copies of the weights.
    Mixture<double> model() const { return engine_->model_double(); }
    Mixture<float> model_float() const { return engine_->model_float(); }

    // The whole state, and a trainer continued from one: stepping on gives bitwise the weights
    // the original would have reached. Throws ConfigError when the state does not fit the data.
    TrainingState state() const;
    void restore(const TrainingState& state);

  private:
    void initialise();
    void make_engine_for(const Config& config);
    std::span<const int> next_rows(bool& same_as_before);
    void end_epoch();
    void add_dropped(EpochMetrics& metrics) const;
    [[noreturn]] void throw_divergence(bool weights_overflowed);
    // Collapse (training/collapse_detector.h): throws DivergenceError with the weights of the
    // lowest loss restored.
    void check_collapse();

    Config config_;
    std::shared_ptr<const Dataset> dataset_;
    Split split_;
    ModelSpec spec_;
    int reserved_threads_;
    int threads_ = 1;
    std::unique_ptr<Engine> engine_;
    std::vector<int> order_;  // this epoch's order of the training rows
    std::mt19937_64 shuffle_rng_;
    size_t cursor_ = 0;  // next position in order_
    bool full_batch_gathered_ = false;
    long epoch_ = 0;
    double epoch_loss_sum_ = 0;
    long epoch_cases_ = 0;
    // The dataset rows of the cases dropped so far this epoch, and in the last whole epoch (the
    // metrics report those).
    std::vector<int> epoch_dropped_, last_epoch_dropped_;
    double seconds_ = 0;
    long automatic_metrics_ = 0;
    double last_metrics_seconds_ = 0;
    History history_;
    CollapseDetector collapse_;
    std::atomic<bool> cancelled_{false};
};

}  // namespace moelab
