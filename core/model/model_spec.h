#pragma once
// The shape of a mixture: how many inputs, classes and experts, each expert's hidden layers, and
// the gate's kind and hidden layers. A model file and a config both describe one.
#include <string>
#include <vector>

#include "training/config.h"

namespace moelab {

struct ModelSpec {
    int inputs = 2;
    int classes = 2;
    int experts = 4;
    std::vector<int> expert_hidden;  // empty = linear softmax experts
    GateType gate = GateType::Linear;
    std::vector<int> gate_hidden;  // empty unless the gate kind has hidden layers
    // Noise weights for noisy top-K gating (a linear layer from the input to one noise scale per
    // expert) and a shared expert every case uses: both can be switched during a training (the
    // weights of the rest carry over, see Mixture::reshaped).
    bool noisy_gate = false;
    bool shared_expert = false;

    bool operator==(const ModelSpec&) const = default;

    // The model a config asks for on data with `inputs` features and `classes` classes.
    static ModelSpec from(const Config& config, int inputs, int classes);
    // "2 inputs, 4 classes, 4 linear experts, linear gate", for messages.
    std::string describe() const;
    // Whether `other` differs only in the parts a training can switch (noise, shared expert).
    bool same_core(const ModelSpec& other) const;
};

// "16,8" or "linear", for messages and labels.
std::string describe_widths(const std::vector<int>& widths);

}  // namespace moelab
