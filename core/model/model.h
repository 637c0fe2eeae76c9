#pragma once
// The mixture of experts: a gate network and N expert networks over the same (standardised) input.
//
// Every parameter lives in one flat vector, so optimizers, rollback and determinism checks see one
// array. The first layers of all networks read the same input, so they are stacked into one matrix
// W1 (R x D, R = the sum of the networks' first-layer widths; the gate's rows first, then expert
// 0's,
// ...): one GEMM computes every first layer of a batch, and one GEMM their weight gradient.
// Deeper layers (MLP networks have exactly one tanh hidden layer) are stored after W1 and b1.
//
// Cases are rows: a batch X is B x D, activations are B x units (column-major, so each unit's
// values over the batch are contiguous and per-case math vectorises across cases).
#include <Eigen/Core>
#include <cstdint>
#include <vector>

#include "training/config.h"

namespace moelab {

struct ModelShape {
    int inputs = 2;
    int classes = 2;
    int experts = 4;
    int expert_hidden = 0;  // 0 = linear (softmax regression)
    int gate_hidden = 0;    // 0 = linear softmax gate

    bool operator==(const ModelShape&) const = default;
    static ModelShape from(const Config& config, int inputs, int classes);
};

// Where one layer's weights (rows = outputs, cols = inputs) and biases lie in the flat vector.
struct LayerLayout {
    Eigen::Index weight_offset = 0;
    Eigen::Index weight_stride = 0;  // distance between columns (R for first layers)
    Eigen::Index bias_offset = 0;
    int rows = 0;  // outputs
    int cols = 0;  // inputs
};

// A network is the gate (index 0) or expert i (index i + 1): one or two layers.
struct NetworkLayout {
    std::vector<LayerLayout> layers;  // forward order
    int first_layer_row = 0;          // its rows in the stacked first layer
};

struct ParameterLayout {
    std::vector<NetworkLayout> networks;  // gate, expert 0, expert 1, ...
    int first_layer_rows = 0;             // R
    Eigen::Index size = 0;

    explicit ParameterLayout(const ModelShape& shape);
};

template <typename Scalar>
struct ForwardWorkspace;

template <typename Scalar>
class Mixture {
  public:
    using Matrix = Eigen::Matrix<Scalar, Eigen::Dynamic, Eigen::Dynamic>;
    using Vector = Eigen::Matrix<Scalar, Eigen::Dynamic, 1>;
    using WeightMap = Eigen::Map<Matrix, 0, Eigen::OuterStride<>>;
    using ConstWeightMap = Eigen::Map<const Matrix, 0, Eigen::OuterStride<>>;

    explicit Mixture(const ModelShape& shape);

    const ModelShape& shape() const { return shape_; }
    const ParameterLayout& layout() const { return layout_; }
    Vector& parameters() { return parameters_; }
    const Vector& parameters() const { return parameters_; }

    // Network 0 is the gate, network i + 1 is expert i.
    WeightMap weights(int network, int layer);
    ConstWeightMap weights(int network, int layer) const;
    Eigen::Map<Vector> biases(int network, int layer);
    Eigen::Map<const Vector> biases(int network, int layer) const;

    // Small random weights from the seed (uniform in +-1/sqrt(fan_in)), zero biases.
    void initialize(std::uint64_t seed);

    // A copy in another precision (for fast rendering in float).
    template <typename Other>
    Mixture<Other> cast() const {
        Mixture<Other> other(shape_);
        other.parameters() = parameters_.template cast<Other>();
        return other;
    }

  private:
    ModelShape shape_;
    ParameterLayout layout_;
    Vector parameters_;
};

extern template class Mixture<double>;
extern template class Mixture<float>;

}  // namespace moelab
