#include "training/routing.h"

#include <cmath>
#include <limits>

namespace moelab {

template <typename Scalar>
void softmax_rows(const Eigen::Ref<const Eigen::Matrix<Scalar, -1, -1>>& logits,
                  Eigen::Ref<Eigen::Matrix<Scalar, -1, -1>> probabilities,
                  Eigen::Ref<Eigen::Matrix<Scalar, -1, 1>> log_normalizer,
                  Eigen::Ref<Eigen::Matrix<Scalar, -1, 1>> scratch, bool with_log_normalizer) {
    // Column loops over contiguous per-case vectors: vectorises across cases. No allocation: a
    // training step runs this several times.
    const Eigen::Index n = logits.cols();
    auto max = log_normalizer.array();
    max = logits.col(0).array();
    for (Eigen::Index j = 1; j < n; ++j) max = max.max(logits.col(j).array());
    for (Eigen::Index j = 0; j < n; ++j)
        probabilities.col(j).array() = (logits.col(j).array() - max).exp();
    auto sum = scratch.array();
    sum = probabilities.col(0).array();
    for (Eigen::Index j = 1; j < n; ++j) sum += probabilities.col(j).array();
    if (with_log_normalizer) max += sum.log();
    sum = sum.inverse();
    for (Eigen::Index j = 0; j < n; ++j) probabilities.col(j).array() *= sum;
}

template <typename Scalar>
void route_top_k(const Eigen::Ref<const Eigen::Matrix<Scalar, -1, -1>>& logits, int k,
                 Eigen::Ref<Eigen::Matrix<Scalar, -1, -1>> probabilities,
                 Eigen::Ref<Eigen::Matrix<Scalar, -1, 1>> log_normalizer,
                 Eigen::Ref<Eigen::Matrix<Scalar, -1, -1>> mask,
                 Eigen::Ref<Eigen::Matrix<Scalar, -1, 1>> scratch) {
    const Eigen::Index n = logits.cols();
    if (k >= n) {
        mask.setOnes();
        softmax_rows<Scalar>(logits, probabilities, log_normalizer, scratch);
        return;
    }
    const Eigen::Index batch = logits.rows();
    mask.setZero();
    for (Eigen::Index b = 0; b < batch; ++b) {
        // Select K times the largest logit not yet kept; n <= 32 so this is cheap and
        // deterministic.
        Scalar max = -std::numeric_limits<Scalar>::infinity();
        for (int chosen = 0; chosen < k; ++chosen) {
            Eigen::Index best = -1;
            for (Eigen::Index j = 0; j < n; ++j) {
                if (mask(b, j) == Scalar(0) && (best < 0 || logits(b, j) > logits(b, best)))
                    best = j;
            }
            mask(b, best) = Scalar(1);
            if (chosen == 0) max = logits(b, best);
        }
        Scalar sum = 0;
        for (Eigen::Index j = 0; j < n; ++j) {
            const Scalar e = mask(b, j) != Scalar(0) ? std::exp(logits(b, j) - max) : Scalar(0);
            probabilities(b, j) = e;
            sum += e;
        }
        for (Eigen::Index j = 0; j < n; ++j) probabilities(b, j) /= sum;
        log_normalizer(b) = max + std::log(sum);
    }
}

template <typename Scalar>
void add_softmax_gradient(const Eigen::Ref<const Eigen::Matrix<Scalar, -1, -1>>& probabilities,
                          const Eigen::Ref<const Eigen::Matrix<Scalar, -1, -1>>& g,
                          Eigen::Ref<Eigen::Matrix<Scalar, -1, -1>> logit_gradient) {
    const Eigen::Index n = probabilities.cols();
    Eigen::Array<Scalar, -1, 1> mean = probabilities.col(0).array() * g.col(0).array();
    for (Eigen::Index j = 1; j < n; ++j) mean += probabilities.col(j).array() * g.col(j).array();
    for (Eigen::Index j = 0; j < n; ++j)
        logit_gradient.col(j).array() += probabilities.col(j).array() * (g.col(j).array() - mean);
}

template void softmax_rows<double>(const Eigen::Ref<const Eigen::MatrixXd>&,
                                   Eigen::Ref<Eigen::MatrixXd>, Eigen::Ref<Eigen::VectorXd>,
                                   Eigen::Ref<Eigen::VectorXd>, bool);
template void softmax_rows<float>(const Eigen::Ref<const Eigen::MatrixXf>&,
                                  Eigen::Ref<Eigen::MatrixXf>, Eigen::Ref<Eigen::VectorXf>,
                                  Eigen::Ref<Eigen::VectorXf>, bool);
template void route_top_k<double>(const Eigen::Ref<const Eigen::MatrixXd>&, int,
                                  Eigen::Ref<Eigen::MatrixXd>, Eigen::Ref<Eigen::VectorXd>,
                                  Eigen::Ref<Eigen::MatrixXd>, Eigen::Ref<Eigen::VectorXd>);
template void route_top_k<float>(const Eigen::Ref<const Eigen::MatrixXf>&, int,
                                 Eigen::Ref<Eigen::MatrixXf>, Eigen::Ref<Eigen::VectorXf>,
                                 Eigen::Ref<Eigen::MatrixXf>, Eigen::Ref<Eigen::VectorXf>);

template void add_softmax_gradient<double>(const Eigen::Ref<const Eigen::MatrixXd>&,
                                           const Eigen::Ref<const Eigen::MatrixXd>&,
                                           Eigen::Ref<Eigen::MatrixXd>);
template void add_softmax_gradient<float>(const Eigen::Ref<const Eigen::MatrixXf>&,
                                          const Eigen::Ref<const Eigen::MatrixXf>&,
                                          Eigen::Ref<Eigen::MatrixXf>);

}  // namespace moelab
