#pragma once
// The attentive gate of Krishnamurthy, Watkins & Gaertner (2023), "Improving expert specialization
// in mixture of experts" (arXiv 2302.14703): the gate's logits are scaled dot products between a
// query computed from the input and one key per expert computed from that expert's last hidden
// layer,
//
//     q(x)   = the query network on x             (tanh hidden layers = the gate's hidden layers,
//                                                  then an affine layer to h outputs)
//     k_i(x) = W_k e_i(x)                          (e_i: expert i's last hidden layer, width e;
//                                                  W_k: h x e, shared by the experts, no bias)
//     s_i(x) = q(x) . k_i(x) / sqrt(h)
//
// and routing (training/routing.h) takes the softmax (or the top-K softmax) of s as for any gate.
// h = e, as in the authors' code, whose query and key matrices are square of the experts' hidden
// width. docs/attentive-gate.md says what this is in the paper and where it differs.
//
// Every expert must run on every case before the gate can route it: the attentive gate cannot use
// sparse per-expert computation.
#include "model/gate.h"

namespace moelab {

class AttentiveGate final : public Gate {
  public:
    // Over `inputs` features for `experts` experts whose last hidden layer has `expert_width`
    // units; `hidden` are the query network's tanh hidden layers (may be empty: a linear query).
    // Throws ConfigError when the experts have no hidden layer (expert_width 0).
    AttentiveGate(int inputs, int experts, std::vector<int> hidden, int expert_width);

    GateType type() const override { return GateType::Attentive; }
    const std::vector<int>& hidden() const override { return query_.hidden(); }
    int input_rows() const override { return query_.input_rows(); }
    // The query network's layers (its first in the stacked first layer), then W_k.
    void bind(ParameterBinder& binder) override;
    std::vector<DenseSlice> layers() const override;
    bool reads_expert_hidden() const override { return true; }
    nlohmann::json settings() const override;

    // h: the width of the query and of each key (= the experts' last hidden width).
    int key_width() const { return query_.outputs(); }
    // e: the width of the experts' last hidden layer, which the keys read.
    int expert_width() const { return expert_width_; }
    const DenseNetwork& query_network() const { return query_; }
    // W_k (h x e, no biases).
    const DenseSlice& key_matrix() const { return key_; }

    void prepare(NetworkActivations<float>& own, Eigen::Index cases) const override;
    void prepare(NetworkActivations<double>& own, Eigen::Index cases) const override;
    void forward(GatePass<float>& pass) const override;
    void forward(GatePass<double>& pass) const override;
    void backward(GatePass<float>& pass) const override;
    void backward(GatePass<double>& pass) const override;

  private:
    template <typename Scalar>
    void prepare_buffers(NetworkActivations<Scalar>& own, Eigen::Index cases) const;
    template <typename Scalar>
    void run_forward(GatePass<Scalar>& pass) const;
    template <typename Scalar>
    void run_backward(GatePass<Scalar>& pass) const;

    int experts_;
    int expert_width_;
    DenseNetwork query_;
    DenseSlice key_;
};

}  // namespace moelab
