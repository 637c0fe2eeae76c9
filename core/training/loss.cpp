#include "training/loss.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace moelab {

namespace {

// The inputs and the buffers of one loss evaluation, named as in the paper.
template <typename Scalar>
struct Terms {
    const Matrix<Scalar>& s;               // B x N: gate logits
    const Matrix<Scalar>& p;               // B x N: gate probabilities (0 off the top K)
    const Vector<Scalar>& log_normalizer;  // B: log p_i = s_i - this, on the top K
    const Matrix<Scalar>& mask;            // B x N: 1 on the top K
    const Matrix<Scalar>& z;               // B x N*C: expert logits
    const Matrix<Scalar>& o;               // B x N*C: expert outputs
    std::span<const int> labels;           // B: the class y of each case (d = one-hot(y))
    int N, C;
    Eigen::Index B;
    Vector<Scalar>& E;     // B: the loss of each case
    Matrix<Scalar>& h;     // B x N: responsibilities
    Matrix<Scalar>& ds;    // B x N
    Matrix<Scalar>& dz;    // B x N*C
    Matrix<Scalar>& d;     // B x C: one-hot targets
    Matrix<Scalar>& work;  // B x max(N, C)
};

template <typename Scalar>
Terms<Scalar> terms_of(ForwardBackward<Scalar>& pass, std::span<const int> labels) {
    Matrix<Scalar>& scratch = pass.scratch();
    return Terms<Scalar>{pass.gate_logits(),
                         pass.gate_probabilities(),
                         pass.gate_log_normalizer(),
                         pass.gate_mask(),
                         pass.expert_logits(),
                         pass.expert_probabilities(),
                         labels,
                         pass.experts(),
                         pass.classes(),
                         pass.cases(),
                         pass.case_losses(),
                         pass.responsibilities(),
                         pass.gate_logit_gradient(),
                         pass.expert_logit_gradient(),
                         pass.targets(),
                         scratch};
}

// e_i = 1/2 ||d - o_i||^2 for every case, into column i of `energy` (B x N).
template <typename Scalar>
void squared_errors(const Terms<Scalar>& t, Matrix<Scalar>& energy) {
    for (int i = 0; i < t.N; ++i) {
        auto e = energy.col(i).array();
        e = (t.o.col(i * t.C) - t.d.col(0)).array().square();
        for (int c = 1; c < t.C; ++c) e += (t.o.col(i * t.C + c) - t.d.col(c)).array().square();
        e *= Scalar(0.5);
    }
}

// Turns the non-negative weights w_i (columns of `w`, B x N) into h_i = w_i / sum_j w_j in place
// and writes -log sum_j w_j per case into `losses`; `inverse` is B scratch.
template <typename Scalar, typename Scratch>
void normalise_weights(Matrix<Scalar>& w, Vector<Scalar>& losses, Scratch inverse) {
    auto sum = losses.array();
    sum = w.col(0).array();
    for (Eigen::Index i = 1; i < w.cols(); ++i) sum += w.col(i).array();
    inverse = sum.inverse();
    for (Eigen::Index i = 0; i < w.cols(); ++i) w.col(i).array() *= inverse;
    sum = -sum.log();
}

// One case of the mixture NLL in log space, from the logits: for the rare case whose every routed
// expert gives its class a probability so small that p_i o_i[y] loses precision or underflows.
template <typename Scalar>
void mixture_nll_in_log_space(const Terms<Scalar>& t, Eigen::Index b) {
    const int N = t.N, C = t.C, y = t.labels[b];
    Scalar max_a = -std::numeric_limits<Scalar>::infinity();
    for (int i = 0; i < N; ++i) {
        Scalar a = -std::numeric_limits<Scalar>::infinity();
        if (t.mask(b, i) > Scalar(0)) {
            Scalar m = t.z(b, i * C);
            for (int c = 1; c < C; ++c) m = std::max(m, t.z(b, i * C + c));
            Scalar sum = 0;
            for (int c = 0; c < C; ++c) sum += std::exp(t.z(b, i * C + c) - m);
            const Scalar log_o = t.z(b, i * C + y) - m - std::log(sum);
            a = (t.s(b, i) - t.log_normalizer(b)) + log_o;  // log p_i + log o_i[y]
        }
        t.h(b, i) = a;
        max_a = std::max(max_a, a);
    }
    Scalar sum = 0;
    for (int i = 0; i < N; ++i) {
        t.h(b, i) = std::exp(t.h(b, i) - max_a);
        sum += t.h(b, i);
    }
    for (int i = 0; i < N; ++i) t.h(b, i) /= sum;
    t.E(b) = -(max_a + std::log(sum));
}

// dE/dz_i for an expert whose output gradient is dE/do_i = weight_i (o_i - d), through its
// softmax: dz_ic = weight_i o_ic ((o_ic - d_c) - sum_k o_ik (o_ik - d_k)).
template <typename Scalar, typename Weight>
void squared_error_expert_gradient(const Terms<Scalar>& t, int i, const Weight& weight) {
    const int C = t.C;
    auto inner = t.work.col(0).array();
    inner = t.o.col(i * C).array() * (t.o.col(i * C) - t.d.col(0)).array();
    for (int c = 1; c < C; ++c)
        inner += t.o.col(i * C + c).array() * (t.o.col(i * C + c) - t.d.col(c)).array();
    for (int c = 0; c < C; ++c) {
        const auto o = t.o.col(i * C + c).array();
        t.dz.col(i * C + c).array() = weight * o * ((o - t.d.col(c).array()) - inner);
    }
}

// dE/ds_i = p_i (g_i - sum_j p_j g_j) for g_i = dE/dp_i (softmax over the routed experts; p_i = 0
// elsewhere, so experts that are not routed get exactly zero).
template <typename Scalar>
void gate_gradient_from_weight_gradient(const Terms<Scalar>& t, const Matrix<Scalar>& g,
                                        Scalar scale) {
    auto mean = t.work.col(0).array();
    mean = t.p.col(0).array() * g.col(0).array();
    for (int i = 1; i < t.N; ++i) mean += t.p.col(i).array() * g.col(i).array();
    for (int i = 0; i < t.N; ++i)
        t.ds.col(i).array() = scale * t.p.col(i).array() * (g.col(i).array() - mean);
}

// Eq. 1 (cooperative): E = 1/2 ||d - sum_i p_i o_i||^2.
template <typename Scalar>
void cooperative(const Terms<Scalar>& t, Matrix<Scalar>& g, bool with_gradient, Scalar scale) {
    const int C = t.C, N = t.N;
    // residual r = sum_i p_i o_i - d (B x C), in the one-hot buffer's place: d is not needed again
    // once r is known.
    Matrix<Scalar>& r = t.d;
    r = -r;
    for (int i = 0; i < N; ++i)
        for (int c = 0; c < C; ++c)
            r.col(c).array() += t.p.col(i).array() * t.o.col(i * C + c).array();
    t.E = Scalar(0.5) * r.rowwise().squaredNorm();
    t.h = t.p;
    if (!with_gradient) return;
    // dE/dp_i = g_i = o_i . r ; dE/do_i = p_i r ; dz_ic = p_i o_ic (r_c - g_i).
    for (int i = 0; i < N; ++i) {
        auto gi = g.col(i).array();
        gi = t.o.col(i * C).array() * r.col(0).array();
        for (int c = 1; c < C; ++c) gi += t.o.col(i * C + c).array() * r.col(c).array();
        for (int c = 0; c < C; ++c) {
            t.dz.col(i * C + c).array() =
                scale * t.p.col(i).array() * t.o.col(i * C + c).array() * (r.col(c).array() - gi);
        }
    }
    gate_gradient_from_weight_gradient(t, g, scale);
}

// Eq. 2 (competitive): E = sum_i p_i * 1/2 ||d - o_i||^2.
template <typename Scalar>
void competitive(const Terms<Scalar>& t, Matrix<Scalar>& energy, bool with_gradient, Scalar scale) {
    squared_errors(t, energy);
    t.E = (t.p.array() * energy.array()).rowwise().sum().matrix();
    t.h = t.p;
    if (!with_gradient) return;
    // dE/do_i = p_i (o_i - d); dE/dp_i = e_i.
    for (int i = 0; i < t.N; ++i) squared_error_expert_gradient(t, i, scale * t.p.col(i).array());
    gate_gradient_from_weight_gradient(t, energy, scale);
}

// Eq. 3 (competitive log-likelihood): E = -log sum_i p_i exp(-1/2 ||d - o_i||^2).
// With h_i = p_i e^{-e_i} / sum_j p_j e^{-e_j}: dE/do_i = h_i (o_i - d), dE/ds_i = p_i - h_i.
template <typename Scalar>
void competitive_log(const Terms<Scalar>& t, bool with_gradient, Scalar scale) {
    squared_errors(t, t.h);  // e_i
    // e_i <= 1 (d and o_i are probability vectors) and the routed p_i sum to 1, so the sum is at
    // least e^-1: computed directly, it can neither underflow nor lose precision.
    for (int i = 0; i < t.N; ++i)
        t.h.col(i).array() = t.p.col(i).array() * (-t.h.col(i).array()).exp();
    normalise_weights(t.h, t.E, t.work.col(0).array());
    if (!with_gradient) return;
    for (int i = 0; i < t.N; ++i) squared_error_expert_gradient(t, i, scale * t.h.col(i).array());
    t.ds = scale * (t.p - t.h);
}

// Mixture negative log-likelihood (the categorical form of eq. 3): E = -log sum_i p_i o_i[y].
// With h_i = p_i o_i[y] / sum_j p_j o_j[y]: dE/dz_i = h_i (o_i - d), dE/ds_i = p_i - h_i.
template <typename Scalar>
void mixture_nll(const Terms<Scalar>& t, bool with_gradient, Scalar scale) {
    const int N = t.N, C = t.C;
    // o_i[y] = sum_c o_ic d_c: with the one-hot d, a few vectorised passes instead of a gather.
    for (int i = 0; i < N; ++i) {
        auto h = t.h.col(i).array();
        h = t.o.col(i * C).array() * t.d.col(0).array();
        for (int c = 1; c < C; ++c) h += t.o.col(i * C + c).array() * t.d.col(c).array();
        h *= t.p.col(i).array();
    }
    normalise_weights(t.h, t.E, t.work.col(0).array());
    // Below sqrt(smallest normal) the products lose precision: redo those cases in log space.
    const Scalar precise = -std::log(std::sqrt(std::numeric_limits<Scalar>::min()));
    for (Eigen::Index b = 0; b < t.B; ++b)
        if (!(t.E(b) < precise)) mixture_nll_in_log_space(t, b);
    if (!with_gradient) return;
    for (int i = 0; i < N; ++i) {
        for (int c = 0; c < C; ++c) {
            t.dz.col(i * C + c).array() =
                scale * t.h.col(i).array() * (t.o.col(i * C + c) - t.d.col(c)).array();
        }
    }
    t.ds = scale * (t.p - t.h);
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
}

template void evaluate_main_loss<double>(LossType, ForwardBackward<double>&, std::span<const int>,
                                         bool, double);
template void evaluate_main_loss<float>(LossType, ForwardBackward<float>&, std::span<const int>,
                                        bool, float);

}  // namespace moelab
