#include "analysis/grid.h"

#include <algorithm>
#include <limits>

#include "errors.h"
#include "model/forward_backward.h"

namespace moelab {

GridSpec grid_around(const Dataset& dataset, int width, int height, double padding) {
    GridSpec spec;
    spec.width = width;
    spec.height = height;
    if (dataset.size() == 0 || dataset.dimensions() < 2) return spec;
    const double x_lo = dataset.features.col(0).minCoeff(),
                 x_hi = dataset.features.col(0).maxCoeff();
    const double y_lo = dataset.features.col(1).minCoeff(),
                 y_hi = dataset.features.col(1).maxCoeff();
    const double x_pad = std::max(x_hi - x_lo, 1e-9) * padding;
    const double y_pad = std::max(y_hi - y_lo, 1e-9) * padding;
    spec.x_min = x_lo - x_pad;
    spec.x_max = x_hi + x_pad;
    spec.y_min = y_lo - y_pad;
    spec.y_max = y_hi + y_pad;
    return spec;
}

namespace {

// Per row of `scores` (B x count): the argmax into `label` and (top - runner-up) into `margin`,
// column by column so the comparisons run across all B cells at once.
template <typename Block>
void label_and_margin(const Block& scores, std::uint8_t* label, float* margin) {
    using Column = Eigen::ArrayXf;
    const Eigen::Index B = scores.rows(), count = scores.cols();
    Column top = scores.col(0).array();
    Column second = Column::Constant(B, -std::numeric_limits<float>::infinity());
    Column best = Column::Zero(B);
    for (Eigen::Index j = 1; j < count; ++j) {
        const auto v = scores.col(j).array();
        const auto wins = v > top;
        second = wins.select(top, second.max(v));
        best = wins.select(Column::Constant(B, float(j)), best);
        top = top.max(v);
    }
    for (Eigen::Index b = 0; b < B; ++b) label[b] = std::uint8_t(best[b]);
    Eigen::Map<Column>(margin, B) = count > 1 ? Column(top - second) : Column::Ones(B);
}

}  // namespace

GridEvaluation evaluate_grid(const Mixture<float>& model, const Standardization& standardization,
                             int top_k, const GridSpec& spec) {
    const ModelSpec& shape = model.spec();
    if (shape.inputs != 2) throw ConfigError("Grid evaluation needs a model with two inputs.");
    if (spec.width < 1 || spec.height < 1 || spec.width > 1024 || spec.height > 1024)
        throw ConfigError("Grid resolution must be between 1x1 and 1024x1024.");
    const int W = spec.width, H = spec.height, N = shape.experts, C = shape.classes;
    const size_t cells = size_t(W) * size_t(H);

    GridEvaluation grid;
    grid.spec = spec;
    grid.experts = N;
    grid.classes = C;
    auto allocate = [cells](LabelField& field) {
        field.label.resize(cells);
        field.margin.resize(cells);
    };
    allocate(grid.mixture);
    allocate(grid.gate);
    grid.expert.resize(N);
    for (auto& field : grid.expert) allocate(field);
    grid.gate_probabilities.resize(cells * size_t(N));

    const float mean_x = float(standardization.mean[0]), mean_y = float(standardization.mean[1]);
    const float std_x = float(standardization.std[0]), std_y = float(standardization.std[1]);

#pragma omp parallel
    {
        // One batch per grid row; each thread keeps its own buffers.
        ForwardBackward<float> pass;
        Eigen::MatrixXf x(W, 2), mixture, gate_probabilities_t;
        for (int col = 0; col < W; ++col) x(col, 0) = (float(spec.x_at(col)) - mean_x) / std_x;
#pragma omp for schedule(static)
        for (int row = 0; row < H; ++row) {
            x.col(1).setConstant((float(spec.y_at(row)) - mean_y) / std_y);
            pass.forward(model, x, top_k);
            pass.mixture_probabilities(mixture);
            // Cells of one grid row are contiguous in every field.
            const size_t base = size_t(row) * size_t(W);
            label_and_margin(mixture, &grid.mixture.label[base], &grid.mixture.margin[base]);
            label_and_margin(pass.gate_logits(), &grid.gate.label[base], &grid.gate.margin[base]);
            for (int i = 0; i < N; ++i) {
                label_and_margin(pass.expert_logits().middleCols(Eigen::Index(i) * C, C),
                                 &grid.expert[i].label[base], &grid.expert[i].margin[base]);
            }
            gate_probabilities_t = pass.gate_probabilities().transpose();  // N x W: cell-major
            std::copy_n(gate_probabilities_t.data(), size_t(W) * size_t(N),
                        &grid.gate_probabilities[base * size_t(N)]);
        }
    }
    return grid;
}

}  // namespace moelab
