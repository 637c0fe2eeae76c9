#include "model/gate.h"

#include <nlohmann/json.hpp>

#include "errors.h"
#include "model/network_gate.h"

namespace moelab {

nlohmann::json NetworkGate::settings() const {
    return nlohmann::json{{"hidden", network_.hidden()}};
}

std::vector<int> gate_hidden_layers(GateType type, const std::vector<int>& hidden) {
    return type == GateType::Mlp ? hidden : std::vector<int>{};
}

std::unique_ptr<Gate> make_gate(GateType type, int inputs, int experts,
                                const std::vector<int>& hidden) {
    switch (type) {
        case GateType::Linear:
            return std::make_unique<LinearGate>(inputs, experts);
        case GateType::Mlp:
            if (hidden.empty()) throw ConfigError("The MLP gate needs at least one hidden layer.");
            return std::make_unique<MlpGate>(inputs, experts, hidden);
        case GateType::Attentive:
            throw ConfigError("The attentive gate is not built yet.");
    }
    throw ConfigError("Unknown gate kind.");
}

}  // namespace moelab
