// What one frame of the live view costs: evaluating the mixture on the view's raster, extracting
// the contour lines and building the tint images (the worker's share), and painting the figure (the
// UI thread's share). Target: a 512 x 512 grid with 8 MLP experts (one hidden layer of 16 units) on
// the vowels in at most 8 ms on two cores.
//   Run: moelab_bench_render --benchmark_counters_tabular=true
//
// The machine is usually shared and noisy, so compare ratios: BM_GemmBaseline is the bare
// arithmetic of an evaluation (the stacked first layer of every cell and the experts' second
// layers, as Eigen float GEMMs, nothing else), measured in the same run on the same threads.
// Arguments: cells a side, threads (passed to the code measured, never set globally), model (0: 8
// MLP experts of 16 hidden units, 1: 4 linear experts, 2: model 0 with top-2 routing, whose tint
// is striped and whose grid keeps each cell's two experts; 3: model 2 trained with the noisy gate,
// drawn clean; 4: the same drawn under a frame's noise draw, as the app draws a noisy gate).
#include <benchmark/benchmark.h>

#include <QGuiApplication>
#include <QImage>
#include <QPainter>
#include <algorithm>
#include <atomic>
#include <memory>

#include "data/registry.h"
#include "figure_painter.h"
#include "model/forward_backward.h"
#include "model/gate_noise.h"
#include "snapshot_builder.h"
#include "training/thread_team.h"
#include "training/trainer.h"

namespace {

using namespace moelab;

// A mixture trained briefly on the vowels, so its boundaries cross the data: 8 MLP experts with
// one hidden layer of 16 units (model 0), or 4 linear experts (model 1), dense gate; or model 0's
// shape trained with top-2 routing (model 2), and with the noisy gate too (models 3 and 4).
const Trainer& trained_vowels(int model) {
    static std::unique_ptr<Trainer> made[4];
    model = std::min(model, 3);
    if (!made[model]) {
        Config config;
        config.experts = model == 1 ? 4 : 8;
        config.top_k = model >= 2 ? 2 : 0;
        config.noisy_gate = model == 3;
        config.expert_hidden = model == 1 ? std::vector<int>{} : std::vector<int>{16};
        config.learning_rate = 0.3;
        config.threads = 1;
        auto dataset = std::make_shared<const Dataset>(load_dataset(config.dataset));
        made[model] = std::make_unique<Trainer>(config, std::move(dataset));
        made[model]->train(50);
    }
    return *made[model];
}

int model_of(const benchmark::State& state) {
    return static_cast<int>(state.range(2));
}

GridSpec square_grid(const Trainer& trainer, int cells) {
    return grid_around(trainer.dataset(), cells, cells);
}

int threads_of(const benchmark::State& state) {
    return static_cast<int>(state.range(1));
}

void label(benchmark::State& state) {
    const int model = model_of(state);
    state.SetLabel(model == 0   ? "8 MLP experts (16 hidden)"
                   : model == 1 ? "4 linear experts"
                   : model == 2 ? "8 MLP experts (16 hidden), top-2"
                   : model == 3 ? "8 MLP experts (16 hidden), top-2, noisy gate drawn clean"
                                : "8 MLP experts (16 hidden), top-2, noisy gate under a draw");
}

// The noise draw model 4 is drawn under (empty for the others).
std::vector<float> noise_of(const benchmark::State& state, const Trainer& trainer) {
    if (model_of(state) != 4) return {};
    return frame_noise(frame_noise_key(trainer.config().seed, trainer.epoch()),
                       trainer.config().experts);
}

// The bare arithmetic of an evaluation: per grid row (a batch of W cells) the stacked first layer
// of every network (X W1^T + b1, one GEMM) and each MLP expert's second layer (H W2^T + b2, one
// GEMM each, on the first layer's pre-activations: no tanh), in float on `threads` threads.
void BM_GemmBaseline(benchmark::State& state) {
    const Trainer& trainer = trained_vowels(model_of(state));
    const Mixture<float> model = trainer.model_float();
    const int W = static_cast<int>(state.range(0)), H = W;
    const int threads = static_cast<int>(state.range(1));
    const ModelStructure& structure = model.structure();
    const int R = structure.input_layer_rows(), D = 2;
    const auto& params = model.parameters();
    const Eigen::Map<const Eigen::MatrixXf> w1(params.data(), R, D);
    const Eigen::Map<const Eigen::VectorXf> b1(params.data() + Eigen::Index(R) * D, R);
    std::vector<DenseSlice> second;
    for (const Expert& expert : structure.experts())
        if (expert.layers().size() > 1) second.push_back(expert.layers()[1]);
    std::vector<DenseSlice> first;
    for (const Expert& expert : structure.experts()) first.push_back(expert.layers()[0]);
    const int C = model.spec().classes;
    // The threads as the grid's: a team of the engine's, rows handed out four at a time.
    ThreadTeam team(threads);
    struct Buffers {
        Eigen::MatrixXf x, pre, out;
    };
    std::vector<Buffers> buffers(static_cast<size_t>(threads));
    for (Buffers& b : buffers) {
        b.x.resize(W, D);
        b.pre.resize(W, R);
        b.out.resize(W, C);
        for (int col = 0; col < W; ++col) b.x(col, 0) = float(col) / float(W);
    }
    for (auto _ : state) {
        std::atomic<int> next{0};
        team.run([&](int part) {
            Buffers& b = buffers[static_cast<size_t>(part)];
            for (int begin = next.fetch_add(4); begin < H; begin = next.fetch_add(4)) {
                for (int row = begin; row < std::min(H, begin + 4); ++row) {
                    b.x.col(1).setConstant(float(row) / float(H));
                    b.pre.noalias() = b.x * w1.transpose();
                    b.pre.rowwise() += b1.transpose();
                    for (size_t i = 0; i < second.size(); ++i) {
                        const auto w2 = weights_of<float>(params, second[i]);
                        b.out.noalias() =
                            b.pre.middleCols(first[i].first_row, first[i].rows) * w2.transpose();
                        b.out.rowwise() += biases_of<float>(params, second[i]).transpose();
                        benchmark::DoNotOptimize(b.out.data());
                    }
                    benchmark::DoNotOptimize(b.pre.data());
                }
            }
        });
    }
    label(state);
    state.counters["cells"] = static_cast<double>(W) * H;
}

// The grid alone, into buffers kept between frames (as the worker's renderer keeps them).
void BM_EvaluateGrid(benchmark::State& state) {
    const Trainer& trainer = trained_vowels(model_of(state));
    const Mixture<float> model = trainer.model_float();
    const GridSpec spec = square_grid(trainer, static_cast<int>(state.range(0)));
    const std::vector<float> noise = noise_of(state, trainer);
    GridEvaluator evaluator;
    GridEvaluation grid;
    for (auto _ : state) {
        evaluator.evaluate(model, trainer.split().standardization,
                           trainer.config().routed_experts(), spec, threads_of(state), grid, noise);
        benchmark::DoNotOptimize(grid.gate.label.data());
    }
    label(state);
    state.counters["cells"] = static_cast<double>(spec.width) * spec.height;
}

// The same through ForwardBackward, one batch per grid row (what a gate the fused kernel does not
// know gets, and what the grid did before the kernel).
void BM_EvaluateGridModelPass(benchmark::State& state) {
    const Trainer& trainer = trained_vowels(model_of(state));
    const Mixture<float> model = trainer.model_float();
    const GridSpec spec = square_grid(trainer, static_cast<int>(state.range(0)));
    GridEvaluator evaluator;
    evaluator.set_force_model_pass(true);
    const std::vector<float> noise = noise_of(state, trainer);
    GridEvaluation grid;
    for (auto _ : state) {
        evaluator.evaluate(model, trainer.split().standardization,
                           trainer.config().routed_experts(), spec, threads_of(state), grid, noise);
        benchmark::DoNotOptimize(grid.gate.label.data());
    }
    label(state);
}

// The whole worker-side frame: grid, every contour, the split of the experts' lines, tint images,
// with the worker's renderer kept between frames. Each frame's weights differ from the previous
// frame's (as while training), so nothing is taken from the previous frame.
void BM_RenderSnapshot(benchmark::State& state) {
    const Trainer& trainer = trained_vowels(model_of(state));
    const auto base = snapshot_of(trainer);
    base->gate_noise = noise_of(state, trainer);
    const GridSpec spec = square_grid(trainer, static_cast<int>(state.range(0)));
    const Mixture<float> model = *base->model;
    GridRenderer renderer;
    size_t lines = 0;
    long frame = 0;
    for (auto _ : state) {
        state.PauseTiming();
        Snapshot snapshot = *base;
        auto weights = std::make_shared<Mixture<float>>(model);
        weights->parameters()[0] += 1e-3f * static_cast<float>(++frame % 2);
        snapshot.model = std::move(weights);
        state.ResumeTiming();
        renderer.render(snapshot, spec, threads_of(state));
        lines = snapshot.gate_boundaries.size();
        benchmark::DoNotOptimize(snapshot.gate_tint.constBits());
    }
    label(state);
    state.counters["gate_boundaries"] = static_cast<double>(lines);
    state.counters["frames"] = static_cast<double>(renderer.frames_allocated());
}

// A snapshot whose pictures are those of the previous one (a paused worker re-publishing): no
// evaluation, the previous frame's pictures handed out again.
void BM_RenderUnchanged(benchmark::State& state) {
    const Trainer& trainer = trained_vowels(model_of(state));
    const auto base = snapshot_of(trainer);
    const GridSpec spec = square_grid(trainer, static_cast<int>(state.range(0)));
    GridRenderer renderer;
    for (auto _ : state) {
        Snapshot snapshot = *base;
        renderer.render(snapshot, spec, threads_of(state));
        benchmark::DoNotOptimize(snapshot.gate_tint.constBits());
    }
    label(state);
    state.counters["evaluations"] = static_cast<double>(renderer.evaluations());
}

void frame_arguments(benchmark::internal::Benchmark* b) {
    for (int model : {0, 1, 2, 3, 4})
        for (int threads : {1, 2}) b->Args({512, threads, model});
}

BENCHMARK(BM_GemmBaseline)->Apply(frame_arguments)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_EvaluateGrid)->Apply(frame_arguments)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_EvaluateGridModelPass)
    ->Apply(frame_arguments)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();
BENCHMARK(BM_RenderSnapshot)->Apply(frame_arguments)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_RenderUnchanged)->Args({512, 1, 0})->Unit(benchmark::kMillisecond)->UseRealTime();

// The UI thread's share: painting a rendered snapshot into a view-sized image.
void BM_PaintFigure(benchmark::State& state) {
    const Trainer& trainer = trained_vowels(0);
    auto snapshot = snapshot_of(trainer);
    const QSize size(static_cast<int>(state.range(0)), static_cast<int>(state.range(0)) * 3 / 4);
    render_snapshot(*snapshot, grid_for_view(trainer.dataset(), QRectF(), size), 1);
    QImage image(size, QImage::Format_ARGB32_Premultiplied);
    // Variant 0: the live colour view; 1: paper style; without 2: points, 3: tint, 4: expert lines,
    // 5: legend.
    FigureOptions options;
    options.paper_style = state.range(1) == 1;
    options.show_points = state.range(1) != 2;
    options.show_regions = state.range(1) != 3;
    options.show_expert_lines = state.range(1) != 4;
    options.show_legend = state.range(1) != 5;
    for (auto _ : state) {
        QPainter painter(&image);
        paint_figure(painter, QRectF(QPointF(0, 0), QSizeF(size)), *snapshot, options);
    }
}
BENCHMARK(BM_PaintFigure)
    ->Args({1000, 0})
    ->Args({1000, 1})
    ->Args({1000, 2})
    ->Args({1000, 3})
    ->Args({1000, 4})
    ->Args({1000, 5})
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

}  // namespace

int main(int argc, char** argv) {
    // Painting needs a QGuiApplication (fonts); no screen is needed.
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) qputenv("QT_QPA_PLATFORM", "offscreen");
    int qt_argc = 1;
    QGuiApplication app(qt_argc, argv);
    benchmark::Initialize(&argc, argv);
    if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
