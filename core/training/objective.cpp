#include "training/objective.h"

#include "training/loss.h"

namespace moelab {

template <typename Scalar>
Objective<Scalar> Objective<Scalar>::from(const Config& config) {
    return Objective(config.loss, make_batch_terms<Scalar>(config));
}

template <typename Scalar>
bool Objective<Scalar>::needs_dense_probabilities() const {
    for (const auto& term : terms_)
        if (term->needs_dense_probabilities()) return true;
    return false;
}

template <typename Scalar>
bool Objective<Scalar>::needs_whole_batch() const {
    for (const auto& term : terms_)
        if (term->needs_whole_batch()) return true;
    return false;
}

template <typename Scalar>
Eigen::Index Objective<Scalar>::statistics_size(int experts) const {
    Eigen::Index size = 0;
    for (const auto& term : terms_) size += term->statistics_size(experts);
    return size;
}

template <typename Scalar>
void Objective<Scalar>::accumulate(const ForwardBackward<Scalar>& part,
                                   Vector<Scalar>& statistics) const {
    Eigen::Index offset = 0;
    for (const auto& term : terms_) {
        const Eigen::Index size = term->statistics_size(part.experts());
        term->accumulate(part, statistics.segment(offset, size));
        offset += size;
    }
}

template <typename Scalar>
Scalar Objective<Scalar>::evaluate(ForwardBackward<Scalar>& part, std::span<const int> labels,
                                   const Vector<Scalar>& statistics, Eigen::Index cases,
                                   bool with_gradient) const {
    evaluate_main_loss<Scalar>(loss_, part, labels, with_gradient, Scalar(1) / Scalar(cases));
    if (with_gradient) {
        Eigen::Index offset = 0;
        for (const auto& term : terms_) {
            const Eigen::Index size = term->statistics_size(part.experts());
            term->gradient(statistics.segment(offset, size), cases, part);
            offset += size;
        }
    }
    return part.case_losses().sum();
}

template <typename Scalar>
Scalar Objective<Scalar>::batch_terms_value(const Vector<Scalar>& statistics, Eigen::Index cases,
                                            int experts) const {
    Scalar total = 0;
    Eigen::Index offset = 0;
    for (const auto& term : terms_) {
        const Eigen::Index size = term->statistics_size(experts);
        total += term->value(statistics.segment(offset, size), cases, experts);
        offset += size;
    }
    return total;
}

template <typename Scalar>
Scalar objective_value(const Objective<Scalar>& objective, ForwardBackward<Scalar>& pass,
                       const Mixture<Scalar>& model, const InputBatch<Scalar>& x,
                       std::span<const int> labels, int routed_experts, Vector<Scalar>* gradient) {
    ForwardSettings settings;
    settings.rule.k = routed_experts;
    return objective_value(objective, pass, model, x, labels, settings, gradient);
}

template <typename Scalar>
Scalar objective_value(const Objective<Scalar>& objective, ForwardBackward<Scalar>& pass,
                       const Mixture<Scalar>& model, const InputBatch<Scalar>& x,
                       std::span<const int> labels, ForwardSettings settings,
                       Vector<Scalar>* gradient) {
    settings.dense_probabilities = objective.needs_dense_probabilities();
    pass.forward(model, x, settings);
    const int N = model.spec().experts;
    Vector<Scalar> statistics = Vector<Scalar>::Zero(objective.statistics_size(N));
    objective.accumulate(pass, statistics);
    const Scalar sum = objective.evaluate(pass, labels, statistics, x.rows(), gradient != nullptr);
    if (gradient) pass.backward(model, x, *gradient);
    return sum / Scalar(x.rows()) + objective.batch_terms_value(statistics, x.rows(), N);
}

template class Objective<float>;
template class Objective<double>;
template float objective_value<float>(const Objective<float>&, ForwardBackward<float>&,
                                      const Mixture<float>&, const InputBatch<float>&,
                                      std::span<const int>, int, Vector<float>*);
template double objective_value<double>(const Objective<double>&, ForwardBackward<double>&,
                                        const Mixture<double>&, const InputBatch<double>&,
                                        std::span<const int>, int, Vector<double>*);
template float objective_value<float>(const Objective<float>&, ForwardBackward<float>&,
                                      const Mixture<float>&, const InputBatch<float>&,
                                      std::span<const int>, ForwardSettings, Vector<float>*);
template double objective_value<double>(const Objective<double>&, ForwardBackward<double>&,
                                        const Mixture<double>&, const InputBatch<double>&,
                                        std::span<const int>, ForwardSettings, Vector<double>*);

}  // namespace moelab
