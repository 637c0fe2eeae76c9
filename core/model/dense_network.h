#pragma once
// A feed-forward network whose first layer lives in the model's stacked first layer: its forward
// pass starts from that layer's pre-activations (one column block of the batch's B x R matrix)
// and applies tanh and the deeper layers; its backward pass ends with the gradient of that block.
// Any depth: hidden = {} is linear (output = the first layer), {16, 8} has two tanh layers.
#include <Eigen/Core>
#include <vector>

#include "model/parameter_layout.h"
#include "model/types.h"

namespace moelab {

// One network's activations for one batch (owned by the workspace of that batch, not by the
// network, so several batches can run through one model at once).
template <typename Scalar>
struct NetworkActivations {
    std::vector<Matrix<Scalar>> hidden;  // B x width of each tanh hidden layer
    // dE/d(last hidden layer) from outside the network (a gate that reads this expert's hidden
    // layer adds to it); used by backward only when `has_extra_gradient` is set.
    Matrix<Scalar> extra_last_hidden_gradient;
    bool has_extra_gradient = false;
    Matrix<Scalar> delta, next_delta;  // backward scratch
};

class DenseNetwork {
  public:
    DenseNetwork(int inputs, std::vector<int> hidden, int outputs);

    int inputs() const { return inputs_; }
    int outputs() const { return outputs_; }
    const std::vector<int>& hidden() const { return hidden_; }
    bool linear() const { return hidden_.empty(); }
    // Width of its block of the stacked first layer.
    int input_rows() const { return hidden_.empty() ? outputs_ : hidden_.front(); }
    // Width of the last hidden layer (0 when linear).
    int last_hidden_width() const { return hidden_.empty() ? 0 : hidden_.back(); }

    // Takes its first layer and its deeper layers from the binder.
    void bind(ParameterBinder& binder);
    // Its layers in forward order; layers()[0] is in the stacked first layer.
    const std::vector<DenseSlice>& layers() const { return layers_; }

    // output (B x outputs) from the batch's stacked first-layer pre-activations (B x R; the
    // network reads its own block of columns).
    template <typename Scalar>
    void forward(const Vector<Scalar>& parameters, const Matrix<Scalar>& first_layer,
                 NetworkActivations<Scalar>& activations, MatrixRef<Scalar> output) const;

    // From dE/d(output) (B x outputs): writes the gradient of its deeper layers into `gradient`
    // (its slices only) and dE/d(its first-layer block) into its columns of
    // `first_layer_gradient` (B x R). Its first layer's weight gradient is left to the stacked
    // layer (one GEMM for every network).
    template <typename Scalar>
    void backward(const Vector<Scalar>& parameters, const ConstMatrixRef<Scalar>& output_gradient,
                  NetworkActivations<Scalar>& activations, Vector<Scalar>& gradient,
                  Matrix<Scalar>& first_layer_gradient) const;

    // Sizes the activation buffers for a batch of `cases`.
    template <typename Scalar>
    void prepare(NetworkActivations<Scalar>& activations, Eigen::Index cases) const;

  private:
    int inputs_;
    std::vector<int> hidden_;
    int outputs_;
    std::vector<DenseSlice> layers_;
};

}  // namespace moelab
