// Training-core benchmarks of issues 2 and 7, each beside a baseline measured in the same run.
//  W1: vowels (408 x 2), 4 linear experts, linear gate, full batch, mixture NLL: time per epoch
//      through the product trainer (float32, the default, and double), metrics excluded.
//  W2: Fashion-MNIST training set (60000 x 784), 8 linear experts + linear gate, mini-batches of
//      128, SGD: time per epoch through the product trainer (what moelab-cli and the app run:
//      shuffled batches gathered and standardised, phased data-parallel steps, rollback checks),
//      and the baseline: the two GEMMs every batch needs (X W^T and dA^T X, float32, the same
//      shapes), each thread multiplying its share of the batches with nothing else to do. The
//      GFLOPs counter of both uses the same FLOP count, so their ratio is the share of the
//      hardware's GEMM rate the trainer reaches.
//  W3: the sample-similarity term (training/similarity_term.h) on a Fashion-MNIST-sized batch
//      (128 x 784, random standardised values: the cost does not depend on them), 8 linear
//      experts + linear gate, float32, one thread: a whole step (forward, objective, backward)
//      without and with the term, and the term alone (accumulate + gradient). With
//      W2_FashionTrainerEpochSimilarity: an epoch of the real data with the term (one part per
//      step whatever the thread count: the term needs the whole batch).
// Run: build/release/bench/moelab_bench_core --benchmark_counters_tabular=true
#include <benchmark/benchmark.h>
#include <omp.h>

#include <filesystem>
#include <memory>

#include <random>

#include "data/fashion_mnist.h"
#include "data/registry.h"
#include "training/objective.h"
#include "training/similarity_term.h"
#include "training/trainer.h"

namespace moelab {
namespace {

Config vowel_config(Precision precision) {
    Config config;
    config.dataset.name = "vowels";
    config.experts = 4;
    config.loss = LossType::MixtureNll;
    config.optimizer = OptimizerType::Sgd;
    config.learning_rate = 0.5;
    config.batch_size = 0;
    config.threads = 1;
    config.precision = precision;
    return config;
}

// Time per iteration in `unit` seconds (1e-6: microseconds), as a counter.
benchmark::Counter per_iteration(const benchmark::State& state, double unit) {
    return benchmark::Counter(double(state.iterations()) * unit,
                              benchmark::Counter::kIsRate | benchmark::Counter::kInvert);
}

// One training epoch (= one full-batch step) without metrics.
void W1_VowelsEpoch(benchmark::State& state) {
    const Config config = vowel_config(state.range(0) ? Precision::Double : Precision::Float);
    Trainer trainer(config, std::make_shared<const Dataset>(load_dataset(config.dataset)));
    for (auto _ : state) benchmark::DoNotOptimize(trainer.step());
    state.counters["us_per_epoch"] = per_iteration(state, 1e-6);
    state.SetLabel(state.range(0) ? "double" : "float");
}

// The full metrics of the vowels (train and test), as recorded by the schedule.
void W1_VowelsMetrics(benchmark::State& state) {
    const Config config = vowel_config(Precision::Float);
    Trainer trainer(config, std::make_shared<const Dataset>(load_dataset(config.dataset)));
    trainer.train(10);
    for (auto _ : state) benchmark::DoNotOptimize(trainer.evaluate());
    state.counters["us_per_evaluation"] = per_iteration(state, 1e-6);
}

constexpr int kFashionExperts = 8, kFashionClasses = 10, kBatch = 128;

std::shared_ptr<const Dataset> fashion() {
    static const std::shared_ptr<const Dataset> data = []() -> std::shared_ptr<const Dataset> {
        if (!std::filesystem::exists(fashion_mnist_directory() + "/train-images-idx3-ubyte.gz"))
            return nullptr;
        DatasetConfig config;
        config.name = "fashion-mnist";
        return std::make_shared<const Dataset>(load_dataset(config));
    }();
    return data;
}

// Benchmarks cannot run without the data: say why instead of timing nothing.
std::shared_ptr<const Dataset> fashion_or_error(benchmark::State& state) {
    auto data = fashion();
    if (!data) state.SkipWithError("Fashion-MNIST not installed (package dataset-fashion-mnist)");
    return data;
}

double fashion_flops_per_epoch(double cases, double inputs) {
    const double rows = kFashionExperts + kFashionExperts * kFashionClasses;  // R = 88
    return 2.0 * 2.0 * cases * inputs * rows;  // forward + weight gradient
}

void set_epoch_counters(benchmark::State& state, double cases, double inputs) {
    state.counters["s_per_epoch"] = per_iteration(state, 1.0);
    state.counters["GFLOPs"] = benchmark::Counter(
        fashion_flops_per_epoch(cases, inputs) * double(state.iterations()) * 1e-9,
        benchmark::Counter::kIsRate);
}

Config fashion_config(int threads, Precision precision) {
    Config config;
    config.dataset.name = "fashion-mnist";
    config.experts = kFashionExperts;
    config.loss = LossType::MixtureNll;
    config.optimizer = OptimizerType::Sgd;
    config.learning_rate = 0.05;
    config.batch_size = kBatch;
    config.threads = threads;
    config.precision = precision;
    return config;
}

// The product trainer: one epoch of shuffled mini-batches (metrics excluded).
void W2_FashionTrainerEpoch(benchmark::State& state) {
    auto data = fashion_or_error(state);
    if (!data) return;
    const Precision precision = state.range(1) ? Precision::Double : Precision::Float;
    Trainer trainer(fashion_config(int(state.range(0)), precision), data);
    for (auto _ : state) benchmark::DoNotOptimize(trainer.train_epoch());
    set_epoch_counters(state, double(trainer.split().train_index.size()), 784);
    state.SetLabel(precision == Precision::Double ? "double" : "float");
}

// Sparse compute (issue 8): the same epoch with top-K routing, each expert computing only the
// cases routed to it. Args: threads, K (K = 8 of 8 experts is the dense baseline).
void W2_FashionTrainerEpochTopK(benchmark::State& state) {
    auto data = fashion_or_error(state);
    if (!data) return;
    Config config = fashion_config(int(state.range(0)), Precision::Float);
    config.top_k = int(state.range(1));
    Trainer trainer(config, data);
    for (auto _ : state) benchmark::DoNotOptimize(trainer.train_epoch());
    state.counters["s_per_epoch"] = per_iteration(state, 1.0);
    state.SetLabel("K=" + std::to_string(config.top_k));
}

// Full metrics of all 70000 images, as the schedule records them.
void W2_FashionMetrics(benchmark::State& state) {
    auto data = fashion_or_error(state);
    if (!data) return;
    Trainer trainer(fashion_config(int(state.range(0)), Precision::Float), data);
    for (auto _ : state) benchmark::DoNotOptimize(trainer.evaluate());
    state.counters["s_per_evaluation"] = per_iteration(state, 1.0);
}

// The baseline: only the two GEMMs per batch (X W^T and dA^T X) with the same shapes, the batches
// dealt out to the threads, each with its own buffers.
void W2_FashionGemmBaseline(benchmark::State& state) {
    auto data = fashion_or_error(state);
    if (!data) return;
    const int threads = int(state.range(0));
    const Eigen::Index cases = 60000, inputs = 784;
    const int rows = kFashionExperts + kFashionExperts * kFashionClasses;
    using RowMatrixF = Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
    const Eigen::Map<const RowMatrixF> x(data->features.data(), cases, inputs);
    const Eigen::MatrixXf w = Eigen::MatrixXf::Random(rows, inputs) * 0.01f;
    std::vector<Eigen::MatrixXf> activations(size_t(threads), Eigen::MatrixXf(kBatch, rows));
    std::vector<Eigen::MatrixXf> gradients(size_t(threads), Eigen::MatrixXf(rows, inputs));
    const Eigen::Index batches = (cases + kBatch - 1) / kBatch;
    for (auto _ : state) {
#pragma omp parallel num_threads(threads)
        {
            const int t = omp_get_thread_num();
            for (Eigen::Index b = t; b < batches; b += threads) {
                const Eigen::Index start = b * kBatch,
                                   size = std::min<Eigen::Index>(kBatch, cases - start);
                const auto xb = x.middleRows(start, size);
                activations[size_t(t)].topRows(size).noalias() = xb * w.transpose();
                gradients[size_t(t)].noalias() =
                    activations[size_t(t)].topRows(size).transpose() * xb;
            }
        }
        benchmark::DoNotOptimize(gradients[0].data());
        benchmark::ClobberMemory();
    }
    set_epoch_counters(state, double(cases), double(inputs));
}

// An epoch of the product trainer with the similarity term (weight 0.1).
void W2_FashionTrainerEpochSimilarity(benchmark::State& state) {
    auto data = fashion_or_error(state);
    if (!data) return;
    Config config = fashion_config(int(state.range(0)), Precision::Float);
    config.similarity_weight = 0.1;
    Trainer trainer(config, data);
    for (auto _ : state) benchmark::DoNotOptimize(trainer.train_epoch());
    set_epoch_counters(state, double(trainer.split().train_index.size()), 784);
}

struct SimilarityBench {
    Mixture<float> model{[] {
        ModelSpec spec;
        spec.inputs = 784;
        spec.classes = kFashionClasses;
        spec.experts = kFashionExperts;
        return spec;
    }()};
    RowMatrix<float> x = RowMatrix<float>(kBatch, 784);
    std::vector<int> labels = std::vector<int>(kBatch);
    ForwardBackward<float> pass;
    Vector<float> gradient;

    SimilarityBench() {
        model.initialize(1);
        std::mt19937_64 rng(1);
        std::normal_distribution<float> normal;
        for (Eigen::Index i = 0; i < x.size(); ++i) x.data()[i] = normal(rng);
        for (int& label : labels) label = int(rng() % kFashionClasses);
    }
};

Objective<float> fashion_objective(double similarity) {
    Config config;
    config.loss = LossType::MixtureNll;
    config.similarity_weight = similarity;
    return Objective<float>::from(config);
}

// One step's forward, objective and backward on one thread, without (0) and with (1) the term.
void W3_SimilarityStep(benchmark::State& state) {
    SimilarityBench bench;
    const Objective<float> objective = fashion_objective(state.range(0) ? 0.1 : 0.0);
    for (auto _ : state)
        benchmark::DoNotOptimize(objective_value(objective, bench.pass, bench.model,
                                                 InputBatch<float>(bench.x), bench.labels,
                                                 kFashionExperts, &bench.gradient));
    state.counters["us_per_step"] = per_iteration(state, 1e-6);
    state.SetLabel(state.range(0) ? "with similarity" : "without");
}

// The term alone on a batch already through the forward pass: its accumulate and gradient.
void W3_SimilarityTermAlone(benchmark::State& state) {
    SimilarityBench bench;
    const SimilarityTerm<float> term(0.1);
    bench.pass.forward(bench.model, InputBatch<float>(bench.x), kFashionExperts, true);
    Vector<float> statistics(2);
    for (auto _ : state) {
        statistics.setZero();
        term.accumulate(bench.pass, statistics);
        term.gradient(statistics, kBatch, bench.pass);
        benchmark::DoNotOptimize(bench.pass.dense_probability_gradient().data());
    }
    state.counters["us_per_batch"] = per_iteration(state, 1e-6);
}

BENCHMARK(W1_VowelsEpoch)->Arg(0)->Arg(1);
BENCHMARK(W1_VowelsMetrics);
BENCHMARK(W2_FashionGemmBaseline)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(W2_FashionTrainerEpoch)
    ->Args({1, 0})
    ->Args({2, 0})
    ->Args({2, 1})
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();
BENCHMARK(W2_FashionTrainerEpochTopK)
    ->ArgsProduct({{1, 2}, {1, 2, 8}})
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();
BENCHMARK(W2_FashionMetrics)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(W2_FashionTrainerEpochSimilarity)
    ->Arg(1)
    ->Arg(2)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();
BENCHMARK(W3_SimilarityStep)->Arg(0)->Arg(1);
BENCHMARK(W3_SimilarityTermAlone);

}  // namespace
}  // namespace moelab

BENCHMARK_MAIN();
