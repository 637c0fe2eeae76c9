#include "model/attentive_gate.h"

#include <cmath>
#include <nlohmann/json.hpp>
#include <stdexcept>

#include "errors.h"

namespace moelab {

namespace {
// The gate's buffers in NetworkActivations::extra.
enum Buffer : size_t {
    kQuery,          // B x h: q
    kQueryKeys,      // B x e: u = q W_k, so that s_i = u . e_i / sqrt(h)
    kQueryKeysGrad,  // B x e: dE/du
    kQueryGrad,      // B x h: dE/dq
    kBufferCount
};

int checked_width(int expert_width) {
    if (expert_width < 1)
        throw ConfigError("The attentive gate needs experts with hidden layers (--hidden).");
    return expert_width;
}
}  // namespace

AttentiveGate::AttentiveGate(int inputs, int experts, std::vector<int> hidden, int expert_width)
    : experts_(experts),
      expert_width_(checked_width(expert_width)),
      query_(inputs, std::move(hidden), expert_width) {}

void AttentiveGate::bind(ParameterBinder& binder) {
    query_.bind(binder);
    key_ = binder.matrix(key_width(), expert_width_);
}

std::vector<DenseSlice> AttentiveGate::layers() const {
    std::vector<DenseSlice> layers = query_.layers();
    layers.push_back(key_);
    return layers;
}

nlohmann::json AttentiveGate::settings() const {
    return nlohmann::json{{"hidden", query_.hidden()}};
}

template <typename Scalar>
void AttentiveGate::prepare_buffers(NetworkActivations<Scalar>& own, Eigen::Index cases) const {
    query_.prepare(own, cases);
    own.extra.resize(kBufferCount);
    const int widths[kBufferCount] = {key_width(), expert_width_, expert_width_, key_width()};
    for (size_t b = 0; b < kBufferCount; ++b)
        if (own.extra[b].rows() < cases || own.extra[b].cols() != widths[b])
            own.extra[b].resize(cases, widths[b]);
}

void AttentiveGate::prepare(NetworkActivations<float>& own, Eigen::Index cases) const {
    prepare_buffers(own, cases);
}
void AttentiveGate::prepare(NetworkActivations<double>& own, Eigen::Index cases) const {
    prepare_buffers(own, cases);
}

template <typename Scalar>
void AttentiveGate::run_forward(GatePass<Scalar>& pass) const {
    const Eigen::Index n = pass.first_layer.rows();
    if (pass.experts.size() != size_t(experts_))
        throw std::logic_error("The attentive gate was handed the wrong number of experts.");
    for (const NetworkActivations<Scalar>& expert : pass.experts)
        if (expert.rows != n)
            throw std::logic_error(
                "The attentive gate needs every expert's hidden layer on every case of the batch.");
    NetworkActivations<Scalar>& own = pass.own;
    auto q = own.extra[kQuery].topRows(n);
    auto u = own.extra[kQueryKeys].topRows(n);
    query_.forward(pass.parameters, ConstMatrixRef<Scalar>(query_.first_block(pass.first_layer)),
                   own, MatrixRef<Scalar>(q));
    // s_i = q . (W_k e_i) / sqrt(h) = (q W_k) . e_i / sqrt(h): one product for every expert.
    u.noalias() = q * weights_of<Scalar>(pass.parameters, key_);
    const Scalar scale = Scalar(1) / std::sqrt(Scalar(key_width()));
    for (int i = 0; i < experts_; ++i)
        pass.logits.col(i) =
            (u.array() * pass.experts[size_t(i)].last_hidden().array()).rowwise().sum() * scale;
}

template <typename Scalar>
void AttentiveGate::run_backward(GatePass<Scalar>& pass) const {
    const Matrix<Scalar>& ds = *pass.logit_gradient;  // B x N: dE/ds
    const Eigen::Index n = ds.rows();
    NetworkActivations<Scalar>& own = pass.own;
    const auto q = own.extra[kQuery].topRows(n);
    const auto u = own.extra[kQueryKeys].topRows(n);
    auto du = own.extra[kQueryKeysGrad].topRows(n);
    auto dq = own.extra[kQueryGrad].topRows(n);
    const Scalar scale = Scalar(1) / std::sqrt(Scalar(key_width()));
    du.setZero();
    for (int i = 0; i < experts_; ++i) {
        NetworkActivations<Scalar>& expert = pass.experts[size_t(i)];
        if (!expert.has_extra_gradient)
            throw std::logic_error(
                "The attentive gate needs the experts to take its gradient of their hidden "
                "layers (has_extra_gradient).");
        // ds_i/de_i = u / sqrt(h), ds_i/du = e_i / sqrt(h).
        const auto dsi = ds.col(i).array();
        expert.extra_last_hidden_gradient.topRows(n) = (u.array().colwise() * dsi).matrix() * scale;
        du.array() += (expert.last_hidden().array().colwise() * dsi) * scale;
    }
    // u = q W_k: dW_k = q^T du, dq = du W_k^T.
    const auto key = weights_of<Scalar>(pass.parameters, key_);
    weights_of<Scalar>(*pass.gradient, key_).noalias() = q.transpose() * du;
    dq.noalias() = du * key.transpose();
    query_.backward(pass.parameters, ConstMatrixRef<Scalar>(dq), own, *pass.gradient,
                    MatrixRef<Scalar>(query_.first_block(*pass.first_layer_gradient)));
}

void AttentiveGate::forward(GatePass<float>& pass) const {
    run_forward(pass);
}
void AttentiveGate::forward(GatePass<double>& pass) const {
    run_forward(pass);
}
void AttentiveGate::backward(GatePass<float>& pass) const {
    run_backward(pass);
}
void AttentiveGate::backward(GatePass<double>& pass) const {
    run_backward(pass);
}

}  // namespace moelab
