#pragma once
// The matrix and vector types of the engine, for one floating-point precision (float or double).
// Cases are rows: a batch of B cases with D features is B x D, activations are B x units, stored
// column-major so that each unit's values over the batch are contiguous and per-case arithmetic
// vectorises across cases.
#include <Eigen/Core>

namespace moelab {

template <typename Scalar>
using Matrix = Eigen::Matrix<Scalar, Eigen::Dynamic, Eigen::Dynamic>;
template <typename Scalar>
using RowMatrix = Eigen::Matrix<Scalar, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
template <typename Scalar>
using Vector = Eigen::Matrix<Scalar, Eigen::Dynamic, 1>;
template <typename Scalar>
using Column = Eigen::Array<Scalar, Eigen::Dynamic, 1>;

// A view of a column-major matrix or of a block of columns of one (outer stride = column
// distance).
template <typename Scalar>
using MatrixRef = Eigen::Ref<Matrix<Scalar>, 0, Eigen::OuterStride<>>;
template <typename Scalar>
using ConstMatrixRef = Eigen::Ref<const Matrix<Scalar>, 0, Eigen::OuterStride<>>;

// A weight matrix inside the flat parameter vector (its columns may be further apart than its
// rows, when several networks' first layers are stacked).
template <typename Scalar>
using WeightMap = Eigen::Map<Matrix<Scalar>, 0, Eigen::OuterStride<>>;
template <typename Scalar>
using ConstWeightMap = Eigen::Map<const Matrix<Scalar>, 0, Eigen::OuterStride<>>;

}  // namespace moelab
