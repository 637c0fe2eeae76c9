#include "snapshot_builder.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>

#include "expert_colors.h"

namespace moelab {

namespace {

int cells_for(int pixels, double pixels_per_cell, int max_cells) {
    const int wanted = static_cast<int>(std::lround(pixels / std::max(0.25, pixels_per_cell)));
    return std::clamp(wanted, 32, std::clamp(max_cells, 32, 1024));
}

// The cell a point of the plane falls in, clamped to the raster.
size_t cell_at(const GridSpec& spec, const Point& p) {
    const int col =
        std::clamp(static_cast<int>((p.x - spec.x_min) / (spec.x_max - spec.x_min) * spec.width), 0,
                   spec.width - 1);
    const int row =
        std::clamp(static_cast<int>((p.y - spec.y_min) / (spec.y_max - spec.y_min) * spec.height),
                   0, spec.height - 1);
    return static_cast<size_t>(row) * spec.width + col;
}

// Premultiplied pixels of one colour at 256 levels of a strength in [0, 1]: alpha runs from
// `alpha_min` to `alpha_min + alpha_span`. A table lookup per cell keeps the tints cheap.
using TintTable = std::array<QRgb, 256>;

TintTable tint_table(const QColor& color, double alpha_min, double alpha_span) {
    TintTable table{};
    for (int level = 0; level < 256; ++level) {
        const int a = std::clamp(
            static_cast<int>(std::lround((alpha_min + alpha_span * level / 255.0) * 255)), 0, 255);
        table[level] =
            qRgba(color.red() * a / 255, color.green() * a / 255, color.blue() * a / 255, a);
    }
    return table;
}

int level_of(float strength) {
    return static_cast<int>(std::clamp(strength, 0.0f, 1.0f) * 255.0f + 0.5f);
}

// The plane tinted by the gate's top expert. With K experts routed, the top probability lies in
// [1/K, 1]; rescaling to [0, 1] makes an undecided gate pale and a confident one strong.
QImage gate_tint(const GridEvaluation& grid, int top_k) {
    const GridSpec& spec = grid.spec;
    QImage image(spec.width, spec.height, QImage::Format_ARGB32_Premultiplied);
    const int routed = std::clamp(top_k, 1, std::max(1, grid.experts));
    const float floor = 1.0f / static_cast<float>(routed);
    const float scale = routed > 1 ? 1.0f / (1.0f - floor) : 0.0f;
    std::vector<TintTable> tables;
    // Dark expert colours are lightened, so a wide region never drowns the points drawn on it.
    for (int i = 0; i < grid.experts; ++i) {
        const QColor color = expertColor(i);
        const double luminance =
            0.2126 * color.redF() + 0.7152 * color.greenF() + 0.0722 * color.blueF();
        tables.push_back(tint_table(luminance < 0.3 ? lightened(color, 0.35) : color, 0.08, 0.40));
    }
    for (int row = 0; row < spec.height; ++row) {
        auto* line = reinterpret_cast<QRgb*>(image.scanLine(row));
        for (int col = 0; col < spec.width; ++col) {
            const size_t cell = static_cast<size_t>(row) * spec.width + col;
            const int top = grid.gate.label[cell];
            const float p = grid.gate_probabilities[cell * grid.experts + top];
            const float confidence = routed > 1 ? (p - floor) * scale : 1.0f;
            line[col] = tables[top][level_of(confidence)];
        }
    }
    return image;
}

// The plane tinted by the mixture's predicted class; the margin (in probability) sets the alpha.
QImage class_tint(const GridEvaluation& grid) {
    const GridSpec& spec = grid.spec;
    QImage image(spec.width, spec.height, QImage::Format_ARGB32_Premultiplied);
    std::vector<TintTable> tables;
    for (int c = 0; c < grid.classes; ++c)
        tables.push_back(tint_table(classColor(c).lighter(115), 0.10, 0.40));
    for (int row = 0; row < spec.height; ++row) {
        auto* line = reinterpret_cast<QRgb*>(image.scanLine(row));
        for (int col = 0; col < spec.width; ++col) {
            const size_t cell = static_cast<size_t>(row) * spec.width + col;
            line[col] = tables[grid.mixture.label[cell]][level_of(grid.mixture.margin[cell])];
        }
    }
    return image;
}

// One expert's boundary, split where the gate ranks that expert first (owned) and elsewhere.
ExpertBoundary expert_boundary(const GridEvaluation& grid, int expert, bool used) {
    ExpertBoundary result;
    result.used = used;
    if (!result.used) return result;  // as in the paper: an expert the gate ignores has no line
    std::vector<Polyline> lines;
    for (auto& boundary : label_boundaries(grid.expert[expert], grid.spec)) {
        for (auto& line : boundary.lines) lines.push_back(std::move(line));
    }
    auto split = split_lines(
        lines, [&](const Point& p) { return grid.gate.label[cell_at(grid.spec, p)] == expert; });
    result.owned = std::move(split.inside);
    result.elsewhere = std::move(split.outside);
    return result;
}

}  // namespace

std::shared_ptr<Snapshot> snapshot_of(const Trainer& trainer) {
    auto snapshot = std::make_shared<Snapshot>();
    snapshot->config = trainer.config();
    snapshot->epoch = trainer.epoch();
    snapshot->dataset = trainer.dataset_ptr();
    snapshot->standardization = trainer.split().standardization;
    snapshot->model = std::make_shared<const Mixture<float>>(trainer.model_float());
    const auto& metrics = trainer.history().metrics;
    if (!metrics.empty()) {
        snapshot->latest = metrics.back();
    } else {
        // Not evaluated yet (a large dataset is evaluated in slices): no numbers rather than a
        // wait.
        snapshot->latest.epoch = trainer.epoch();
        snapshot->latest.loss = snapshot->latest.train_accuracy = snapshot->latest.test_accuracy =
            snapshot->latest.gate_entropy = std::numeric_limits<double>::quiet_NaN();
    }
    return snapshot;
}

GridSpec grid_for_view(const Dataset& dataset, const QRectF& data_rect, QSize pixels,
                       double pixels_per_cell, int max_cells) {
    const int width = cells_for(std::max(1, pixels.width()), pixels_per_cell, max_cells);
    const int height = cells_for(std::max(1, pixels.height()), pixels_per_cell, max_cells);
    if (data_rect.isEmpty() || !data_rect.isValid()) return grid_around(dataset, width, height);
    GridSpec spec;
    spec.x_min = data_rect.left();
    spec.x_max = data_rect.right();
    spec.y_min = data_rect.top();
    spec.y_max = data_rect.bottom();
    spec.width = width;
    spec.height = height;
    return spec;
}

void render_snapshot(Snapshot& snapshot, const GridSpec& spec) {
    snapshot.grid.reset();
    snapshot.gate_boundaries.clear();
    snapshot.expert_boundaries.clear();
    snapshot.mixture_boundaries.clear();
    snapshot.gate_tint = QImage();
    snapshot.class_tint = QImage();
    if (!snapshot.model || snapshot.model->spec().inputs != 2) return;

    auto grid = std::make_shared<GridEvaluation>(evaluate_grid(
        *snapshot.model, snapshot.standardization, snapshot.config.routed_experts(), spec));

    const int experts = grid->experts;
    // An expert is used where the gate ranks it first somewhere in the window.
    std::vector<char> used(static_cast<size_t>(experts), 0);
    for (const std::uint8_t top : grid->gate.label) used[top] = 1;

    // Contouring the gate, the mixture and each expert, and the two tints, are independent passes.
    std::vector<std::vector<Boundary>> passes(2);
    snapshot.expert_boundaries.resize(experts);
    QImage gate_image, class_image;
#pragma omp parallel for schedule(dynamic, 1)
    for (int task = 0; task < experts + 4; ++task) {
        if (task == 0) {
            passes[0] = label_boundaries(grid->gate, grid->spec);
        } else if (task == 1) {
            passes[1] = label_boundaries(grid->mixture, grid->spec);
        } else if (task == 2) {
            gate_image = gate_tint(*grid, snapshot.config.routed_experts());
        } else if (task == 3) {
            class_image = class_tint(*grid);
        } else {
            const int expert = task - 4;
            snapshot.expert_boundaries[expert] = expert_boundary(*grid, expert, used[expert] != 0);
        }
    }
    snapshot.gate_boundaries = std::move(passes[0]);
    snapshot.mixture_boundaries = std::move(passes[1]);
    snapshot.gate_tint = std::move(gate_image);
    snapshot.class_tint = std::move(class_image);
    snapshot.grid = std::move(grid);
}

}  // namespace moelab
