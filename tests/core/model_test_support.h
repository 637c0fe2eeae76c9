#pragma once
// Small conveniences for tests of the model and the objective.
#include <Eigen/Core>
#include <algorithm>
#include <span>
#include <type_traits>
#include <vector>

#include "model/forward_backward.h"
#include "model/mixture.h"
#include "training/objective.h"

namespace moelab::testing_support {

// A model spec: experts' and gate's hidden widths given as lists (empty = linear).
inline ModelSpec spec_of(int inputs, int classes, int experts, std::vector<int> expert_hidden = {},
                         std::vector<int> gate_hidden = {}) {
    ModelSpec spec;
    spec.inputs = inputs;
    spec.classes = classes;
    spec.experts = experts;
    spec.expert_hidden = std::move(expert_hidden);
    spec.gate = gate_hidden.empty() ? GateType::Linear : GateType::Mlp;
    spec.gate_hidden = std::move(gate_hidden);
    return spec;
}

// Network 0 is the gate, network i + 1 is expert i: the slice of `layer` of that network.
inline DenseSlice layer_of(const ModelStructure& structure, int network, int layer) {
    return network == 0 ? structure.gate().layers().at(size_t(layer))
                        : structure.experts().at(size_t(network - 1)).layers().at(size_t(layer));
}

template <typename Scalar>
WeightMap<Scalar> weights(Mixture<Scalar>& model, int network, int layer) {
    return weights_of<Scalar>(model.parameters(), layer_of(model.structure(), network, layer));
}

// An objective with the main loss and optional batch-term weights.
template <typename Scalar>
Objective<Scalar> objective_of(LossType loss, double balance = 0, double importance = 0) {
    Config config;
    config.loss = loss;
    config.balance_weight = balance;
    config.importance_weight = importance;
    return Objective<Scalar>::from(config);
}

// The batch mean of the objective (and its gradient when `gradient` is given), in one part.
template <typename Scalar>
Scalar loss_of(const Mixture<Scalar>& model, const Matrix<Scalar>& x, const std::vector<int>& y,
               const Objective<Scalar>& objective, int routed_experts,
               std::type_identity_t<Vector<Scalar>>* gradient = nullptr,
               std::type_identity_t<ForwardBackward<Scalar>>* pass = nullptr) {
    ForwardBackward<Scalar> local;
    ForwardBackward<Scalar>& used = pass ? *pass : local;
    return objective_value(objective, used, model, InputBatch<Scalar>(x), std::span<const int>(y),
                           routed_experts, gradient);
}

// The smallest gap over the batch between the K-th and (K+1)-th largest gate logit and, with
// `top_choice`, between the two largest (the load-balancing term counts top choices): finite
// differences are valid only away from routing ties.
inline double tie_gap(const Eigen::MatrixXd& logits, int k, bool top_choice = true) {
    double gap = 1e9;
    for (Eigen::Index b = 0; b < logits.rows(); ++b) {
        std::vector<double> row;
        for (Eigen::Index j = 0; j < logits.cols(); ++j) row.push_back(logits(b, j));
        std::sort(row.rbegin(), row.rend());
        if (top_choice) gap = std::min(gap, row[0] - row[1]);
        if (k < logits.cols()) gap = std::min(gap, row[size_t(k) - 1] - row[size_t(k)]);
    }
    return gap;
}

// The central-difference gradient, step h, of `loss()` (which reads the model's parameters) at
// the model's current parameters, which it leaves as they were.
template <typename Loss>
Eigen::VectorXd central_differences(Mixture<double>& model, Loss&& loss, double h = 1e-6) {
    Eigen::VectorXd numeric(model.parameters().size());
    for (Eigen::Index j = 0; j < numeric.size(); ++j) {
        const double saved = model.parameters()[j];
        model.parameters()[j] = saved + h;
        const double plus = loss();
        model.parameters()[j] = saved - h;
        const double minus = loss();
        model.parameters()[j] = saved;
        numeric[j] = (plus - minus) / (2 * h);
    }
    return numeric;
}

}  // namespace moelab::testing_support
