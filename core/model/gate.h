#pragma once
// The gating network: from the input (and, for gates that need them, the experts' hidden layers)
// to one logit per expert. Routing (training/routing.h) turns the logits into gate
// probabilities. Nothing outside a gate's own files depends on its kind: the trainer, the losses,
// the grid and the views see only this interface.
#include <Eigen/Core>
#include <memory>
#include <nlohmann/json_fwd.hpp>
#include <span>
#include <string_view>
#include <vector>

#include "model/dense_network.h"
#include "model/model_spec.h"
#include "model/parameter_layout.h"
#include "model/types.h"
#include "training/config.h"

namespace moelab {

// What a gate sees of one batch. Forward reads `first_layer` (its own block of it) and writes
// `logits`; backward reads `logit_gradient` and writes its parameters' gradient, its block of
// `first_layer_gradient` and (a gate that reads the experts' hidden layers) the experts'
// extra_last_hidden_gradient.
template <typename Scalar>
struct GatePass {
    const Vector<Scalar>& parameters;
    const Matrix<Scalar>& first_layer;              // B x R: every first layer's pre-activations
    std::span<NetworkActivations<Scalar>> experts;  // the experts' activations of this batch
    NetworkActivations<Scalar>& own;                // the gate's own activations
    Matrix<Scalar>& logits;                         // B x N
    // Backward only:
    const Matrix<Scalar>* logit_gradient = nullptr;  // B x N: dE/d(logits)
    Vector<Scalar>* gradient = nullptr;              // the model's parameter gradient
    Matrix<Scalar>* first_layer_gradient = nullptr;  // B x R
};

class Gate {
  public:
    virtual ~Gate() = default;

    virtual GateType type() const = 0;
    // Hidden layer widths (empty for a linear gate), as written in the model file.
    virtual const std::vector<int>& hidden() const = 0;
    // Its width in the stacked first layer.
    virtual int input_rows() const = 0;
    // Takes its places in the parameter vector (its first layer rows, then its deeper layers).
    virtual void bind(ParameterBinder& binder) = 0;
    // Every weight block it owns, in the order the model file lists them.
    virtual std::vector<DenseSlice> layers() const = 0;
    // True when forward reads the experts' last hidden layers (attentive gates).
    virtual bool reads_expert_hidden() const { return false; }
    // The gate as one feed-forward network from the input to the logits (tanh hidden layers, its
    // first layer in the stacked one), or null for a gate that is more than that. Code that can
    // evaluate plain networks faster by itself (the grid's fused kernel) asks this, never the kind.
    virtual const DenseNetwork* dense_network() const { return nullptr; }
    // Its settings as the model file records them beside its kind and weights ({"hidden": [8]}).
    virtual nlohmann::json settings() const = 0;

    // Sizes its activation buffers for a batch of `cases`.
    virtual void prepare(NetworkActivations<float>& own, Eigen::Index cases) const = 0;
    virtual void prepare(NetworkActivations<double>& own, Eigen::Index cases) const = 0;
    virtual void forward(GatePass<float>& pass) const = 0;
    virtual void forward(GatePass<double>& pass) const = 0;
    virtual void backward(GatePass<float>& pass) const = 0;
    virtual void backward(GatePass<double>& pass) const = 0;
};

// The hidden layer widths a gate of `type` takes from a config's `hidden` (empty for kinds without
// hidden layers; the attentive gate's are its query network's).
std::vector<int> gate_hidden_layers(GateType type, const std::vector<int>& hidden);

// The gate `spec` asks for: its kind over `spec.inputs` features for `spec.experts` experts, with
// `spec.gate_hidden` layer widths where the kind has hidden layers (and, for the attentive gate,
// keys of the width of the experts' last hidden layer). Throws ConfigError for a gate the spec
// cannot have (an MLP gate without hidden layers, an attentive gate over linear experts).
std::unique_ptr<Gate> make_gate(const ModelSpec& spec);

}  // namespace moelab
