#include "snapshot_builder.h"

#include <algorithm>
#include <array>
#include <atomic>
#include <cmath>
#include <limits>
#include <mutex>
#include <optional>

#include "expert_colors.h"
#include "model/gate_noise.h"
#include "training/thread_team.h"

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

// The period of the stripes that show top-K routing, in screen pixels: wide enough to tell the
// colours apart from the back of a classroom, narrow enough that a small region still shows both.
constexpr double kStripePixels = 26.0;

int level_of(float strength) {
    return static_cast<int>(std::clamp(strength, 0.0f, 1.0f) * 255.0f + 0.5f);
}

// `image` as a width x height premultiplied ARGB image whose pixels may be overwritten: kept when
// it has that size and no other copy shares it (a snapshot that showed it is gone), else new.
void reuse_image(QImage& image, int width, int height) {
    if (image.width() == width && image.height() == height &&
        image.format() == QImage::Format_ARGB32_Premultiplied && image.isDetached())
        return;
    image = QImage(width, height, QImage::Format_ARGB32_Premultiplied);
}

// The routing the gate tint shows: the clean gate's, or with a noise draw the routing under it
// (the gate's lines are traced from the clean gate either way).
struct TintedRouting {
    const GridBuffer<std::uint8_t>& first;
    const GridBuffer<float>& top_probability;
    const GridBuffer<std::uint8_t>& routed;
    const GridBuffer<float>& routed_probability;
};

TintedRouting tinted_routing(const GridEvaluation& grid) {
    if (grid.noisy)
        return {grid.noisy_gate.label, grid.noisy_top_probability, grid.noisy_routed,
                grid.noisy_routed_probability};
    return {grid.gate.label, grid.gate_top_probability, grid.gate_routed,
            grid.gate_routed_probability};
}

// The plane tinted by the gate's top expert. With K experts routed, the top probability lies in
// [1/K, 1]; rescaling to [0, 1] makes an undecided gate pale and a confident one strong.
void gate_tint(const GridEvaluation& grid, int top_k, QImage& image) {
    const GridSpec& spec = grid.spec;
    reuse_image(image, spec.width, spec.height);
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
    const size_t experts = static_cast<size_t>(grid.experts);
    const size_t cells = static_cast<size_t>(spec.width) * spec.height;
    const TintedRouting routing = tinted_routing(grid);
    const bool have_top = routing.top_probability.size() == cells;
    for (int row = 0; row < spec.height; ++row) {
        auto* line = reinterpret_cast<QRgb*>(image.scanLine(row));
        const size_t first = static_cast<size_t>(row) * spec.width;
        const std::uint8_t* top = &routing.first[first];
        const float* probabilities = &grid.gate_probabilities[first * experts];
        const float* top_probability = have_top ? &routing.top_probability[first] : nullptr;
        for (int col = 0; col < spec.width; ++col) {
            // The top probability read contiguously where the evaluation kept it.
            const float p =
                have_top ? top_probability[col] : probabilities[col * experts + top[col]];
            const float confidence = routed > 1 ? (p - floor) * scale : 1.0f;
            line[col] = tables[top[col]][level_of(confidence)];
        }
    }
}

// Top-K routing with 1 < K < N: every cell is shared by K experts, so the plane shows all K as
// diagonal stripes of their colours, each stripe as wide as that expert's share of the gate's
// weight there (the widths add up to the stripes' period). Within a cell the stripes come in the
// order of the experts' numbers, not of their weights: where the first choice flips between two
// routed experts the pattern runs on unbroken and only the widths change; where the set of routed
// experts changes, the pattern changes, which is the boundary worth seeing. Each cell takes the
// share of each stripe that covers it (a box filter along the diagonal), so the edges stay smooth.
struct StripeColors {
    static constexpr float kAlpha = 0.46f;  // a tint: the points and lines on it stay readable
    std::vector<std::array<float, 3>> rgb;  // per expert, premultiplied by kAlpha
    QRgb alpha_only = 0;                    // kAlpha in the alpha channel, black
};

StripeColors stripe_colors(int experts) {
    StripeColors colors;
    for (int i = 0; i < experts; ++i) {
        const QColor color = expertColor(i);
        const double luminance =
            0.2126 * color.redF() + 0.7152 * color.greenF() + 0.0722 * color.blueF();
        // Dark expert colours lightened, as in the plain tint.
        const QColor shown = luminance < 0.3 ? lightened(color, 0.35) : color;
        colors.rgb.push_back({float(shown.red()) * StripeColors::kAlpha,
                              float(shown.green()) * StripeColors::kAlpha,
                              float(shown.blue()) * StripeColors::kAlpha});
    }
    colors.alpha_only = qRgba(0, 0, 0, int(std::lround(255 * StripeColors::kAlpha)));
    return colors;
}

// Rows [first, end) of the striped tint into `image` (already of the grid's size), stripes
// `period` cells apart.
void striped_gate_tint_rows(const GridEvaluation& grid, int period, const StripeColors& colors,
                            QImage& image, int first, int end) {
    const GridSpec& spec = grid.spec;
    const int K = grid.routed;
    // A cell covers [u, u + w) of the stripes' coordinate (col + row) / period, taken modulo 1;
    // expert j owns [start_j, start_j + share_j) of every period.
    const float w = 1.0f / float(std::max(2, period));
    const float inverse_w = float(std::max(2, period));
    auto overlap = [](float a0, float a1, float b0, float b1) {
        return std::max(0.0f, std::min(a1, b1) - std::max(a0, b0));
    };
    std::vector<int> experts(static_cast<size_t>(K));
    std::vector<float> shares(static_cast<size_t>(K));
    const int alpha = qAlpha(colors.alpha_only);
    const TintedRouting routing = tinted_routing(grid);
    for (int row = first; row < end; ++row) {
        auto* line = reinterpret_cast<QRgb*>(image.scanLine(row));
        const size_t base = size_t(row) * size_t(spec.width);
        const std::uint8_t* routed = &routing.routed[base * size_t(K)];
        const float* probability = &routing.routed_probability[base * size_t(K)];
        float u = float(std::fmod(double(row) / double(std::max(2, period)), 1.0));
        for (int col = 0; col < spec.width; ++col) {
            // The cell's experts by number (insertion sort: K is small).
            for (int j = 0; j < K; ++j) {
                int k = j;
                const int expert = routed[col * K + j];
                const float share = probability[col * K + j];
                for (; k > 0 && experts[size_t(k - 1)] > expert; --k) {
                    experts[size_t(k)] = experts[size_t(k - 1)];
                    shares[size_t(k)] = shares[size_t(k - 1)];
                }
                experts[size_t(k)] = expert;
                shares[size_t(k)] = share;
            }
            const float u1 = u + w;
            float r = 0, g = 0, b = 0, start = 0;
            for (int j = 0; j < K; ++j) {
                const float stop = start + shares[size_t(j)];
                // The part in this period and, past its end, the part in the next one.
                const float cover =
                    (overlap(u, u1, start, stop) + overlap(u - 1.0f, u1 - 1.0f, start, stop)) *
                    inverse_w;
                start = stop;
                const auto& c = colors.rgb[size_t(experts[size_t(j)])];
                r += cover * c[0];
                g += cover * c[1];
                b += cover * c[2];
            }
            auto byte = [alpha](float v) { return std::clamp(int(v + 0.5f), 0, alpha); };
            line[col] = qRgba(byte(r), byte(g), byte(b), alpha);
            u = u1 >= 1.0f ? u1 - 1.0f : u1;
        }
    }
}

// The plane tinted by the mixture's predicted class; the margin (in probability) sets the alpha.
void class_tint(const GridEvaluation& grid, QImage& image) {
    const GridSpec& spec = grid.spec;
    reuse_image(image, spec.width, spec.height);
    std::vector<TintTable> tables;
    for (int c = 0; c < grid.classes; ++c)
        tables.push_back(tint_table(classColor(c).lighter(115), 0.10, 0.40));
    for (int row = 0; row < spec.height; ++row) {
        auto* line = reinterpret_cast<QRgb*>(image.scanLine(row));
        const size_t first = static_cast<size_t>(row) * spec.width;
        const std::uint8_t* label = &grid.mixture.label[first];
        const float* margin = &grid.mixture.margin[first];
        for (int col = 0; col < spec.width; ++col)
            line[col] = tables[label[col]][level_of(margin[col])];
    }
}

// One expert's boundary, split where the gate ranks that expert first (owned) and elsewhere.
ExpertBoundary expert_boundary(const GridEvaluation& grid, int expert, bool used,
                               BoundaryTracer& tracer) {
    ExpertBoundary result;
    result.used = used;
    if (!result.used) return result;  // as in the paper: an expert the gate ignores has no line
    std::vector<Polyline> lines;
    for (auto& boundary : tracer.trace(grid.expert[expert], grid.spec)) {
        for (auto& line : boundary.lines) lines.push_back(std::move(line));
    }
    auto split = split_lines(
        lines, [&](const Point& p) { return grid.gate.label[cell_at(grid.spec, p)] == expert; });
    result.owned = std::move(split.inside);
    result.elsewhere = std::move(split.outside);
    return result;
}

// Whether pictures drawn on raster `drawn` may stand for raster `wanted`: the same window of the
// plane, and about the same resolution. The view stretches the tint to its plot and draws the lines
// in data units, so a raster a few cells finer or coarser looks the same; a legend shown or hidden,
// a longer caption or a slightly resized window need no new evaluation.
bool can_stand_for(const GridSpec& drawn, const GridSpec& wanted) {
    auto close = [](int have, int want) { return have * 4 >= want * 3 && have * 3 <= want * 4; };
    return drawn.x_min == wanted.x_min && drawn.x_max == wanted.x_max &&
           drawn.y_min == wanted.y_min && drawn.y_max == wanted.y_max &&
           close(drawn.width, wanted.width) && close(drawn.height, wanted.height);
}

}  // namespace

std::shared_ptr<const PlaneProjection> project_dataset(const Dataset& dataset, const Split& split,
                                                       int components) {
    auto projection = std::make_shared<PlaneProjection>();
    projection->pca = fit_pca(dataset.features, split.train_index, split.standardization,
                              std::max(2, components));
    projection->points = project_rows(dataset.features, split.standardization, projection->pca);
    QRectF bounds(-1, -1, 2, 2);
    if (projection->points.rows() > 0) {
        const Eigen::RowVector2f low = projection->points.colwise().minCoeff();
        const Eigen::RowVector2f high = projection->points.colwise().maxCoeff();
        const double pad_x = std::max(double(high[0] - low[0]), 1e-9) * 0.08;
        const double pad_y = std::max(double(high[1] - low[1]), 1e-9) * 0.08;
        bounds = QRectF(QPointF(low[0] - pad_x, low[1] - pad_y),
                        QPointF(high[0] + pad_x, high[1] + pad_y));
    }
    projection->bounds = bounds;
    return projection;
}

int image_side(const Dataset& dataset) {
    const int d = dataset.dimensions();
    const int side = static_cast<int>(std::lround(std::sqrt(double(std::max(d, 0)))));
    return side >= 8 && side * side == d ? side : 0;
}

QImage case_image(const Dataset& dataset, int row) {
    const int side = image_side(dataset);
    if (side == 0 || row < 0 || row >= dataset.size()) return {};
    QImage image(side, side, QImage::Format_Grayscale8);
    // Pixels as stored (Fashion-MNIST: pixel / 255, 1 = the garment), white on black as the data
    // set is always shown.
    for (int y = 0; y < side; ++y) {
        uchar* line = image.scanLine(y);
        for (int x = 0; x < side; ++x)
            line[x] = static_cast<uchar>(
                std::clamp(std::lround(255.0 * dataset.features(row, y * side + x)), 0L, 255L));
    }
    return image;
}

std::vector<std::vector<QImage>> case_images(const Dataset& dataset,
                                             const std::vector<std::vector<int>>& rows) {
    std::vector<std::vector<QImage>> images;
    if (image_side(dataset) == 0) return images;
    for (const auto& expert_rows : rows) {
        images.emplace_back();
        for (const int row : expert_rows) images.back().push_back(case_image(dataset, row));
    }
    return images;
}

std::shared_ptr<Snapshot> snapshot_of(const Trainer& trainer) {
    auto snapshot = std::make_shared<Snapshot>();
    snapshot->config = trainer.config();
    snapshot->epoch = trainer.epoch();
    snapshot->dataset = trainer.dataset_ptr();
    snapshot->standardization = trainer.split().standardization;
    snapshot->model = std::make_shared<const Mixture<float>>(trainer.model_float());
    // A noisy gate: this picture's draw, keyed by the epoch (see Snapshot::gate_noise).
    if (trainer.config().noisy_gate && snapshot->model->structure().noise_layer())
        snapshot->gate_noise = frame_noise(frame_noise_key(trainer.config().seed, trainer.epoch()),
                                           snapshot->model->spec().experts);
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
    if (data_rect.isEmpty() || !data_rect.isValid())
        return grid_around(dataset,
                           cells_for(std::max(1, pixels.width()), pixels_per_cell, max_cells),
                           cells_for(std::max(1, pixels.height()), pixels_per_cell, max_cells));
    return grid_for_view(QRectF(), data_rect, pixels, pixels_per_cell, max_cells);
}

GridSpec grid_for_view(const QRectF& whole, const QRectF& data_rect, QSize pixels,
                       double pixels_per_cell, int max_cells) {
    const int width = cells_for(std::max(1, pixels.width()), pixels_per_cell, max_cells);
    const int height = cells_for(std::max(1, pixels.height()), pixels_per_cell, max_cells);
    GridSpec spec;
    if (data_rect.isEmpty() || !data_rect.isValid()) {
        spec.x_min = whole.left();
        spec.x_max = whole.right();
        spec.y_min = whole.top();
        spec.y_max = whole.bottom();
        spec.width = width;
        spec.height = height;
        return spec;
    }
    spec.x_min = data_rect.left();
    spec.x_max = data_rect.right();
    spec.y_min = data_rect.top();
    spec.y_max = data_rect.bottom();
    spec.width = width;
    spec.height = height;
    return spec;
}

// One frame's buffers: the grid and the two tint images. Snapshots share them read-only; the
// frame returns to the pool when the last snapshot showing it is gone.
struct GridRenderer::Frame {
    GridEvaluation grid;
    QImage gate_tint, class_tint;
};

// Frames no snapshot holds any more. Shared with every frame handed out, so a snapshot may outlive
// its renderer.
struct GridRenderer::Pool {
    std::mutex mutex;
    std::vector<std::unique_ptr<Frame>> idle;
    long allocated = 0;
    // Frames kept idle at most: one being drawn, one on screen, one in flight.
    static constexpr size_t kIdle = 3;

    static std::shared_ptr<Frame> acquire(const std::shared_ptr<Pool>& pool) {
        std::unique_ptr<Frame> frame;
        {
            std::lock_guard lock(pool->mutex);
            if (!pool->idle.empty()) {
                frame = std::move(pool->idle.back());
                pool->idle.pop_back();
            } else {
                ++pool->allocated;
            }
        }
        if (!frame) frame = std::make_unique<Frame>();
        return std::shared_ptr<Frame>(frame.release(), [pool](Frame* returned) {
            std::unique_ptr<Frame> owned(returned);
            std::lock_guard lock(pool->mutex);
            if (pool->idle.size() < kIdle) pool->idle.push_back(std::move(owned));
        });
    }
};

// The previous frame's inputs and pictures, handed out again while the inputs stay the same.
struct GridRenderer::Previous {
    ModelSpec model_spec;  // the structure follows from it
    Vector<float> parameters;
    Eigen::VectorXd mean, std;
    int routed = 0;
    std::vector<float> noise;
    GridSpec spec;
    ExpertPalette palette = ExpertPalette::Standard;  // the tints' colours (Settings)

    std::shared_ptr<const GridEvaluation> grid;
    std::vector<Boundary> gate_boundaries, mixture_boundaries;
    std::vector<ExpertBoundary> expert_boundaries;
    QImage gate_tint, class_tint;

    bool matches(const Mixture<float>& model, const Standardization& standardization, int top_k,
                 const std::vector<float>& other_noise, const GridSpec& other) const {
        return grid && model_spec == model.spec() && routed == top_k && noise == other_noise &&
               palette == expertPalette() && can_stand_for(spec, other) &&
               parameters.size() == model.parameters().size() && parameters == model.parameters() &&
               mean.size() == standardization.mean.size() && mean == standardization.mean &&
               std.size() == standardization.std.size() && std == standardization.std;
    }
};

GridRenderer::GridRenderer() : pool_(std::make_shared<Pool>()) {}
GridRenderer::~GridRenderer() = default;

long GridRenderer::frames_allocated() const {
    std::lock_guard lock(pool_->mutex);
    return pool_->allocated;
}

void GridRenderer::render(Snapshot& snapshot, const GridSpec& spec, int threads,
                          double cell_pixels) {
    snapshot.grid.reset();
    snapshot.gate_boundaries.clear();
    snapshot.expert_boundaries.clear();
    snapshot.mixture_boundaries.clear();
    snapshot.gate_tint = QImage();
    snapshot.class_tint = QImage();
    if (!snapshot.model) return;
    // Data of more features: the model on the plane of the projection, in plane coordinates.
    std::optional<Mixture<float>> on_plane;
    Standardization plane;
    if (snapshot.model->spec().inputs != 2) {
        if (!snapshot.projection) return;
        on_plane.emplace(plane_model(*snapshot.model, snapshot.projection->pca));
        plane = plane_standardization();
    }
    const Mixture<float>& model = on_plane ? *on_plane : *snapshot.model;
    const Standardization& standardization = on_plane ? plane : snapshot.standardization;
    const int routed = snapshot.config.routed_experts();
    threads = std::max(1, threads);
    const int stripe_period =
        std::max(4, static_cast<int>(std::lround(kStripePixels / std::max(0.25, cell_pixels))));

    if (previous_ &&
        previous_->matches(model, standardization, routed, snapshot.gate_noise, spec)) {
        ++reuses_;
        snapshot.grid = previous_->grid;
        snapshot.gate_boundaries = previous_->gate_boundaries;
        snapshot.expert_boundaries = previous_->expert_boundaries;
        snapshot.mixture_boundaries = previous_->mixture_boundaries;
        snapshot.gate_tint = previous_->gate_tint;
        snapshot.class_tint = previous_->class_tint;
        return;
    }
    // Let the previous frame go back to the pool as soon as no snapshot shows it.
    previous_.reset();
    ++evaluations_;

    if (!team_ || team_->size() != threads) {
        team_.reset();  // its threads end before the new team's start
        team_ = std::make_unique<ThreadTeam>(threads);
    }
    ThreadTeam& team = *team_;
    const std::shared_ptr<Frame> frame = Pool::acquire(pool_);
    GridEvaluation& grid = frame->grid;
    evaluator_.evaluate(model, standardization, routed, spec, team, grid, snapshot.gate_noise);
    while (tracers_.size() < static_cast<size_t>(threads))
        tracers_.push_back(std::make_unique<BoundaryTracer>());

    const int experts = grid.experts;
    // An expert is used where the gate ranks it first somewhere in the window.
    std::array<bool, 256> seen{};
    for (const std::uint8_t top : grid.gate.label) seen[top] = true;

    // Contouring the gate, the mixture and each used expert, and the two tints, are independent
    // passes over the finished grid. The striped tint costs more than a contour: its rows go in
    // bands, so the threads finish together.
    const bool striped = grid.routed > 1;
    constexpr int kStripeBands = 4;
    StripeColors colors;
    if (striped) {
        reuse_image(frame->gate_tint, spec.width, spec.height);
        colors = stripe_colors(experts);
    }
    std::vector<int> tasks{0, 1, 3};
    if (striped) {
        for (int band = 0; band < kStripeBands; ++band) tasks.push_back(-1 - band);
    } else {
        tasks.push_back(2);
    }
    for (int i = 0; i < experts; ++i)
        if (seen[static_cast<size_t>(i)]) tasks.push_back(4 + i);
    std::vector<Boundary> gate_boundaries, mixture_boundaries;
    // And routed where it is one of the K experts of some cell (the striped tint shows it), or
    // under this picture's noise draw the first choice or one of the K (the tint shows that).
    std::array<bool, 256> routed_somewhere = seen;
    for (const std::uint8_t expert : grid.gate_routed) routed_somewhere[expert] = true;
    for (const std::uint8_t expert : grid.noisy_gate.label) routed_somewhere[expert] = true;
    for (const std::uint8_t expert : grid.noisy_routed) routed_somewhere[expert] = true;
    std::vector<ExpertBoundary> expert_boundaries(static_cast<size_t>(experts));
    for (int i = 0; i < experts; ++i) {
        expert_boundaries[static_cast<size_t>(i)].used = seen[static_cast<size_t>(i)];
        expert_boundaries[static_cast<size_t>(i)].routed = routed_somewhere[static_cast<size_t>(i)];
    }
    auto run_task = [&](int task, BoundaryTracer& tracer) {
        if (task < 0) {
            const int band = -1 - task;
            striped_gate_tint_rows(grid, stripe_period, colors, frame->gate_tint,
                                   spec.height * band / kStripeBands,
                                   spec.height * (band + 1) / kStripeBands);
        } else if (task == 0) {
            gate_boundaries = tracer.trace(grid.gate, grid.spec);
        } else if (task == 1) {
            mixture_boundaries = tracer.trace(grid.mixture, grid.spec);
        } else if (task == 2) {
            gate_tint(grid, routed, frame->gate_tint);
        } else if (task == 3) {
            class_tint(grid, frame->class_tint);
        } else {
            const int expert = task - 4;
            const bool routed = expert_boundaries[static_cast<size_t>(expert)].routed;
            expert_boundaries[static_cast<size_t>(expert)] =
                expert_boundary(grid, expert, true, tracer);
            expert_boundaries[static_cast<size_t>(expert)].routed = routed;
        }
    };
    std::atomic<size_t> next_task{0};
    team.run([&](int part) {
        BoundaryTracer& tracer = *tracers_[static_cast<size_t>(part)];
        for (size_t t = next_task.fetch_add(1, std::memory_order_relaxed); t < tasks.size();
             t = next_task.fetch_add(1, std::memory_order_relaxed)) {
            run_task(tasks[t], tracer);
        }
    });

    auto previous = std::make_unique<Previous>();
    previous->model_spec = model.spec();
    previous->parameters = model.parameters();
    previous->mean = standardization.mean;
    previous->std = standardization.std;
    previous->routed = routed;
    previous->noise = snapshot.gate_noise;
    previous->spec = spec;
    previous->palette = expertPalette();
    previous->grid = std::shared_ptr<const GridEvaluation>(frame, &frame->grid);
    previous->gate_tint = frame->gate_tint;
    previous->class_tint = frame->class_tint;
    snapshot.grid = previous->grid;
    snapshot.gate_tint = frame->gate_tint;
    snapshot.class_tint = frame->class_tint;
    snapshot.gate_boundaries = gate_boundaries;
    snapshot.mixture_boundaries = mixture_boundaries;
    snapshot.expert_boundaries = expert_boundaries;
    previous->gate_boundaries = std::move(gate_boundaries);
    previous->mixture_boundaries = std::move(mixture_boundaries);
    previous->expert_boundaries = std::move(expert_boundaries);
    previous_ = std::move(previous);
}

void render_snapshot(Snapshot& snapshot, const GridSpec& spec, int threads, double cell_pixels) {
    GridRenderer renderer;
    renderer.render(snapshot, spec, threads, cell_pixels);
}

}  // namespace moelab
