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

    bool operator==(const ModelSpec&) const = default;

    // The model a config asks for on data with `inputs` features and `classes` classes.
    static ModelSpec from(const Config& config, int inputs, int classes);
    // "2 inputs, 4 classes, 4 linear experts, linear gate", for messages.
    std::string describe() const;
};

// "16,8" or "linear", for messages and labels.
std::string describe_widths(const std::vector<int>& widths);

}  // namespace moelab
