#include "model/forward_backward.h"

#include <algorithm>

#include "training/routing.h"

namespace moelab {

namespace {
// Up to this many inputs the first layer is computed column by column instead of by GEMM: for the
// 2-D teaching sets, D rank-one updates beat a packed GEMM by about 2x.
constexpr int kFewInputs = 4;
}  // namespace

template <typename Scalar>
void ForwardBackward<Scalar>::prepare(const Mixture<Scalar>& model, Eigen::Index cases) {
    const ModelStructure& structure = model.structure();
    const bool same_model = structure_ == &structure && spec_ == model.spec();
    if (same_model && cases == cases_) return;
    structure_ = &structure;
    spec_ = model.spec();
    cases_ = cases;
    const int N = spec_.experts, C = spec_.classes, R = structure.input_layer_rows();
    first_.resize(cases, R);
    first_gradient_.resize(cases, R);
    const bool gate_reads_experts = structure.gate().reads_expert_hidden();
    experts_.resize(size_t(N));
    for (int i = 0; i < N; ++i) {
        experts_[size_t(i)].has_extra_gradient = gate_reads_experts;
        structure.experts()[size_t(i)].network().prepare(experts_[size_t(i)], cases);
    }
    structure.gate().prepare(gate_, cases);
    gate_logits_.resize(cases, N);
    gate_probabilities_.resize(cases, N);
    gate_mask_.resize(cases, N);
    gate_log_normalizer_.resize(cases);
    dense_probabilities_.resize(cases, N);
    dense_log_normalizer_.resize(cases);
    expert_logits_.resize(cases, Eigen::Index(N) * C);
    expert_probabilities_.resize(cases, Eigen::Index(N) * C);
    expert_softmax_scratch_.resize(cases, N);
    softmax_scratch_.resize(cases);
    case_losses_.resize(cases);
    responsibilities_.resize(cases, N);
    gate_logit_gradient_.resize(cases, N);
    expert_logit_gradient_.resize(cases, Eigen::Index(N) * C);
    probability_gradient_.resize(cases, N);
    dense_probability_gradient_.resize(cases, N);
    targets_.resize(cases, C);
    loss_scratch_.resize(cases, N);
    scratch_.resize(cases, std::max(N, C));
}

template <typename Scalar>
void ForwardBackward<Scalar>::first_layer_forward(const Mixture<Scalar>& model,
                                                  const InputBatch<Scalar>& x) {
    const int D = spec_.inputs, R = model.structure().input_layer_rows();
    const auto& params = model.parameters();
    const Eigen::Map<const Matrix<Scalar>> w1(params.data(), R, D);
    const Eigen::Map<const Vector<Scalar>> b1(params.data() + Eigen::Index(R) * D, R);
    // Every network's first layer in one product: first = X W1^T + 1 b1^T.
    if (D <= kFewInputs && !x.row_major()) {
        const auto xc = x.column_major();
        for (int r = 0; r < R; ++r) {
            auto column = first_.col(r).array();
            column = xc.col(0).array() * w1(r, 0) + b1[r];
            for (int d = 1; d < D; ++d) column += xc.col(d).array() * w1(r, d);
        }
        return;
    }
    if (x.row_major()) {
        first_.noalias() = x.row_major_map() * w1.transpose();
    } else {
        first_.noalias() = x.column_major() * w1.transpose();
    }
    first_.rowwise() += b1.transpose();
}

template <typename Scalar>
void ForwardBackward<Scalar>::forward(const Mixture<Scalar>& model, const InputBatch<Scalar>& x,
                                      int routed_experts, bool dense_probabilities) {
    prepare(model, x.rows());
    inputs_ = x;
    const ModelStructure& structure = model.structure();
    const int N = spec_.experts, C = spec_.classes;
    routed_experts_ = std::clamp(routed_experts, 1, N);
    // With a dense gate q = p; only a sparse one needs its own softmax over every expert.
    has_dense_ = dense_probabilities && routed_experts_ < N;
    first_layer_forward(model, x);

    // The experts first: a gate may read their hidden layers.
    for (int i = 0; i < N; ++i) {
        const DenseNetwork& network = structure.experts()[size_t(i)].network();
        network.forward(model.parameters(), ConstMatrixRef<Scalar>(network.first_block(first_)),
                        experts_[size_t(i)],
                        MatrixRef<Scalar>(expert_logits_.middleCols(Eigen::Index(i) * C, C)));
    }
    GatePass<Scalar> gate_pass{model.parameters(), first_, experts_, gate_, gate_logits_};
    structure.gate().forward(gate_pass);

    route_top_k<Scalar>(gate_logits_, routed_experts_, gate_probabilities_, gate_log_normalizer_,
                        gate_mask_, softmax_scratch_);
    if (has_dense_)
        softmax_rows<Scalar>(gate_logits_, dense_probabilities_, dense_log_normalizer_,
                             softmax_scratch_);
    for (int i = 0; i < N; ++i) {
        softmax_rows<Scalar>(expert_logits_.middleCols(Eigen::Index(i) * C, C),
                             expert_probabilities_.middleCols(Eigen::Index(i) * C, C),
                             expert_softmax_scratch_.col(i), softmax_scratch_,
                             /*with_log_normalizer=*/false);
    }
    probability_gradients_used_ = false;
}

template <typename Scalar>
void ForwardBackward<Scalar>::probability_gradients_to_logits() {
    if (!probability_gradients_used_) return;
    if (has_dense_) {
        add_softmax_gradient<Scalar>(dense_probabilities_, dense_probability_gradient_,
                                     gate_logit_gradient_);
    } else {
        probability_gradient_ += dense_probability_gradient_;  // q = p
    }
    add_softmax_gradient<Scalar>(gate_probabilities_, probability_gradient_, gate_logit_gradient_);
}

template <typename Scalar>
void ForwardBackward<Scalar>::first_layer_backward(const Mixture<Scalar>& model,
                                                   const InputBatch<Scalar>& x,
                                                   Vector<Scalar>& gradient) {
    const int D = spec_.inputs, R = model.structure().input_layer_rows();
    // All first layers at once: dW1 = dFirst^T X, db1 = column sums of dFirst.
    Eigen::Map<Matrix<Scalar>> dw1(gradient.data(), R, D);
    if (D <= kFewInputs && !x.row_major()) {
        const auto xc = x.column_major();
        for (int d = 0; d < D; ++d) dw1.col(d).noalias() = first_gradient_.transpose() * xc.col(d);
    } else if (x.row_major()) {
        dw1.noalias() = first_gradient_.transpose() * x.row_major_map();
    } else {
        dw1.noalias() = first_gradient_.transpose() * x.column_major();
    }
    gradient.segment(Eigen::Index(R) * D, R) = first_gradient_.colwise().sum().transpose();
}

template <typename Scalar>
void ForwardBackward<Scalar>::backward(const Mixture<Scalar>& model, const InputBatch<Scalar>& x,
                                       Vector<Scalar>& gradient) {
    const ModelStructure& structure = model.structure();
    const int N = spec_.experts, C = spec_.classes;
    gradient.resize(structure.parameter_count());
    probability_gradients_to_logits();

    // The gate first: a gate that reads the experts' hidden layers adds to their gradients.
    GatePass<Scalar> gate_pass{
        model.parameters(),    first_,    experts_,        gate_, gate_logits_,
        &gate_logit_gradient_, &gradient, &first_gradient_};
    structure.gate().backward(gate_pass);
    for (int i = 0; i < N; ++i) {
        const DenseNetwork& network = structure.experts()[size_t(i)].network();
        network.backward(
            model.parameters(),
            ConstMatrixRef<Scalar>(expert_logit_gradient_.middleCols(Eigen::Index(i) * C, C)),
            experts_[size_t(i)], gradient, MatrixRef<Scalar>(network.first_block(first_gradient_)));
    }
    first_layer_backward(model, x, gradient);
}

template <typename Scalar>
void ForwardBackward<Scalar>::mixture_probabilities(Matrix<Scalar>& y) const {
    const int N = spec_.experts, C = spec_.classes;
    y.setZero(cases_, C);
    for (int i = 0; i < N; ++i)
        for (int c = 0; c < C; ++c)
            y.col(c).array() +=
                gate_probabilities_.col(i).array() * expert_probabilities_.col(i * C + c).array();
}

template <typename Scalar>
Matrix<Scalar> ForwardBackward<Scalar>::mixture_probabilities() const {
    Matrix<Scalar> y;
    mixture_probabilities(y);
    return y;
}

template class ForwardBackward<double>;
template class ForwardBackward<float>;

}  // namespace moelab
