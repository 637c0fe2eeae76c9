#pragma once
// Evaluates a trained mixture on a raster of the 2-D input plane (raw units), for drawing.
#include <cstdint>
#include <memory>
#include <span>
#include <utility>
#include <vector>

#include "data/dataset.h"
#include "model/mixture.h"

namespace moelab {

class ThreadTeam;

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
    // width * height: the probability of the gate's top expert (what the gate tint shows), so a
    // picture need not stride through gate_probabilities. Empty in a grid made by hand.
    GridBuffer<float> gate_top_probability;
    // Top-K routing with K < N: the K experts each cell is routed to, most weight first (the order
    // of their gate logits; ties go to the lower index, as in training), and their gate
    // probabilities (which add up to 1): width * height * routed, cell-major. routed = 0 and both
    // empty for the dense gate, which routes every cell to every expert.
    int routed = 0;
    GridBuffer<std::uint8_t> gate_routed;
    GridBuffer<float> gate_routed_probability;

    // With a noise draw (a noisy gate's picture, GridEvaluator::evaluate): the routing under
    // H = s + eps softplus(n) (Shazeer et al. 2017, eq. 4) with one eps for every cell, as
    // training would route each cell with that draw: the first choice (margin in H), its gate
    // probability, and with K < N the routed experts and their probabilities, laid out as the
    // clean fields above (which, with the mixture and the experts, stay clean). Empty without.
    bool noisy = false;
    LabelField noisy_gate;
    GridBuffer<float> noisy_top_probability;
    GridBuffer<std::uint8_t> noisy_routed;
    GridBuffer<float> noisy_routed_probability;
};

// The bounding box of a dataset's first two raw features, padded by `padding` of its size per side.
GridSpec grid_around(const Dataset& dataset, int width, int height, double padding = 0.08);

// Evaluates mixtures on rasters and keeps its buffers between calls, so a view's renderer that owns
// one evaluates frame after frame without allocating. Not thread-safe: one per worker.
//
// Networks that read only the input (every expert, and the linear and MLP gates) run in a fused
// kernel: a packet of neighbouring cells of one row goes through every network's first layer
// (the stacked W1 of the model), tanh and deeper layers, the routing and the experts' softmax in
// SIMD registers, and only the fields a picture draws are written out. The first layer's tanh
// comes from a table of exponentials along each row (no division per unit and cell), and an
// expert's softmax is computed only where the gate gives it a weight that can change the mixture
// (top-K routing: where it is routed; dense: where its weight exceeds 1e-8). Top-1 and top-2
// routing take one pass over the gate's logits. With a noise draw the kernel also routes H = s +
// eps softplus(n), e^n from the same kind of table as tanh. A gate of any other kind (one that
// reads the experts' hidden layers) is evaluated a grid row at a time through ForwardBackward.
class GridEvaluator {
  public:
    GridEvaluator();
    ~GridEvaluator();
    GridEvaluator(const GridEvaluator&) = delete;
    GridEvaluator& operator=(const GridEvaluator&) = delete;

    // Fills every field of `grid` for `model` on the raster `spec`, on every thread of `team`
    // (grid rows handed out a few at a time; part 0 is the caller). Buffers of `grid` are resized
    // only when the raster or the model's shape changed. `standardization` maps raw to model
    // input; `top_k` as in training. `noise`: empty, or eps (N values) for the noisy fields of a
    // model with a noise layer (ignored without one). Throws ConfigError if the model does not
    // take 2 inputs, the raster is not between 1 x 1 and 1024 x 1024, or `noise` has not N values.
    void evaluate(const Mixture<float>& model, const Standardization& standardization, int top_k,
                  const GridSpec& spec, ThreadTeam& team, GridEvaluation& grid,
                  std::span<const float> noise = {});
    // The same on `threads` threads: a team the evaluator keeps (made again when the count
    // changes). Never OpenMP's global team: several workers evaluate at once, each with its own.
    void evaluate(const Mixture<float>& model, const Standardization& standardization, int top_k,
                  const GridSpec& spec, int threads, GridEvaluation& grid,
                  std::span<const float> noise = {});

    // Evaluates every gate through ForwardBackward, as a gate the fused kernel does not know
    // would be: for tests that compare the two paths, and for benchmarks.
    void set_force_model_pass(bool force) { force_model_pass_ = force; }

  private:
    struct Workspace;
    // `noise`: empty, or N values for a model with a noise layer.
    void evaluate_fused(const Mixture<float>& model, const GridSpec& spec, int top_k,
                        std::span<const float> noise, ThreadTeam& team, GridEvaluation& grid);
    void evaluate_by_model_pass(const Mixture<float>& model, const GridSpec& spec, int top_k,
                                std::span<const float> noise, ThreadTeam& team,
                                GridEvaluation& grid);

    std::unique_ptr<ThreadTeam> team_;                    // for evaluate(..., threads, ...)
    std::vector<std::unique_ptr<Workspace>> workspaces_;  // one per thread
    std::vector<float> x_;                                // standardised x of every column
    std::vector<float> y_;                                // standardised y of every row
    double x0_ = 0, dx_ = 0;  // standardised x of column 0 and from one column to the next
    // exp(2 w_x dx m) for every tanh'd row of the first layer (see evaluate_fused).
    std::vector<float> exp_table_;
    std::vector<int> table_of_row_;  // R: its table, or -1 for a row without tanh
    bool force_model_pass_ = false;
};

// Evaluates every cell once, with a GridEvaluator of its own (see there).
GridEvaluation evaluate_grid(const Mixture<float>& model, const Standardization& standardization,
                             int top_k, const GridSpec& spec, int threads,
                             std::span<const float> noise = {});

}  // namespace moelab
