#include "training/trainer.h"

#include <omp.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <string>

#include "errors.h"

namespace moelab {

namespace {

// Distinct streams for weights and batch order, both from the one seed.
constexpr std::uint64_t kShuffleStream = 0x9e3779b97f4a7c15ull;

void apply_threads(const Config& config) {
    if (config.threads > 0) omp_set_num_threads(config.threads);
}

}  // namespace

Trainer::Trainer(const Config& config, std::shared_ptr<const Dataset> dataset)
    : config_(config),
      dataset_(std::move(dataset)),
      split_(make_split(*dataset_)),
      model_(ModelShape::from(config, dataset_->dimensions(), dataset_->classes())) {
    validate(config_);
    if (split_.train_y.empty()) throw ConfigError("The dataset has no training cases.");
    apply_threads(config_);
    initialise();
}

void Trainer::initialise() {
    model_ =
        Mixture<double>(ModelShape::from(config_, dataset_->dimensions(), dataset_->classes()));
    model_.initialize(config_.seed);
    optimizer_ = make_optimizer(config_);
    shuffle_rng_.seed(config_.seed ^ kShuffleStream);
    order_.resize(split_.train_y.size());
    for (size_t k = 0; k < order_.size(); ++k) order_[k] = int(k);
    batch_cursor_ = 0;
    epoch_ = 0;
    seconds_ = 0;
    history_.clear();
}

void Trainer::set_model(const Mixture<double>& model, const Standardization& standardization) {
    if (!(model.shape() == model_.shape())) {
        throw ConfigError("The model's shape (" + std::to_string(model.shape().experts) +
                          " experts, " + std::to_string(model.shape().inputs) + " inputs, " +
                          std::to_string(model.shape().classes) +
                          " classes) does not fit this configuration and dataset.");
    }
    model_ = model;
    split_.standardization = standardization;
    const Eigen::MatrixXd train_raw = dataset_->features(split_.train_index, Eigen::all);
    const Eigen::MatrixXd test_raw = dataset_->features(split_.test_index, Eigen::all);
    split_.train_x = standardization.apply(train_raw);
    split_.test_x = standardization.apply(test_raw);
    optimizer_->reset();
}

bool Trainer::apply(const Config& config) {
    validate(config);
    if (config.dataset != config_.dataset) {
        throw ConfigError("A dataset change needs a new Trainer.");
    }
    const bool reinitialise = requires_reinitialisation(config_, config);
    const bool new_optimizer =
        config.optimizer != config_.optimizer || config.momentum != config_.momentum ||
        config.adam_beta1 != config_.adam_beta1 || config.adam_beta2 != config_.adam_beta2 ||
        config.adam_epsilon != config_.adam_epsilon || config.ftrl_beta != config_.ftrl_beta ||
        config.ftrl_l1 != config_.ftrl_l1 || config.ftrl_l2 != config_.ftrl_l2;
    if (config.batch_size != config_.batch_size) batch_cursor_ = 0;
    config_ = config;
    apply_threads(config_);
    if (reinitialise) {
        initialise();
        return true;
    }
    if (new_optimizer) optimizer_ = make_optimizer(config_);
    return false;
}

double Trainer::step() {
    const auto cases = Eigen::Index(split_.train_y.size());
    const Eigen::Index batch =
        config_.batch_size <= 0 ? cases : std::min<Eigen::Index>(config_.batch_size, cases);
    double loss = 0;
    if (batch == cases) {
        loss = pass_.loss_and_gradient(model_, split_.train_x, split_.train_y, config_.loss,
                                       config_.routed_experts(), gradient_);
    } else {
        if (batch_cursor_ == 0) std::shuffle(order_.begin(), order_.end(), shuffle_rng_);
        const Eigen::Index size =
            std::min<Eigen::Index>(batch, cases - Eigen::Index(batch_cursor_));
        batch_x_.resize(size, split_.train_x.cols());
        batch_y_.resize(size);
        for (Eigen::Index b = 0; b < size; ++b) {
            const int row = order_[batch_cursor_ + b];
            batch_x_.row(b) = split_.train_x.row(row);
            batch_y_[b] = split_.train_y[row];
        }
        batch_cursor_ += size;
        if (batch_cursor_ >= size_t(cases)) batch_cursor_ = 0;
        loss = pass_.loss_and_gradient(model_, batch_x_, batch_y_, config_.loss, config_.routed_experts(),
                                       gradient_);
    }
    if (!std::isfinite(loss) || !gradient_.allFinite()) {
        throw_divergence(
            "the loss or its gradient became NaN or infinite. The last good weights were kept");
    }
    last_good_ = model_.parameters();
    optimizer_->step(model_.parameters(), gradient_, config_.learning_rate);
    if (!model_.parameters().allFinite()) {
        model_.parameters() = last_good_;
        throw_divergence(
            "a weight overflowed to infinity. The step was rolled back to the last good weights");
    }
    return loss;
}

void Trainer::throw_divergence(const std::string& what) {
    optimizer_->reset();  // its state may hold the non-finite values
    throw DivergenceError("Training diverged at epoch " + std::to_string(epoch_ + 1) + ": " + what +
                              "; try a lower learning rate.",
                          epoch_ + 1);
}

bool Trainer::train_epoch() {
    const auto start = std::chrono::steady_clock::now();
    do {
        if (cancelled_.load(std::memory_order_relaxed)) {
            seconds_ +=
                std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
            return false;
        }
        step();
    } while (batch_cursor_ != 0);
    seconds_ += std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    ++epoch_;
    history_.push_back(evaluate());
    return true;
}

void Trainer::train(long epochs) {
    for (long e = 0; e < epochs; ++e) {
        if (!train_epoch()) return;
    }
}

EpochMetrics Trainer::evaluate() const {
    EpochMetrics metrics;
    metrics.epoch = epoch_;
    metrics.seconds = seconds_;
    metrics.loss =
        evaluation_pass_.loss(model_, split_.train_x, split_.train_y, config_.loss, config_.routed_experts());
    metrics.train_accuracy = accuracy(evaluation_pass_.mixture_probabilities(), split_.train_y);
    gate_statistics(evaluation_pass_.gate_probabilities(), split_.train_y, dataset_->classes(),
                    metrics);
    if (split_.test_y.empty()) {
        metrics.test_accuracy = std::nan("");
    } else {
        evaluation_pass_.forward(model_, split_.test_x, config_.routed_experts());
        metrics.test_accuracy = accuracy(evaluation_pass_.mixture_probabilities(), split_.test_y);
    }
    return metrics;
}

}  // namespace moelab
