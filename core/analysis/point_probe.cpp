#include "analysis/point_probe.h"

#include <cmath>
#include <string>

#include "errors.h"
#include "model/forward_backward.h"

namespace moelab {

template <typename Scalar>
PointProbe probe_standardized(const Mixture<Scalar>& model, const Eigen::VectorXd& standardized,
                              int target, LossType loss, int routed_experts) {
    const ModelSpec& spec = model.spec();
    if (standardized.size() != spec.inputs) {
        throw ConfigError("The point has " + std::to_string(standardized.size()) +
                          " features; the model takes " + std::to_string(spec.inputs) + ".");
    }
    if (target < 0 || target >= spec.classes) {
        throw ConfigError("Class " + std::to_string(target) + " is out of range: the model has " +
                          std::to_string(spec.classes) + " classes.");
    }
    Matrix<Scalar> x = standardized.transpose().cast<Scalar>();
    ForwardBackward<Scalar> pass;
    pass.forward(model, InputBatch<Scalar>(x), routed_experts);

    const int N = pass.experts(), M = pass.components(), C = pass.classes();
    PointProbe probe;
    probe.standardized = standardized;
    probe.target = target;
    probe.loss = loss;
    probe.gate = pass.gate_probabilities().row(0).transpose().template cast<double>();
    probe.routed.resize(size_t(N));
    for (int i = 0; i < N; ++i) probe.routed[size_t(i)] = pass.gate_mask()(0, i) > Scalar(0);
    probe.weight = pass.mixture_weights().row(0).transpose().template cast<double>();
    probe.expert_outputs.resize(M, C);
    for (int m = 0; m < M; ++m)
        for (int c = 0; c < C; ++c)
            probe.expert_outputs(m, c) = double(pass.expert_probabilities()(0, m * C + c));

    const Eigen::VectorXd& w = probe.weight;
    const Eigen::MatrixXd& o = probe.expert_outputs;
    const Eigen::VectorXd d = Eigen::VectorXd::Unit(C, target);
    probe.mixture = o.transpose() * w;

    // e_m = 1/2 ||d - o_m||^2, each component's own squared error.
    Eigen::VectorXd energy(M);
    for (int m = 0; m < M; ++m) energy(m) = 0.5 * (d - o.row(m).transpose()).squaredNorm();

    // The posterior responsibilities: Gaussian (eq. 3) for the squared-error losses, categorical
    // for the mixture NLL.
    Eigen::VectorXd joint(M);
    for (int m = 0; m < M; ++m)
        joint(m) = w(m) * (loss == LossType::MixtureNll ? o(m, target) : std::exp(-energy(m)));
    const double evidence = joint.sum();
    probe.responsibility =
        evidence > 0 ? Eigen::VectorXd(joint / evidence) : Eigen::VectorXd::Zero(M);
    const Eigen::VectorXd& h = probe.responsibility;

    probe.gradient_factor.resize(M);
    probe.output_gradient.setZero(M, C);
    switch (loss) {
        case LossType::Cooperative:
            // Eq. 1: E = 1/2 ||d - sum_j w_j o_j||^2, dE/do_m = -w_m (d - y).
            probe.loss_value = 0.5 * (d - probe.mixture).squaredNorm();
            for (int m = 0; m < M; ++m) {
                probe.gradient_factor(m) = w(m);
                probe.output_gradient.row(m) = -w(m) * (d - probe.mixture).transpose();
            }
            break;
        case LossType::Competitive:
            // Eq. 2: E = sum_j w_j 1/2 ||d - o_j||^2, dE/do_m = -w_m (d - o_m).
            probe.loss_value = w.dot(energy);
            for (int m = 0; m < M; ++m) {
                probe.gradient_factor(m) = w(m);
                probe.output_gradient.row(m) = -w(m) * (d.transpose() - o.row(m));
            }
            break;
        case LossType::CompetitiveLog:
            // Eq. 3: E = -log sum_j w_j exp(-1/2 ||d - o_j||^2), dE/do_m = -h_m (d - o_m).
            probe.loss_value = -std::log(evidence);
            for (int m = 0; m < M; ++m) {
                probe.gradient_factor(m) = h(m);
                probe.output_gradient.row(m) = -h(m) * (d.transpose() - o.row(m));
            }
            break;
        case LossType::MixtureNll:
            // Mixture NLL (categorical eq. 3): E = -log sum_j w_j o_j[c],
            // dE/do_m[c] = -w_m / sum_j w_j o_j[c] = -h_m / o_m[c], 0 on the other classes.
            probe.loss_value = -std::log(evidence);
            for (int m = 0; m < M; ++m) {
                const double factor = evidence > 0 ? w(m) / evidence : 0.0;
                probe.gradient_factor(m) = factor;
                probe.output_gradient(m, target) = -factor;
            }
            break;
    }
    return probe;
}

template <typename Scalar>
PointProbe probe_point(const Mixture<Scalar>& model, const Standardization& standardization,
                       double x, double y, int target, LossType loss, int routed_experts) {
    if (model.spec().inputs != 2 || standardization.mean.size() != 2) {
        throw ConfigError(
            "Probing a point of the plane needs a model of two inputs; this one has " +
            std::to_string(model.spec().inputs) + ".");
    }
    Eigen::MatrixXd raw(1, 2);
    raw << x, y;
    const Eigen::VectorXd standardized = standardization.apply(raw).row(0).transpose();
    return probe_standardized(model, standardized, target, loss, routed_experts);
}

template PointProbe probe_standardized<double>(const Mixture<double>&, const Eigen::VectorXd&, int,
                                               LossType, int);
template PointProbe probe_standardized<float>(const Mixture<float>&, const Eigen::VectorXd&, int,
                                              LossType, int);
template PointProbe probe_point<double>(const Mixture<double>&, const Standardization&, double,
                                        double, int, LossType, int);
template PointProbe probe_point<float>(const Mixture<float>&, const Standardization&, double,
                                       double, int, LossType, int);

}  // namespace moelab
