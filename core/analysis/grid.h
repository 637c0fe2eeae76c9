#pragma once
// Evaluates a trained mixture on a raster of the 2-D input plane (raw units), for drawing.
#include <cstdint>
#include <memory>
#include <utility>
#include <vector>

#include "data/dataset.h"
#include "model/mixture.h"

namespace moelab {

struct GridSpec {
    double x_min = -1, x_max = 1;   // first feature
    double y_min = -1, y_max = 1;   // second feature
    int width = 256, height = 256;  // cells, at most 1024 x 1024
    // Cell (col, row) is centred at x_min + (col + 0.5) * (x_max - x_min) / width, likewise y.
    double x_at(double col) const { return x_min + (col + 0.5) * (x_max - x_min) / width; }
    double y_at(double row) const { return y_min + (row + 0.5) * (y_max - y_min) / height; }
};

// Leaves new elements uninitialised: evaluate_grid writes every cell, and zeroing megabytes first
// (on one thread) would cost more than a quarter of the evaluation.
template <typename T>
struct UninitialisedAllocator : std::allocator<T> {
    template <typename U>
    struct rebind {
        using other = UninitialisedAllocator<U>;
    };
    UninitialisedAllocator() = default;
    template <typename U>
    UninitialisedAllocator(const UninitialisedAllocator<U>&) noexcept {}
    template <typename U, typename... Args>
    void construct(U* p, Args&&... args) {
        if constexpr (sizeof...(Args) == 0) {
            ::new (static_cast<void*>(p)) U;
        } else {
            ::new (static_cast<void*>(p)) U(std::forward<Args>(args)...);
        }
    }
};
template <typename T>
using GridBuffer = std::vector<T, UninitialisedAllocator<T>>;

// A labelling of the cells and a signed-distance-like margin for smooth contours: the difference
// between the winning score and the runner-up (>= 0).
struct LabelField {
    GridBuffer<std::uint8_t> label;  // width * height, row-major (row 0 = y_min)
    GridBuffer<float> margin;        // width * height
};

struct GridEvaluation {
    GridSpec spec;
    int experts = 0;
    int classes = 0;
    LabelField mixture;                    // argmax_c sum_i p_i o_ic; margin in probability
    LabelField gate;                       // the gate's top expert; margin in gate logits
    std::vector<LabelField> expert;        // each expert's class; margin in logits
    GridBuffer<float> gate_probabilities;  // width * height * experts, cell-major
};

// The bounding box of a dataset's first two raw features, padded by `padding` of its size per side.
GridSpec grid_around(const Dataset& dataset, int width, int height, double padding = 0.08);

// Evaluates every cell (OpenMP over rows, float arithmetic). `standardization` maps raw to model
// input. `top_k` as in training. Throws ConfigError if the model does not take 2 inputs.
GridEvaluation evaluate_grid(const Mixture<float>& model, const Standardization& standardization,
                             int top_k, const GridSpec& spec);

}  // namespace moelab
