#include "training/trainer.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <sstream>
#include <string>

#include "errors.h"
#include "model/gate_noise.h"
#include "training/parallel.h"

namespace moelab {

namespace {

// Distinct streams for weights, batch order and the noisy gate's noise, all from the one seed.
constexpr std::uint64_t kShuffleStream = 0x9e3779b97f4a7c15ull;
constexpr std::uint64_t kNoiseStream = 0x6a09e667f3bcc909ull;

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point start) {
    return std::chrono::duration<double>(Clock::now() - start).count();
}

// The classification trainer's data: a regression set (real-valued targets) goes to
// training/regression_trainer.h instead.
std::shared_ptr<const Dataset> classification_data(std::shared_ptr<const Dataset> dataset) {
    if (dataset && dataset->regression())
        throw ConfigError("The dataset " + dataset->name +
                          " is a regression set (real-valued targets); it is trained by the "
                          "regression trainer, not as a classification.");
    return dataset;
}

}  // namespace

Trainer::Trainer(const Config& config, std::shared_ptr<const Dataset> dataset, int reserved_threads)
    : config_(config),
      dataset_(classification_data(std::move(dataset))),
      split_(make_split(*dataset_)),
      spec_(ModelSpec::from(config, dataset_->dimensions(), dataset_->classes())),
      reserved_threads_(reserved_threads) {
    normalise(config_);
    validate(config_);
    if (split_.train_y.empty()) throw ConfigError("The dataset has no training cases.");
    initialise();
}

void Trainer::make_engine_for(const Config& config) {
    threads_ = resolve_threads(config.threads, reserved_threads_);
    engine_ = make_engine(config, dataset_, split_, threads_);
}

void Trainer::initialise() {
    spec_ = ModelSpec::from(config_, dataset_->dimensions(), dataset_->classes());
    make_engine_for(config_);
    shuffle_rng_.seed(config_.seed ^ kShuffleStream);
    order_ = split_.train_index;
    cursor_ = 0;
    full_batch_gathered_ = false;
    epoch_ = 0;
    epoch_loss_sum_ = 0;
    epoch_cases_ = 0;
    epoch_dropped_.clear();
    last_epoch_dropped_.clear();
    seconds_ = 0;
    history_.clear();
    collapse_.start(engine_->parameters(), epoch_);
}

void Trainer::set_model(const Mixture<double>& model, const Standardization& standardization) {
    if (!(model.spec() == spec_)) {
        throw ConfigError("The model's shape (" + model.spec().describe() +
                          ") does not fit this configuration and dataset (" + spec_.describe() +
                          ").");
    }
    split_.standardization = standardization;
    engine_->set_standardization(standardization);
    const auto& p = model.parameters();
    engine_->set_parameters(std::vector<double>(p.data(), p.data() + p.size()));
    engine_->reset_optimizer();
    full_batch_gathered_ = false;
    collapse_.start(engine_->parameters(), epoch_);
}

bool Trainer::apply(const Config& requested) {
    Config config = requested;
    normalise(config);
    validate(config);
    if (config.dataset != config_.dataset) {
        throw ConfigError("A dataset change needs a new Trainer.");
    }
    if (requires_reinitialisation(config_, config)) {
        config_ = config;
        initialise();
        return true;
    }
    if (config.batch_size != config_.batch_size) {
        // A new batch size starts a new pass over the data at the next epoch boundary's order.
        cursor_ = 0;
        order_ = split_.train_index;
        epoch_loss_sum_ = 0;
        epoch_cases_ = 0;
    }
    const bool new_precision = config.precision != config_.precision;
    const bool new_threads = config.threads != config_.threads;
    // The noise or the shared expert may switch: the engine reshapes the model and keeps the rest.
    const ModelSpec spec = ModelSpec::from(config, dataset_->dimensions(), dataset_->classes());
    if (new_precision) {
        // The same training in the other precision: weights and optimizer state carried over.
        if (!(spec == spec_)) engine_->apply(config);
        const std::vector<double> parameters = engine_->parameters();
        const OptimizerState optimizer = engine_->optimizer_state();
        const Config old = config_;
        make_engine_for(config);
        engine_->set_standardization(split_.standardization);
        engine_->set_parameters(parameters);
        if (!optimizer_changed(old, config)) engine_->restore_optimizer(optimizer);
        full_batch_gathered_ = false;
    } else {
        if (new_threads) {
            threads_ = resolve_threads(config.threads, reserved_threads_);
            engine_->set_threads(threads_);
        }
        engine_->apply(config);
    }
    config_ = config;
    spec_ = spec;
    return false;
}

long Trainer::steps_per_epoch() const {
    const long cases = long(split_.train_index.size());
    const long batch = config_.batch_size <= 0 ? cases : std::min<long>(config_.batch_size, cases);
    return (cases + batch - 1) / batch;
}

std::span<const int> Trainer::next_rows(bool& same_as_before) {
    const size_t cases = split_.train_index.size();
    const size_t batch =
        config_.batch_size <= 0 ? cases : std::min<size_t>(size_t(config_.batch_size), cases);
    if (batch == cases) {
        // Full batch: every case in the split's order, the same rows every step.
        same_as_before = full_batch_gathered_;
        full_batch_gathered_ = true;
        return split_.train_index;
    }
    full_batch_gathered_ = false;
    same_as_before = false;
    if (cursor_ == 0) std::shuffle(order_.begin(), order_.end(), shuffle_rng_);
    const size_t size = std::min(batch, cases - cursor_);
    return std::span<const int>(order_).subspan(cursor_, size);
}

double Trainer::step() {
    const auto start = Clock::now();
    bool same_rows = false;
    const std::span<const int> rows = next_rows(same_rows);
    // The step's noise is keyed by its place in the training, so a resumed training draws what the
    // original would have.
    const std::uint64_t noise_key =
        mix64(config_.seed ^ kNoiseStream) ^ mix64(std::uint64_t(epoch_) << 32 ^ cursor_);
    if (cursor_ == 0) collapse_.before_epoch(engine_->parameters(), epoch_);
    const StepResult result = engine_->step(rows, config_.learning_rate, same_rows, noise_key);
    if (!result.finite) {
        // The engine kept the weights; the optimizer's state may hold the non-finite values.
        engine_->reset_optimizer();
        seconds_ += seconds_since(start);
        throw_divergence(result.weights_overflowed);
    }
    if (result.dropped > 0) {
        const std::span<const int> dropped = engine_->dropped_rows();
        epoch_dropped_.insert(epoch_dropped_.end(), dropped.begin(), dropped.end());
    }
    epoch_loss_sum_ += result.loss * double(rows.size());
    epoch_cases_ += long(rows.size());
    cursor_ += rows.size();
    if (cursor_ >= split_.train_index.size()) end_epoch();
    seconds_ += seconds_since(start);
    return result.loss;
}

void Trainer::end_epoch() {
    cursor_ = 0;
    ++epoch_;
    history_.epoch_loss.push_back(epoch_cases_ > 0 ? epoch_loss_sum_ / double(epoch_cases_) : 0.0);
    epoch_loss_sum_ = 0;
    epoch_cases_ = 0;
    std::sort(epoch_dropped_.begin(), epoch_dropped_.end());
    last_epoch_dropped_.swap(epoch_dropped_);
    epoch_dropped_.clear();
    const long every = config_.metrics_every > 0 ? config_.metrics_every : automatic_metrics_;
    if (every > 0 && epoch_ % every == 0) record_metrics();
    check_collapse();
}

void Trainer::check_collapse() {
    if (history_.epoch_loss.empty() || !collapse_.loss_frozen(history_.epoch_loss.back(), epoch_))
        return;
    const EpochMetrics& metrics = record_metrics();
    const auto collapse = collapse_.verdict(metrics.train_accuracy, dataset_->classes(),
                                            std::string(to_string(config_.optimizer)));
    if (!collapse) return;
    engine_->set_parameters(collapse_.good_parameters());
    engine_->reset_optimizer();
    full_batch_gathered_ = false;
    // The latest metrics describe the model there is now: the restored one.
    history_.metrics.replace_back(evaluate());
    throw DivergenceError(*collapse, epoch_);
}

void Trainer::throw_divergence(bool weights_overflowed) {
    const std::string what =
        weights_overflowed
            ? "a weight overflowed to infinity. The step was rolled back to the last good weights"
            : "the loss or its gradient became NaN or infinite. The last good weights were kept";
    throw DivergenceError("Training diverged at epoch " + std::to_string(epoch_ + 1) + ": " + what +
                              "; try a lower learning rate.",
                          epoch_ + 1);
}

bool Trainer::train_epoch() {
    do {
        if (cancelled_.load(std::memory_order_relaxed)) return false;
        step();
    } while (cursor_ != 0);
    return true;
}

void Trainer::train(long epochs) {
    for (long e = 0; e < epochs; ++e) {
        if (!train_epoch()) break;
    }
    record_metrics();
}

long Trainer::train_for(std::chrono::nanoseconds budget, long epochs) {
    const auto deadline = Clock::now() + budget;
    const long start = epoch_, target = epoch_ + epochs;
    while (epoch_ < target && !cancelled_.load(std::memory_order_relaxed)) {
        step();
        if (Clock::now() >= deadline) break;
    }
    return epoch_ - start;
}

EpochMetrics Trainer::evaluate() const {
    EpochMetrics metrics = engine_->evaluate();
    metrics.epoch = epoch_;
    metrics.seconds = seconds_;
    add_dropped(metrics);
    return metrics;
}

void Trainer::add_dropped(EpochMetrics& metrics) const {
    // Capacity and expert choice belong to training batches: the last whole epoch's count.
    metrics.dropped_cases = long(last_epoch_dropped_.size());
    metrics.dropped_rows = last_epoch_dropped_;
}

namespace {

// A task whose result is stamped with the epoch and time at which its weights were copied.
class StampedMetricsTask final : public MetricsTask {
  public:
    StampedMetricsTask(std::unique_ptr<MetricsTask> task, long epoch, double seconds,
                       std::vector<int> dropped)
        : task_(std::move(task)), epoch_(epoch), seconds_(seconds), dropped_(std::move(dropped)) {}
    bool advance(Clock::time_point deadline) override { return task_->advance(deadline); }
    EpochMetrics result() const override {
        EpochMetrics metrics = task_->result();
        metrics.epoch = epoch_;
        metrics.seconds = seconds_;
        metrics.dropped_cases = long(dropped_.size());
        metrics.dropped_rows = dropped_;
        return metrics;
    }

  private:
    std::unique_ptr<MetricsTask> task_;
    long epoch_;
    double seconds_;
    std::vector<int> dropped_;
};

}  // namespace

std::unique_ptr<MetricsTask> Trainer::start_metrics() const {
    return std::make_unique<StampedMetricsTask>(engine_->start_metrics(), epoch_, seconds_,
                                                last_epoch_dropped_);
}

void Trainer::add_metrics(const EpochMetrics& metrics) {
    if (!history_.metrics.empty() && history_.metrics.back().epoch >= metrics.epoch) return;
    history_.metrics.push_back(metrics);
}

const EpochMetrics& Trainer::record_metrics() {
    if (!history_.metrics.empty() && history_.metrics.back().epoch == epoch_)
        return history_.metrics.back();
    const auto start = Clock::now();
    history_.metrics.push_back(evaluate());
    last_metrics_seconds_ = seconds_since(start);
    return history_.metrics.back();
}

EpochMetrics Trainer::latest_metrics() const {
    if (!history_.metrics.empty() && history_.metrics.back().epoch == epoch_)
        return history_.metrics.back();
    return evaluate();
}

TrainingState Trainer::state() const {
    TrainingState state;
    state.config = config_;
    state.spec = spec_;
    state.standardization = split_.standardization;
    state.parameters = engine_->parameters();
    state.optimizer = engine_->optimizer_state();
    std::ostringstream rng;
    rng << shuffle_rng_;
    state.shuffle_rng = rng.str();
    state.order = order_;
    state.cursor = long(cursor_);
    state.epoch = epoch_;
    state.epoch_loss_sum = epoch_loss_sum_;
    state.epoch_cases = epoch_cases_;
    state.epoch_dropped_rows = epoch_dropped_;
    state.last_epoch_dropped_rows = last_epoch_dropped_;
    state.seconds = seconds_;
    state.history = history_;
    return state;
}

void Trainer::restore(const TrainingState& state) {
    Config config = state.config;
    normalise(config);
    validate(config);
    if (config.dataset != config_.dataset)
        throw ConfigError("The saved training used the dataset '" + config.dataset.name +
                          "', not '" + config_.dataset.name + "'.");
    const ModelSpec spec = ModelSpec::from(config, dataset_->dimensions(), dataset_->classes());
    if (!(spec == state.spec))
        throw ConfigError("The saved model (" + state.spec.describe() +
                          ") does not fit this dataset (" + spec.describe() + ").");
    // The order must be a permutation of this split's training rows.
    std::vector<int> sorted_saved = state.order, sorted_split = split_.train_index;
    std::sort(sorted_saved.begin(), sorted_saved.end());
    std::sort(sorted_split.begin(), sorted_split.end());
    if (sorted_saved != sorted_split || state.cursor < 0 ||
        size_t(state.cursor) >= std::max<size_t>(1, split_.train_index.size()))
        throw ConfigError("The saved position in the epoch does not fit this dataset's split.");
    std::istringstream rng(state.shuffle_rng);
    std::mt19937_64 shuffle_rng;
    rng >> shuffle_rng;
    if (rng.fail()) throw ConfigError("The saved random generator state is damaged.");

    config_ = config;
    spec_ = spec;
    split_.standardization = state.standardization;
    make_engine_for(config_);
    engine_->set_standardization(state.standardization);
    engine_->set_parameters(state.parameters);
    engine_->restore_optimizer(state.optimizer);
    shuffle_rng_ = shuffle_rng;
    order_ = state.order;
    cursor_ = size_t(state.cursor);
    full_batch_gathered_ = false;
    epoch_ = state.epoch;
    epoch_loss_sum_ = state.epoch_loss_sum;
    epoch_cases_ = state.epoch_cases;
    epoch_dropped_ = state.epoch_dropped_rows;
    last_epoch_dropped_ = state.last_epoch_dropped_rows;
    seconds_ = state.seconds;
    history_ = state.history;
    collapse_.start(engine_->parameters(), epoch_);
}

}  // namespace moelab
