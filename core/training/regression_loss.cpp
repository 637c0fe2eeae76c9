#include "training/regression_loss.h"

#include <cmath>

#include "errors.h"

namespace moelab {

template <typename Scalar>
Scalar evaluate_regression_loss(LossType loss, const Matrix<Scalar>& outputs,
                                const Matrix<Scalar>& gate, const Vector<Scalar>& targets,
                                bool with_gradient, Scalar scale,
                                RegressionLossTerms<Scalar>& terms) {
    if (loss == LossType::MixtureNll)
        throw ConfigError(
            "The mixture NLL is the loss of classes; for regression use competitive-log (eq. 3), "
            "its Gaussian form.");
    const Eigen::Index cases = outputs.rows();
    const Eigen::Index experts = outputs.cols();
    terms.case_losses.resize(cases);
    terms.responsibilities.resize(cases, experts);
    if (with_gradient) {
        terms.output_gradient.resize(cases, experts);
        terms.logit_gradient.resize(cases, experts);
    }
    Scalar total = 0;
    for (Eigen::Index b = 0; b < cases; ++b) {
        const Scalar y = targets[b];
        const auto o = outputs.row(b).array();
        const auto p = gate.row(b).array();
        Scalar e = 0;
        switch (loss) {
            case LossType::Cooperative: {
                // eq. 1, Gaussian form: E = 1/2 (y - sum_i p_i o_i)^2; the experts' outputs add
                // up to one prediction m.
                const Scalar m = (p * o).sum();
                const Scalar r = y - m;
                e = Scalar(0.5) * r * r;
                terms.responsibilities.row(b) = gate.row(b);
                if (with_gradient) {
                    // dE/do_i = -r p_i; dE/dp_i = -r o_i, through the softmax:
                    // dE/dlogit_k = p_k (dE/dp_k - sum_i p_i dE/dp_i) = -r p_k (o_k - m).
                    terms.output_gradient.row(b) = (-r * scale) * p;
                    terms.logit_gradient.row(b) = (-r * scale) * p * (o - m);
                }
                break;
            }
            case LossType::Competitive: {
                // eq. 2, Gaussian form: E = sum_i p_i 1/2 (y - o_i)^2; each expert gives a whole
                // prediction, the gate weighs their errors.
                const auto errors = Scalar(0.5) * (y - o).square();
                e = (p * errors).sum();
                terms.responsibilities.row(b) = gate.row(b);
                if (with_gradient) {
                    // dE/do_i = -p_i (y - o_i); dE/dlogit_k = p_k (e_k - E).
                    terms.output_gradient.row(b) = (-scale) * p * (y - o);
                    terms.logit_gradient.row(b) = scale * p * (errors - e);
                }
                break;
            }
            case LossType::CompetitiveLog:
            case LossType::MixtureNll: {
                // eq. 3, Gaussian form: E = -log sum_i p_i exp(-1/2 (y - o_i)^2), computed as a
                // log-sum-exp of log p_i - e_i; the posterior
                // h_i = p_i exp(-e_i) / sum_j p_j exp(-e_j) weighs expert i's gradient.
                const auto errors = Scalar(0.5) * (y - o).square();
                const Column<Scalar> log_terms = p.log() - errors;
                const Scalar top = log_terms.maxCoeff();
                const Column<Scalar> shifted = (log_terms - top).exp();
                const Scalar sum = shifted.sum();
                e = -(top + std::log(sum));
                terms.responsibilities.row(b) = (shifted / sum).transpose();
                if (with_gradient) {
                    // dE/do_i = -h_i (y - o_i); dE/dlogit_k = p_k - h_k.
                    const auto h = terms.responsibilities.row(b).array();
                    terms.output_gradient.row(b) = (-scale) * h * (y - o);
                    terms.logit_gradient.row(b) = scale * (p - h);
                }
                break;
            }
        }
        terms.case_losses[b] = e;
        total += e;
    }
    return total * scale;
}

template float evaluate_regression_loss(LossType, const Matrix<float>&, const Matrix<float>&,
                                        const Vector<float>&, bool, float,
                                        RegressionLossTerms<float>&);
template double evaluate_regression_loss(LossType, const Matrix<double>&, const Matrix<double>&,
                                         const Vector<double>&, bool, double,
                                         RegressionLossTerms<double>&);

}  // namespace moelab
