// Training-core benchmarks of issue 2.
//  W1: vowels, 4 linear experts, linear gate, full batch, mixture NLL: time per epoch.
//  W2: Fashion-MNIST training set (60000 x 784), 8 linear experts + linear gate, mini-batch 128,
//      SGD: time per epoch, and the GFLOP/s reached against an Eigen GEMM of the same shapes timed
//      in the same run (the baseline: the two products every batch needs, and nothing else).
#include <benchmark/benchmark.h>
#include <omp.h>

#include <filesystem>
#include <memory>

#include "training/engine.h"
#include "data/registry.h"
#include "data/fashion_mnist.h"
#include "model/forward_backward.h"
#include "training/trainer.h"

namespace moelab {
namespace {

Config vowel_config() {
    Config config;
    config.dataset.name = "vowels";
    config.experts = 4;
    config.top_k = 4;
    config.loss = LossType::MixtureNll;
    config.optimizer = OptimizerType::Sgd;
    config.learning_rate = 0.5;
    config.batch_size = 0;
    return config;
}

// Time per iteration in `unit` seconds (1e-6: microseconds), as a counter.
benchmark::Counter per_iteration(const benchmark::State& state, double unit) {
    return benchmark::Counter(double(state.iterations()) * unit,
                              benchmark::Counter::kIsRate | benchmark::Counter::kInvert);
}

Trainer vowel_trainer() {
    const Config config = vowel_config();
    return Trainer(config, std::make_shared<const Dataset>(load_dataset(config.dataset)));
}

// One training epoch (= one full-batch step) without the per-epoch evaluation.
void W1_VowelsTrainingEpoch(benchmark::State& state) {
    Trainer trainer = vowel_trainer();
    for (auto _ : state) benchmark::DoNotOptimize(trainer.step());
    state.counters["us_per_epoch"] = per_iteration(state, 1e-6);
}

// The same epoch plus the evaluation the trainer records in its history (loss, accuracies, gate
// statistics on train and test).
void W1_VowelsEpochWithMetrics(benchmark::State& state) {
    Trainer trainer = vowel_trainer();
    for (auto _ : state) benchmark::DoNotOptimize(trainer.train_epoch());
    state.counters["us_per_epoch"] = per_iteration(state, 1e-6);
}

// W1 in float32 on the same data: what the epoch costs when exp/log run 8 lanes wide.
void W1_VowelsTrainingEpochFloat(benchmark::State& state) {
    const Config config = vowel_config();
    const Trainer trainer = vowel_trainer();  // for the standardised split
    const Eigen::MatrixXf x = trainer.split().train_x.cast<float>();
    const std::vector<int>& y = trainer.split().train_y;
    Mixture<float> model = trainer.model().cast<float>();
    DataParallelGradient<float> pass;
    Eigen::VectorXf gradient;
    for (auto _ : state) {
        benchmark::DoNotOptimize(
            pass.loss_and_gradient(model, x, y, config.loss, config.top_k, gradient));
        model.parameters().noalias() -= 0.5f * gradient;
    }
    state.counters["us_per_epoch"] = per_iteration(state, 1e-6);
}

struct Fashion {
    Eigen::MatrixXf images;
    std::vector<int> labels;
};

const Fashion* fashion() {
    static std::unique_ptr<Fashion> data = [] {
        const std::string dir = "/usr/share/datasets/fashion-mnist/";
        if (!std::filesystem::exists(dir + "train-images-idx3-ubyte.gz"))
            return std::unique_ptr<Fashion>();
        auto f = std::make_unique<Fashion>();
        f->images = read_idx_images(dir + "train-images-idx3-ubyte.gz");
        f->labels = read_idx_labels(dir + "train-labels-idx1-ubyte.gz");
        // Standardise the pixels as the trainer would.
        const Eigen::RowVectorXf mean = f->images.colwise().mean();
        f->images.rowwise() -= mean;
        const Eigen::RowVectorXf scale =
            (f->images.colwise().squaredNorm() / float(f->images.rows()))
                .cwiseSqrt()
                .cwiseMax(1e-3f);
        f->images.array().rowwise() /= scale.array();
        return f;
    }();
    return data.get();
}

constexpr int kFashionExperts = 8, kFashionClasses = 10, kBatch = 128;

double fashion_flops_per_epoch(Eigen::Index cases, Eigen::Index inputs) {
    const double rows = kFashionExperts + kFashionExperts * kFashionClasses;  // R = 88
    return 2.0 * 2.0 * double(cases) * double(inputs) * rows;  // forward + weight gradient
}

// Benchmarks cannot run without the data: say why instead of timing nothing.
const Fashion* fashion_or_error(benchmark::State& state) {
    const Fashion* data = fashion();
    if (!data) state.SkipWithError("Fashion-MNIST not installed (package dataset-fashion-mnist)");
    return data;
}

void set_epoch_counters(benchmark::State& state, Eigen::Index cases, Eigen::Index inputs) {
    state.counters["s_per_epoch"] = per_iteration(state, 1.0);
    state.counters["GFLOPs"] = benchmark::Counter(
        fashion_flops_per_epoch(cases, inputs) * double(state.iterations()) * 1e-9,
        benchmark::Counter::kIsRate);
}

// float32 epoch: forward, backward, SGD, over contiguous mini-batches of 128.
void W2_FashionEpochFloat(benchmark::State& state) {
    const Fashion* data = fashion_or_error(state);
    if (!data) return;
    omp_set_num_threads(int(state.range(0)));
    const Eigen::Index cases = data->images.rows(), inputs = data->images.cols();
    Mixture<float> model(ModelShape{int(inputs), kFashionClasses, kFashionExperts, 0, 0});
    model.initialize(1);
    DataParallelGradient<float> pass;
    Eigen::VectorXf gradient;
    for (auto _ : state) {
        for (Eigen::Index start = 0; start < cases; start += kBatch) {
            const Eigen::Index size = std::min<Eigen::Index>(kBatch, cases - start);
            const std::span<const int> labels(data->labels.data() + start, size_t(size));
            pass.loss_and_gradient(model, data->images.middleRows(start, size), labels,
                                   LossType::MixtureNll, kFashionExperts, gradient);
            model.parameters().noalias() -= 0.05f * gradient;
        }
        benchmark::ClobberMemory();
    }
    set_epoch_counters(state, cases, inputs);
}

// The baseline: only the two GEMMs per batch (X W^T and dA^T X) with the same shapes.
void W2_FashionGemmBaseline(benchmark::State& state) {
    const Fashion* data = fashion_or_error(state);
    if (!data) return;
    omp_set_num_threads(int(state.range(0)));
    const Eigen::Index cases = data->images.rows(), inputs = data->images.cols();
    const int rows = kFashionExperts + kFashionExperts * kFashionClasses;
    Eigen::MatrixXf w = Eigen::MatrixXf::Random(rows, inputs) * 0.01f;
    Eigen::MatrixXf activations(kBatch, rows), weight_gradient(rows, inputs);
    for (auto _ : state) {
        for (Eigen::Index start = 0; start < cases; start += kBatch) {
            const Eigen::Index size = std::min<Eigen::Index>(kBatch, cases - start);
            const auto x = data->images.middleRows(start, size);
            activations.topRows(size).noalias() = x * w.transpose();
            weight_gradient.noalias() = activations.topRows(size).transpose() * x;
        }
        benchmark::DoNotOptimize(weight_gradient.data());
        benchmark::ClobberMemory();
    }
    set_epoch_counters(state, cases, inputs);
}

// The real trainer (double precision, shuffled mini-batches, per-epoch evaluation excluded).
void W2_FashionTrainerEpochDouble(benchmark::State& state) {
    if (!fashion_or_error(state)) return;
    Config config;
    config.dataset.name = "fashion-mnist";
    config.dataset.cases = 60000;
    config.experts = kFashionExperts;
    config.top_k = kFashionExperts;
    config.loss = LossType::MixtureNll;
    config.learning_rate = 0.05;
    config.batch_size = kBatch;
    config.threads = int(state.range(0));
    static std::shared_ptr<const Dataset> dataset =
        std::make_shared<const Dataset>(load_dataset(config.dataset));
    Trainer trainer(config, dataset);
    const Eigen::Index steps = (Eigen::Index(trainer.split().train_y.size()) + kBatch - 1) / kBatch;
    for (auto _ : state)
        for (Eigen::Index s = 0; s < steps; ++s) benchmark::DoNotOptimize(trainer.step());
    state.counters["s_per_epoch"] = per_iteration(state, 1.0);
}

BENCHMARK(W1_VowelsTrainingEpoch);
BENCHMARK(W1_VowelsEpochWithMetrics);
BENCHMARK(W1_VowelsTrainingEpochFloat);
BENCHMARK(W2_FashionGemmBaseline)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(W2_FashionEpochFloat)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(W2_FashionTrainerEpochDouble)
    ->Arg(2)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime()
    ->Iterations(3);

}  // namespace
}  // namespace moelab

BENCHMARK_MAIN();
