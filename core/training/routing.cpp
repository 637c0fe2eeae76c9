#include "training/routing.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

namespace moelab {

RoutingRule RoutingRule::training(const Config& config) {
    RoutingRule rule;
    rule.type = config.routing;
    rule.k = config.routed_experts();
    rule.capacity_factor = config.capacity_factor;
    return rule;
}

RoutingRule RoutingRule::evaluation(const Config& config) {
    RoutingRule rule;
    rule.k = config.routed_experts();
    return rule;
}

Eigen::Index RoutingRule::capacity(Eigen::Index cases, int experts) const {
    const double factor =
        capacity_factor > 0 ? capacity_factor : (type == RoutingType::ExpertChoice ? 1.0 : 0.0);
    if (factor <= 0) return cases;
    // floor(factor K B / N), at least one case (a tiny batch still reaches every expert).
    const double capacity = std::floor(factor * double(k) * double(cases) / double(experts));
    return std::clamp<Eigen::Index>(Eigen::Index(capacity), 1, cases);
}

namespace {

// Per row, the K largest logits (ties: the lower index) into `mask`; the chosen experts in order
// of preference into ranked[b * k + r] when `ranked` is not null.
template <typename Scalar>
void select_top_k(const Eigen::Ref<const Eigen::Matrix<Scalar, -1, -1>>& logits, int k,
                  Eigen::Ref<Eigen::Matrix<Scalar, -1, -1>> mask, std::vector<int>* ranked) {
    const Eigen::Index batch = logits.rows(), n = logits.cols();
    if (ranked) ranked->resize(size_t(batch * k));
    mask.setZero();
    for (Eigen::Index b = 0; b < batch; ++b) {
        for (int chosen = 0; chosen < k; ++chosen) {
            Eigen::Index best = -1;
            for (Eigen::Index j = 0; j < n; ++j) {
                if (mask(b, j) == Scalar(0) && (best < 0 || logits(b, j) > logits(b, best)))
                    best = j;
            }
            mask(b, best) = Scalar(1);
            if (ranked) (*ranked)[size_t(b * k + chosen)] = int(best);
        }
    }
}

}  // namespace

template <typename Scalar>
Eigen::Index choose_experts(const RoutingRule& rule,
                            const Eigen::Ref<const Eigen::Matrix<Scalar, -1, -1>>& logits,
                            Eigen::Ref<Eigen::Matrix<Scalar, -1, -1>> mask,
                            Eigen::Ref<Eigen::Matrix<Scalar, -1, 1>> dropped,
                            RoutingWork<Scalar>& work) {
    const Eigen::Index batch = logits.rows();
    const int n = int(logits.cols());
    dropped.setZero();
    if (batch == 0) return 0;
    if (rule.dense(n)) {
        mask.setOnes();
        return 0;
    }
    const Eigen::Index capacity = rule.capacity(batch, n);
    if (rule.type == RoutingType::ExpertChoice) {
        // Zhou et al. (2022): S = softmax(logits) per case; expert i takes the `capacity` cases
        // with the largest S_i.
        work.scores.resize(batch, n);
        work.scratch.resize(batch);
        work.normalizer.resize(batch);
        softmax_rows<Scalar>(logits, work.scores, work.normalizer, work.scratch, false);
        mask.setZero();
        work.order.resize(size_t(batch));
        for (int i = 0; i < n; ++i) {
            std::iota(work.order.begin(), work.order.end(), 0);
            const auto score = work.scores.col(i);
            std::partial_sort(work.order.begin(), work.order.begin() + capacity, work.order.end(),
                              [&](int a, int b) {
                                  return score(a) > score(b) || (score(a) == score(b) && a < b);
                              });
            for (Eigen::Index r = 0; r < capacity; ++r) mask(work.order[size_t(r)], i) = Scalar(1);
        }
        Eigen::Index unchosen = 0;
        for (Eigen::Index b = 0; b < batch; ++b) {
            if (mask.row(b).sum() == Scalar(0)) {
                dropped(b) = Scalar(1);
                ++unchosen;
            }
        }
        return unchosen;
    }
    const int k = std::clamp(rule.k, 1, n);
    const bool limited = capacity < batch;
    select_top_k<Scalar>(logits, k, mask, limited ? &work.ranked : nullptr);
    if (!limited) return 0;
    // Every case's first choice before any second choice, each in batch order (GShard, Switch).
    work.counts.assign(size_t(n), 0);
    Eigen::Index turned_away = 0;
    for (int rank = 0; rank < k; ++rank) {
        for (Eigen::Index b = 0; b < batch; ++b) {
            const int expert = work.ranked[size_t(b * k + rank)];
            if (work.counts[size_t(expert)] < capacity) {
                ++work.counts[size_t(expert)];
                continue;
            }
            mask(b, expert) = Scalar(0);
            if (dropped(b) == Scalar(0)) ++turned_away;
            dropped(b) = Scalar(1);
        }
    }
    return turned_away;
}

template <typename Scalar>
void softmax_over_mask(const Eigen::Ref<const Eigen::Matrix<Scalar, -1, -1>>& logits,
                       const Eigen::Ref<const Eigen::Matrix<Scalar, -1, -1>>& mask,
                       Eigen::Ref<Eigen::Matrix<Scalar, -1, -1>> probabilities,
                       Eigen::Ref<Eigen::Matrix<Scalar, -1, 1>> log_normalizer,
                       Eigen::Ref<Eigen::Matrix<Scalar, -1, 1>> scratch) {
    constexpr Scalar kNone = -std::numeric_limits<Scalar>::infinity();
    const Eigen::Index n = logits.cols();
    auto max = log_normalizer.array();
    max = (mask.col(0).array() > Scalar(0)).select(logits.col(0).array(), kNone);
    for (Eigen::Index j = 1; j < n; ++j)
        max = max.max((mask.col(j).array() > Scalar(0)).select(logits.col(j).array(), kNone));
    // A row without experts: its maximum is -inf; any finite stand-in keeps exp() finite and the
    // mask zeroes the row.
    max = (max > kNone).select(max, Scalar(0));
    for (Eigen::Index j = 0; j < n; ++j)
        probabilities.col(j).array() = (mask.col(j).array() > Scalar(0))
                                           .select((logits.col(j).array() - max).exp(), Scalar(0));
    auto sum = scratch.array();
    sum = probabilities.col(0).array();
    for (Eigen::Index j = 1; j < n; ++j) sum += probabilities.col(j).array();
    max = (sum > Scalar(0)).select(max + sum.log(), Scalar(0));
    sum = (sum > Scalar(0)).select(sum.inverse(), Scalar(0));
    for (Eigen::Index j = 0; j < n; ++j) probabilities.col(j).array() *= sum;
}

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

template Eigen::Index choose_experts<double>(const RoutingRule&,
                                             const Eigen::Ref<const Eigen::MatrixXd>&,
                                             Eigen::Ref<Eigen::MatrixXd>,
                                             Eigen::Ref<Eigen::VectorXd>, RoutingWork<double>&);
template Eigen::Index choose_experts<float>(const RoutingRule&,
                                            const Eigen::Ref<const Eigen::MatrixXf>&,
                                            Eigen::Ref<Eigen::MatrixXf>,
                                            Eigen::Ref<Eigen::VectorXf>, RoutingWork<float>&);
template void softmax_over_mask<double>(const Eigen::Ref<const Eigen::MatrixXd>&,
                                        const Eigen::Ref<const Eigen::MatrixXd>&,
                                        Eigen::Ref<Eigen::MatrixXd>, Eigen::Ref<Eigen::VectorXd>,
                                        Eigen::Ref<Eigen::VectorXd>);
template void softmax_over_mask<float>(const Eigen::Ref<const Eigen::MatrixXf>&,
                                       const Eigen::Ref<const Eigen::MatrixXf>&,
                                       Eigen::Ref<Eigen::MatrixXf>, Eigen::Ref<Eigen::VectorXf>,
                                       Eigen::Ref<Eigen::VectorXf>);
template void add_softmax_gradient<double>(const Eigen::Ref<const Eigen::MatrixXd>&,
                                           const Eigen::Ref<const Eigen::MatrixXd>&,
                                           Eigen::Ref<Eigen::MatrixXd>);
template void add_softmax_gradient<float>(const Eigen::Ref<const Eigen::MatrixXf>&,
                                          const Eigen::Ref<const Eigen::MatrixXf>&,
                                          Eigen::Ref<Eigen::MatrixXf>);

}  // namespace moelab
