#include "model/model_spec.h"

#include <sstream>

#include "model/gate.h"

namespace moelab {

ModelSpec ModelSpec::from(const Config& config, int inputs, int classes) {
    ModelSpec spec;
    spec.inputs = inputs;
    spec.classes = classes;
    spec.experts = config.experts;
    spec.expert_hidden = config.expert_hidden;
    spec.gate = config.gate;
    spec.gate_hidden = gate_hidden_layers(config.gate, config.gate_hidden);
    spec.noisy_gate = config.noisy_gate;
    spec.shared_expert = config.shared_expert;
    return spec;
}

std::string describe_widths(const std::vector<int>& widths) {
    if (widths.empty()) return "linear";
    std::string text;
    for (int width : widths) text += (text.empty() ? "" : ",") + std::to_string(width);
    return text;
}

std::string ModelSpec::describe() const {
    std::ostringstream out;
    out << inputs << " inputs, " << classes << " classes, " << experts
        << (experts == 1 ? " expert (" : " experts (")
        << (expert_hidden.empty() ? std::string("linear")
                                  : describe_widths(expert_hidden) + " hidden units")
        << "), " << to_string(gate) << " gate";
    if (!gate_hidden.empty()) out << " with " << describe_widths(gate_hidden) << " hidden units";
    if (noisy_gate) out << ", noisy";
    if (shared_expert) out << ", a shared expert";
    return out.str();
}

bool ModelSpec::same_core(const ModelSpec& other) const {
    ModelSpec a = *this, b = other;
    a.noisy_gate = b.noisy_gate = false;
    a.shared_expert = b.shared_expert = false;
    return a == b;
}

}  // namespace moelab
