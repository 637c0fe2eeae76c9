#include "model/mixture.h"

#include <cmath>
#include <random>

#include "errors.h"

namespace moelab {

ModelStructure::ModelStructure(const ModelSpec& spec) : spec_(spec) {
    if (spec.inputs < 1 || spec.classes < 2 || spec.experts < 1)
        throw ConfigError("A model needs at least one input, two classes and one expert.");
    gate_ = make_gate(spec);
    experts_.reserve(size_t(spec.experts));
    for (int i = 0; i < spec.experts; ++i)
        experts_.emplace_back(spec.inputs, spec.expert_hidden, spec.classes);
    input_layer_rows_ = gate_->input_rows();
    for (const Expert& expert : experts_) input_layer_rows_ += expert.input_rows();
    ParameterBinder binder(spec.inputs, input_layer_rows_);
    gate_->bind(binder);
    for (Expert& expert : experts_) expert.network().bind(binder);
    parameter_count_ = binder.size();
}

double ModelStructure::work_per_case() const {
    const double outputs = double(spec_.experts) * (spec_.classes + 1);
    return 2 * double(parameter_count_) + 20 * outputs;
}

std::vector<DenseSlice> ModelStructure::all_layers() const {
    std::vector<DenseSlice> layers = gate_->layers();
    for (const Expert& expert : experts_)
        layers.insert(layers.end(), expert.layers().begin(), expert.layers().end());
    return layers;
}

template <typename Scalar>
Mixture<Scalar>::Mixture(const ModelSpec& spec)
    : structure_(std::make_shared<const ModelStructure>(spec)),
      parameters_(Vector<Scalar>::Zero(structure_->parameter_count())) {}

template <typename Scalar>
Mixture<Scalar>::Mixture(std::shared_ptr<const ModelStructure> structure, Vector<Scalar> parameters)
    : structure_(std::move(structure)), parameters_(std::move(parameters)) {
    if (parameters_.size() != structure_->parameter_count())
        throw ConfigError("The parameter vector does not fit the model's structure.");
}

template <typename Scalar>
void Mixture<Scalar>::initialize(std::uint64_t seed) {
    // mt19937_64 and our own uniform mapping: identical on every platform and library version.
    std::mt19937_64 rng(seed);
    auto uniform = [&rng]() { return double(rng() >> 11) * (1.0 / 9007199254740992.0); };
    parameters_.setZero();
    for (const DenseSlice& layer : structure_->all_layers()) {
        auto w = weights_of<Scalar>(parameters_, layer);
        const double bound = 1.0 / std::sqrt(double(w.cols()));
        for (Eigen::Index c = 0; c < w.cols(); ++c)
            for (Eigen::Index r = 0; r < w.rows(); ++r)
                w(r, c) = Scalar((2.0 * uniform() - 1.0) * bound);
    }
}

template class Mixture<double>;
template class Mixture<float>;

}  // namespace moelab
