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
    return out.str();
}

}  // namespace moelab
