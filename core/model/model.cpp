#include "model/model.h"

#include <cmath>
#include <random>

#include "errors.h"

namespace moelab {

ModelShape ModelShape::from(const Config& config, int inputs, int classes) {
    ModelShape shape;
    shape.inputs = inputs;
    shape.classes = classes;
    shape.experts = config.experts;
    shape.expert_hidden = config.expert_hidden.empty() ? 0 : config.expert_hidden.front();
    shape.gate_hidden =
        config.gate == GateType::Mlp && !config.gate_hidden.empty() ? config.gate_hidden.front() : 0;
    return shape;
}

namespace {

// Widths of one network: first layer outputs, and the second layer's if it has a hidden layer.
struct NetworkWidths {
    int first = 0;
    int output = 0;
    bool hidden = false;
};

std::vector<NetworkWidths> network_widths(const ModelShape& shape) {
    std::vector<NetworkWidths> widths;
    const bool gate_hidden = shape.gate_hidden > 0;
    widths.push_back({gate_hidden ? shape.gate_hidden : shape.experts, shape.experts, gate_hidden});
    const bool expert_hidden = shape.expert_hidden > 0;
    for (int i = 0; i < shape.experts; ++i) {
        widths.push_back(
            {expert_hidden ? shape.expert_hidden : shape.classes, shape.classes, expert_hidden});
    }
    return widths;
}

}  // namespace

ParameterLayout::ParameterLayout(const ModelShape& shape) {
    if (shape.inputs < 1 || shape.classes < 2 || shape.experts < 1) {
        throw ConfigError("A model needs at least one input, two classes and one expert.");
    }
    const auto widths = network_widths(shape);
    for (const auto& w : widths) first_layer_rows += w.first;
    const Eigen::Index R = first_layer_rows;
    // W1 (R x D, column-major) then b1 (R), then each network's second layer.
    Eigen::Index offset = R * shape.inputs + R;
    int row = 0;
    for (const auto& w : widths) {
        NetworkLayout network;
        network.first_layer_row = row;
        LayerLayout first;
        first.weight_offset = row;
        first.weight_stride = R;
        first.bias_offset = R * shape.inputs + row;
        first.rows = w.first;
        first.cols = shape.inputs;
        network.layers.push_back(first);
        if (w.hidden) {
            LayerLayout second;
            second.weight_offset = offset;
            second.weight_stride = w.output;
            second.rows = w.output;
            second.cols = w.first;
            offset += Eigen::Index(w.output) * w.first;
            second.bias_offset = offset;
            offset += w.output;
            network.layers.push_back(second);
        }
        row += w.first;
        networks.push_back(std::move(network));
    }
    size = offset;
}

template <typename Scalar>
Mixture<Scalar>::Mixture(const ModelShape& shape)
    : shape_(shape), layout_(shape), parameters_(Vector::Zero(layout_.size)) {}

template <typename Scalar>
typename Mixture<Scalar>::WeightMap Mixture<Scalar>::weights(int network, int layer) {
    const auto& l = layout_.networks.at(network).layers.at(layer);
    return WeightMap(parameters_.data() + l.weight_offset, l.rows, l.cols,
                     Eigen::OuterStride<>(l.weight_stride));
}

template <typename Scalar>
typename Mixture<Scalar>::ConstWeightMap Mixture<Scalar>::weights(int network, int layer) const {
    const auto& l = layout_.networks.at(network).layers.at(layer);
    return ConstWeightMap(parameters_.data() + l.weight_offset, l.rows, l.cols,
                          Eigen::OuterStride<>(l.weight_stride));
}

template <typename Scalar>
Eigen::Map<typename Mixture<Scalar>::Vector> Mixture<Scalar>::biases(int network, int layer) {
    const auto& l = layout_.networks.at(network).layers.at(layer);
    return Eigen::Map<Vector>(parameters_.data() + l.bias_offset, l.rows);
}

template <typename Scalar>
Eigen::Map<const typename Mixture<Scalar>::Vector> Mixture<Scalar>::biases(int network,
                                                                           int layer) const {
    const auto& l = layout_.networks.at(network).layers.at(layer);
    return Eigen::Map<const Vector>(parameters_.data() + l.bias_offset, l.rows);
}

template <typename Scalar>
void Mixture<Scalar>::initialize(std::uint64_t seed) {
    // mt19937_64 and our own uniform mapping: identical on every platform and library version.
    std::mt19937_64 rng(seed);
    auto uniform = [&rng]() { return double(rng() >> 11) * (1.0 / 9007199254740992.0); };
    parameters_.setZero();
    for (int n = 0; n < int(layout_.networks.size()); ++n) {
        for (int l = 0; l < int(layout_.networks[n].layers.size()); ++l) {
            auto w = weights(n, l);
            const double bound = 1.0 / std::sqrt(double(w.cols()));
            for (Eigen::Index c = 0; c < w.cols(); ++c)
                for (Eigen::Index r = 0; r < w.rows(); ++r)
                    w(r, c) = Scalar((2.0 * uniform() - 1.0) * bound);
        }
    }
}

template class Mixture<double>;
template class Mixture<float>;

}  // namespace moelab
