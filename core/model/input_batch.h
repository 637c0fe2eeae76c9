#pragma once
// A read-only view of a batch of cases (rows) by features (columns), stored column-major (few
// features: each feature's values over the batch are contiguous, so the first layer vectorises
// across cases) or row-major (many features: each case is contiguous, so gathering a shuffled
// mini-batch is one copy per case). The engine reads either.
#include <Eigen/Core>

#include "model/types.h"

namespace moelab {

template <typename Scalar>
class InputBatch {
  public:
    using ColumnMajorMap = Eigen::Map<const Matrix<Scalar>, 0, Eigen::OuterStride<>>;
    using RowMajorMap = Eigen::Map<const RowMatrix<Scalar>, 0, Eigen::OuterStride<>>;

    InputBatch(const Matrix<Scalar>& x)  // NOLINT: a matrix is a batch
        : data_(x.data()), rows_(x.rows()), cols_(x.cols()), stride_(x.rows()), row_major_(false) {}
    InputBatch(const RowMatrix<Scalar>& x)  // NOLINT
        : data_(x.data()), rows_(x.rows()), cols_(x.cols()), stride_(x.cols()), row_major_(true) {}
    // `stride` is the distance between two columns (column-major) or two rows (row-major).
    InputBatch(const Scalar* data, Eigen::Index rows, Eigen::Index cols, Eigen::Index stride,
               bool row_major)
        : data_(data), rows_(rows), cols_(cols), stride_(stride), row_major_(row_major) {}

    Eigen::Index rows() const { return rows_; }
    Eigen::Index cols() const { return cols_; }
    bool row_major() const { return row_major_; }

    // Cases [begin, begin + count).
    InputBatch middle_rows(Eigen::Index begin, Eigen::Index count) const {
        return InputBatch(data_ + (row_major_ ? begin * stride_ : begin), count, cols_, stride_,
                          row_major_);
    }

    ColumnMajorMap column_major() const {
        return ColumnMajorMap(data_, rows_, cols_, Eigen::OuterStride<>(stride_));
    }
    RowMajorMap row_major_map() const {
        return RowMajorMap(data_, rows_, cols_, Eigen::OuterStride<>(stride_));
    }

  private:
    const Scalar* data_;
    Eigen::Index rows_, cols_, stride_;
    bool row_major_;
};

}  // namespace moelab
