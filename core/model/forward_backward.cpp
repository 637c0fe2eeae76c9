#include "model/forward_backward.h"

#include <algorithm>

#include "training/loss.h"
#include "training/routing.h"

namespace moelab {

namespace {
// Below this many inputs the first layer is computed column by column instead of by GEMM.
constexpr int kFewInputs = 4;
}  // namespace

template <typename Scalar>
void ForwardBackward<Scalar>::resize(const Mixture<Scalar>& model, Eigen::Index batch) {
    if (batch == batch_ && model.shape() == shape_) return;
    shape_ = model.shape();
    batch_ = batch;
    const auto& layout = model.layout();
    const int N = shape_.experts, C = shape_.classes;
    first_.resize(batch, layout.first_layer_rows);
    first_gradient_.resize(batch, layout.first_layer_rows);
    hidden_.assign(layout.networks.size(), Matrix());
    for (size_t n = 0; n < layout.networks.size(); ++n) {
        if (layout.networks[n].layers.size() > 1)
            hidden_[n].resize(batch, layout.networks[n].layers[0].rows);
    }
    gate_logits_.resize(batch, N);
    expert_logits_.resize(batch, N * C);
    gate_probabilities_.resize(batch, N);
    gate_mask_.resize(batch, N);
    gate_log_normalizer_.resize(batch);
    expert_probabilities_.resize(batch, N * C);
    expert_softmax_scratch_.resize(batch, N);
    targets_.resize(batch, C);
    case_losses_.resize(batch);
    responsibilities_.resize(batch, N);
    gate_logit_gradient_.resize(batch, N);
    expert_logit_gradient_.resize(batch, N * C);
    work_.resize(batch, std::max(N, C));
}

template <typename Scalar>
void ForwardBackward<Scalar>::forward(const Mixture<Scalar>& model,
                                      const Eigen::Ref<const Matrix>& x, int top_k) {
    resize(model, x.rows());
    const auto& layout = model.layout();
    const int N = shape_.experts, C = shape_.classes, R = layout.first_layer_rows;
    const auto& params = model.parameters();
    const Eigen::Map<const Matrix> w1(params.data(), R, shape_.inputs);
    const Eigen::Map<const Vector> b1(params.data() + Eigen::Index(R) * shape_.inputs, R);

    // Every network's first layer in one product: first = X W1^T + 1 b1^T. For few inputs (the 2-D
    // teaching sets) D rank-one updates beat a packed GEMM by about 2x.
    if (shape_.inputs <= kFewInputs) {
        for (int r = 0; r < R; ++r) {
            auto column = first_.col(r).array();
            column = x.col(0).array() * w1(r, 0) + b1[r];
            for (int d = 1; d < shape_.inputs; ++d) column += x.col(d).array() * w1(r, d);
        }
    } else {
        first_.noalias() = x * w1.transpose();
        first_.rowwise() += b1.transpose();
    }

    // Each network's output logits: its first-layer block if linear, else W2 tanh(block) + b2.
    for (size_t n = 0; n < layout.networks.size(); ++n) {
        const auto& net = layout.networks[n];
        auto output = n == 0 ? gate_logits_.middleCols(0, N)
                             : expert_logits_.middleCols(Eigen::Index(n - 1) * C, C);
        const auto block = first_.middleCols(net.first_layer_row, net.layers[0].rows);
        if (net.layers.size() == 1) {
            output = block;
        } else {
            hidden_[n] = block.array().tanh().matrix();
            output.noalias() = hidden_[n] * model.weights(int(n), 1).transpose();
            output.rowwise() += model.biases(int(n), 1).transpose();
        }
    }

    route_top_k<Scalar>(gate_logits_, std::clamp(top_k, 1, N), gate_probabilities_,
                        gate_log_normalizer_, gate_mask_);
    for (int i = 0; i < N; ++i) {
        softmax_rows<Scalar>(expert_logits_.middleCols(Eigen::Index(i) * C, C),
                             expert_probabilities_.middleCols(Eigen::Index(i) * C, C),
                             expert_softmax_scratch_.col(i), /*with_log_normalizer=*/false);
    }
}

template <typename Scalar>
void ForwardBackward<Scalar>::compute_loss(LossType loss, std::span<const int> labels,
                                           bool with_gradient, Scalar scale) {
    const int N = shape_.experts, C = shape_.classes;
    targets_.setZero();
    for (Eigen::Index b = 0; b < batch_; ++b) targets_(b, labels[b]) = Scalar(1);
    const LossInputs<Scalar> in{gate_logits_,
                                gate_probabilities_,
                                gate_log_normalizer_,
                                gate_mask_,
                                expert_logits_,
                                expert_probabilities_,
                                targets_,
                                labels,
                                N,
                                C};
    LossOutputs<Scalar> out{case_losses_, responsibilities_, gate_logit_gradient_,
                            expert_logit_gradient_, work_};
    evaluate_loss<Scalar>(loss, in, out, with_gradient, scale);
}

template <typename Scalar>
Scalar ForwardBackward<Scalar>::loss(const Mixture<Scalar>& model,
                                     const Eigen::Ref<const Matrix>& x, std::span<const int> labels,
                                     LossType loss, int top_k) {
    forward(model, x, top_k);
    compute_loss(loss, labels, false, Scalar(1));
    return case_losses_.mean();
}

template <typename Scalar>
Scalar ForwardBackward<Scalar>::loss_and_gradient(const Mixture<Scalar>& model,
                                                  const Eigen::Ref<const Matrix>& x,
                                                  std::span<const int> labels, LossType loss,
                                                  int top_k, Vector& gradient) {
    forward(model, x, top_k);
    compute_loss(loss, labels, true, Scalar(1) / Scalar(x.rows()));
    backward(model, x, gradient);
    return case_losses_.mean();
}

template <typename Scalar>
Scalar ForwardBackward<Scalar>::partial_loss_and_gradient(const Mixture<Scalar>& model,
                                                          const Eigen::Ref<const Matrix>& x,
                                                          std::span<const int> labels,
                                                          LossType loss, int top_k, Scalar scale,
                                                          Vector& gradient) {
    forward(model, x, top_k);
    compute_loss(loss, labels, true, scale);
    backward(model, x, gradient);
    return case_losses_.sum();
}

template <typename Scalar>
void ForwardBackward<Scalar>::backward(const Mixture<Scalar>& model,
                                       const Eigen::Ref<const Matrix>& x, Vector& gradient) {
    const auto& layout = model.layout();
    const int N = shape_.experts, C = shape_.classes, R = layout.first_layer_rows;
    gradient.resize(layout.size);

    for (size_t n = 0; n < layout.networks.size(); ++n) {
        const auto& net = layout.networks[n];
        const auto output_gradient =
            n == 0 ? gate_logit_gradient_.middleCols(0, N)
                   : expert_logit_gradient_.middleCols(Eigen::Index(n - 1) * C, C);
        auto first_block = first_gradient_.middleCols(net.first_layer_row, net.layers[0].rows);
        if (net.layers.size() == 1) {
            first_block = output_gradient;
            continue;
        }
        // Second layer: dW2 = dOut^T H, db2 = column sums of dOut; back through tanh: 1 - h^2.
        const auto& l2 = net.layers[1];
        Eigen::Map<Matrix, 0, Eigen::OuterStride<>> dw2(gradient.data() + l2.weight_offset, l2.rows,
                                                        l2.cols,
                                                        Eigen::OuterStride<>(l2.weight_stride));
        dw2.noalias() = output_gradient.transpose() * hidden_[n];
        gradient.segment(l2.bias_offset, l2.rows) = output_gradient.colwise().sum().transpose();
        first_block.noalias() = output_gradient * model.weights(int(n), 1);
        first_block.array() *= Scalar(1) - hidden_[n].array().square();
    }
    // All first layers at once: dW1 = dFirst^T X, db1 = column sums of dFirst.
    Eigen::Map<Matrix> dw1(gradient.data(), R, shape_.inputs);
    if (shape_.inputs <= kFewInputs) {
        for (int d = 0; d < shape_.inputs; ++d)
            dw1.col(d).noalias() = first_gradient_.transpose() * x.col(d);
    } else {
        dw1.noalias() = first_gradient_.transpose() * x;
    }
    gradient.segment(Eigen::Index(R) * shape_.inputs, R) =
        first_gradient_.colwise().sum().transpose();
}

template <typename Scalar>
typename ForwardBackward<Scalar>::Matrix ForwardBackward<Scalar>::mixture_probabilities() const {
    Matrix y;
    mixture_probabilities(y);
    return y;
}

template <typename Scalar>
void ForwardBackward<Scalar>::mixture_probabilities(Matrix& y) const {
    const int N = shape_.experts, C = shape_.classes;
    y.setZero(batch_, C);
    for (int i = 0; i < N; ++i)
        for (int c = 0; c < C; ++c)
            y.col(c).array() +=
                gate_probabilities_.col(i).array() * expert_probabilities_.col(i * C + c).array();
}

template class ForwardBackward<double>;
template class ForwardBackward<float>;

}  // namespace moelab
