#include "grid.h"

#include <algorithm>
#include <limits>

#include "errors.h"
#include "forward_backward.h"

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

// Argmax and (top - runner-up) of `scores` row b over columns [first, first + count).
template <typename Block>
void label_and_margin(const Block& scores, Eigen::Index b, Eigen::Index first, Eigen::Index count,
                      std::uint8_t& label, float& margin) {
    Eigen::Index best = first;
    float top = scores(b, first), second = -std::numeric_limits<float>::infinity();
    for (Eigen::Index j = first + 1; j < first + count; ++j) {
        const float v = scores(b, j);
        if (v > top) {
            second = top;
            top = v;
            best = j;
        } else if (v > second) {
            second = v;
        }
    }
    label = std::uint8_t(best - first);
    margin = count > 1 ? top - second : 1.0f;
}

}  // namespace

GridEvaluation evaluate_grid(const Mixture<float>& model, const Standardization& standardization,
                             int top_k, const GridSpec& spec) {
    const ModelShape& shape = model.shape();
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
        Eigen::MatrixXf x(W, 2);
        for (int col = 0; col < W; ++col) x(col, 0) = (float(spec.x_at(col)) - mean_x) / std_x;
#pragma omp for schedule(static)
        for (int row = 0; row < H; ++row) {
            x.col(1).setConstant((float(spec.y_at(row)) - mean_y) / std_y);
            pass.forward(model, x, top_k);
            const auto& p = pass.gate_probabilities();
            const auto& gate_logits = pass.gate_logits();
            const auto& expert_logits = pass.expert_logits();
            const Eigen::MatrixXf mixture = pass.mixture_probabilities();
            const size_t base = size_t(row) * size_t(W);
            for (int col = 0; col < W; ++col) {
                const size_t cell = base + size_t(col);
                label_and_margin(mixture, col, 0, C, grid.mixture.label[cell],
                                 grid.mixture.margin[cell]);
                label_and_margin(gate_logits, col, 0, N, grid.gate.label[cell],
                                 grid.gate.margin[cell]);
                for (int i = 0; i < N; ++i) {
                    label_and_margin(expert_logits, col, Eigen::Index(i) * C, C,
                                     grid.expert[i].label[cell], grid.expert[i].margin[cell]);
                    grid.gate_probabilities[cell * size_t(N) + size_t(i)] = p(col, i);
                }
            }
        }
    }
    return grid;
}

}  // namespace moelab
