#include "training/data_parallel.h"

#include <omp.h>

#include <algorithm>

namespace moelab {

template <typename Scalar>
Scalar DataParallelGradient<Scalar>::loss_and_gradient(const Mixture<Scalar>& model,
                                                       const Eigen::Ref<const Matrix>& x,
                                                       std::span<const int> labels, LossType loss,
                                                       int top_k, Vector& gradient) {
    const Eigen::Index cases = x.rows();
    const int parts = int(std::clamp<Eigen::Index>(cases / kMinimumCasesPerThread, 1,
                                                   Eigen::Index(omp_get_max_threads())));
    if (passes_.size() < size_t(parts)) {
        passes_.resize(size_t(parts));
        partial_gradients_.resize(size_t(parts));
        partial_losses_.resize(size_t(parts));
    }
    if (parts == 1) return passes_[0].loss_and_gradient(model, x, labels, loss, top_k, gradient);

    const Scalar scale = Scalar(1) / Scalar(cases);
#pragma omp parallel num_threads(parts)
    {
        const int part = omp_get_thread_num();
        const Eigen::Index begin = cases * part / parts, end = cases * (part + 1) / parts;
        partial_losses_[part] = passes_[part].partial_loss_and_gradient(
            model, x.middleRows(begin, end - begin), labels.subspan(begin, end - begin), loss,
            top_k, scale, partial_gradients_[part]);
    }
    gradient = partial_gradients_[0];
    Scalar total = partial_losses_[0];
    for (int part = 1; part < parts; ++part) {
        gradient += partial_gradients_[part];
        total += partial_losses_[part];
    }
    return total * scale;
}

template class DataParallelGradient<double>;
template class DataParallelGradient<float>;

}  // namespace moelab
