#include "training/similarity_term.h"

#include <algorithm>
#include <cmath>

namespace moelab {

namespace {

// The weights of the same-expert and the different-experts sums for N experts: 1/N and
// 1/(N^2 - N) (none with one expert).
template <typename Scalar>
struct PairWeights {
    Scalar same, different;
    explicit PairWeights(int experts)
        : same(Scalar(1) / Scalar(experts)),
          different(experts > 1 ? Scalar(1) / Scalar(double(experts) * (experts - 1)) : Scalar(0)) {
    }
};

Eigen::Index group_count(Eigen::Index cases, Eigen::Index max_group) {
    return (cases + max_group - 1) / max_group;
}

// Grows `storage` to at least `size` values (never shrinks it, so it allocates only when a
// larger batch than any before arrives) and returns it as a rows x cols matrix.
template <typename Scalar>
Eigen::Map<Matrix<Scalar>> view(Vector<Scalar>& storage, Eigen::Index rows, Eigen::Index cols) {
    if (storage.size() < rows * cols) storage.resize(rows * cols);
    return Eigen::Map<Matrix<Scalar>>(storage.data(), rows, cols);
}

template <typename Scalar>
Eigen::Map<Vector<Scalar>> view(Vector<Scalar>& storage, Eigen::Index size) {
    if (storage.size() < size) storage.resize(size);
    return Eigen::Map<Vector<Scalar>>(storage.data(), size);
}

// d(a, b) = ||x_a - x_b|| / max ||x_a' - x_b'|| for the rows of `x` (size x D), into `d`
// (size x size), from the Gram matrix: ||x_a - x_b||^2 = ||x_a||^2 + ||x_b||^2 - 2 x_a.x_b.
template <typename Scalar, typename Rows>
void normalised_distances(const Rows& x, Eigen::Map<Matrix<Scalar>> d) {
    const Eigen::Index size = d.rows();
    d.setZero();
    d.template selfadjointView<Eigen::Lower>().rankUpdate(x);  // lower triangle of x x^T
    Scalar largest = 0;
    for (Eigen::Index b = 0; b < size; ++b) {
        const Scalar norm_b = d(b, b);
        for (Eigen::Index a = b + 1; a < size; ++a) {
            const Scalar squared = d(a, a) + norm_b - Scalar(2) * d(a, b);
            const Scalar distance = std::sqrt(std::max(squared, Scalar(0)));
            d(a, b) = distance;
            d(b, a) = distance;  // the upper triangle: never read as a Gram entry
            largest = std::max(largest, distance);
        }
    }
    d.diagonal().setZero();
    if (largest > Scalar(0)) d /= largest;
}

template <typename Scalar>
void normalised_distances(const InputBatch<Scalar>& x, Eigen::Index begin,
                          Eigen::Map<Matrix<Scalar>> d) {
    const Eigen::Index size = d.rows();
    if (x.row_major())
        normalised_distances<Scalar>(x.row_major_map().middleRows(begin, size), d);
    else
        normalised_distances<Scalar>(x.column_major().middleRows(begin, size), d);
}

}  // namespace

// One thread's buffers (see the header): the distances of one group, and for the whole batch
// Y = d q, z = d r and the row sums r, kept for gradient().
template <typename Scalar>
struct SimilarityTerm<Scalar>::Workspace {
    Vector<Scalar> distances, y, z, row_sums;
    const SimilarityTerm* term = nullptr;
    const ForwardBackward<Scalar>* part = nullptr;
    std::uint64_t generation = 0;
    Eigen::Index cases = -1;
    int experts = 0;
};

template <typename Scalar>
void SimilarityTerm<Scalar>::distances(const InputBatch<Scalar>& x, Eigen::Index begin,
                                       Eigen::Index size, Matrix<Scalar>& result) {
    result.resize(size, size);
    normalised_distances<Scalar>(x, begin, Eigen::Map<Matrix<Scalar>>(result.data(), size, size));
}

template <typename Scalar>
void SimilarityTerm<Scalar>::compute(const ForwardBackward<Scalar>& part, Workspace& workspace,
                                     Scalar& pair_sum) const {
    const Matrix<Scalar>& q = part.dense_probabilities();
    const InputBatch<Scalar>& x = part.inputs();
    const Eigen::Index B = q.rows();
    const int N = int(q.cols());
    const PairWeights<Scalar> weights(N);
    auto y = view(workspace.y, B, N);
    auto z = view(workspace.z, B);
    auto r = view(workspace.row_sums, B);
    r = q.rowwise().sum();
    pair_sum = 0;
    const Eigen::Index groups = group_count(B, max_group_);
    for (Eigen::Index g = 0; g < groups; ++g) {
        const Eigen::Index begin = B * g / groups, size = B * (g + 1) / groups - begin;
        auto d = view(workspace.distances, size, size);
        normalised_distances<Scalar>(x, begin, d);
        y.middleRows(begin, size).noalias() = d * q.middleRows(begin, size);
        z.segment(begin, size).noalias() = d * r.segment(begin, size);
        // sum_{a,b} d(a,b) [same q(a).q(b) - different (r_a r_b - q(a).q(b))]
        const Scalar same_expert =
            q.middleRows(begin, size).cwiseProduct(y.middleRows(begin, size)).sum();
        const Scalar any_experts = r.segment(begin, size).dot(z.segment(begin, size));
        pair_sum +=
            (weights.same + weights.different) * same_expert - weights.different * any_experts;
    }
    workspace.term = this;
    workspace.part = &part;
    workspace.cases = B;
    workspace.experts = N;
}

template <typename Scalar>
typename SimilarityTerm<Scalar>::Workspace& SimilarityTerm<Scalar>::thread_workspace() {
    thread_local Workspace workspace;
    return workspace;
}

template <typename Scalar>
void SimilarityTerm<Scalar>::accumulate(const ForwardBackward<Scalar>& part,
                                        Eigen::Ref<Vector<Scalar>> statistics) const {
    Workspace& workspace = thread_workspace();
    Scalar pair_sum = 0;
    compute(part, workspace, pair_sum);
    workspace.generation = ++generation_;
    const Eigen::Index B = part.cases(), groups = group_count(B, max_group_);
    Scalar pairs = 0;
    for (Eigen::Index g = 0; g < groups; ++g) {
        const Scalar size = Scalar(B * (g + 1) / groups - B * g / groups);
        pairs += size * size;
    }
    statistics[0] += pair_sum;
    statistics[1] += pairs;
}

template <typename Scalar>
Scalar SimilarityTerm<Scalar>::value(const Eigen::Ref<const Vector<Scalar>>& statistics,
                                     Eigen::Index, int) const {
    return statistics[1] > Scalar(0) ? weight_ * statistics[0] / statistics[1] : Scalar(0);
}

template <typename Scalar>
void SimilarityTerm<Scalar>::gradient(const Eigen::Ref<const Vector<Scalar>>& statistics,
                                      Eigen::Index, ForwardBackward<Scalar>& part) const {
    if (!(statistics[1] > Scalar(0))) return;
    Workspace& workspace = thread_workspace();
    const Eigen::Index B = part.cases();
    const int N = part.experts();
    if (workspace.term != this || workspace.part != &part ||
        workspace.generation != generation_.load() || workspace.cases != B ||
        workspace.experts != N) {
        Scalar unused = 0;
        compute(part, workspace, unused);
    }
    // dL/dq_i(a) = 2 w / pairs [(same + different) Y_ai - different z_a], with
    // Y = d q and z = d r over a's group.
    const PairWeights<Scalar> weights(N);
    const Scalar scale = Scalar(2) * weight_ / statistics[1];
    const auto y = view(workspace.y, B, N);
    const auto z = view(workspace.z, B);
    part.use_probability_gradients();
    Matrix<Scalar>& gradient = part.dense_probability_gradient();
    gradient += (scale * (weights.same + weights.different)) * y;
    gradient.colwise() -= (scale * weights.different) * z;
}

template class SimilarityTerm<float>;
template class SimilarityTerm<double>;

}  // namespace moelab
