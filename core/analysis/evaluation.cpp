#include "analysis/evaluation.h"

#include <algorithm>
#include <cmath>

#include "training/parallel.h"
#include "training/thread_team.h"

namespace moelab {

namespace {

Eigen::Index chunks_of(size_t cases, Eigen::Index chunk) {
    return (Eigen::Index(cases) + chunk - 1) / chunk;
}

}  // namespace

template <typename Scalar>
Evaluation<Scalar>::Evaluation(const Mixture<Scalar>& model, const Config& config,
                               std::shared_ptr<const Dataset> dataset,
                               const Standardization& standardization, std::vector<int> train_rows,
                               std::vector<int> test_rows, int threads)
    : model_(model),
      objective_(Objective<Scalar>::from(config)),
      routed_experts_(config.routed_experts()),
      flip_key_(flip_noise_key(config.seed)),
      dataset_(std::move(dataset)),
      standardizer_(standardization),
      train_rows_(std::move(train_rows)),
      test_rows_(std::move(test_rows)),
      threads_(std::max(1, threads)),
      train_chunks_(chunks_of(train_rows_.size(), kChunk)),
      test_chunks_(chunks_of(test_rows_.size(), kChunk)) {
    chunk_sums_.resize(size_t(train_chunks_ + test_chunks_));
}

template <typename Scalar>
void Evaluation<Scalar>::run_chunk(Eigen::Index chunk, Worker& worker) {
    const bool train = chunk < train_chunks_;
    const std::vector<int>& rows = train ? train_rows_ : test_rows_;
    const Eigen::Index begin = (train ? chunk : chunk - train_chunks_) * kChunk;
    const Eigen::Index size = std::min(kChunk, Eigen::Index(rows.size()) - begin);
    const int N = model_.spec().experts;
    worker.batch.resize(size, dataset_->features.cols());
    worker.batch.gather(*dataset_, standardizer_,
                        std::span<const int>(rows).subspan(size_t(begin), size_t(size)));
    // Each case to its top K experts, without noise or capacity (they belong to training
    // batches); an expert computes only the cases routed to it.
    ForwardSettings settings;
    settings.rule.k = routed_experts_;
    settings.dense_probabilities = objective_.needs_dense_probabilities();
    settings.sparse_experts = true;
    worker.pass.forward(model_, worker.batch.inputs(), settings);
    worker.statistics.setZero(objective_.statistics_size(N));
    // The reported loss holds the batch terms of the training cases only (result()).
    if (train) objective_.accumulate(worker.pass, worker.statistics);
    objective_.evaluate(worker.pass, worker.batch.labels(), worker.statistics, size, false);
    MetricsSums& sums = chunk_sums_[size_t(chunk)];
    sums.add(worker.pass, worker.batch.labels(),
             std::span<const int>(rows).subspan(size_t(begin), size_t(size)),
             /*gate_statistics=*/train);
    sums.batch_statistics = worker.statistics.template cast<double>();
    // How many training cases the noise of a noisy gate would re-route (it needs only the gate's
    // logits and the noise scales the pass computed).
    if (train)
        count_noise_flips(
            worker.pass,
            NoiseDraw{flip_key_, std::span<const int>(rows).subspan(size_t(begin), size_t(size))},
            routed_experts_, sums.noise_flips);
}

template <typename Scalar>
bool Evaluation<Scalar>::advance(Clock::time_point deadline) {
    const Eigen::Index total = train_chunks_ + test_chunks_;
    // A chunk of a small model (the 2-D teaching sets) is cheaper than waking a team.
    const double chunk_work =
        double(std::min<size_t>(size_t(kChunk), std::max(train_rows_.size(), test_rows_.size()))) *
        model_.structure().work_per_case();
    const int useful = chunk_work < kWorkPerThread ? 1 : threads_;
    const int team = int(std::clamp<Eigen::Index>(total - next_chunk_, 1, useful));
    if (workers_.size() < size_t(team)) workers_.resize(size_t(team));
    while (next_chunk_ < total) {
        // One round: one chunk per thread.
        const Eigen::Index first = next_chunk_;
        const Eigen::Index count = std::min<Eigen::Index>(team, total - first);
        if (count == 1) {
            run_chunk(first, workers_[0]);
        } else {
            if (!team_ || team_->size() < count) team_ = std::make_unique<ThreadTeam>(int(count));
            team_->run([&](int part) {
                if (part < count) run_chunk(first + part, workers_[size_t(part)]);
            });
        }
        next_chunk_ += count;
        if (Clock::now() >= deadline) break;
    }
    return done();
}

template <typename Scalar>
MetricsSums Evaluation<Scalar>::merged(Eigen::Index first, Eigen::Index count) const {
    MetricsSums total;
    for (Eigen::Index k = first; k < first + count; ++k) total.merge(chunk_sums_[size_t(k)]);
    return total;
}

template <typename Scalar>
MetricsSums Evaluation<Scalar>::train_sums() const {
    return merged(0, train_chunks_);
}

template <typename Scalar>
MetricsSums Evaluation<Scalar>::test_sums() const {
    return merged(train_chunks_, test_chunks_);
}

template <typename Scalar>
EpochMetrics Evaluation<Scalar>::result() const {
    EpochMetrics metrics;
    const int N = model_.spec().experts;
    const MetricsSums train = train_sums();
    const double n = train.cases > 0 ? double(train.cases) : 1.0;
    Vector<Scalar> statistics = train.batch_statistics.template cast<Scalar>();
    if (statistics.size() != objective_.statistics_size(N))
        statistics.setZero(objective_.statistics_size(N));
    metrics.loss =
        train.loss / n + double(objective_.batch_terms_value(statistics, train.cases, N));
    metrics.train_accuracy = train.cases > 0 ? double(train.correct) / n : std::nan("");
    metrics.train_squared_error = train.cases > 0 ? train.squared_error / n : std::nan("");
    fill_gate_statistics(train, dataset_->classes(), metrics);
    const MetricsSums test = test_sums();
    metrics.test_accuracy =
        test.cases > 0 ? double(test.correct) / double(test.cases) : std::nan("");
    if (model_.structure().noise_layer()) {
        metrics.noise_first_choice_flips = train.noise_flips.first_choice_share();
        metrics.noise_routed_set_flips = train.noise_flips.routed_set_share();
    }
    return metrics;
}

template class Evaluation<float>;
template class Evaluation<double>;

}  // namespace moelab
