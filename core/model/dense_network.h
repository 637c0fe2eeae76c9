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
// network, so several batches can run through one model at once). The buffers are sized for the
// largest batch (prepare()); a pass over fewer rows (an expert that sees only the cases routed to
// it) uses their top `rows` rows, so a changing row count never allocates.
template <typename Scalar>
struct NetworkActivations {
    std::vector<Matrix<Scalar>> hidden;  // (at least rows) x width of each tanh hidden layer
    Eigen::Index rows = 0;               // rows of the last forward pass
    // dE/d(last hidden layer) from outside the network (a gate that reads this expert's hidden
    // layer adds to it); used by backward only when `has_extra_gradient` is set.
    Matrix<Scalar> extra_last_hidden_gradient;
    bool has_extra_gradient = false;
    Matrix<Scalar> delta, next_delta;  // backward scratch
    // Buffers of a gate that is more than one network (the attentive gate's query and keys),
    // sized by its prepare(); a DenseNetwork leaves them alone.
    std::vector<Matrix<Scalar>> extra;

    // The last hidden layer of the last forward pass (rows x width).
    auto last_hidden() const { return hidden.back().topRows(rows); }
    auto last_hidden() { return hidden.back().topRows(rows); }
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

    // Its block of columns of a batch's stacked first layer (B x R): B x input_rows().
    template <typename Stacked>
    auto first_block(Stacked& stacked) const {
        return stacked.middleCols(layers_[0].first_row, layers_[0].rows);
    }

    // Takes its first layer and its deeper layers from the binder.
    void bind(ParameterBinder& binder);
    // Its layers in forward order; layers()[0] is in the stacked first layer.
    const std::vector<DenseSlice>& layers() const { return layers_; }

    // output (n x outputs) from this network's block of the first layer's pre-activations
    // (n x input_rows(): its columns of the stacked first layer, or its own first layer over the
    // n cases routed to it). `activations` must be prepared for at least n rows.
    template <typename Scalar>
    void forward(const Vector<Scalar>& parameters, const ConstMatrixRef<Scalar>& first_layer,
                 NetworkActivations<Scalar>& activations, MatrixRef<Scalar> output) const;

    // From dE/d(output) (n x outputs): writes the gradient of its deeper layers into `gradient`
    // (its slices only) and dE/d(its first-layer block) into `first_layer_gradient`
    // (n x input_rows()). Its first layer's weight gradient is left to the caller (one GEMM for
    // every network of the stacked layer, or one per expert over its routed cases).
    template <typename Scalar>
    void backward(const Vector<Scalar>& parameters, const ConstMatrixRef<Scalar>& output_gradient,
                  NetworkActivations<Scalar>& activations, Vector<Scalar>& gradient,
                  MatrixRef<Scalar> first_layer_gradient) const;

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
