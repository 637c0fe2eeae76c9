// What one frame of the live view costs: evaluating the mixture on the view's raster, extracting
// the contour lines and building the tint images (the worker's share), and painting the figure (the
// UI thread's share). Target: a 512 x 512 grid with 8 MLP experts on the vowels in at most 8 ms on
// two cores. Run: moelab_bench_render --benchmark_counters_tabular=true
#include <benchmark/benchmark.h>
#include <omp.h>

#include <QGuiApplication>
#include <QImage>
#include <QPainter>
#include <memory>

#include "data/registry.h"
#include "figure_painter.h"
#include "snapshot_builder.h"
#include "training/trainer.h"

namespace {

using namespace moelab;

// A mixture of 8 MLP experts trained briefly on the vowels, so its boundaries cross the data.
const Trainer& trained_vowels() {
    static const std::unique_ptr<Trainer> trainer = [] {
        Config config;
        config.experts = 8;
        config.top_k = 8;
        config.expert_hidden = {8};
        config.learning_rate = 0.3;
        auto dataset = std::make_shared<const Dataset>(load_dataset(config.dataset));
        auto t = std::make_unique<Trainer>(config, std::move(dataset));
        t->train(50);
        return t;
    }();
    return *trainer;
}

GridSpec square_grid(int cells) {
    return grid_around(trained_vowels().dataset(), cells, cells);
}

void set_threads(const benchmark::State& state) {
    omp_set_num_threads(static_cast<int>(state.range(1)));
}

void BM_EvaluateGrid(benchmark::State& state) {
    set_threads(state);
    const Trainer& trainer = trained_vowels();
    const Mixture<float> model = trainer.model().cast<float>();
    const GridSpec spec = square_grid(static_cast<int>(state.range(0)));
    for (auto _ : state) {
        auto grid = evaluate_grid(model, trainer.split().standardization, 8, spec);
        benchmark::DoNotOptimize(grid.gate.label.data());
    }
    state.counters["cells"] = static_cast<double>(spec.width) * spec.height;
}
BENCHMARK(BM_EvaluateGrid)
    ->Args({512, 1})
    ->Args({512, 2})
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

// The whole worker-side frame: grid, every contour, the split of the experts' lines, tint images.
void BM_RenderSnapshot(benchmark::State& state) {
    set_threads(state);
    const Trainer& trainer = trained_vowels();
    const auto base = snapshot_of(trainer);
    const GridSpec spec = square_grid(static_cast<int>(state.range(0)));
    size_t lines = 0;
    for (auto _ : state) {
        Snapshot snapshot = *base;
        render_snapshot(snapshot, spec);
        lines = snapshot.gate_boundaries.size();
        benchmark::DoNotOptimize(snapshot.gate_tint.constBits());
    }
    state.counters["gate_boundaries"] = static_cast<double>(lines);
}
BENCHMARK(BM_RenderSnapshot)
    ->Args({256, 2})
    ->Args({512, 1})
    ->Args({512, 2})
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

// The UI thread's share: painting a rendered snapshot into a view-sized image.
void BM_PaintFigure(benchmark::State& state) {
    const Trainer& trainer = trained_vowels();
    auto snapshot = snapshot_of(trainer);
    const QSize size(static_cast<int>(state.range(0)), static_cast<int>(state.range(0)) * 3 / 4);
    render_snapshot(*snapshot, grid_for_view(trainer.dataset(), QRectF(), size));
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
