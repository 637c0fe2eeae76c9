#pragma once
// Trains a mixture on a dataset split: steps, epochs, history, live config changes, rollback on
// divergence. Not thread-safe: one owner drives it (the CLI's main loop, or the UI's worker
// thread); only cancel() may be called from elsewhere.
#include <atomic>
#include <memory>
#include <random>
#include <vector>

#include "training/config.h"
#include "training/data_parallel.h"
#include "data/dataset.h"
#include "model/forward_backward.h"
#include "analysis/metrics.h"
#include "model/model.h"
#include "training/optimizer.h"

namespace moelab {

class Trainer {
  public:
    // Splits and standardises the data (statistics of the training split only) and initialises the
    // model from config.seed. Throws ConfigError for knobs out of range.
    Trainer(const Config& config, std::shared_ptr<const Dataset> dataset);

    // Starts from given weights instead (same shape as the config and data imply, else
    // ConfigError).
    void set_model(const Mixture<double>& model, const Standardization& standardization);

    // Applies a new config. Changes that keep the model's shape (learning rate, loss, K, optimizer,
    // batch size, hyper-parameters) take effect at the next step; the others re-initialise and
    // return true. A dataset change needs a new Trainer (the caller loads the data).
    bool apply(const Config& config);

    // One optimizer step on one batch. Throws DivergenceError (weights rolled back) on NaN/Inf.
    double step();
    // One pass over the training data (shuffled mini-batches, or one full batch), then evaluates
    // and appends EpochMetrics to history(). Returns false if cancelled midway.
    bool train_epoch();
    // Trains `epochs` epochs (stops early when cancelled). Throws DivergenceError.
    void train(long epochs);
    // Evaluation only: metrics of the current weights (does not append to history).
    EpochMetrics evaluate() const;

    void cancel() { cancelled_.store(true, std::memory_order_relaxed); }
    void clear_cancel() { cancelled_.store(false, std::memory_order_relaxed); }

    const Config& config() const { return config_; }
    const Dataset& dataset() const { return *dataset_; }
    std::shared_ptr<const Dataset> dataset_ptr() const { return dataset_; }
    const Split& split() const { return split_; }
    const Mixture<double>& model() const { return model_; }
    long epoch() const { return epoch_; }
    const std::vector<EpochMetrics>& history() const { return history_; }
    double training_seconds() const { return seconds_; }

  private:
    void initialise();
    [[noreturn]] void throw_divergence(const std::string& what);

    Config config_;
    std::shared_ptr<const Dataset> dataset_;
    Split split_;
    Mixture<double> model_;
    std::unique_ptr<Optimizer> optimizer_;
    DataParallelGradient<double> pass_;
    mutable ForwardBackward<double> evaluation_pass_;
    Eigen::VectorXd gradient_, last_good_;
    Eigen::MatrixXd batch_x_;
    std::vector<int> batch_y_, order_;
    std::mt19937_64 shuffle_rng_;
    size_t batch_cursor_ = 0;
    long epoch_ = 0;
    double seconds_ = 0;
    std::vector<EpochMetrics> history_;
    std::atomic<bool> cancelled_{false};
};

}  // namespace moelab
