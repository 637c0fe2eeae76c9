#pragma once
// A mixture of linear experts for regression (Jacobs et al. 1991 with Gaussian experts): expert i
// predicts the mean o_i = w_i . x + b_i of a unit-variance Gaussian over the real target y, and a
// linear gate gives p = softmax(V x + c). A model of its own beside the classification Mixture:
// that one's experts end in a softmax over classes and its gate reads a stacked first layer built
// for them; here every part is one affine map, short enough to read beside the paper.
#include <Eigen/Core>
#include <cstdint>

#include "model/types.h"

namespace moelab {

// One forward pass over a batch of B cases.
template <typename Scalar>
struct RegressionPass {
    Matrix<Scalar> outputs;  // B x N: each expert's prediction o_i
    Matrix<Scalar> logits;   // B x N: the gate's logits
    Matrix<Scalar> gate;     // B x N: gate probabilities p_i = softmax(logits)_i
};

template <typename Scalar>
class RegressionMixture {
  public:
    RegressionMixture(int inputs, int experts);

    int inputs() const { return inputs_; }
    int experts() const { return experts_; }
    // The flat parameter vector: expert weights (N x D, column-major), expert biases (N), gate
    // weights (N x D), gate biases (N).
    Vector<Scalar>& parameters() { return parameters_; }
    const Vector<Scalar>& parameters() const { return parameters_; }
    Eigen::Index parameter_count() const { return parameters_.size(); }

    // Expert weights uniform in +-1/sqrt(D) and biases uniform in +-1 (so the lines differ from
    // the start), gate weights uniform in +-1/sqrt(D), gate biases zero; from `seed`.
    void initialize(std::uint64_t seed);

    // x: B x D standardised inputs.
    void forward(const Matrix<Scalar>& x, RegressionPass<Scalar>& pass) const;
    // Writes the parameters' gradient from dE/do (B x N) and dE/d(logits) (B x N).
    void backward(const Matrix<Scalar>& x, const Matrix<Scalar>& output_gradient,
                  const Matrix<Scalar>& logit_gradient, Vector<Scalar>& gradient) const;

    template <typename To>
    RegressionMixture<To> cast() const {
        RegressionMixture<To> result(inputs_, experts_);
        result.parameters() = parameters_.template cast<To>();
        return result;
    }

  private:
    Eigen::Index expert_weights_at() const { return 0; }
    Eigen::Index expert_biases_at() const { return Eigen::Index(experts_) * inputs_; }
    Eigen::Index gate_weights_at() const { return expert_biases_at() + experts_; }
    Eigen::Index gate_biases_at() const {
        return gate_weights_at() + Eigen::Index(experts_) * inputs_;
    }

    int inputs_;
    int experts_;
    Vector<Scalar> parameters_;
};

extern template class RegressionMixture<float>;
extern template class RegressionMixture<double>;

}  // namespace moelab
