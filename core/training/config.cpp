#include "training/config.h"

#include <algorithm>
#include <string>

#include "errors.h"
#include "training/knobs.h"

// The names, ranges and rules of the knobs are in the knob table (training/knobs.cpp); what is
// here only asks it.
namespace moelab {

namespace {

std::string_view name_of(std::string_view key, long long value) {
    const KnobChoice* choice = knob(key).find_choice(value);
    return choice ? choice->name : std::string_view("?");
}

template <typename Enum>
Enum parse_name(std::string_view key, std::string_view name) {
    const Knob& k = knob(key);
    if (const KnobChoice* choice = k.find_choice(name)) return static_cast<Enum>(choice->value);
    std::string accepted;
    for (const KnobChoice& choice : k.choices)
        accepted += (accepted.empty() ? "" : ", ") + std::string(choice.name);
    throw ConfigError("Unknown " + std::string(key) + " '" + std::string(name) +
                      "' (expected one of: " + accepted + ").");
}

}  // namespace

std::string_view to_string(LossType v) {
    return name_of("loss", static_cast<long long>(v));
}
std::string_view to_string(OptimizerType v) {
    return name_of("optimizer", static_cast<long long>(v));
}
std::string_view to_string(GateType v) {
    return name_of("gate", static_cast<long long>(v));
}
std::string_view to_string(Precision v) {
    return name_of("precision", static_cast<long long>(v));
}
std::string_view to_string(RoutingType v) {
    return name_of("routing", static_cast<long long>(v));
}
std::string_view to_string(ModelKind v) {
    return name_of("model_kind", static_cast<long long>(v));
}
LossType parse_loss(std::string_view s) {
    return parse_name<LossType>("loss", s);
}
OptimizerType parse_optimizer(std::string_view s) {
    return parse_name<OptimizerType>("optimizer", s);
}
GateType parse_gate(std::string_view s) {
    return parse_name<GateType>("gate", s);
}
Precision parse_precision(std::string_view s) {
    return parse_name<Precision>("precision", s);
}

RoutingType parse_routing(std::string_view s) {
    return parse_name<RoutingType>("routing", s);
}
ModelKind parse_model_kind(std::string_view s) {
    return parse_name<ModelKind>("model_kind", s);
}

std::string_view equation_of(LossType loss) {
    switch (loss) {
        case LossType::Cooperative:
            return "eq. 1";
        case LossType::Competitive:
            return "eq. 2";
        case LossType::CompetitiveLog:
            return "eq. 3";
        case LossType::MixtureNll:
            return "";
    }
    return "";
}

void normalise(Config& config) {
    for (const KnobRule& rule : knob_rules())
        if (rule.normalise) rule.normalise(config);
}

void validate(const Config& config) {
    if (const auto problem = find_problem(config)) throw ConfigError(problem->config_message());
}

bool requires_reinitialisation(const Config& before, const Config& after) {
    return std::any_of(knobs().begin(), knobs().end(), [&](const Knob& k) {
        if (k.get(before) == k.get(after)) return false;
        // New data always mean new weights; a model knob only where it shapes the model (the
        // gate's hidden layers only for the MLP gate).
        return k.effect == KnobEffect::ReloadData ||
               (k.effect == KnobEffect::Reinitialise && k.matters(after));
    });
}

}  // namespace moelab
