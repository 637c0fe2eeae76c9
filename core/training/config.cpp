#include "training/config.h"

#include <algorithm>
#include <array>
#include <string>

#include "errors.h"

namespace moelab {

namespace {

template <typename Enum, size_t Count>
Enum parse_name(std::string_view name,
                const std::array<std::pair<std::string_view, Enum>, Count>& names,
                std::string_view what) {
    std::string accepted;
    for (const auto& [text, value] : names) {
        if (text == name) return value;
        accepted += (accepted.empty() ? "" : ", ") + std::string(text);
    }
    throw ConfigError("Unknown " + std::string(what) + " '" + std::string(name) +
                      "' (expected one of: " + accepted + ").");
}

constexpr std::array<std::pair<std::string_view, LossType>, 4> loss_names{{
    {"cooperative", LossType::Cooperative},
    {"competitive", LossType::Competitive},
    {"competitive-log", LossType::CompetitiveLog},
    {"mixture-nll", LossType::MixtureNll},
}};
constexpr std::array<std::pair<std::string_view, OptimizerType>, 4> optimizer_names{{
    {"sgd", OptimizerType::Sgd},
    {"momentum", OptimizerType::Momentum},
    {"adam", OptimizerType::Adam},
    {"ftrl", OptimizerType::Ftrl},
}};
constexpr std::array<std::pair<std::string_view, GateType>, 2> gate_names{{
    {"linear", GateType::Linear},
    {"mlp", GateType::Mlp},
}};
constexpr std::array<std::pair<std::string_view, Precision>, 2> precision_names{{
    {"float", Precision::Float},
    {"double", Precision::Double},
}};

template <typename Enum, size_t Count>
std::string_view name_of(Enum value,
                         const std::array<std::pair<std::string_view, Enum>, Count>& names) {
    for (const auto& [text, v] : names)
        if (v == value) return text;
    return "?";
}

void require(bool ok, const std::string& message) {
    if (!ok) throw ConfigError(message);
}

void require_widths(const std::vector<int>& widths, const char* what) {
    require(widths.size() <= 4, std::string(what) + " may have at most 4 hidden layers.");
    for (int width : widths)
        require(width >= 1 && width <= 256, std::string(what) +
                                                " hidden layers must have 1 to 256 units, got " +
                                                std::to_string(width) + ".");
}

}  // namespace

std::string_view to_string(LossType v) {
    return name_of(v, loss_names);
}
std::string_view to_string(OptimizerType v) {
    return name_of(v, optimizer_names);
}
std::string_view to_string(GateType v) {
    return name_of(v, gate_names);
}
std::string_view to_string(Precision v) {
    return name_of(v, precision_names);
}
LossType parse_loss(std::string_view s) {
    return parse_name(s, loss_names, "loss");
}
OptimizerType parse_optimizer(std::string_view s) {
    return parse_name(s, optimizer_names, "optimizer");
}
GateType parse_gate(std::string_view s) {
    return parse_name(s, gate_names, "gate");
}
Precision parse_precision(std::string_view s) {
    return parse_name(s, precision_names, "precision");
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
    if (config.top_k == config.experts) config.top_k = 0;
}

void validate(const Config& c) {
    require(c.experts >= 1 && c.experts <= 32,
            "experts must be between 1 and 32, got " + std::to_string(c.experts) + ".");
    require(c.top_k >= 0 && c.top_k <= c.experts,
            "top-k must be between 1 and the number of experts (" + std::to_string(c.experts) +
                "), or 0 for all of them, got " + std::to_string(c.top_k) + ".");
    require_widths(c.expert_hidden, "Expert");
    require_widths(c.gate_hidden, "The gate's");
    require(c.gate != GateType::Mlp || !c.gate_hidden.empty(),
            "The MLP gate needs at least one hidden layer.");
    require(c.balance_weight >= 0 && c.importance_weight >= 0,
            "auxiliary loss weights must not be negative.");
    require(c.learning_rate > 0 && c.learning_rate < 1e6,
            "learning rate must be positive and below 1e6, got " + std::to_string(c.learning_rate) +
                ".");
    require(c.momentum >= 0 && c.momentum < 1, "momentum must be in [0, 1).");
    require(c.adam_beta1 >= 0 && c.adam_beta1 < 1 && c.adam_beta2 >= 0 && c.adam_beta2 < 1,
            "Adam betas must be in [0, 1).");
    require(c.adam_epsilon > 0, "Adam epsilon must be positive.");
    require(c.ftrl_beta >= 0 && c.ftrl_l1 >= 0 && c.ftrl_l2 >= 0,
            "FTRL beta, L1 and L2 must not be negative.");
    require(c.batch_size >= 0, "batch size must be 0 (full batch) or positive, got " +
                                   std::to_string(c.batch_size) + ".");
    require(c.epochs >= 0, "epochs must not be negative.");
    require(c.threads >= 0 && c.threads <= 1024, "threads must be between 0 (default) and 1024.");
    require(c.metrics_every >= 0, "metrics interval must not be negative.");
    require(c.dataset.cases == 0 || (c.dataset.cases >= 4 && c.dataset.cases <= 1000000),
            "the number of cases must be 0 (the dataset's own) or between 4 and 1000000, got " +
                std::to_string(c.dataset.cases) + ".");
    require(c.dataset.noise >= 0 && c.dataset.noise <= 10, "noise must be between 0 and 10.");
    require(c.dataset.test_fraction >= 0 && c.dataset.test_fraction < 1,
            "test fraction must be in [0, 1).");
}

bool requires_reinitialisation(const Config& before, const Config& after) {
    return before.dataset != after.dataset || before.experts != after.experts ||
           before.expert_hidden != after.expert_hidden || before.gate != after.gate ||
           (after.gate == GateType::Mlp && before.gate_hidden != after.gate_hidden) ||
           before.seed != after.seed;
}

}  // namespace moelab
