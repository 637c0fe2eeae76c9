#pragma once
// A batch of standardised cases and their labels, gathered from a dataset's raw rows. The
// dataset is held once, in raw units; every batch standardises the rows it takes, which costs
// one multiply-add per value (far less than the first layer's product over the same values).
// Few features are stored column-major (the first layer then vectorises across cases), many
// row-major (a case is one contiguous copy).
#include <Eigen/Core>
#include <span>
#include <vector>

#include "data/dataset.h"
#include "model/input_batch.h"
#include "model/types.h"

namespace moelab {

// Up to this many features a batch is stored column-major.
inline constexpr int kColumnMajorFeatures = 4;

// The standardisation in the engine's precision: x' = (x - mean) * inverse_std.
template <typename Scalar>
struct Standardizer {
    Eigen::Matrix<Scalar, 1, Eigen::Dynamic> mean, inverse_std;

    Standardizer() = default;
    explicit Standardizer(const Standardization& standardization)
        : mean(standardization.mean.transpose().template cast<Scalar>()),
          inverse_std(standardization.std.cwiseInverse().transpose().template cast<Scalar>()) {}
};

template <typename Scalar>
class Batch {
  public:
    // Sizes the batch for `cases` cases of `features` features.
    void resize(Eigen::Index cases, Eigen::Index features);
    // Standardises `rows` of `dataset` into cases [first, first + rows.size()) of the batch, and
    // their labels. Parts of one batch may be gathered by different threads.
    void gather(const Dataset& dataset, const Standardizer<Scalar>& standardizer,
                std::span<const int> rows, Eigen::Index first = 0);

    Eigen::Index size() const { return cases_; }
    InputBatch<Scalar> inputs() const;
    std::span<const int> labels() const { return {labels_.data(), size_t(cases_)}; }

  private:
    Eigen::Index cases_ = 0;
    bool row_major_ = false;
    Matrix<Scalar> columns_;  // cases x features, few features
    RowMatrix<Scalar> rows_;  // cases x features, many features
    std::vector<int> labels_;
};

extern template class Batch<float>;
extern template class Batch<double>;

}  // namespace moelab
