#pragma once
// The mixture of experts: a gate and N experts over the same (standardised) input, and their
// parameters in one flat vector (see parameter_layout.h).
//
// The structure (spec, components and where their parameters lie) is immutable and shared: a
// float copy for drawing, a double copy for saving and the model in training all point to one.
#include <Eigen/Core>
#include <cstdint>
#include <memory>
#include <optional>
#include <vector>

#include "model/expert.h"
#include "model/gate.h"
#include "model/model_spec.h"
#include "model/types.h"

namespace moelab {

class ModelStructure {
  public:
    explicit ModelStructure(const ModelSpec& spec);

    const ModelSpec& spec() const { return spec_; }
    const Gate& gate() const { return *gate_; }
    // The N routed experts.
    const std::vector<Expert>& experts() const { return experts_; }
    int expert_count() const { return int(experts_.size()); }
    // The shared expert every case uses beside its routed ones (DeepSeek-MoE), or null.
    const Expert* shared_expert() const { return shared_ ? &*shared_ : nullptr; }
    // M: the mixture's components, the routed experts and the shared one.
    int components() const { return expert_count() + (shared_ ? 1 : 0); }
    // The expert of component m (m = N is the shared expert).
    const Expert& component(int m) const {
        return m < expert_count() ? experts_[size_t(m)] : *shared_;
    }
    // The noise layer of a noisy gate: one noise logit per expert, linear in the input, in the
    // stacked first layer; null without noise.
    const DenseSlice* noise_layer() const { return spec_.noisy_gate ? &noise_ : nullptr; }
    // R: rows of the stacked first layer: the gate's, the noise's, the shared expert's (the rows
    // every case needs, see always_rows()), then each routed expert's.
    int input_layer_rows() const { return input_layer_rows_; }
    // The first rows of the stacked layer that every case needs whatever its routing.
    int always_rows() const { return always_rows_; }
    Eigen::Index parameter_count() const { return parameter_count_; }
    // Arithmetic (multiply-adds) to train on one case: forward and backward through every layer,
    // and some twenty operations per output for the softmaxes and the loss. Decides when a batch
    // is worth splitting over threads.
    double work_per_case() const;
    // Every weight block in file order: the gate's, expert 0's, expert 1's, ..., then the shared
    // expert's and the noise layer (so models without them initialise as before).
    std::vector<DenseSlice> all_layers() const;

  private:
    ModelSpec spec_;
    std::unique_ptr<Gate> gate_;
    std::vector<Expert> experts_;
    std::optional<Expert> shared_;
    DenseSlice noise_;
    int input_layer_rows_ = 0;
    int always_rows_ = 0;
    Eigen::Index parameter_count_ = 0;
};

template <typename Scalar>
class Mixture {
  public:
    explicit Mixture(const ModelSpec& spec);
    Mixture(std::shared_ptr<const ModelStructure> structure, Vector<Scalar> parameters);

    const ModelSpec& spec() const { return structure_->spec(); }
    const ModelStructure& structure() const { return *structure_; }
    std::shared_ptr<const ModelStructure> shared_structure() const { return structure_; }
    Vector<Scalar>& parameters() { return parameters_; }
    const Vector<Scalar>& parameters() const { return parameters_; }

    // Small random weights from the seed (uniform in +-1/sqrt(fan_in)) and zero biases, the same
    // numbers on every platform.
    void initialize(std::uint64_t seed);

    // The same model with the switchable parts of `spec` (noise, shared expert; its core must be
    // the same): the weights of every part both have carry over; a new noise layer starts at zero
    // (Shazeer et al. 2017) and a new shared expert at small random weights from `seed`.
    Mixture reshaped(const ModelSpec& spec, std::uint64_t seed) const;
    // `values` laid out like this model's parameters, moved to the layout of `to` (a reshaped
    // model); entries of parts only `to` has get `fill`. For optimizer states.
    Vector<Scalar> carried_over(const ModelStructure& to, const Vector<Scalar>& values,
                                Scalar fill) const;

    // A copy in another precision (float to draw fast, double to save).
    template <typename Other>
    Mixture<Other> cast() const {
        return Mixture<Other>(structure_, parameters_.template cast<Other>());
    }

  private:
    std::shared_ptr<const ModelStructure> structure_;
    Vector<Scalar> parameters_;
};

extern template class Mixture<double>;
extern template class Mixture<float>;

}  // namespace moelab
