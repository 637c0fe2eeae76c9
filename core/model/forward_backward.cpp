#include "model/forward_backward.h"

#include <algorithm>
#include <cmath>
#include <span>

#include "model/routed_first_layer.h"
#include "training/routing.h"

namespace moelab {

namespace {
// Up to this many inputs the first layer is computed column by column instead of by GEMM: for the
// 2-D teaching sets, D rank-one updates beat a packed GEMM by about 2x.
constexpr int kFewInputs = 4;

// Grows `m` to at least rows x cols (never shrinks rows), so a changing row count does not
// allocate.
template <typename M>
void reserve_rows(M& m, Eigen::Index rows, Eigen::Index cols) {
    if (m.rows() < rows || m.cols() != cols) m.resize(std::max(rows, m.rows()), cols);
}

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
    const int M = structure.components();
    components_ = M;
    first_.resize(cases, R);
    first_gradient_.resize(cases, R);
    const bool gate_reads_experts = structure.gate().reads_expert_hidden();
    experts_.resize(size_t(M));
    expert_first_.resize(size_t(N));
    for (int m = 0; m < M; ++m) {
        experts_[size_t(m)].has_extra_gradient = gate_reads_experts && m < N;
        structure.component(m).network().prepare(experts_[size_t(m)], cases);
    }
    for (int i = 0; i < N; ++i)
        reserve_rows(expert_first_[size_t(i)], cases, structure.experts()[size_t(i)].input_rows());
    structure.gate().prepare(gate_, cases);
    for (Matrix<Scalar>* m :
         {&gate_logits_, &noisy_logits_, &noise_, &noise_scale_, &gate_probabilities_, &gate_mask_,
          &dense_probabilities_, &gate_logit_gradient_, &probability_gradient_,
          &dense_probability_gradient_, &clean_logit_gradient_, &noise_scale_gradient_})
        m->resize(cases, N);
    mixture_weights_.resize(cases, M);
    responsibilities_.resize(cases, M);
    loss_scratch_.resize(cases, M);
    for (Vector<Scalar>* v : {&gate_log_normalizer_, &dense_log_normalizer_, &dropped_,
                              &softmax_scratch_, &softmax_sums_, &case_losses_})
        v->resize(cases);
    expert_logits_.resize(cases, Eigen::Index(M) * C);
    expert_probabilities_.resize(cases, Eigen::Index(M) * C);
    expert_logit_gradient_.resize(cases, Eigen::Index(M) * C);
    targets_.resize(cases, C);
    scratch_.resize(cases, std::max(M, C));
    for (Matrix<Scalar>* m : {&packed_logits_, &packed_outputs_, &packed_gradient_})
        reserve_rows(*m, cases, C);
    int widest = 1;
    for (const Expert& expert : structure.experts()) widest = std::max(widest, expert.input_rows());
    reserve_rows(packed_first_gradient_, cases, widest);
    const size_t routed_units =
        size_t(cases) * size_t(RoutedFirstLayer<Scalar>::padded_units(widest));
    if (routed_units_.size() < routed_units) routed_units_.resize(routed_units);
    routed_rows_.resize(size_t(N));
    packed_offset_.resize(size_t(N));
}

template <typename Scalar>
void ForwardBackward<Scalar>::first_layer_forward(const Mixture<Scalar>& model,
                                                  const InputBatch<Scalar>& x, int rows) {
    const int D = spec_.inputs, R = model.structure().input_layer_rows();
    const auto& params = model.parameters();
    // W1 is R x D column-major; its first `rows` rows are the networks this pass needs.
    const Eigen::Map<const Matrix<Scalar>, 0, Eigen::OuterStride<>> w1(params.data(), rows, D,
                                                                       Eigen::OuterStride<>(R));
    const Eigen::Map<const Vector<Scalar>> b1(params.data() + Eigen::Index(R) * D, rows);
    auto first = first_.leftCols(rows);
    // Every network's first layer in one product: first = X W1^T + 1 b1^T.
    if (D <= kFewInputs && !x.row_major()) {
        const auto xc = x.column_major();
        for (int r = 0; r < rows; ++r) {
            auto column = first.col(r).array();
            column = xc.col(0).array() * w1(r, 0) + b1[r];
            for (int d = 1; d < D; ++d) column += xc.col(d).array() * w1(r, d);
        }
        return;
    }
    if (x.row_major()) {
        first.noalias() = x.row_major_map() * w1.transpose();
    } else {
        first.noalias() = x.column_major() * w1.transpose();
    }
    first.rowwise() += b1.transpose();
}

template <typename Scalar>
void ForwardBackward<Scalar>::add_noise(const Mixture<Scalar>& model, const NoiseDraw* noise) {
    // Shazeer et al. (2017), eq. 4: H_i = s_i + eps_i softplus(n_i), n = x W_noise + b_noise.
    const DenseSlice& layer = *model.structure().noise_layer();
    const auto n = first_.middleCols(layer.first_row, layer.rows).array();
    // softplus(n) = log(1 + e^n), written to stay exact for large |n|.
    noise_scale_.array() = n.max(Scalar(0)) + (-n.abs()).exp().log1p();
    if (!noise) return;
    for (int i = 0; i < spec_.experts; ++i)
        for (Eigen::Index b = 0; b < cases_; ++b) noise_(b, i) = Scalar((*noise)(size_t(b), i));
    noisy_logits_ = gate_logits_ + noise_.cwiseProduct(noise_scale_);
}

template <typename Scalar>
void ForwardBackward<Scalar>::forward_gate(const Mixture<Scalar>& model,
                                           const InputBatch<Scalar>& x,
                                           const ForwardSettings& settings) {
    prepare(model, x.rows());
    inputs_ = x;
    const ModelStructure& structure = model.structure();
    const int N = spec_.experts;
    rule_ = settings.rule;
    rule_.k = std::clamp(rule_.k, 1, N);
    dense_probabilities_wanted_ = settings.dense_probabilities;
    const bool gate_reads_experts = structure.gate().reads_expert_hidden();
    sparse_ = settings.sparse_experts && !gate_reads_experts && !rule_.dense(N);
    first_layer_forward(model, x, sparse_ ? structure.always_rows() : structure.input_layer_rows());
    // A gate that reads the experts' hidden layers needs them first.
    if (gate_reads_experts) dense_experts_forward(model, /*routed=*/true, /*shared=*/false);
    GatePass<Scalar> gate_pass{model.parameters(), first_,
                               std::span<NetworkActivations<Scalar>>(experts_.data(), size_t(N)),
                               gate_, gate_logits_};
    structure.gate().forward(gate_pass);
    // The noise scale whenever the model has noise weights (the load term reads it in evaluation
    // too); the noise itself only in training.
    has_noise_scale_ = structure.noise_layer() != nullptr;
    noisy_ = settings.noise != nullptr && has_noise_scale_;
    if (has_noise_scale_) add_noise(model, settings.noise);
}

template <typename Scalar>
void ForwardBackward<Scalar>::forward_experts(const Mixture<Scalar>& model,
                                              const InputBatch<Scalar>& x) {
    const ModelStructure& structure = model.structure();
    const int N = spec_.experts;
    const Matrix<Scalar>& logits = routing_logits();
    if (rule_.dense(N)) {
        softmax_rows<Scalar>(logits, gate_probabilities_, gate_log_normalizer_, softmax_scratch_);
    } else {
        softmax_over_mask<Scalar>(logits, gate_mask_, gate_probabilities_, gate_log_normalizer_,
                                  softmax_scratch_);
    }
    unrouted_cases_ = 0;
    if (rule_.batch_level()) {
        for (Eigen::Index b = 0; b < cases_; ++b)
            unrouted_cases_ += gate_mask_.row(b).sum() == Scalar(0);
    }
    // With a dense gate q = p; only a sparse one needs its own softmax over every expert.
    has_dense_ = dense_probabilities_wanted_ && !rule_.dense(N);
    if (has_dense_)
        softmax_rows<Scalar>(logits, dense_probabilities_, dense_log_normalizer_, softmax_scratch_);

    // The shared expert counts as one more expert of average weight: w = 1 / (K + 1), the routed
    // experts share 1 - w in proportion to p (a case without routed experts: w = 1).
    has_shared_ = structure.shared_expert() != nullptr;
    shared_weight_ = has_shared_ ? Scalar(1) / Scalar(rule_.k + 1) : Scalar(0);
    if (has_shared_) {
        mixture_weights_.leftCols(N) = (Scalar(1) - shared_weight_) * gate_probabilities_;
        mixture_weights_.col(N).setConstant(shared_weight_);
        if (unrouted_cases_ > 0)
            for (Eigen::Index b = 0; b < cases_; ++b)
                if (gate_mask_.row(b).sum() == Scalar(0)) mixture_weights_(b, N) = Scalar(1);
    }

    const bool gate_reads_experts = structure.gate().reads_expert_hidden();
    if (sparse_) {
        sparse_experts_forward(model, x);
        dense_experts_forward(model, /*routed=*/false, /*shared=*/true);
    } else {
        dense_experts_forward(model, /*routed=*/!gate_reads_experts, /*shared=*/true);
    }
    for (int m = sparse_ ? N : 0; m < components_; ++m) expert_softmax(m);
    probability_gradients_used_ = false;
    noise_gradients_used_ = false;
}

template <typename Scalar>
void ForwardBackward<Scalar>::forward(const Mixture<Scalar>& model, const InputBatch<Scalar>& x,
                                      const ForwardSettings& settings) {
    forward_gate(model, x, settings);
    choose_experts_alone();
    forward_experts(model, x);
}

template <typename Scalar>
void ForwardBackward<Scalar>::choose_experts_alone() {
    choose_experts<Scalar>(rule_, routing_logits(), gate_mask_, dropped_, routing_work_);
}

template <typename Scalar>
void ForwardBackward<Scalar>::forward(const Mixture<Scalar>& model, const InputBatch<Scalar>& x,
                                      int routed_experts, bool dense_probabilities) {
    ForwardSettings settings;
    settings.rule.k = routed_experts;
    settings.dense_probabilities = dense_probabilities;
    forward(model, x, settings);
}

template <typename Scalar>
void ForwardBackward<Scalar>::dense_experts_forward(const Mixture<Scalar>& model, bool routed,
                                                    bool shared) {
    const ModelStructure& structure = model.structure();
    const int N = spec_.experts, C = spec_.classes;
    for (int m = routed ? 0 : N; m < (shared ? components_ : N); ++m) {
        const DenseNetwork& network = structure.component(m).network();
        network.forward(model.parameters(), ConstMatrixRef<Scalar>(network.first_block(first_)),
                        experts_[size_t(m)],
                        MatrixRef<Scalar>(expert_logits_.middleCols(Eigen::Index(m) * C, C)));
    }
}

template <typename Scalar>
void ForwardBackward<Scalar>::expert_softmax(int m) {
    const int C = spec_.classes;
    softmax_rows<Scalar>(expert_logits_.middleCols(Eigen::Index(m) * C, C),
                         expert_probabilities_.middleCols(Eigen::Index(m) * C, C), softmax_sums_,
                         softmax_scratch_, /*with_log_normalizer=*/false);
}

template <typename Scalar>
void ForwardBackward<Scalar>::sparse_experts_forward(const Mixture<Scalar>& model,
                                                     const InputBatch<Scalar>& x) {
    const ModelStructure& structure = model.structure();
    const int N = spec_.experts, C = spec_.classes, D = spec_.inputs;
    const int R = structure.input_layer_rows();
    const auto& params = model.parameters();
    // Each expert's cases, then (column-major inputs) their inputs packed expert after expert,
    // one copy per case; row-major inputs are read where they lie.
    Eigen::Index total = 0;
    for (int i = 0; i < N; ++i) {
        std::vector<int>& rows = routed_rows_[size_t(i)];
        rows.clear();
        for (Eigen::Index b = 0; b < cases_; ++b)
            if (gate_mask_(b, i) != Scalar(0)) rows.push_back(int(b));
        packed_offset_[size_t(i)] = total;
        total += Eigen::Index(rows.size());
    }
    first_layer_in_place_ = x.row_major();
    for (const Expert& expert : structure.experts()) {
        const DenseSlice& layer = expert.network().layers()[0];
        first_layer_in_place_ =
            first_layer_in_place_ &&
            RoutedFirstLayer<Scalar>::supported(params.size(), R, D, layer.first_row, layer.rows);
    }
    if (first_layer_in_place_) total = 0;
    if (packed_inputs_.rows() < total || packed_inputs_.cols() != D)
        packed_inputs_.resize(std::max(total, packed_inputs_.rows()), D);
    for (int i = 0; i < N && !first_layer_in_place_; ++i) {
        const std::vector<int>& rows = routed_rows_[size_t(i)];
        const Eigen::Index n = Eigen::Index(rows.size()), offset = packed_offset_[size_t(i)];
        if (x.row_major()) {
            const auto xr = x.row_major_map();
            for (Eigen::Index k = 0; k < n; ++k) packed_inputs_.row(offset + k) = xr.row(rows[k]);
        } else {
            const auto xc = x.column_major();
            for (Eigen::Index k = 0; k < n; ++k) packed_inputs_.row(offset + k) = xc.row(rows[k]);
        }
    }
    for (int i = 0; i < N; ++i) {
        const std::vector<int>& rows = routed_rows_[size_t(i)];
        const Eigen::Index n = Eigen::Index(rows.size()), offset = packed_offset_[size_t(i)];
        auto logits = expert_logits_.middleCols(Eigen::Index(i) * C, C);
        auto outputs = expert_probabilities_.middleCols(Eigen::Index(i) * C, C);
        // Cases the expert did not see: 0, so that a weight of 0 times its output stays 0.
        logits.setZero();
        outputs.setZero();
        if (n == 0) continue;
        const DenseNetwork& network = structure.experts()[size_t(i)].network();
        const DenseSlice& layer = network.layers()[0];
        const auto b1 = params.segment(Eigen::Index(R) * D + layer.first_row, layer.rows);
        auto first = expert_first_[size_t(i)].topRows(n);
        if (first_layer_in_place_) {
            const auto xr = x.row_major_map();
            RoutedFirstLayer<Scalar>::forward(params.data(), R, D, layer.first_row, layer.rows,
                                              xr.data(), xr.outerStride(), rows,
                                              routed_units_.data());
            const Eigen::Index stride = RoutedFirstLayer<Scalar>::padded_units(layer.rows);
            first = Eigen::Map<const RowMatrix<Scalar>, 0, Eigen::OuterStride<>>(
                routed_units_.data(), n, layer.rows, Eigen::OuterStride<>(stride));
        } else {
            const Eigen::Map<const Matrix<Scalar>, 0, Eigen::OuterStride<>> w1(
                params.data() + layer.first_row, layer.rows, D, Eigen::OuterStride<>(R));
            first.noalias() = packed_inputs_.middleRows(offset, n) * w1.transpose();
        }
        first.rowwise() += b1.transpose();
        auto packed_logits = packed_logits_.topRows(n);
        network.forward(params, ConstMatrixRef<Scalar>(first), experts_[size_t(i)],
                        MatrixRef<Scalar>(packed_logits));
        softmax_rows<Scalar>(packed_logits, packed_outputs_.topRows(n), softmax_sums_.head(n),
                             softmax_scratch_.head(n), /*with_log_normalizer=*/false);
        for (Eigen::Index k = 0; k < n; ++k) {
            logits.row(rows[k]) = packed_logits.row(k);
            outputs.row(rows[k]) = packed_outputs_.row(k);
        }
    }
}

template <typename Scalar>
void ForwardBackward<Scalar>::sparse_experts_backward(const Mixture<Scalar>& model,
                                                      Vector<Scalar>& gradient) {
    const ModelStructure& structure = model.structure();
    const int N = spec_.experts, C = spec_.classes, D = spec_.inputs;
    const int R = structure.input_layer_rows();
    Eigen::Map<Matrix<Scalar>> dw1(gradient.data(), R, D);
    for (int i = 0; i < N; ++i) {
        const std::vector<int>& rows = routed_rows_[size_t(i)];
        const Eigen::Index n = Eigen::Index(rows.size()), offset = packed_offset_[size_t(i)];
        const DenseNetwork& network = structure.experts()[size_t(i)].network();
        const DenseSlice& layer = network.layers()[0];
        auto dz = packed_gradient_.topRows(n);
        for (Eigen::Index k = 0; k < n; ++k)
            dz.row(k) = expert_logit_gradient_.block(rows[k], Eigen::Index(i) * C, 1, C);
        auto first_gradient = packed_first_gradient_.topLeftCorner(n, layer.rows);
        network.backward(model.parameters(), ConstMatrixRef<Scalar>(dz), experts_[size_t(i)],
                         gradient, MatrixRef<Scalar>(first_gradient));
        // Its first layer from its own cases: dW1_i = dFirst_i^T X_i, db1_i = column sums.
        auto dw = dw1.middleRows(layer.first_row, layer.rows);
        auto db = gradient.segment(Eigen::Index(R) * D + layer.first_row, layer.rows);
        if (first_layer_in_place_) {
            // g padded with zeros to whole packets, then dW straight into the gradient.
            const Eigen::Index stride = RoutedFirstLayer<Scalar>::padded_units(layer.rows);
            Eigen::Map<RowMatrix<Scalar>, 0, Eigen::OuterStride<>> g(
                routed_units_.data(), n, stride, Eigen::OuterStride<>(stride));
            g.leftCols(layer.rows) = first_gradient;
            g.rightCols(stride - layer.rows).setZero();
            const auto xr = inputs_->row_major_map();
            RoutedFirstLayer<Scalar>::backward(routed_units_.data(), R, D, layer.first_row,
                                               layer.rows, xr.data(), xr.outerStride(), rows,
                                               gradient.data());
            db = first_gradient.colwise().sum().transpose();
            continue;
        }
        if (n == 0) {
            dw.setZero();
            db.setZero();
            continue;
        }
        dw.noalias() = first_gradient.transpose() * packed_inputs_.middleRows(offset, n);
        db = first_gradient.colwise().sum().transpose();
    }
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
                                                   Vector<Scalar>& gradient, int rows) {
    const int D = spec_.inputs, R = model.structure().input_layer_rows();
    // The first `rows` first layers at once: dW1 = dFirst^T X, db1 = column sums of dFirst.
    Eigen::Map<Matrix<Scalar>> whole(gradient.data(), R, D);
    auto dw1 = whole.topRows(rows);
    const auto first_gradient = first_gradient_.leftCols(rows);
    if (D <= kFewInputs && !x.row_major()) {
        const auto xc = x.column_major();
        for (int d = 0; d < D; ++d) dw1.col(d).noalias() = first_gradient.transpose() * xc.col(d);
    } else if (x.row_major()) {
        dw1.noalias() = first_gradient.transpose() * x.row_major_map();
    } else {
        dw1.noalias() = first_gradient.transpose() * x.column_major();
    }
    gradient.segment(Eigen::Index(R) * D, rows) = first_gradient.colwise().sum().transpose();
}

template <typename Scalar>
void ForwardBackward<Scalar>::backward(const Mixture<Scalar>& model, const InputBatch<Scalar>& x,
                                       Vector<Scalar>& gradient) {
    const ModelStructure& structure = model.structure();
    const int N = spec_.experts, C = spec_.classes;
    gradient.resize(structure.parameter_count());
    probability_gradients_to_logits();  // gate_logit_gradient_ = dE/dL

    // The noisy gate: L = s + eps sigma with sigma = softplus(n), so dE/ds = dE/dL (plus a batch
    // term's own dE/ds) and dE/dsigma = dE/dL eps (plus its own), dE/dn = dE/dsigma sigmoid(n),
    // where sigmoid(n) = 1 - exp(-softplus(n)).
    if (const DenseSlice* layer = structure.noise_layer()) {
        auto dn = first_gradient_.middleCols(layer->first_row, layer->rows);
        if (noisy_) {
            if (noise_gradients_used_) {
                noise_scale_gradient_ += gate_logit_gradient_.cwiseProduct(noise_);
            } else {
                noise_scale_gradient_ = gate_logit_gradient_.cwiseProduct(noise_);
            }
            dn.array() =
                noise_scale_gradient_.array() * (Scalar(1) - (-noise_scale_.array()).exp());
        } else {
            dn.setZero();
        }
    }
    if (noisy_ && noise_gradients_used_) gate_logit_gradient_ += clean_logit_gradient_;

    // The gate first: a gate that reads the experts' hidden layers adds to their gradients.
    GatePass<Scalar> gate_pass{model.parameters(),
                               first_,
                               std::span<NetworkActivations<Scalar>>(experts_.data(), size_t(N)),
                               gate_,
                               gate_logits_,
                               &gate_logit_gradient_,
                               &gradient,
                               &first_gradient_};
    structure.gate().backward(gate_pass);
    for (int m = sparse_ ? N : 0; m < components_; ++m) {
        const DenseNetwork& network = structure.component(m).network();
        network.backward(
            model.parameters(),
            ConstMatrixRef<Scalar>(expert_logit_gradient_.middleCols(Eigen::Index(m) * C, C)),
            experts_[size_t(m)], gradient, MatrixRef<Scalar>(network.first_block(first_gradient_)));
    }
    if (sparse_) sparse_experts_backward(model, gradient);
    first_layer_backward(model, x, gradient,
                         sparse_ ? structure.always_rows() : structure.input_layer_rows());
}

template <typename Scalar>
void ForwardBackward<Scalar>::mixture_probabilities(Matrix<Scalar>& y) const {
    const int C = spec_.classes;
    const Matrix<Scalar>& w = mixture_weights();
    y.setZero(cases_, C);
    for (int m = 0; m < components_; ++m)
        for (int c = 0; c < C; ++c)
            y.col(c).array() += w.col(m).array() * expert_probabilities_.col(m * C + c).array();
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
