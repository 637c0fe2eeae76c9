#pragma once
// Where each dense layer of the model lies in its one flat parameter vector.
//
// Every parameter lives in one vector, so optimizers, rollback, determinism checks and files see
// one array. The first layers of all networks (the gate's and every expert's) read the same input,
// so they are stacked into one matrix W1 (R x D, R = the sum of their widths): one GEMM computes
// every first layer of a batch, and one GEMM their weight gradient. W1 comes first (column-major,
// columns R apart), then b1 (R), then every deeper layer in the order the components ask for them.
#include <Eigen/Core>

#include "model/types.h"

namespace moelab {

// One dense layer: weights (rows = outputs, cols = inputs, column-major with a column stride) and
// biases, or a bare matrix without biases (the attentive gate's keys: a bias there would add the
// same amount to every expert's logit and do nothing).
struct DenseSlice {
    Eigen::Index weight_offset = 0;
    Eigen::Index weight_stride = 0;  // distance between two columns
    Eigen::Index bias_offset = 0;    // -1: no biases
    int rows = 0;                    // outputs
    int cols = 0;                    // inputs
    int first_row = -1;  // its rows in the stacked first layer, or -1 for a deeper layer

    bool in_input_layer() const { return first_row >= 0; }
    bool has_biases() const { return bias_offset >= 0; }
};

template <typename Scalar, typename ParameterVector>
WeightMap<Scalar> weights_of(ParameterVector& parameters, const DenseSlice& slice) {
    return WeightMap<Scalar>(parameters.data() + slice.weight_offset, slice.rows, slice.cols,
                             Eigen::OuterStride<>(slice.weight_stride));
}
template <typename Scalar, typename ParameterVector>
ConstWeightMap<Scalar> weights_of(const ParameterVector& parameters, const DenseSlice& slice) {
    return ConstWeightMap<Scalar>(parameters.data() + slice.weight_offset, slice.rows, slice.cols,
                                  Eigen::OuterStride<>(slice.weight_stride));
}
// Its biases (a slice that has_biases()).
template <typename Scalar, typename ParameterVector>
auto biases_of(ParameterVector& parameters, const DenseSlice& slice) {
    return parameters.segment(slice.bias_offset, slice.rows);
}

// Hands out places in the flat vector to the components while the model is built: first the
// total width of the stacked first layer must be known (the sum of the components' widths), then
// each component takes its rows of it and its deeper layers, in a fixed order.
class ParameterBinder {
  public:
    ParameterBinder(int inputs, int input_layer_rows)
        : inputs_(inputs),
          input_layer_rows_(input_layer_rows),
          next_offset_(Eigen::Index(input_layer_rows) * inputs + input_layer_rows) {}

    // The next `rows` rows of the stacked first layer (inputs -> rows).
    DenseSlice input_layer(int rows) {
        DenseSlice slice;
        slice.first_row = next_row_;
        slice.weight_offset = next_row_;
        slice.weight_stride = input_layer_rows_;
        slice.bias_offset = Eigen::Index(input_layer_rows_) * inputs_ + next_row_;
        slice.rows = rows;
        slice.cols = inputs_;
        next_row_ += rows;
        return slice;
    }

    // A deeper layer (cols -> rows), stored after everything handed out before.
    DenseSlice dense(int rows, int cols) {
        DenseSlice slice;
        slice.weight_offset = next_offset_;
        slice.weight_stride = rows;
        slice.rows = rows;
        slice.cols = cols;
        next_offset_ += Eigen::Index(rows) * cols;
        slice.bias_offset = next_offset_;
        next_offset_ += rows;
        return slice;
    }

    // A bare matrix (cols -> rows) without biases, stored after everything handed out before.
    DenseSlice matrix(int rows, int cols) {
        DenseSlice slice;
        slice.weight_offset = next_offset_;
        slice.weight_stride = rows;
        slice.bias_offset = -1;
        slice.rows = rows;
        slice.cols = cols;
        next_offset_ += Eigen::Index(rows) * cols;
        return slice;
    }

    int rows_handed_out() const { return next_row_; }
    Eigen::Index size() const { return next_offset_; }

  private:
    int inputs_;
    int input_layer_rows_;
    int next_row_ = 0;
    Eigen::Index next_offset_;
};

}  // namespace moelab
