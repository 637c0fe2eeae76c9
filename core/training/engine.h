#pragma once
// The numerical heart of a training in one precision: the model, its optimizer and objective, and
// one optimizer step over a batch split across threads in phases:
//   gather + forward (per part) | batch statistics (fixed order) | objective + backward (per
//   part) | gradient reduction and optimizer update (per range of parameters, fixed order).
// The same thread count always gives bitwise the same weights.
#include <chrono>
#include <cstdint>
#include <memory>
#include <span>
#include <vector>

#include "analysis/evaluation.h"
#include "data/dataset.h"
#include "model/forward_backward.h"
#include "model/mixture.h"
#include "training/batch.h"
#include "training/config.h"
#include "training/objective.h"
#include "training/optimizer.h"
#include "training/thread_team.h"

namespace moelab {

// What one step reports; a step whose loss, gradient or new weights are not finite changes
// nothing (the weights stay, the caller resets the optimizer).
struct StepResult {
    double loss = 0;  // the objective's batch mean, before the update
    // Cases that lost an expert to its capacity or that no expert chose (their dataset rows:
    // Engine::dropped_rows()).
    long dropped = 0;
    bool finite = true;
    bool weights_overflowed = false;  // the gradient was finite but the update was not
};

// An evaluation of a copy of the weights that its owner advances a little at a time.
class MetricsTask {
  public:
    using Clock = std::chrono::steady_clock;
    virtual ~MetricsTask() = default;
    // Evaluates until `deadline` (at least one round of chunks); true when finished.
    virtual bool advance(Clock::time_point deadline) = 0;
    // After advance() returned true.
    virtual EpochMetrics result() const = 0;
};

// Precision-neutral interface, so the trainer can hold a float or a double engine.
class Engine {
  public:
    virtual ~Engine() = default;
    virtual Precision precision() const = 0;

    // One optimizer step on the training rows `rows` of the dataset, at `rate`. With
    // `same_rows_as_before` (full batch, same order) the standardised batch is reused.
    // `noise_key` names the step's noise (noisy gate): the same key draws the same noise.
    virtual StepResult step(std::span<const int> rows, double rate, bool same_rows_as_before,
                            std::uint64_t noise_key = 0) = 0;
    // The dataset rows of the cases the last step dropped (see StepResult::dropped).
    virtual std::span<const int> dropped_rows() const = 0;
    // Metrics of the current weights on the split (epoch and seconds left to the caller).
    virtual EpochMetrics evaluate() const = 0;
    // The same, to be advanced by the caller (the weights are copied now).
    virtual std::unique_ptr<MetricsTask> start_metrics() const = 0;

    // Takes a config change that keeps the weights: loss and batch terms, K and the routing rule,
    // optimizer and its knobs, and the switchable parts of the model (noise, shared expert: the
    // model is reshaped, the other weights and their optimizer state carry over).
    virtual void apply(const Config& config) = 0;
    // The split's standardisation (after --init, the model file's).
    virtual void set_standardization(const Standardization& standardization) = 0;
    virtual void set_threads(int threads) = 0;

    virtual Mixture<double> model_double() const = 0;
    virtual Mixture<float> model_float() const = 0;
    virtual std::vector<double> parameters() const = 0;
    virtual void set_parameters(const std::vector<double>& parameters) = 0;
    virtual OptimizerState optimizer_state() const = 0;
    virtual void restore_optimizer(const OptimizerState& state) = 0;
    virtual void reset_optimizer() = 0;
};

template <typename Scalar>
class TrainingEngine final : public Engine {
  public:
    TrainingEngine(const Config& config, std::shared_ptr<const Dataset> dataset, const Split& split,
                   int threads);

    Precision precision() const override;
    StepResult step(std::span<const int> rows, double rate, bool same_rows_as_before,
                    std::uint64_t noise_key = 0) override;
    std::span<const int> dropped_rows() const override { return dropped_rows_; }
    EpochMetrics evaluate() const override;
    std::unique_ptr<MetricsTask> start_metrics() const override;
    void apply(const Config& config) override;
    void set_standardization(const Standardization& standardization) override;
    void set_threads(int threads) override { threads_ = std::max(1, threads); }

    Mixture<double> model_double() const override { return model_.template cast<double>(); }
    Mixture<float> model_float() const override { return model_.template cast<float>(); }
    std::vector<double> parameters() const override;
    void set_parameters(const std::vector<double>& parameters) override;
    OptimizerState optimizer_state() const override { return optimizer_->state(); }
    void restore_optimizer(const OptimizerState& state) override { optimizer_->restore(state); }
    void reset_optimizer() override { optimizer_->reset(); }

    const Mixture<Scalar>& model() const { return model_; }
    Mixture<Scalar>& model() { return model_; }
    // How many parts a batch of `cases` is split into.
    int parts_for(Eigen::Index cases) const;

  private:
    ForwardSettings forward_settings() const;
    StepResult finish_step(Scalar loss, Scalar rate);
    StepResult step_one_part(std::span<const int> rows, Scalar rate, bool gather,
                             std::uint64_t noise_key);
    StepResult step_in_parts(std::span<const int> rows, Scalar rate, bool gather, int parts,
                             std::uint64_t noise_key);
    // Between forward_gate and forward_experts of a split batch: the experts of every case,
    // chosen over the whole batch (capacity, expert choice), written into each part's pass.
    void choose_experts_for_batch(int parts, Eigen::Index cases);
    // The dataset rows of the cases the passes of the last step dropped.
    long collect_dropped(std::span<const int> rows, int parts, Eigen::Index cases);

    Config config_;
    std::shared_ptr<const Dataset> dataset_;
    Split split_;
    Standardizer<Scalar> standardizer_;
    int threads_;
    Mixture<Scalar> model_;
    std::unique_ptr<Optimizer<Scalar>> optimizer_;
    Objective<Scalar> objective_;
    std::unique_ptr<ThreadTeam> team_;  // the threads of a split step (none for one part)

    Batch<Scalar> batch_;
    bool batch_valid_ = false;
    std::vector<ForwardBackward<Scalar>> passes_;  // one per part
    std::vector<Vector<Scalar>> part_gradients_;   // parts 1..; part 0 writes gradient_
    std::vector<Vector<Scalar>> part_statistics_;
    std::vector<Scalar> part_losses_;
    std::vector<char> part_ok_, part_overflow_;
    Vector<Scalar> statistics_, gradient_, updated_;
    Matrix<Scalar> batch_logits_, batch_mask_;  // the whole batch's, for batch-level routing
    Vector<Scalar> batch_dropped_;
    RoutingWork<Scalar> batch_routing_work_;
    std::vector<int> dropped_rows_;
};

extern template class TrainingEngine<float>;
extern template class TrainingEngine<double>;

// The engine of the precision the config asks for.
std::unique_ptr<Engine> make_engine(const Config& config, std::shared_ptr<const Dataset> dataset,
                                    const Split& split, int threads);

}  // namespace moelab
