#include "training/loss.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace moelab {

namespace {

template <typename Scalar>
using Column = Eigen::Array<Scalar, Eigen::Dynamic, 1>;

// e_i = 1/2 ||d - o_i||^2 for every case, into column i of `energy` (B x N).
template <typename Scalar>
void squared_errors(const LossInputs<Scalar>& in, Eigen::Matrix<Scalar, -1, -1>& energy) {
    const int C = in.classes;
    for (int i = 0; i < in.experts; ++i) {
        auto e = energy.col(i).array();
        e.setZero();
        for (int c = 0; c < C; ++c) {
            e += (in.expert_probabilities.col(i * C + c) - in.targets.col(c)).array().square();
        }
        e *= Scalar(0.5);
    }
}

// Turns the non-negative weights w_i (columns of `w`, B x N) into h_i = w_i / sum_j w_j in place
// and returns log sum_j w_j per case.
template <typename Scalar>
Column<Scalar> normalise_weights(Eigen::Matrix<Scalar, -1, -1>& w) {
    Column<Scalar> sum = w.col(0).array();
    for (Eigen::Index i = 1; i < w.cols(); ++i) sum += w.col(i).array();
    const Column<Scalar> inverse = sum.inverse();
    for (Eigen::Index i = 0; i < w.cols(); ++i) w.col(i).array() *= inverse;
    return sum.log();
}

// One case of the mixture NLL in log space, from the logits: for the rare case whose every routed
// expert gives its class a probability so small that p_i o_i[y] loses precision or underflows.
template <typename Scalar>
void mixture_nll_in_log_space(const LossInputs<Scalar>& in, Eigen::Index b,
                              LossOutputs<Scalar>& out) {
    const int N = in.experts, C = in.classes, y = in.labels[b];
    Scalar max_a = -std::numeric_limits<Scalar>::infinity();
    for (int i = 0; i < N; ++i) {
        Scalar a = -std::numeric_limits<Scalar>::infinity();
        if (in.gate_mask(b, i) > Scalar(0)) {
            Scalar m = in.expert_logits(b, i * C);
            for (int c = 1; c < C; ++c) m = std::max(m, in.expert_logits(b, i * C + c));
            Scalar sum = 0;
            for (int c = 0; c < C; ++c) sum += std::exp(in.expert_logits(b, i * C + c) - m);
            const Scalar log_o = in.expert_logits(b, i * C + y) - m - std::log(sum);
            a = (in.gate_logits(b, i) - in.gate_log_normalizer(b)) + log_o;  // log p_i + log o_i[y]
        }
        out.responsibilities(b, i) = a;
        max_a = std::max(max_a, a);
    }
    Scalar sum = 0;
    for (int i = 0; i < N; ++i) {
        out.responsibilities(b, i) = std::exp(out.responsibilities(b, i) - max_a);
        sum += out.responsibilities(b, i);
    }
    for (int i = 0; i < N; ++i) out.responsibilities(b, i) /= sum;
    out.case_losses(b) = -(max_a + std::log(sum));
}

// dE/dz_i for an expert whose output gradient is dE/do_i = weight_i * (o_i - d):
// through the softmax, dz_ic = weight_i * o_ic * ((o_ic - d_c) - sum_k o_ik (o_ik - d_k)).
template <typename Scalar>
void squared_error_expert_gradient(const LossInputs<Scalar>& in, int i,
                                   const Column<Scalar>& weight, LossOutputs<Scalar>& out) {
    const int C = in.classes;
    Column<Scalar> inner = Column<Scalar>::Zero(in.targets.rows());
    for (int c = 0; c < C; ++c) {
        const auto o = in.expert_probabilities.col(i * C + c).array();
        inner += o * (o - in.targets.col(c).array());
    }
    for (int c = 0; c < C; ++c) {
        const auto o = in.expert_probabilities.col(i * C + c).array();
        out.expert_logit_gradient.col(i * C + c).array() =
            weight * o * ((o - in.targets.col(c).array()) - inner);
    }
}

// dE/ds_i = p_i (g_i - sum_j p_j g_j) for g_i = dE/dp_i (softmax over the routed experts; p_i = 0
// elsewhere, so unrouted experts get exactly zero).
template <typename Scalar>
void gate_gradient_from_weight_gradient(const LossInputs<Scalar>& in,
                                        const Eigen::Matrix<Scalar, -1, -1>& g, Scalar scale,
                                        LossOutputs<Scalar>& out) {
    Column<Scalar> mean = Column<Scalar>::Zero(g.rows());
    for (int i = 0; i < in.experts; ++i)
        mean += in.gate_probabilities.col(i).array() * g.col(i).array();
    for (int i = 0; i < in.experts; ++i) {
        out.gate_logit_gradient.col(i).array() =
            scale * in.gate_probabilities.col(i).array() * (g.col(i).array() - mean);
    }
}

// Eq. 1 (cooperative): E = 1/2 ||d - sum_i p_i o_i||^2.
template <typename Scalar>
void cooperative(const LossInputs<Scalar>& in, LossOutputs<Scalar>& out, bool with_gradient,
                 Scalar scale) {
    const int C = in.classes, N = in.experts;
    const Eigen::Index B = in.targets.rows();
    // residual r = sum_i p_i o_i - d, kept in `work` (B x C)
    auto residual = out.work.leftCols(C);
    residual = -in.targets;
    for (int i = 0; i < N; ++i)
        for (int c = 0; c < C; ++c)
            residual.col(c).array() += in.gate_probabilities.col(i).array() *
                                       in.expert_probabilities.col(i * C + c).array();
    out.case_losses = Scalar(0.5) * residual.rowwise().squaredNorm();
    out.responsibilities = in.gate_probabilities;
    if (!with_gradient) return;
    // dE/dp_i = g_i = o_i . r ; dE/do_i = p_i r ; dz_ic = p_i o_ic (r_c - g_i).
    Eigen::Matrix<Scalar, -1, -1> g(B, N);
    for (int i = 0; i < N; ++i) {
        Column<Scalar> gi = Column<Scalar>::Zero(B);
        for (int c = 0; c < C; ++c)
            gi += in.expert_probabilities.col(i * C + c).array() * residual.col(c).array();
        g.col(i) = gi.matrix();
        const Column<Scalar> weight = scale * in.gate_probabilities.col(i).array();
        for (int c = 0; c < C; ++c) {
            out.expert_logit_gradient.col(i * C + c).array() =
                weight * in.expert_probabilities.col(i * C + c).array() *
                (residual.col(c).array() - gi);
        }
    }
    gate_gradient_from_weight_gradient(in, g, scale, out);
}

// Eq. 2 (competitive): E = sum_i p_i * 1/2 ||d - o_i||^2.
template <typename Scalar>
void competitive(const LossInputs<Scalar>& in, LossOutputs<Scalar>& out, bool with_gradient,
                 Scalar scale) {
    const int N = in.experts;
    Eigen::Matrix<Scalar, -1, -1> energy(in.targets.rows(), N);
    squared_errors(in, energy);
    out.case_losses = (in.gate_probabilities.array() * energy.array()).rowwise().sum().matrix();
    out.responsibilities = in.gate_probabilities;
    if (!with_gradient) return;
    // dE/do_i = p_i (o_i - d); dE/dp_i = e_i.
    for (int i = 0; i < N; ++i) {
        const Column<Scalar> weight = scale * in.gate_probabilities.col(i).array();
        squared_error_expert_gradient(in, i, weight, out);
    }
    gate_gradient_from_weight_gradient(in, energy, scale, out);
}

// Eq. 3 (competitive log-likelihood): E = -log sum_i p_i exp(-1/2 ||d - o_i||^2).
// With h_i = p_i e^{-e_i} / sum_j p_j e^{-e_j}: dE/do_i = h_i (o_i - d), dE/ds_i = p_i - h_i.
template <typename Scalar>
void competitive_log(const LossInputs<Scalar>& in, LossOutputs<Scalar>& out, bool with_gradient,
                     Scalar scale) {
    const int N = in.experts;
    auto& h = out.responsibilities;
    squared_errors(in, h);  // e_i
    // e_i <= 1 (d and o_i are probability vectors) and the routed p_i sum to 1, so the sum is at
    // least e^-1: computed directly, it can neither underflow nor lose precision.
    for (int i = 0; i < N; ++i)
        h.col(i).array() = in.gate_probabilities.col(i).array() * (-h.col(i).array()).exp();
    out.case_losses = -normalise_weights(h).matrix();
    if (!with_gradient) return;
    for (int i = 0; i < N; ++i) {
        const Column<Scalar> weight = scale * h.col(i).array();
        squared_error_expert_gradient(in, i, weight, out);
    }
    out.gate_logit_gradient = scale * (in.gate_probabilities - h);
}

// Mixture negative log-likelihood (categorical form of eq. 3): E = -log sum_i p_i o_i[y].
// With h_i = p_i o_i[y] / sum_j p_j o_j[y]: dE/dz_i = h_i (o_i - d), dE/ds_i = p_i - h_i.
template <typename Scalar>
void mixture_nll(const LossInputs<Scalar>& in, LossOutputs<Scalar>& out, bool with_gradient,
                 Scalar scale) {
    const int N = in.experts, C = in.classes;
    const Eigen::Index B = in.targets.rows();
    auto& h = out.responsibilities;
    for (int i = 0; i < N; ++i)
        for (Eigen::Index b = 0; b < B; ++b)
            h(b, i) =
                in.gate_probabilities(b, i) * in.expert_probabilities(b, i * C + in.labels[b]);
    out.case_losses = -normalise_weights(h).matrix();
    // Below sqrt(smallest normal) the products lose precision: redo those cases in log space.
    const Scalar precise = std::sqrt(std::numeric_limits<Scalar>::min());
    for (Eigen::Index b = 0; b < B; ++b)
        if (!(out.case_losses(b) < -std::log(precise))) mixture_nll_in_log_space(in, b, out);
    if (!with_gradient) return;
    for (int i = 0; i < N; ++i) {
        const Column<Scalar> weight = scale * h.col(i).array();
        for (int c = 0; c < C; ++c) {
            out.expert_logit_gradient.col(i * C + c).array() =
                weight * (in.expert_probabilities.col(i * C + c) - in.targets.col(c)).array();
        }
    }
    out.gate_logit_gradient = scale * (in.gate_probabilities - h);
}

}  // namespace

template <typename Scalar>
void evaluate_loss(LossType loss, const LossInputs<Scalar>& in, LossOutputs<Scalar>& out,
                   bool with_gradient, Scalar scale) {
    switch (loss) {
        case LossType::Cooperative:
            cooperative(in, out, with_gradient, scale);
            break;
        case LossType::Competitive:
            competitive(in, out, with_gradient, scale);
            break;
        case LossType::CompetitiveLog:
            competitive_log(in, out, with_gradient, scale);
            break;
        case LossType::MixtureNll:
            mixture_nll(in, out, with_gradient, scale);
            break;
    }
}

template void evaluate_loss<double>(LossType, const LossInputs<double>&, LossOutputs<double>&, bool,
                                    double);
template void evaluate_loss<float>(LossType, const LossInputs<float>&, LossOutputs<float>&, bool,
                                   float);

}  // namespace moelab
