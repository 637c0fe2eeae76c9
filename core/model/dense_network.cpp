#include "model/dense_network.h"

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
    for (size_t l = 0; l < hidden_.size(); ++l) activations.hidden[l].resize(cases, hidden_[l]);
    if (activations.has_extra_gradient)
        activations.extra_last_hidden_gradient.resize(cases, last_hidden_width());
}

template <typename Scalar>
void DenseNetwork::forward(const Vector<Scalar>& parameters, const Matrix<Scalar>& first_layer,
                           NetworkActivations<Scalar>& activations,
                           MatrixRef<Scalar> output) const {
    const auto first = first_layer.middleCols(layers_[0].first_row, layers_[0].rows);
    if (hidden_.empty()) {
        output = first;
        return;
    }
    activations.hidden[0] = first.array().tanh().matrix();
    for (size_t l = 1; l < layers_.size(); ++l) {
        const auto w = weights_of<Scalar>(parameters, layers_[l]);
        const auto b = biases_of<Scalar>(parameters, layers_[l]);
        const Matrix<Scalar>& input = activations.hidden[l - 1];
        if (l < hidden_.size()) {
            Matrix<Scalar>& next = activations.hidden[l];
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
                            Matrix<Scalar>& first_layer_gradient) const {
    auto first_gradient = first_layer_gradient.middleCols(layers_[0].first_row, layers_[0].rows);
    if (hidden_.empty()) {
        first_gradient = output_gradient;
        return;
    }
    // Layer l maps hidden[l - 1] to hidden[l] (or to the output). Going down: dW_l = dZ_l^T H,
    // db_l = column sums of dZ_l, dH = dZ_l W_l, and through tanh dZ_{l-1} = dH (1 - H^2).
    Matrix<Scalar>& delta = activations.delta;
    Matrix<Scalar>& next = activations.next_delta;
    for (size_t l = layers_.size() - 1; l >= 1; --l) {
        const ConstMatrixRef<Scalar> dz =
            l + 1 == layers_.size() ? output_gradient : ConstMatrixRef<Scalar>(delta);
        const Matrix<Scalar>& h = activations.hidden[l - 1];
        const DenseSlice& slice = layers_[l];
        weights_of<Scalar>(gradient, slice).noalias() = dz.transpose() * h;
        biases_of<Scalar>(gradient, slice) = dz.colwise().sum().transpose();
        next.noalias() = dz * weights_of<Scalar>(parameters, slice);
        if (l == hidden_.size() && activations.has_extra_gradient)
            next += activations.extra_last_hidden_gradient;
        next.array() *= Scalar(1) - h.array().square();
        if (l == 1) {
            first_gradient = next;
        } else {
            std::swap(delta, next);
        }
    }
}

template void DenseNetwork::prepare(NetworkActivations<float>&, Eigen::Index) const;
template void DenseNetwork::prepare(NetworkActivations<double>&, Eigen::Index) const;
template void DenseNetwork::forward(const Vector<float>&, const Matrix<float>&,
                                    NetworkActivations<float>&, MatrixRef<float>) const;
template void DenseNetwork::forward(const Vector<double>&, const Matrix<double>&,
                                    NetworkActivations<double>&, MatrixRef<double>) const;
template void DenseNetwork::backward(const Vector<float>&, const ConstMatrixRef<float>&,
                                     NetworkActivations<float>&, Vector<float>&,
                                     Matrix<float>&) const;
template void DenseNetwork::backward(const Vector<double>&, const ConstMatrixRef<double>&,
                                     NetworkActivations<double>&, Vector<double>&,
                                     Matrix<double>&) const;

}  // namespace moelab
