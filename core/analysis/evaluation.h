#pragma once
// Metrics of a model on a dataset. The cases are standardised and evaluated in chunks; the chunks
// are spread over threads and their sums merged in chunk order, so the result is the same for any
// number of threads. An evaluation can advance a few chunks at a time against a deadline, so a
// program that must stay responsive (the app's worker) evaluates all of Fashion-MNIST between
// training slices instead of stopping for a tenth of a second.
#include <chrono>
#include <cstdint>
#include <memory>
#include <span>
#include <vector>

#include "analysis/metrics.h"
#include "data/dataset.h"
#include "model/forward_backward.h"
#include "model/mixture.h"
#include "training/batch.h"
#include "training/config.h"
#include "training/objective.h"
#include "training/thread_team.h"

namespace moelab {

template <typename Scalar>
class Evaluation {
  public:
    using Clock = std::chrono::steady_clock;
    // Cases per chunk.
    static constexpr Eigen::Index kChunk = 1024;

    // Evaluates a copy of `model` under `config`'s objective and routing on `train_rows` (with
    // the gate statistics) and `test_rows` of `dataset`.
    Evaluation(const Mixture<Scalar>& model, const Config& config,
               std::shared_ptr<const Dataset> dataset, const Standardization& standardization,
               std::vector<int> train_rows, std::vector<int> test_rows, int threads);

    // Evaluates chunks until `deadline` has passed (at least one round of chunks); true when every
    // chunk is done.
    bool advance(Clock::time_point deadline);
    // Everything at once.
    void run() { advance(Clock::time_point::max()); }
    bool done() const { return next_chunk_ >= train_chunks_ + test_chunks_; }

    // After done(): the metrics (epoch and seconds left to the caller), and the raw sums.
    EpochMetrics result() const;
    MetricsSums train_sums() const;
    MetricsSums test_sums() const;

  private:
    struct Worker {
        ForwardBackward<Scalar> pass;
        Batch<Scalar> batch;
        Vector<Scalar> statistics;
    };
    void run_chunk(Eigen::Index chunk, Worker& worker);
    MetricsSums merged(Eigen::Index first, Eigen::Index count) const;

    Mixture<Scalar> model_;
    Objective<Scalar> objective_;
    int routed_experts_;
    std::uint64_t flip_key_;  // the training cases' noise draws (a noisy gate: noise flips)
    std::shared_ptr<const Dataset> dataset_;
    Standardizer<Scalar> standardizer_;
    std::vector<int> train_rows_, test_rows_;
    int threads_;
    Eigen::Index train_chunks_ = 0, test_chunks_ = 0, next_chunk_ = 0;
    std::vector<Worker> workers_;
    std::shared_ptr<ThreadTeam> team_;  // started at the first round with more than one chunk
    std::vector<MetricsSums> chunk_sums_;
};

extern template class Evaluation<float>;
extern template class Evaluation<double>;

}  // namespace moelab
