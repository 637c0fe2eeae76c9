#pragma once
// One object carries every knob from the controls (or the command line) to the trainer.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace moelab {

enum class LossType { Cooperative, Competitive, CompetitiveLog, MixtureNll };
enum class OptimizerType { Sgd, Momentum, Adam, Ftrl };
enum class GateType { Linear, Mlp };

struct DatasetConfig {
    std::string name = "vowels";       // a registry name, or "csv:PATH"
    int size = 400;                    // synthetic sets: number of cases
    double noise = 0.1;                // synthetic sets: noise level
    std::uint64_t seed = 1;            // synthetic sets: generator seed
    double test_fraction = 1.0 / 3.0;  // synthetic and CSV sets (vowels split by speaker)
    std::string label_column;          // CSV: label column name; empty = last column

    bool operator==(const DatasetConfig&) const = default;
};

struct Config {
    DatasetConfig dataset;

    int experts = 4;        // N, 1..32
    int top_k = 4;          // K, 1..N; K == N is the dense gate of 1991
    int expert_hidden = 0;  // 0 = linear softmax expert, else tanh hidden units (1..64)
    GateType gate = GateType::Linear;
    int gate_hidden = 8;  // hidden units of the MLP gate

    LossType loss = LossType::CompetitiveLog;
    OptimizerType optimizer = OptimizerType::Sgd;
    double learning_rate = 0.5;
    double momentum = 0.9;  // momentum optimizer
    double adam_beta1 = 0.9;
    double adam_beta2 = 0.999;
    double adam_epsilon = 1e-8;
    double ftrl_beta = 1.0;
    double ftrl_l1 = 0.0;
    double ftrl_l2 = 0.0;
    int batch_size = 0;  // 0 = full batch
    long epochs = 2000;
    std::uint64_t seed = 1;  // weights and batch order
    int threads = 0;         // OpenMP threads; 0 = library default

    bool operator==(const Config&) const = default;
};

// Throws ConfigError naming the first knob out of range.
void validate(const Config& config);

// True when going from `before` to `after` changes the model's shape or data, so the weights must
// be re-initialised; other changes (learning rate, loss, K, optimizer, batch) apply between two
// steps.
bool requires_reinitialisation(const Config& before, const Config& after);

std::string_view to_string(LossType);
std::string_view to_string(OptimizerType);
std::string_view to_string(GateType);
// Throw ConfigError listing the accepted names.
LossType parse_loss(std::string_view);
OptimizerType parse_optimizer(std::string_view);
GateType parse_gate(std::string_view);

// The paper's equation a loss follows, for labels: "eq. 1", "eq. 2", "eq. 3" or "".
std::string_view equation_of(LossType);

}  // namespace moelab
