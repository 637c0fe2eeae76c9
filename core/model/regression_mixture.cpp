#include "model/regression_mixture.h"

#include <cmath>
#include <random>

#include "errors.h"

namespace moelab {

template <typename Scalar>
RegressionMixture<Scalar>::RegressionMixture(int inputs, int experts)
    : inputs_(inputs), experts_(experts) {
    if (inputs < 1 || experts < 1)
        throw ConfigError("A regression mixture needs at least one input and one expert, not " +
                          std::to_string(inputs) + " inputs and " + std::to_string(experts) +
                          " experts.");
    parameters_ = Vector<Scalar>::Zero(2 * (Eigen::Index(experts) * inputs + experts));
}

template <typename Scalar>
void RegressionMixture<Scalar>::initialize(std::uint64_t seed) {
    std::mt19937_64 rng(seed);
    // Our own uniform mapping: identical on every platform and library version.
    auto symmetric = [&rng](double bound) {
        return Scalar((2.0 * double(rng() >> 11) * (1.0 / 9007199254740992.0) - 1.0) * bound);
    };
    const double bound = 1.0 / std::sqrt(double(inputs_));
    parameters_.setZero();
    for (Eigen::Index j = 0; j < Eigen::Index(experts_) * inputs_; ++j)
        parameters_[expert_weights_at() + j] = symmetric(bound);
    for (Eigen::Index i = 0; i < experts_; ++i)
        parameters_[expert_biases_at() + i] = symmetric(1.0);
    for (Eigen::Index j = 0; j < Eigen::Index(experts_) * inputs_; ++j)
        parameters_[gate_weights_at() + j] = symmetric(bound);
}

template <typename Scalar>
void RegressionMixture<Scalar>::forward(const Matrix<Scalar>& x,
                                        RegressionPass<Scalar>& pass) const {
    const Eigen::Map<const Matrix<Scalar>> w(parameters_.data() + expert_weights_at(), experts_,
                                             inputs_);
    const auto b = parameters_.segment(expert_biases_at(), experts_);
    const Eigen::Map<const Matrix<Scalar>> v(parameters_.data() + gate_weights_at(), experts_,
                                             inputs_);
    const auto c = parameters_.segment(gate_biases_at(), experts_);
    // o_i = w_i . x + b_i: the mean of expert i's Gaussian.
    pass.outputs.noalias() = x * w.transpose();
    pass.outputs.rowwise() += b.transpose();
    pass.logits.noalias() = x * v.transpose();
    pass.logits.rowwise() += c.transpose();
    // p = softmax(logits), shifted by each case's largest logit.
    pass.gate = pass.logits;
    for (Eigen::Index r = 0; r < pass.gate.rows(); ++r) {
        auto row = pass.gate.row(r);
        row.array() = (row.array() - row.maxCoeff()).exp();
        row /= row.sum();
    }
}

template <typename Scalar>
void RegressionMixture<Scalar>::backward(const Matrix<Scalar>& x,
                                         const Matrix<Scalar>& output_gradient,
                                         const Matrix<Scalar>& logit_gradient,
                                         Vector<Scalar>& gradient) const {
    gradient.resize(parameters_.size());
    Eigen::Map<Matrix<Scalar>> dw(gradient.data() + expert_weights_at(), experts_, inputs_);
    Eigen::Map<Matrix<Scalar>> dv(gradient.data() + gate_weights_at(), experts_, inputs_);
    dw.noalias() = output_gradient.transpose() * x;
    gradient.segment(expert_biases_at(), experts_) = output_gradient.colwise().sum().transpose();
    dv.noalias() = logit_gradient.transpose() * x;
    gradient.segment(gate_biases_at(), experts_) = logit_gradient.colwise().sum().transpose();
}

template class RegressionMixture<float>;
template class RegressionMixture<double>;

}  // namespace moelab
