#include "training/batch.h"

namespace moelab {

template <typename Scalar>
void Batch<Scalar>::resize(Eigen::Index cases, Eigen::Index features) {
    cases_ = cases;
    row_major_ = features > kColumnMajorFeatures;
    if (row_major_) {
        if (rows_.rows() < cases || rows_.cols() != features) rows_.resize(cases, features);
        columns_.resize(0, 0);
    } else {
        if (columns_.rows() < cases || columns_.cols() != features)
            columns_.resize(cases, features);
        rows_.resize(0, 0);
    }
    if (labels_.size() < size_t(cases)) labels_.resize(size_t(cases));
}

template <typename Scalar>
void Batch<Scalar>::gather(const Dataset& dataset, const Standardizer<Scalar>& standardizer,
                           std::span<const int> rows, Eigen::Index first) {
    const Eigen::Index features = dataset.features.cols();
    // Rows come in shuffled order, which the hardware prefetcher cannot guess: ask for the row
    // after next while this one is converted (many features only; a few fit one cache line).
    constexpr size_t kAhead = 2;
    const size_t line_floats = 64 / sizeof(float);
    for (size_t k = 0; k < rows.size(); ++k) {
        if (row_major_ && k + kAhead < rows.size()) {
            const float* ahead = dataset.features.row(rows[k + kAhead]).data();
            for (Eigen::Index f = 0; f < features; f += Eigen::Index(line_floats)) {
#if defined(__GNUC__)
                __builtin_prefetch(ahead + f);
#endif
            }
        }
        const Eigen::Index target = first + Eigen::Index(k);
        const int row = rows[k];
        labels_[size_t(target)] = dataset.labels[size_t(row)];
        const auto raw = dataset.features.row(row);
        if (row_major_) {
            rows_.row(target).array() = (raw.template cast<Scalar>() - standardizer.mean).array() *
                                        standardizer.inverse_std.array();
        } else {
            for (Eigen::Index d = 0; d < features; ++d)
                columns_(target, d) =
                    (Scalar(raw[d]) - standardizer.mean[d]) * standardizer.inverse_std[d];
        }
    }
}

template <typename Scalar>
InputBatch<Scalar> Batch<Scalar>::inputs() const {
    if (row_major_)
        return InputBatch<Scalar>(rows_.data(), cases_, rows_.cols(), rows_.cols(), true);
    return InputBatch<Scalar>(columns_.data(), cases_, columns_.cols(), columns_.rows(), false);
}

template class Batch<float>;
template class Batch<double>;

}  // namespace moelab
