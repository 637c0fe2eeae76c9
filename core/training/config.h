#pragma once
// One object carries every knob from the controls (or the command line, or a file) to the trainer.
// What each knob means, its range, default, label and the rules between knobs are declared once,
// in the knob table (training/knobs.h); validation, the CLI options, the config JSON and the
// control panel are generated from that table.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace moelab {

enum class LossType { Cooperative, Competitive, CompetitiveLog, MixtureNll };
enum class OptimizerType { Sgd, Momentum, Adam, Ftrl };
enum class GateType { Linear, Mlp, Attentive };
// What is trained: a mixture of experts, or the backprop baseline of the paper's Table 1 ("BP 6
// hid"): one network of the experts' hidden widths with no gate. A network is stored as one expert
// (experts = 1, dense, no shared expert): the gate's softmax over a single logit is 1 whatever the
// logit, so its output is fixed and its gradient is zero, and every loss reduces to the network's
// own (eq. 1 to 3: squared error on the softmax output; mixture NLL: cross-entropy).
enum class ModelKind { Mixture, Network };
// How cases meet experts: each case picks its top K experts (Shazeer et al. 2017), or each expert
// picks its top cases of the batch (expert-choice routing, Zhou et al. 2022).
enum class RoutingType { TopK, ExpertChoice };
enum class Precision { Float, Double };

struct DatasetConfig {
    std::string name = "vowels";  // a registry name, or "csv:PATH"
    // How many cases: 0 = the dataset's own size (400 generated cases for a synthetic set, all
    // 60000 training images of Fashion-MNIST); otherwise the number of generated cases, or the
    // first so many training images.
    int cases = 0;
    double noise = 0.1;                // synthetic sets: noise level
    std::uint64_t seed = 1;            // synthetic sets and the split of CSV and synthetic sets
    double test_fraction = 1.0 / 3.0;  // synthetic and CSV sets (vowels split by speaker)
    std::string label_column;          // CSV: label column name; empty = last column

    bool operator==(const DatasetConfig&) const = default;
};

struct Config {
    DatasetConfig dataset;

    ModelKind model_kind = ModelKind::Mixture;
    int experts = 4;  // N, 1..32; 1 for a network
    // K, the experts each case is routed to: 1..N, or 0 for all N (the dense gate of 1991). K = N
    // is stored as 0, so a dense gate stays dense when N changes (see normalise()).
    int top_k = 0;
    std::vector<int> expert_hidden;  // widths of each expert's tanh hidden layers; empty = linear
    GateType gate = GateType::Linear;
    // Widths of the gate's tanh hidden layers: the MLP gate's, and the attentive gate's query
    // network (Krishnamurthy et al. 2023).
    std::vector<int> gate_hidden{8};
    // Noisy top-K gating (Shazeer et al. 2017): during training, learned input-dependent Gaussian
    // noise softplus(x W_noise) N(0, 1) is added to the gate's logits before the top K.
    bool noisy_gate = false;
    // A shared expert (DeepSeek-MoE, Dai et al. 2024) that every case uses beside its routed ones.
    bool shared_expert = false;
    RoutingType routing = RoutingType::TopK;
    // Expert capacity (Switch Transformer): an expert takes at most factor * K * B / N cases of a
    // training batch of B; the others are dropped from it. 0 = no limit. With expert-choice
    // routing: each expert takes factor * K * B / N cases (factor 0 counts as 1).
    double capacity_factor = 0;

    LossType loss = LossType::CompetitiveLog;
    // Batch-level terms on the gate's probabilities, each with its own weight (0 = off).
    double balance_weight = 0;     // load balancing, Switch Transformer: N sum_i f_i P_i
    double importance_weight = 0;  // importance, Shazeer et al. 2017: CV(sum_x p_i(x))^2
    // Load, Shazeer et al. 2017: CV(smooth load)^2, the term through which the noise weights
    // learn; acts only with the noisy gate.
    double load_weight = 0.1;
    // Sample similarity, Krishnamurthy, Watkins & Gaertner 2023: similar cases of a batch are
    // pushed towards the same experts, dissimilar ones towards different experts.
    double similarity_weight = 0;

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

    int threads = 0;  // threads of this training; 0 = the program's default (see parallel.h)
    Precision precision = Precision::Float;
    // Full metrics (accuracies, gate statistics) every so many epochs; 0 = when the program asks
    // (the app: as often as the view shows them; the CLI: ten times a second). The training loss
    // of every epoch is recorded either way, and full metrics always at the end of a run.
    long metrics_every = 0;

    // The number of experts each case is routed to: K, or N for the dense gate.
    int routed_experts() const { return top_k <= 0 || top_k >= experts ? experts : top_k; }
    bool dense() const { return routed_experts() == experts; }

    bool operator==(const Config&) const = default;
};

// Puts a config in its canonical form: K = N becomes 0 (dense). Changes nothing else.
void normalise(Config& config);

// Throws ConfigError naming the first knob out of range or the first rule broken (K <= N).
void validate(const Config& config);

// True when going from `before` to `after` changes the model's shape, its seed or its data, so
// the weights must be re-initialised; other changes (learning rate, loss, K, optimizer, batch,
// precision) apply between two steps.
bool requires_reinitialisation(const Config& before, const Config& after);

std::string_view to_string(LossType);
std::string_view to_string(OptimizerType);
std::string_view to_string(GateType);
std::string_view to_string(Precision);
std::string_view to_string(RoutingType);
std::string_view to_string(ModelKind);
// Throw ConfigError listing the accepted names.
LossType parse_loss(std::string_view);
OptimizerType parse_optimizer(std::string_view);
GateType parse_gate(std::string_view);
Precision parse_precision(std::string_view);
RoutingType parse_routing(std::string_view);
ModelKind parse_model_kind(std::string_view);

// The paper's equation a loss follows, for labels: "eq. 1", "eq. 2", "eq. 3" or "".
std::string_view equation_of(LossType);

}  // namespace moelab
