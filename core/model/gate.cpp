#include "model/gate.h"

#include <nlohmann/json.hpp>

#include "errors.h"
#include "model/attentive_gate.h"
#include "model/network_gate.h"

namespace moelab {

nlohmann::json NetworkGate::settings() const {
    return nlohmann::json{{"hidden", network_.hidden()}};
}

std::vector<int> gate_hidden_layers(GateType type, const std::vector<int>& hidden) {
    return type == GateType::Mlp || type == GateType::Attentive ? hidden : std::vector<int>{};
}

std::unique_ptr<Gate> make_gate(const ModelSpec& spec) {
    switch (spec.gate) {
        case GateType::Linear:
            return std::make_unique<LinearGate>(spec.inputs, spec.experts);
        case GateType::Mlp:
            if (spec.gate_hidden.empty())
                throw ConfigError("The MLP gate needs at least one hidden layer.");
            return std::make_unique<MlpGate>(spec.inputs, spec.experts, spec.gate_hidden);
        case GateType::Attentive:
            return std::make_unique<AttentiveGate>(
                spec.inputs, spec.experts, spec.gate_hidden,
                spec.expert_hidden.empty() ? 0 : spec.expert_hidden.back());
    }
    throw ConfigError("Unknown gate kind.");
}

}  // namespace moelab
