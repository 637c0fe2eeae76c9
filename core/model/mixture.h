#pragma once
// The mixture of experts: a gate and N experts over the same (standardised) input, and their
// parameters in one flat vector (see parameter_layout.h).
//
// The structure (spec, components and where their parameters lie) is immutable and shared: a
// float copy for drawing, a double copy for saving and the model in training all point to one.
#include <Eigen/Core>
#include <cstdint>
#include <memory>
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
    const std::vector<Expert>& experts() const { return experts_; }
    int expert_count() const { return int(experts_.size()); }
    // R: rows of the stacked first layer (the gate's first, then each expert's).
    int input_layer_rows() const { return input_layer_rows_; }
    Eigen::Index parameter_count() const { return parameter_count_; }
    // Arithmetic (multiply-adds) to train on one case: forward and backward through every layer,
    // and some twenty operations per output for the softmaxes and the loss. Decides when a batch
    // is worth splitting over threads.
    double work_per_case() const;
    // Every weight block in file order: the gate's, then expert 0's, expert 1's, ...
    std::vector<DenseSlice> all_layers() const;

  private:
    ModelSpec spec_;
    std::unique_ptr<Gate> gate_;
    std::vector<Expert> experts_;
    int input_layer_rows_ = 0;
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
