#include "model/dense_network.h"

#include <algorithm>

#include "errors.h"

namespace moelab {

DenseNetwork::DenseNetwork(int inputs, std::vector<int> hidden, int outputs)
    : inputs_(inputs), hidden_(std::move(hidden)), outputs_(outputs) {
    if (inputs_ < 1 || outputs_ < 1) throw ConfigError("A network needs inputs and outputs.");
    for (int width : hidden_)
        if (width < 1) throw ConfigError("A hidden layer needs at least one unit.");
}

void DenseNetwork::bind(ParameterBinder& binder) {
    layers_.clear();
    layers_.push_back(binder.input_layer(input_rows()));
    for (size_t l = 0; l < hidden_.size(); ++l) {
        const int out = l + 1 < hidden_.size() ? hidden_[l + 1] : outputs_;
        layers_.push_back(binder.dense(out, hidden_[l]));
    }
}

template <typename Scalar>
void DenseNetwork::prepare(NetworkActivations<Scalar>& activations, Eigen::Index cases) const {
    activations.hidden.resize(hidden_.size());
    int widest = 0;
    for (size_t l = 0; l < hidden_.size(); ++l) {
        if (activations.hidden[l].rows() < cases || activations.hidden[l].cols() != hidden_[l])
            activations.hidden[l].resize(cases, hidden_[l]);
        widest = std::max(widest, hidden_[l]);
    }
    for (Matrix<Scalar>* scratch : {&activations.delta, &activations.next_delta})
        if (scratch->rows() < cases || scratch->cols() != widest) scratch->resize(cases, widest);
    if (activations.has_extra_gradient &&
        (activations.extra_last_hidden_gradient.rows() != cases ||
         activations.extra_last_hidden_gradient.cols() != last_hidden_width()))
        activations.extra_last_hidden_gradient.resize(cases, last_hidden_width());
}

template <typename Scalar>
void DenseNetwork::forward(const Vector<Scalar>& parameters,
                           const ConstMatrixRef<Scalar>& first_layer,
                           NetworkActivations<Scalar>& activations,
                           MatrixRef<Scalar> output) const {
    const Eigen::Index n = first_layer.rows();
    activations.rows = n;
    if (hidden_.empty()) {
        output = first_layer;
        return;
    }
    activations.hidden[0].topRows(n) = first_layer.array().tanh().matrix();
    for (size_t l = 1; l < layers_.size(); ++l) {
        const auto w = weights_of<Scalar>(parameters, layers_[l]);
        const auto b = biases_of<Scalar>(parameters, layers_[l]);
        const auto input = activations.hidden[l - 1].topRows(n);
        if (l < hidden_.size()) {
            auto next = activations.hidden[l].topRows(n);
            next.noalias() = input * w.transpose();
            next.rowwise() += b.transpose();
            next = next.array().tanh().matrix();
        } else {
            output.noalias() = input * w.transpose();
            output.rowwise() += b.transpose();
        }
    }
}

template <typename Scalar>
void DenseNetwork::backward(const Vector<Scalar>& parameters,
                            const ConstMatrixRef<Scalar>& output_gradient,
                            NetworkActivations<Scalar>& activations, Vector<Scalar>& gradient,
                            MatrixRef<Scalar> first_layer_gradient) const {
    const Eigen::Index n = output_gradient.rows();
    if (hidden_.empty()) {
        first_layer_gradient = output_gradient;
        return;
    }
    // Layer l maps hidden[l - 1] to hidden[l] (or to the output). Going down: dW_l = dZ_l^T H,
    // db_l = column sums of dZ_l, dH = dZ_l W_l, and through tanh dZ_{l-1} = dH (1 - H^2).
    Matrix<Scalar>* delta = &activations.delta;
    Matrix<Scalar>* next = &activations.next_delta;
    for (size_t l = layers_.size() - 1; l >= 1; --l) {
        const DenseSlice& slice = layers_[l];
        const ConstMatrixRef<Scalar> dz =
            l + 1 == layers_.size() ? output_gradient
                                    : ConstMatrixRef<Scalar>(delta->topLeftCorner(n, slice.rows));
        const auto h = activations.hidden[l - 1].topRows(n);
        weights_of<Scalar>(gradient, slice).noalias() = dz.transpose() * h;
        biases_of<Scalar>(gradient, slice) = dz.colwise().sum().transpose();
        auto dh = next->topLeftCorner(n, slice.cols);
        dh.noalias() = dz * weights_of<Scalar>(parameters, slice);
        if (l == hidden_.size() && activations.has_extra_gradient)
            dh += activations.extra_last_hidden_gradient.topRows(n);
        dh.array() *= Scalar(1) - h.array().square();
        if (l == 1) {
            first_layer_gradient = dh;
        } else {
            std::swap(delta, next);
        }
    }
}

template void DenseNetwork::prepare(NetworkActivations<float>&, Eigen::Index) const;
template void DenseNetwork::prepare(NetworkActivations<double>&, Eigen::Index) const;
template void DenseNetwork::forward(const Vector<float>&, const ConstMatrixRef<float>&,
                                    NetworkActivations<float>&, MatrixRef<float>) const;
template void DenseNetwork::forward(const Vector<double>&, const ConstMatrixRef<double>&,
                                    NetworkActivations<double>&, MatrixRef<double>) const;
template void DenseNetwork::backward(const Vector<float>&, const ConstMatrixRef<float>&,
                                     NetworkActivations<float>&, Vector<float>&,
                                     MatrixRef<float>) const;
template void DenseNetwork::backward(const Vector<double>&, const ConstMatrixRef<double>&,
                                     NetworkActivations<double>&, Vector<double>&,
                                     MatrixRef<double>) const;

}  // namespace moelab
