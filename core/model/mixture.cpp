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
    if (spec.shared_expert) shared_.emplace(spec.inputs, spec.expert_hidden, spec.classes);
    always_rows_ = gate_->input_rows() + (spec.noisy_gate ? spec.experts : 0) +
                   (shared_ ? shared_->input_rows() : 0);
    input_layer_rows_ = always_rows_;
    for (const Expert& expert : experts_) input_layer_rows_ += expert.input_rows();
    ParameterBinder binder(spec.inputs, input_layer_rows_);
    gate_->bind(binder);
    if (spec.noisy_gate) noise_ = binder.input_layer(spec.experts);
    if (shared_) shared_->network().bind(binder);
    for (Expert& expert : experts_) expert.network().bind(binder);
    parameter_count_ = binder.size();
}

double ModelStructure::work_per_case() const {
    const double outputs = double(components()) * (spec_.classes + 1);
    return 2 * double(parameter_count_) + 20 * outputs;
}

std::vector<DenseSlice> ModelStructure::all_layers() const {
    std::vector<DenseSlice> layers = gate_->layers();
    for (const Expert& expert : experts_)
        layers.insert(layers.end(), expert.layers().begin(), expert.layers().end());
    if (shared_) layers.insert(layers.end(), shared_->layers().begin(), shared_->layers().end());
    if (spec_.noisy_gate) layers.push_back(noise_);
    return layers;
}

namespace {

// Small random weights (uniform in +-1/sqrt(fan_in)) and zero biases for `layers`, from `rng`.
template <typename Scalar>
void initialize_layers(Vector<Scalar>& parameters, const std::vector<DenseSlice>& layers,
                       std::mt19937_64& rng) {
    // Our own uniform mapping: identical on every platform and library version.
    auto uniform = [&rng]() { return double(rng() >> 11) * (1.0 / 9007199254740992.0); };
    for (const DenseSlice& layer : layers) {
        auto w = weights_of<Scalar>(parameters, layer);
        const double bound = 1.0 / std::sqrt(double(w.cols()));
        for (Eigen::Index c = 0; c < w.cols(); ++c)
            for (Eigen::Index r = 0; r < w.rows(); ++r)
                w(r, c) = Scalar((2.0 * uniform() - 1.0) * bound);
    }
}

// The layers of two structures with the same core, paired: the gate's, each expert's, and the
// shared expert's and the noise layer where both have them. Calls `both(from, to)` for each pair
// and `only_to(layer)` for each layer of `to` without a partner.
template <typename Both, typename OnlyTo>
void pair_layers(const ModelStructure& from, const ModelStructure& to, Both both, OnlyTo only_to) {
    auto pair = [&](const std::vector<DenseSlice>& a, const std::vector<DenseSlice>& b) {
        for (size_t l = 0; l < b.size(); ++l) l < a.size() ? both(a[l], b[l]) : only_to(b[l]);
    };
    pair(from.gate().layers(), to.gate().layers());
    for (int i = 0; i < to.expert_count(); ++i)
        pair(from.experts()[size_t(i)].layers(), to.experts()[size_t(i)].layers());
    if (const Expert* shared = to.shared_expert())
        pair(from.shared_expert() ? from.shared_expert()->layers() : std::vector<DenseSlice>{},
             shared->layers());
    if (const DenseSlice* noise = to.noise_layer())
        from.noise_layer() ? both(*from.noise_layer(), *noise) : only_to(*noise);
}

template <typename Scalar>
void copy_layer(const Vector<Scalar>& from_values, const DenseSlice& from,
                Vector<Scalar>& to_values, const DenseSlice& to) {
    weights_of<Scalar>(to_values, to) = weights_of<Scalar>(from_values, from);
    biases_of<Scalar>(to_values, to) = biases_of<Scalar>(from_values, from);
}

}  // namespace

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
    std::mt19937_64 rng(seed);
    parameters_.setZero();
    // The noise layer starts at zero, as in Shazeer et al. (2017): every expert's noise has the
    // same scale softplus(0) until the load term teaches it otherwise.
    std::vector<DenseSlice> layers = structure_->all_layers();
    if (structure_->noise_layer()) layers.pop_back();
    initialize_layers(parameters_, layers, rng);
}

template <typename Scalar>
Mixture<Scalar> Mixture<Scalar>::reshaped(const ModelSpec& spec, std::uint64_t seed) const {
    if (!spec.same_core(this->spec()))
        throw ConfigError("Only the noise and the shared expert can change during a training.");
    Mixture result(spec);
    std::vector<DenseSlice> new_layers;
    pair_layers(
        structure(), result.structure(),
        [&](const DenseSlice& a, const DenseSlice& b) {
            copy_layer(parameters_, a, result.parameters_, b);
        },
        [&](const DenseSlice& b) {
            if (!(result.structure().noise_layer() &&
                  b.first_row == result.structure().noise_layer()->first_row && b.in_input_layer()))
                new_layers.push_back(b);
        });
    // A new shared expert draws from its own stream of the seed.
    std::mt19937_64 rng(seed ^ 0x5ea7ed5ea7ed5ea7ull);
    initialize_layers(result.parameters_, new_layers, rng);
    return result;
}

template <typename Scalar>
Vector<Scalar> Mixture<Scalar>::carried_over(const ModelStructure& to, const Vector<Scalar>& values,
                                             Scalar fill) const {
    Vector<Scalar> result = Vector<Scalar>::Constant(to.parameter_count(), fill);
    pair_layers(
        structure(), to,
        [&](const DenseSlice& a, const DenseSlice& b) { copy_layer(values, a, result, b); },
        [](const DenseSlice&) {});
    return result;
}

template class Mixture<double>;
template class Mixture<float>;

}  // namespace moelab
