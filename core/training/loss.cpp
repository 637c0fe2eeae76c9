#include "training/loss.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace moelab {

namespace {

// The inputs and the buffers of one loss evaluation, named as in the paper. The mixture has M
// components: the N routed experts, whose weights are the gate probabilities p, and with a shared
// expert one more of fixed weight w (its weights are then ((1 - w) p, w), see ForwardBackward).
template <typename Scalar>
struct Terms {
    const Matrix<Scalar>& s;               // B x N: routing logits (the noisy ones in training)
    const Matrix<Scalar>& p;               // B x N: gate probabilities (0 off the routed experts)
    const Matrix<Scalar>& w;               // B x M: mixture weights (= p without a shared expert)
    const Vector<Scalar>& log_normalizer;  // B: log p_i = s_i - this, on the routed experts
    const Matrix<Scalar>& mask;            // B x N: 1 on the routed experts
    const Matrix<Scalar>& z;               // B x M*C: expert logits
    const Matrix<Scalar>& o;               // B x M*C: expert outputs
    std::span<const int> labels;           // B: the class y of each case (d = one-hot(y))
    int N, M, C;
    Eigen::Index B;
    Scalar shared_weight;  // w, 0 without a shared expert
    Vector<Scalar>& E;     // B: the loss of each case
    Matrix<Scalar>& h;     // B x M: responsibilities
    Matrix<Scalar>& ds;    // B x N
    Matrix<Scalar>& dz;    // B x M*C
    Matrix<Scalar>& d;     // B x C: one-hot targets
    Matrix<Scalar>& work;  // B x max(M, C)
};

template <typename Scalar>
Terms<Scalar> terms_of(ForwardBackward<Scalar>& pass, std::span<const int> labels) {
    Matrix<Scalar>& scratch = pass.scratch();
    return Terms<Scalar>{pass.routing_logits(),
                         pass.gate_probabilities(),
                         pass.mixture_weights(),
                         pass.gate_log_normalizer(),
                         pass.gate_mask(),
                         pass.expert_logits(),
                         pass.expert_probabilities(),
                         labels,
                         pass.experts(),
                         pass.components(),
                         pass.classes(),
                         pass.cases(),
                         pass.shared_weight(),
                         pass.case_losses(),
                         pass.responsibilities(),
                         pass.gate_logit_gradient(),
                         pass.expert_logit_gradient(),
                         pass.targets(),
                         scratch};
}

// e_m = 1/2 ||d - o_m||^2 for every case, into column m of `energy` (B x M).
template <typename Scalar>
void squared_errors(const Terms<Scalar>& t, Matrix<Scalar>& energy) {
    for (int m = 0; m < t.M; ++m) {
        auto e = energy.col(m).array();
        e = (t.o.col(m * t.C) - t.d.col(0)).array().square();
        for (int c = 1; c < t.C; ++c) e += (t.o.col(m * t.C + c) - t.d.col(c)).array().square();
        e *= Scalar(0.5);
    }
}

// Turns the non-negative weights w_m (columns of `w`, B x M) into h_m = w_m / sum_j w_j in place
// and writes -log sum_j w_j per case into `losses`. A division, not a product with 1 / sum: a
// lone component's h is then exactly 1 (x / x), so a network's gate gets exactly no gradient from
// p - h, on every CPU (x * (1 / x) is 1 - 2^-53 for some x: an x86-64-v3 build gave the gate a
// tiny gradient where the AVX-512 build gave none).
template <typename Scalar>
void normalise_weights(Matrix<Scalar>& w, Vector<Scalar>& losses) {
    auto sum = losses.array();
    sum = w.col(0).array();
    for (Eigen::Index i = 1; i < w.cols(); ++i) sum += w.col(i).array();
    for (Eigen::Index i = 0; i < w.cols(); ++i) w.col(i).array() /= sum;
    sum = -sum.log();
}

// log w_m of case b: log p_i = s_i - log_normalizer for a routed expert (plus log(1 - w) beside
// a shared expert), log w for the shared one; -inf where the weight is 0.
template <typename Scalar>
Scalar log_weight(const Terms<Scalar>& t, Eigen::Index b, int m) {
    if (m >= t.N) return std::log(t.w(b, m));
    if (!(t.mask(b, m) > Scalar(0)) || !(t.p(b, m) > Scalar(0)))
        return -std::numeric_limits<Scalar>::infinity();
    const Scalar log_p = t.s(b, m) - t.log_normalizer(b);
    return t.M > t.N ? log_p + std::log1p(-t.shared_weight) : log_p;
}

// One case of the mixture NLL in log space, from the logits: for the rare case whose every expert
// gives its class a probability so small that w_m o_m[y] loses precision or underflows.
template <typename Scalar>
void mixture_nll_in_log_space(const Terms<Scalar>& t, Eigen::Index b) {
    const int M = t.M, C = t.C, y = t.labels[b];
    Scalar max_a = -std::numeric_limits<Scalar>::infinity();
    for (int m = 0; m < M; ++m) {
        Scalar a = log_weight(t, b, m);
        if (a > -std::numeric_limits<Scalar>::infinity()) {
            Scalar top = t.z(b, m * C);
            for (int c = 1; c < C; ++c) top = std::max(top, t.z(b, m * C + c));
            Scalar sum = 0;
            for (int c = 0; c < C; ++c) sum += std::exp(t.z(b, m * C + c) - top);
            a += t.z(b, m * C + y) - top - std::log(sum);  // + log o_m[y]
        }
        t.h(b, m) = a;
        max_a = std::max(max_a, a);
    }
    if (!(max_a > -std::numeric_limits<Scalar>::infinity())) return;  // no expert: cleared later
    Scalar sum = 0;
    for (int m = 0; m < M; ++m) {
        t.h(b, m) = std::exp(t.h(b, m) - max_a);
        sum += t.h(b, m);
    }
    for (int m = 0; m < M; ++m) t.h(b, m) /= sum;
    t.E(b) = -(max_a + std::log(sum));
}

// dE/dz_m for a component whose output gradient is dE/do_m = weight_m (o_m - d), through its
// softmax: dz_mc = weight_m o_mc ((o_mc - d_c) - sum_k o_mk (o_mk - d_k)).
template <typename Scalar, typename Weight>
void squared_error_expert_gradient(const Terms<Scalar>& t, int m, const Weight& weight) {
    const int C = t.C;
    auto inner = t.work.col(0).array();
    inner = t.o.col(m * C).array() * (t.o.col(m * C) - t.d.col(0)).array();
    for (int c = 1; c < C; ++c)
        inner += t.o.col(m * C + c).array() * (t.o.col(m * C + c) - t.d.col(c)).array();
    for (int c = 0; c < C; ++c) {
        const auto o = t.o.col(m * C + c).array();
        t.dz.col(m * C + c).array() = weight * o * ((o - t.d.col(c).array()) - inner);
    }
}

// From g_m = dE/dw_m (B x M) to dE/ds_i: the routed weights are w_i = (1 - w) p_i (w = 0 without
// a shared expert), so dE/dp_i = (1 - w) g_i, and through the softmax over the routed experts
// dE/ds_i = p_i (dE/dp_i - sum_j p_j dE/dp_j); experts that are not routed get exactly zero.
template <typename Scalar>
void gate_gradient_from_weight_gradient(const Terms<Scalar>& t, const Matrix<Scalar>& g,
                                        Scalar scale) {
    const Scalar factor = scale * (Scalar(1) - t.shared_weight);
    auto mean = t.work.col(0).array();
    mean = t.p.col(0).array() * g.col(0).array();
    for (int i = 1; i < t.N; ++i) mean += t.p.col(i).array() * g.col(i).array();
    for (int i = 0; i < t.N; ++i)
        t.ds.col(i).array() = factor * t.p.col(i).array() * (g.col(i).array() - mean);
}

// For eq. 3 and the mixture NLL, where dE/dw_m = -h_m / w_m: dE/ds_i = p_i sum_{j<N} h_j - h_i
// (p - h when every weight is a routed one).
template <typename Scalar>
void gate_gradient_from_responsibilities(const Terms<Scalar>& t, Scalar scale) {
    if (t.M == t.N) {
        t.ds = scale * (t.p - t.h.leftCols(t.N));
        return;
    }
    auto routed = t.work.col(0).array();
    routed = t.h.leftCols(t.N).rowwise().sum().array();
    for (int i = 0; i < t.N; ++i)
        t.ds.col(i).array() = scale * (t.p.col(i).array() * routed - t.h.col(i).array());
}

// Eq. 1 (cooperative): E = 1/2 ||d - sum_m w_m o_m||^2.
template <typename Scalar>
void cooperative(const Terms<Scalar>& t, Matrix<Scalar>& g, bool with_gradient, Scalar scale) {
    const int C = t.C, M = t.M;
    // residual r = sum_m w_m o_m - d (B x C), in the one-hot buffer's place: d is not needed again
    // once r is known.
    Matrix<Scalar>& r = t.d;
    r = -r;
    for (int m = 0; m < M; ++m)
        for (int c = 0; c < C; ++c)
            r.col(c).array() += t.w.col(m).array() * t.o.col(m * C + c).array();
    t.E = Scalar(0.5) * r.rowwise().squaredNorm();
    t.h = t.w;
    if (!with_gradient) return;
    // dE/dw_m = g_m = o_m . r ; dE/do_m = w_m r ; dz_mc = w_m o_mc (r_c - g_m).
    for (int m = 0; m < M; ++m) {
        auto gm = g.col(m).array();
        gm = t.o.col(m * C).array() * r.col(0).array();
        for (int c = 1; c < C; ++c) gm += t.o.col(m * C + c).array() * r.col(c).array();
        for (int c = 0; c < C; ++c) {
            t.dz.col(m * C + c).array() =
                scale * t.w.col(m).array() * t.o.col(m * C + c).array() * (r.col(c).array() - gm);
        }
    }
    gate_gradient_from_weight_gradient(t, g, scale);
}

// Eq. 2 (competitive): E = sum_m w_m * 1/2 ||d - o_m||^2.
template <typename Scalar>
void competitive(const Terms<Scalar>& t, Matrix<Scalar>& energy, bool with_gradient, Scalar scale) {
    squared_errors(t, energy);
    t.E = (t.w.array() * energy.array()).rowwise().sum().matrix();
    t.h = t.w;
    if (!with_gradient) return;
    // dE/do_m = w_m (o_m - d); dE/dw_m = e_m.
    for (int m = 0; m < t.M; ++m) squared_error_expert_gradient(t, m, scale * t.w.col(m).array());
    gate_gradient_from_weight_gradient(t, energy, scale);
}

// Eq. 3 (competitive log-likelihood): E = -log sum_m w_m exp(-1/2 ||d - o_m||^2).
// With h_m = w_m e^{-e_m} / sum_j w_j e^{-e_j}: dE/do_m = h_m (o_m - d), dE/ds_i = p_i - h_i.
template <typename Scalar>
void competitive_log(const Terms<Scalar>& t, bool with_gradient, Scalar scale) {
    squared_errors(t, t.h);  // e_m
    // e_m <= 1 (d and o_m are probability vectors) and the weights sum to 1, so the sum is at
    // least e^-1: computed directly, it can neither underflow nor lose precision.
    for (int m = 0; m < t.M; ++m)
        t.h.col(m).array() = t.w.col(m).array() * (-t.h.col(m).array()).exp();
    normalise_weights(t.h, t.E);
    if (!with_gradient) return;
    for (int m = 0; m < t.M; ++m) squared_error_expert_gradient(t, m, scale * t.h.col(m).array());
    gate_gradient_from_responsibilities(t, scale);
}

// Mixture negative log-likelihood (the categorical form of eq. 3): E = -log sum_m w_m o_m[y].
// With h_m = w_m o_m[y] / sum_j w_j o_j[y]: dE/dz_m = h_m (o_m - d), dE/ds_i = p_i - h_i.
template <typename Scalar>
void mixture_nll(const Terms<Scalar>& t, bool with_gradient, Scalar scale) {
    const int M = t.M, C = t.C;
    // o_m[y] = sum_c o_mc d_c: with the one-hot d, a few vectorised passes instead of a gather.
    for (int m = 0; m < M; ++m) {
        auto h = t.h.col(m).array();
        h = t.o.col(m * C).array() * t.d.col(0).array();
        for (int c = 1; c < C; ++c) h += t.o.col(m * C + c).array() * t.d.col(c).array();
        h *= t.w.col(m).array();
    }
    normalise_weights(t.h, t.E);
    // Below sqrt(smallest normal) the products lose precision: redo those cases in log space.
    const Scalar precise = -std::log(std::sqrt(std::numeric_limits<Scalar>::min()));
    for (Eigen::Index b = 0; b < t.B; ++b)
        if (!(t.E(b) < precise)) mixture_nll_in_log_space(t, b);
    if (!with_gradient) return;
    for (int m = 0; m < M; ++m) {
        for (int c = 0; c < C; ++c) {
            t.dz.col(m * C + c).array() =
                scale * t.h.col(m).array() * (t.o.col(m * C + c) - t.d.col(c)).array();
        }
    }
    gate_gradient_from_responsibilities(t, scale);
}

// Cases routed to no expert (every expert they chose was full, or none chose them) have no
// prediction: they add nothing to the loss and get no gradient.
template <typename Scalar>
void clear_unrouted(const Terms<Scalar>& t, bool with_gradient) {
    for (Eigen::Index b = 0; b < t.B; ++b) {
        if (t.w.row(b).sum() != Scalar(0)) continue;
        t.E(b) = 0;
        t.h.row(b).setZero();
        if (!with_gradient) continue;
        t.ds.row(b).setZero();
        t.dz.row(b).setZero();
    }
}

}  // namespace

template <typename Scalar>
void evaluate_main_loss(LossType loss, ForwardBackward<Scalar>& pass, std::span<const int> labels,
                        bool with_gradient, Scalar scale) {
    const Terms<Scalar> t = terms_of(pass, labels);
    t.d.setZero();
    for (Eigen::Index b = 0; b < t.B; ++b) t.d(b, labels[b]) = Scalar(1);
    switch (loss) {
        case LossType::Cooperative:
            cooperative(t, pass.loss_scratch(), with_gradient, scale);
            break;
        case LossType::Competitive:
            competitive(t, pass.loss_scratch(), with_gradient, scale);
            break;
        case LossType::CompetitiveLog:
            competitive_log(t, with_gradient, scale);
            break;
        case LossType::MixtureNll:
            mixture_nll(t, with_gradient, scale);
            break;
    }
    if (pass.unrouted_cases() > 0) clear_unrouted(t, with_gradient);
}

template void evaluate_main_loss<double>(LossType, ForwardBackward<double>&, std::span<const int>,
                                         bool, double);
template void evaluate_main_loss<float>(LossType, ForwardBackward<float>&, std::span<const int>,
                                        bool, float);

}  // namespace moelab
