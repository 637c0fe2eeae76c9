#pragma once
// Models with a noisy gate whose noise weights are large enough to matter (a new noise layer
// starts at zero), for the tests of the noisy grid and of the noise's flips.
#include <random>
#include <vector>

#include "model/mixture.h"
#include "model/parameter_layout.h"

namespace moelab::testing_support {

struct NoisyCase {
    const char* name;
    int classes, experts;
    std::vector<int> expert_hidden, gate_hidden;
    int top_k;
    bool shared_expert = false;
};

inline const std::vector<NoisyCase>& noisy_cases() {
    static const std::vector<NoisyCase> cases{
        {"linear gate, top-2 of 4", 3, 4, {3}, {}, 2},
        {"MLP gate, dense", 4, 3, {}, {5}, 3},
        {"top-1 of 5", 2, 5, {4, 3}, {}, 1},
        {"a shared expert beside top-3 of 6", 3, 6, {}, {4}, 3, true},
    };
    return cases;
}

// A model with large weights, and noise weights large enough to move the boundaries of a small
// raster and re-route many cases (a new noise layer starts at zero).
inline Mixture<double> noisy_model(const NoisyCase& c, std::uint64_t seed) {
    ModelSpec spec;
    spec.inputs = 2;
    spec.classes = c.classes;
    spec.experts = c.experts;
    spec.expert_hidden = c.expert_hidden;
    spec.gate = c.gate_hidden.empty() ? GateType::Linear : GateType::Mlp;
    spec.gate_hidden = c.gate_hidden;
    spec.shared_expert = c.shared_expert;
    spec.noisy_gate = true;
    Mixture<double> model(spec);
    model.initialize(seed);
    model.parameters() *= 4.0;
    const DenseSlice& noise = *model.structure().noise_layer();
    std::mt19937_64 random(seed);
    std::uniform_real_distribution<double> uniform(-1.5, 1.5);
    for (Eigen::Index k = 0; k < weights_of<double>(model.parameters(), noise).size(); ++k)
        weights_of<double>(model.parameters(), noise).data()[k] = uniform(random);
    // Biases about 1: noise scales from about 0.3 to several logits across the raster.
    for (Eigen::Index k = 0; k < noise.rows; ++k)
        biases_of<double>(model.parameters(), noise)[k] = 0.5 + uniform(random);
    return model;
}

}  // namespace moelab::testing_support
