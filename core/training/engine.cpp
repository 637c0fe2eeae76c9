#include "training/engine.h"

#include <omp.h>

#include <algorithm>
#include <cmath>

#include "errors.h"
#include "model/model_spec.h"
#include "training/parallel.h"
#include "training/routing.h"
#include "training/thread_team.h"

namespace moelab {

namespace {

// True when every entry is finite: x * 0 is 0 for a finite x and NaN for NaN or infinity, so one
// vectorised sum tells (Eigen's allFinite() takes two passes and temporaries).
template <typename Block>
bool all_finite(const Block& values) {
    return (values.array() * typename Block::Scalar(0)).sum() == typename Block::Scalar(0);
}

}  // namespace

template <typename Scalar>
TrainingEngine<Scalar>::TrainingEngine(const Config& config, std::shared_ptr<const Dataset> dataset,
                                       const Split& split, int threads)
    : config_(config),
      dataset_(std::move(dataset)),
      split_(split),
      standardizer_(split.standardization),
      threads_(std::max(1, threads)),
      model_(ModelSpec::from(config, dataset_->dimensions(), dataset_->classes())),
      optimizer_(make_optimizer<Scalar>(config)),
      objective_(Objective<Scalar>::from(config)) {
    model_.initialize(config.seed);
}

template <typename Scalar>
Precision TrainingEngine<Scalar>::precision() const {
    return std::is_same_v<Scalar, float> ? Precision::Float : Precision::Double;
}

template <typename Scalar>
int TrainingEngine<Scalar>::parts_for(Eigen::Index cases) const {
    if (threads_ <= 1 || omp_in_parallel() || objective_.needs_whole_batch()) return 1;
    const double parts = double(cases) * model_.structure().work_per_case() / kWorkPerThread;
    return int(std::clamp<double>(std::floor(parts), 1, std::min<double>(threads_, double(cases))));
}

template <typename Scalar>
void TrainingEngine<Scalar>::apply(const Config& config) {
    const ModelSpec spec = ModelSpec::from(config, dataset_->dimensions(), dataset_->classes());
    if (!(spec == model_.spec())) {
        // The noise or the shared expert switched: the other weights, and their optimizer state,
        // carry over.
        Mixture<Scalar> reshaped = model_.reshaped(spec, config.seed);
        OptimizerState state = optimizer_->state();
        for (auto& [name, values] : state.vectors) {
            if (Eigen::Index(values.size()) != model_.parameters().size()) continue;
            const Vector<Scalar> moved = model_.carried_over(
                reshaped.structure(),
                Eigen::Map<const Eigen::VectorXd>(values.data(), Eigen::Index(values.size()))
                    .template cast<Scalar>(),
                Scalar(0));
            values.assign(moved.data(), moved.data() + moved.size());
        }
        model_ = std::move(reshaped);
        passes_.clear();
        part_gradients_.clear();
        part_statistics_.clear();
        if (!optimizer_changed(config_, config) && state.steps > 0) optimizer_->restore(state);
    }
    if (optimizer_changed(config_, config)) optimizer_ = make_optimizer<Scalar>(config);
    if (config.loss != config_.loss || config.balance_weight != config_.balance_weight ||
        config.importance_weight != config_.importance_weight ||
        config.load_weight != config_.load_weight ||
        config.similarity_weight != config_.similarity_weight ||
        config.noisy_gate != config_.noisy_gate || config.routing != config_.routing ||
        config.top_k != config_.top_k || config.experts != config_.experts)
        objective_ = Objective<Scalar>::from(config);
    config_ = config;
}

template <typename Scalar>
void TrainingEngine<Scalar>::set_standardization(const Standardization& standardization) {
    split_.standardization = standardization;
    standardizer_ = Standardizer<Scalar>(standardization);
    batch_valid_ = false;
}

template <typename Scalar>
std::vector<double> TrainingEngine<Scalar>::parameters() const {
    const auto& p = model_.parameters();
    return std::vector<double>(p.data(), p.data() + p.size());
}

template <typename Scalar>
void TrainingEngine<Scalar>::set_parameters(const std::vector<double>& parameters) {
    if (Eigen::Index(parameters.size()) != model_.parameters().size())
        throw ConfigError("The saved weights do not fit the model.");
    model_.parameters() =
        Eigen::Map<const Eigen::VectorXd>(parameters.data(), Eigen::Index(parameters.size()))
            .template cast<Scalar>();
}

template <typename Scalar>
ForwardSettings TrainingEngine<Scalar>::forward_settings() const {
    ForwardSettings settings;
    settings.rule = RoutingRule::training(config_);
    settings.dense_probabilities = objective_.needs_dense_probabilities();
    settings.sparse_experts = true;
    return settings;
}

template <typename Scalar>
StepResult TrainingEngine<Scalar>::step(std::span<const int> rows, double rate,
                                        bool same_rows_as_before, std::uint64_t noise_key) {
    const Eigen::Index cases = Eigen::Index(rows.size());
    const bool gather = !(same_rows_as_before && batch_valid_ && batch_.size() == cases);
    if (gather) batch_.resize(cases, dataset_->dimensions());
    const int parts = parts_for(cases);
    if (passes_.size() < size_t(parts)) {
        passes_.resize(size_t(parts));
        part_gradients_.resize(size_t(parts));
        part_statistics_.resize(size_t(parts));
    }
    optimizer_->begin_step(model_.parameters(), Scalar(rate));
    StepResult result = parts == 1 ? step_one_part(rows, Scalar(rate), gather, noise_key)
                                   : step_in_parts(rows, Scalar(rate), gather, parts, noise_key);
    result.dropped = collect_dropped(rows, parts, cases);
    batch_valid_ = true;
    return result;
}

template <typename Scalar>
long TrainingEngine<Scalar>::collect_dropped(std::span<const int> rows, int parts,
                                             Eigen::Index cases) {
    dropped_rows_.clear();
    if (!RoutingRule::training(config_).batch_level()) return 0;
    for (int part = 0; part < parts; ++part) {
        const Eigen::Index begin = cases * part / parts;
        const Vector<Scalar>& dropped = passes_[size_t(part)].dropped_cases();
        for (Eigen::Index b = 0; b < dropped.size(); ++b)
            if (dropped(b) != Scalar(0)) dropped_rows_.push_back(rows[size_t(begin + b)]);
    }
    return long(dropped_rows_.size());
}

template <typename Scalar>
StepResult TrainingEngine<Scalar>::step_one_part(std::span<const int> rows, Scalar rate,
                                                 bool gather, std::uint64_t noise_key) {
    if (gather) batch_.gather(*dataset_, standardizer_, rows);
    const Eigen::Index cases = batch_.size();
    const int N = model_.spec().experts;
    ForwardBackward<Scalar>& pass = passes_[0];
    ForwardSettings settings = forward_settings();
    const NoiseDraw noise{noise_key, rows};
    if (config_.noisy_gate) settings.noise = &noise;
    pass.forward(model_, batch_.inputs(), settings);
    statistics_.setZero(objective_.statistics_size(N));
    objective_.accumulate(pass, statistics_);
    const Scalar sum = objective_.evaluate(pass, batch_.labels(), statistics_, cases, true);
    pass.backward(model_, batch_.inputs(), gradient_);
    const Scalar loss = sum / Scalar(cases) + objective_.batch_terms_value(statistics_, cases, N);
    return finish_step(loss, rate);
}

template <typename Scalar>
void TrainingEngine<Scalar>::choose_experts_for_batch(int parts, Eigen::Index cases) {
    const int N = model_.spec().experts;
    batch_logits_.resize(cases, N);
    batch_mask_.resize(cases, N);
    batch_dropped_.resize(cases);
    for (int part = 0; part < parts; ++part) {
        const Eigen::Index begin = cases * part / parts, end = cases * (part + 1) / parts;
        batch_logits_.middleRows(begin, end - begin) = passes_[size_t(part)].routing_logits();
    }
    choose_experts<Scalar>(RoutingRule::training(config_), batch_logits_, batch_mask_,
                           batch_dropped_, batch_routing_work_);
    for (int part = 0; part < parts; ++part) {
        const Eigen::Index begin = cases * part / parts, end = cases * (part + 1) / parts;
        passes_[size_t(part)].gate_mask() = batch_mask_.middleRows(begin, end - begin);
        passes_[size_t(part)].dropped_cases() = batch_dropped_.segment(begin, end - begin);
    }
}

template <typename Scalar>
StepResult TrainingEngine<Scalar>::finish_step(Scalar loss, Scalar rate) {
    StepResult result;
    result.loss = double(loss);
    if (!std::isfinite(loss)) {
        result.finite = false;
        return result;
    }
    const Eigen::Index P = model_.parameters().size();
    updated_.resize(P);
    optimizer_->update(model_.parameters(), gradient_, rate, updated_, 0, P);
    // Every optimizer carries a non-finite gradient into the weights, so one check of the new
    // weights finds both; the gradient is looked at only to say which it was.
    if (!all_finite(updated_)) {
        result.finite = false;
        result.weights_overflowed = all_finite(gradient_);
        return result;
    }
    model_.parameters().swap(updated_);
    return result;
}

template <typename Scalar>
StepResult TrainingEngine<Scalar>::step_in_parts(std::span<const int> rows, Scalar rate,
                                                 bool gather, int parts, std::uint64_t noise_key) {
    const Eigen::Index cases = Eigen::Index(rows.size());
    const int N = model_.spec().experts;
    const Eigen::Index statistics_size = objective_.statistics_size(N);
    const Eigen::Index P = model_.parameters().size();
    const ForwardSettings settings = forward_settings();
    const bool batch_routing = settings.rule.batch_level();
    const InputBatch<Scalar> all = batch_.inputs();
    const std::span<const int> labels = batch_.labels();
    part_losses_.assign(size_t(parts), Scalar(0));
    part_ok_.assign(size_t(parts), 1);
    part_overflow_.assign(size_t(parts), 0);
    statistics_.setZero(statistics_size);
    gradient_.resize(P);
    updated_.resize(P);
    Scalar loss = 0;

    if (!team_ || team_->size() != parts) team_ = std::make_unique<ThreadTeam>(parts);
    team_->run([&](int part) {
        const Eigen::Index begin = cases * part / parts, end = cases * (part + 1) / parts;
        const Eigen::Index size = end - begin;
        // Phase 1: gather and forward this part's cases.
        if (gather)
            batch_.gather(*dataset_, standardizer_, rows.subspan(size_t(begin), size_t(size)),
                          begin);
        const InputBatch<Scalar> x = all.middle_rows(begin, size);
        ForwardBackward<Scalar>& pass = passes_[size_t(part)];
        ForwardSettings part_settings = settings;
        const NoiseDraw noise{noise_key, rows.subspan(size_t(begin), size_t(size))};
        if (config_.noisy_gate) part_settings.noise = &noise;
        pass.forward_gate(model_, x, part_settings);
        if (batch_routing) {
            // The experts of every case depend on the whole batch: chosen once, in batch order.
            team_->barrier();
            if (part == 0) choose_experts_for_batch(parts, cases);
            team_->barrier();
        } else {
            pass.choose_experts_alone();
        }
        pass.forward_experts(model_, x);
        Vector<Scalar>& statistics = part_statistics_[size_t(part)];
        statistics.setZero(statistics_size);
        objective_.accumulate(pass, statistics);
        if (statistics_size > 0) {
            // Phase 2: the whole batch's statistics, added in part order.
            team_->barrier();
            if (part == 0)
                for (int p = 0; p < parts; ++p) statistics_ += part_statistics_[size_t(p)];
            team_->barrier();
        }
        // Phase 3: objective and backward for this part (part 0 straight into the gradient).
        part_losses_[size_t(part)] = objective_.evaluate(
            pass, labels.subspan(size_t(begin), size_t(size)), statistics_, cases, true);
        Vector<Scalar>& gradient = part == 0 ? gradient_ : part_gradients_[size_t(part)];
        pass.backward(model_, x, gradient);
        team_->barrier();
        // Phase 4: each thread adds the parts' gradients over its range of parameters, in part
        // order, checks them and updates its range of weights.
        Scalar total = 0;
        for (int p = 0; p < parts; ++p) total += part_losses_[size_t(p)];
        const Scalar batch_loss =
            total / Scalar(cases) + objective_.batch_terms_value(statistics_, cases, N);
        if (part == 0) loss = batch_loss;
        const Eigen::Index first = P * part / parts, last = P * (part + 1) / parts;
        auto range = gradient_.segment(first, last - first);
        for (int p = 1; p < parts; ++p)
            range += part_gradients_[size_t(p)].segment(first, last - first);
        if (!std::isfinite(batch_loss)) {
            part_ok_[size_t(part)] = 0;
        } else {
            optimizer_->update(model_.parameters(), gradient_, rate, updated_, first, last);
            if (!all_finite(updated_.segment(first, last - first))) {
                part_ok_[size_t(part)] = 0;
                part_overflow_[size_t(part)] = all_finite(range);
            }
        }
    });

    StepResult result;
    result.loss = double(loss);
    for (int p = 0; p < parts; ++p) {
        if (!part_ok_[size_t(p)]) result.finite = false;
        if (part_overflow_[size_t(p)]) result.weights_overflowed = true;
    }
    if (result.finite) model_.parameters().swap(updated_);
    return result;
}

namespace {

template <typename Scalar>
class EvaluationTask final : public MetricsTask {
  public:
    explicit EvaluationTask(Evaluation<Scalar> evaluation) : evaluation_(std::move(evaluation)) {}
    bool advance(Clock::time_point deadline) override { return evaluation_.advance(deadline); }
    EpochMetrics result() const override { return evaluation_.result(); }

  private:
    Evaluation<Scalar> evaluation_;
};

}  // namespace

template <typename Scalar>
std::unique_ptr<MetricsTask> TrainingEngine<Scalar>::start_metrics() const {
    return std::make_unique<EvaluationTask<Scalar>>(
        Evaluation<Scalar>(model_, config_, dataset_, split_.standardization, split_.train_index,
                           split_.test_index, threads_));
}

template <typename Scalar>
EpochMetrics TrainingEngine<Scalar>::evaluate() const {
    Evaluation<Scalar> evaluation(model_, config_, dataset_, split_.standardization,
                                  split_.train_index, split_.test_index, threads_);
    evaluation.run();
    return evaluation.result();
}

template class TrainingEngine<float>;
template class TrainingEngine<double>;

std::unique_ptr<Engine> make_engine(const Config& config, std::shared_ptr<const Dataset> dataset,
                                    const Split& split, int threads) {
    if (config.precision == Precision::Double)
        return std::make_unique<TrainingEngine<double>>(config, std::move(dataset), split, threads);
    return std::make_unique<TrainingEngine<float>>(config, std::move(dataset), split, threads);
}

}  // namespace moelab
