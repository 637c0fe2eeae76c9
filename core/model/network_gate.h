#pragma once
// Gates that are one feed-forward network from the input to the logits: the linear softmax gate of
// 1991 and the MLP gate. They differ only in their hidden layers.
#include "model/gate.h"

namespace moelab {

class NetworkGate : public Gate {
  public:
    NetworkGate(GateType type, int inputs, int experts, std::vector<int> hidden)
        : type_(type), network_(inputs, std::move(hidden), experts) {}

    GateType type() const override { return type_; }
    const std::vector<int>& hidden() const override { return network_.hidden(); }
    int input_rows() const override { return network_.input_rows(); }
    void bind(ParameterBinder& binder) override { network_.bind(binder); }
    std::vector<DenseSlice> layers() const override { return network_.layers(); }
    nlohmann::json settings() const override;
    const DenseNetwork* dense_network() const override { return &network_; }

    void prepare(NetworkActivations<float>& own, Eigen::Index cases) const override {
        network_.prepare(own, cases);
    }
    void prepare(NetworkActivations<double>& own, Eigen::Index cases) const override {
        network_.prepare(own, cases);
    }
    void forward(GatePass<float>& pass) const override { run_forward(pass); }
    void forward(GatePass<double>& pass) const override { run_forward(pass); }
    void backward(GatePass<float>& pass) const override { run_backward(pass); }
    void backward(GatePass<double>& pass) const override { run_backward(pass); }

  private:
    template <typename Scalar>
    void run_forward(GatePass<Scalar>& pass) const {
        network_.forward(pass.parameters,
                         ConstMatrixRef<Scalar>(network_.first_block(pass.first_layer)), pass.own,
                         MatrixRef<Scalar>(pass.logits));
    }
    template <typename Scalar>
    void run_backward(GatePass<Scalar>& pass) const {
        network_.backward(pass.parameters, ConstMatrixRef<Scalar>(*pass.logit_gradient), pass.own,
                          *pass.gradient,
                          MatrixRef<Scalar>(network_.first_block(*pass.first_layer_gradient)));
    }

    GateType type_;
    DenseNetwork network_;
};

// s = W x + b: the gate of Jacobs et al. (1991).
class LinearGate final : public NetworkGate {
  public:
    LinearGate(int inputs, int experts) : NetworkGate(GateType::Linear, inputs, experts, {}) {}
};

// s = W_L tanh(... tanh(W_1 x + b_1) ...) + b_L: a gate that can draw curved regions.
class MlpGate final : public NetworkGate {
  public:
    MlpGate(int inputs, int experts, std::vector<int> hidden)
        : NetworkGate(GateType::Mlp, inputs, experts, std::move(hidden)) {}
};

}  // namespace moelab
