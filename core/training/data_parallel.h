#pragma once
// The batch gradient computed by several OpenMP threads: the batch is cut into one contiguous part
// per thread, each part's gradient is computed with its own buffers, and the parts are added in a
// fixed order, so the same thread count always gives bitwise the same result.
#include <Eigen/Core>
#include <span>
#include <vector>

#include "model/forward_backward.h"

namespace moelab {

template <typename Scalar>
class DataParallelGradient {
  public:
    using Matrix = Eigen::Matrix<Scalar, Eigen::Dynamic, Eigen::Dynamic>;
    using Vector = Eigen::Matrix<Scalar, Eigen::Dynamic, 1>;

    // Mean loss over the batch; `gradient` gets d(mean loss)/d(parameters).
    Scalar loss_and_gradient(const Mixture<Scalar>& model, const Eigen::Ref<const Matrix>& x,
                             std::span<const int> labels, LossType loss, int top_k,
                             Vector& gradient);

    // Below this many cases per thread, splitting costs more than it saves.
    static constexpr Eigen::Index kMinimumCasesPerThread = 512;

  private:
    std::vector<ForwardBackward<Scalar>> passes_;
    std::vector<Vector> partial_gradients_;
    std::vector<Scalar> partial_losses_;
};

extern template class DataParallelGradient<double>;
extern template class DataParallelGradient<float>;

}  // namespace moelab
