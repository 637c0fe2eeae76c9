#include "training/knobs.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <stdexcept>
#include <type_traits>

#include "data/drawn_dataset.h"
#include "data/registry.h"
#include "errors.h"

namespace moelab {

namespace {

// ---- fields ------------------------------------------------------------------------------------

template <typename Field>
KnobValue to_value(const Field& field) {
    if constexpr (std::is_enum_v<Field>) {
        return static_cast<long long>(field);
    } else if constexpr (std::is_same_v<Field, std::uint64_t> || std::is_same_v<Field, bool>) {
        return field;
    } else if constexpr (std::is_integral_v<Field>) {
        return static_cast<long long>(field);
    } else {
        return field;  // double, std::vector<int>, std::string
    }
}

template <typename Field>
Field from_value(const KnobValue& value) {
    if constexpr (std::is_enum_v<Field>) {
        return static_cast<Field>(std::get<long long>(value));
    } else if constexpr (std::is_same_v<Field, std::uint64_t> || std::is_same_v<Field, bool>) {
        return std::get<Field>(value);
    } else if constexpr (std::is_integral_v<Field>) {
        return static_cast<Field>(std::get<long long>(value));
    } else {
        return std::get<Field>(value);
    }
}

// A knob's field, given as a lambda that returns a reference to it for a Config, const or not:
// field([](auto& c) -> auto& { return c.dataset.cases; }).
template <typename Ref>
KnobField field(Ref ref) {
    using Field = std::remove_cvref_t<decltype(ref(std::declval<Config&>()))>;
    KnobField result;
    result.get = [ref](const Config& config) { return to_value<Field>(ref(config)); };
    result.set = [ref](Config& config, const KnobValue& value) {
        ref(config) = from_value<Field>(value);
    };
    if constexpr (std::is_integral_v<Field> && !std::is_same_v<Field, bool>)
        result.type_max = static_cast<long long>(std::numeric_limits<Field>::max());
    return result;
}

// ---- the datasets ------------------------------------------------------------------------------

constexpr std::string_view kCsvPrefix = "csv:";

const DatasetInfo* registered(std::string_view name) {
    for (const DatasetInfo& info : dataset_registry())
        if (info.name == name) return &info;
    return nullptr;
}

bool is_csv(const Config& c) {
    return c.dataset.name.starts_with(kCsvPrefix);
}
bool is_synthetic(const Config& c) {
    const DatasetInfo* info = registered(c.dataset.name);
    return info && info->synthetic;
}
// Generated sets take a number of cases; Fashion-MNIST takes the first so many images.
bool takes_cases(const Config& c) {
    return is_synthetic(c) || c.dataset.name == "fashion-mnist";
}

bool is_dataset_name(std::string_view name) {
    if (name.starts_with(kCsvPrefix)) return name.size() > kCsvPrefix.size();
    // Points drawn in the app: the config names them, the data travels beside it.
    if (name == kDrawnDatasetName) return true;
    return registered(name) != nullptr;
}

// ---- the model ---------------------------------------------------------------------------------

// The gates with hidden layers of their own: the MLP gate's, the attentive gate's query network.
bool gate_has_hidden_layers(const Config& c) {
    return c.gate == GateType::Mlp || c.gate == GateType::Attentive;
}

bool is_mixture(const Config& c) {
    return c.model_kind == ModelKind::Mixture;
}

std::string dataset_names() {
    std::string names;
    for (const DatasetInfo& info : dataset_registry()) names += info.name + ", ";
    return "one of " + names + "or csv:PATH";
}

// ---- the table ---------------------------------------------------------------------------------

std::vector<Knob> make_table() {
    std::vector<Knob> table{
        // Data.
        {
            .key = "dataset.name",
            .flag = "--dataset",
            .group = KnobGroup::Data,
            .label = MOELAB_TRANSLATE_NOOP("moelab::Knobs", "Dataset"),
            .help = MOELAB_TRANSLATE_NOOP(
                "moelab::Knobs", "The data to learn: a built-in or generated set, or a CSV file"),
            .value_name = "NAME",
            .type = KnobType::Text,
            .text = {is_dataset_name, dataset_names},
            .effect = KnobEffect::ReloadData,
            .panel = PanelPlace::Data,
            .field = field([](auto& c) -> auto& { return c.dataset.name; }),
        },
        {
            .key = "dataset.cases",
            .flag = "--cases",
            .old_flags = {"--size"},
            .old_keys = {"dataset.size"},
            .group = KnobGroup::Data,
            .label = MOELAB_TRANSLATE_NOOP("moelab::Knobs", "Cases"),
            .help = MOELAB_TRANSLATE_NOOP(
                "moelab::Knobs",
                "Cases of a generated dataset, or the first so many Fashion-MNIST training "
                "images"),
            .value_name = "N",
            .integers = {4, 1000000},
            .zero = MOELAB_TRANSLATE_NOOP("moelab::Knobs", "the dataset's own size"),
            .effect = KnobEffect::ReloadData,
            .panel = PanelPlace::Data,
            .applies = takes_cases,
            .field = field([](auto& c) -> auto& { return c.dataset.cases; }),
        },
        {
            .key = "dataset.noise",
            .flag = "--noise",
            .group = KnobGroup::Data,
            .label = MOELAB_TRANSLATE_NOOP("moelab::Knobs", "Noise"),
            .help = MOELAB_TRANSLATE_NOOP("moelab::Knobs", "Noise of a generated dataset"),
            .type = KnobType::Real,
            .reals = {0, 10},
            .effect = KnobEffect::ReloadData,
            .panel = PanelPlace::Data,
            .control = {.high = 5, .step = 0.05},
            .applies = is_synthetic,
            .field = field([](auto& c) -> auto& { return c.dataset.noise; }),
        },
        {
            // The panel's one Seed control sets this together with the weights' seed.
            .key = "dataset.seed",
            .flag = "--data-seed",
            .group = KnobGroup::Data,
            .label = MOELAB_TRANSLATE_NOOP("moelab::Knobs", "Data seed"),
            .help = MOELAB_TRANSLATE_NOOP(
                "moelab::Knobs",
                "Seed of a generated dataset and of the split of generated and CSV sets"),
            .value_name = "N",
            .type = KnobType::Seed,
            .effect = KnobEffect::ReloadData,
            .panel = PanelPlace::Hidden,
            .applies = [](const Config& c) { return is_synthetic(c) || is_csv(c); },
            .field = field([](auto& c) -> auto& { return c.dataset.seed; }),
        },
        {
            .key = "dataset.test_fraction",
            .flag = "--test-fraction",
            .group = KnobGroup::Data,
            .label = MOELAB_TRANSLATE_NOOP("moelab::Knobs", "Test share"),
            .help = MOELAB_TRANSLATE_NOOP(
                "moelab::Knobs",
                "Share of each class held out for testing (the vowels come split by "
                "speaker)"),
            .type = KnobType::Real,
            .reals = {.low = 0, .high = 1, .high_open = true},
            .effect = KnobEffect::ReloadData,
            .panel = PanelPlace::Data,
            .control = {.high = 0.9, .step = 0.05, .percent = true},
            .applies = [](const Config& c) { return is_synthetic(c) || is_csv(c); },
            .field = field([](auto& c) -> auto& { return c.dataset.test_fraction; }),
        },
        {
            .key = "dataset.label_column",
            .flag = "--label",
            .group = KnobGroup::Data,
            .label = MOELAB_TRANSLATE_NOOP("moelab::Knobs", "Label column"),
            .help = MOELAB_TRANSLATE_NOOP("moelab::Knobs", "Label column of a CSV dataset"),
            .value_name = "COLUMN",
            .type = KnobType::Text,
            .text = {nullptr, [] { return std::string("a column name"); }},
            .zero = MOELAB_TRANSLATE_NOOP("moelab::Knobs", "the last column"),
            .effect = KnobEffect::ReloadData,
            .panel = PanelPlace::Hidden,  // "Open CSV..." takes the last column
            .applies = is_csv,
            .field = field([](auto& c) -> auto& { return c.dataset.label_column; }),
        },
        // Model.
        {
            .key = "model_kind",
            .flag = "--model-kind",
            .group = KnobGroup::Model,
            .label = MOELAB_TRANSLATE_NOOP("moelab::Knobs", "Model"),
            .help = MOELAB_TRANSLATE_NOOP(
                "moelab::Knobs",
                "A mixture of experts, or one backprop network of the experts' hidden widths "
                "(the paper's baseline)"),
            .value_name = "KIND",
            .type = KnobType::Choice,
            .choices = {{static_cast<long long>(ModelKind::Mixture), "mixture",
                         MOELAB_TRANSLATE_NOOP("moelab::Knobs", "Mixture of experts"),
                         MOELAB_TRANSLATE_NOOP("moelab::Knobs",
                                               "Experts and a gate that weighs them")},
                        {static_cast<long long>(ModelKind::Network), "network",
                         MOELAB_TRANSLATE_NOOP("moelab::Knobs", "Network (backprop)"),
                         MOELAB_TRANSLATE_NOOP(
                             "moelab::Knobs",
                             "One network with the hidden widths of --hidden and no gate, as the "
                             "paper's \"BP 6 hid\"")}},
            .effect = KnobEffect::Reinitialise,
            .panel = PanelPlace::Model,
            .field = field([](auto& c) -> auto& { return c.model_kind; }),
        },
        {
            .key = "experts",
            .flag = "--experts",
            .group = KnobGroup::Model,
            .label = MOELAB_TRANSLATE_NOOP("moelab::Knobs", "Experts"),
            .help = MOELAB_TRANSLATE_NOOP("moelab::Knobs", "Number of expert networks N"),
            .value_name = "N",
            .integers = {1, 32},
            .effect = KnobEffect::Reinitialise,
            .panel = PanelPlace::Model,
            .control = {.slider = true, .high = 16},
            .field = field([](auto& c) -> auto& { return c.experts; }),
        },
        {
            .key = "top_k",
            .flag = "--top-k",
            .group = KnobGroup::Model,
            .label = MOELAB_TRANSLATE_NOOP("moelab::Knobs", "Top-K"),
            .help = MOELAB_TRANSLATE_NOOP(
                "moelab::Knobs",
                "Experts each case is routed to: the K largest gate outputs are kept and "
                "renormalised; K = N is the dense gate of 1991"),
            .value_name = "K",
            .integers = {1, 32},
            .zero = MOELAB_TRANSLATE_NOOP("moelab::Knobs", "dense"),
            .effect = KnobEffect::BetweenSteps,
            .panel = PanelPlace::Model,
            .control = {.slider = true},
            .applies = [](const Config& c) { return c.experts > 1; },
            .field = field([](auto& c) -> auto& { return c.top_k; }),
        },
        {
            .key = "routing",
            .flag = "--routing",
            .group = KnobGroup::Model,
            .label = MOELAB_TRANSLATE_NOOP("moelab::Knobs", "Routing"),
            .help = MOELAB_TRANSLATE_NOOP(
                "moelab::Knobs",
                "How cases meet experts: each case picks its K experts, or each expert picks its "
                "cases of the batch (expert-choice routing, Zhou et al. 2022)"),
            .value_name = "NAME",
            .type = KnobType::Choice,
            .choices = {{static_cast<long long>(RoutingType::TopK), "top-k",
                         MOELAB_TRANSLATE_NOOP("moelab::Knobs", "Top-K (each case picks experts)"),
                         MOELAB_TRANSLATE_NOOP(
                             "moelab::Knobs",
                             "Each case goes to the K experts with the largest gate outputs")},
                        {static_cast<long long>(RoutingType::ExpertChoice), "expert-choice",
                         MOELAB_TRANSLATE_NOOP("moelab::Knobs",
                                               "Expert choice (each expert picks cases)"),
                         MOELAB_TRANSLATE_NOOP(
                             "moelab::Knobs",
                             "Each expert takes the cases of the batch it scores highest (Zhou et "
                             "al. 2022): the load is even by construction, and a case may get "
                             "no expert or several")}},
            .effect = KnobEffect::BetweenSteps,
            .panel = PanelPlace::Model,
            .field = field([](auto& c) -> auto& { return c.routing; }),
        },
        {
            .key = "capacity_factor",
            .flag = "--capacity",
            .group = KnobGroup::Model,
            .label = MOELAB_TRANSLATE_NOOP("moelab::Knobs", "Capacity"),
            .help = MOELAB_TRANSLATE_NOOP(
                "moelab::Knobs",
                "Expert capacity (Switch Transformer): each expert takes at most F×K×B/N "
                "cases of a training batch of B; the rest are dropped from it (expert choice: "
                "exactly that many, 0 counting as 1)"),
            .value_name = "F",
            .type = KnobType::Real,
            .reals = {0, 16},
            .zero = MOELAB_TRANSLATE_NOOP("moelab::Knobs", "no limit"),
            .effect = KnobEffect::BetweenSteps,
            .panel = PanelPlace::Model,
            .control = {.slider = true, .high = 4, .step = 0.25},
            .field = field([](auto& c) -> auto& { return c.capacity_factor; }),
        },
        {
            .key = "expert_hidden",
            .flag = "--hidden",
            .group = KnobGroup::Model,
            .label = MOELAB_TRANSLATE_NOOP("moelab::Knobs", "Expert hidden layers"),
            .help = MOELAB_TRANSLATE_NOOP(
                "moelab::Knobs",
                "Widths of each expert's tanh hidden layers, e.g. 16,8; 0 makes the experts "
                "linear"),
            .value_name = "WIDTHS",
            .type = KnobType::Widths,
            .integers = {1, 256},
            .max_layers = 4,
            .zero = MOELAB_TRANSLATE_NOOP("moelab::Knobs", "linear"),
            .effect = KnobEffect::Reinitialise,
            .panel = PanelPlace::Model,
            .control = {.presets = {"0", "4", "8", "16", "8,8", "16,16"}},
            .field = field([](auto& c) -> auto& { return c.expert_hidden; }),
        },
        {
            .key = "shared_expert",
            .flag = "--shared-expert",
            .group = KnobGroup::Model,
            .label = MOELAB_TRANSLATE_NOOP("moelab::Knobs", "Shared expert"),
            .help = MOELAB_TRANSLATE_NOOP(
                "moelab::Knobs",
                "A shared expert every case uses beside its routed experts (DeepSeek-MoE)"),
            .type = KnobType::Toggle,
            .effect = KnobEffect::BetweenSteps,
            .panel = PanelPlace::Model,
            .applies = is_mixture,
            .field = field([](auto& c) -> auto& { return c.shared_expert; }),
        },
        {
            .key = "gate",
            .flag = "--gate",
            .group = KnobGroup::Model,
            .label = MOELAB_TRANSLATE_NOOP("moelab::Knobs", "Gate"),
            .help = MOELAB_TRANSLATE_NOOP(
                "moelab::Knobs",
                "The gating network: a linear softmax, a small tanh network, or attention from "
                "its hidden layer to the experts'"),
            .value_name = "TYPE",
            .type = KnobType::Choice,
            .choices = {{static_cast<long long>(GateType::Linear), "linear",
                         MOELAB_TRANSLATE_NOOP("moelab::Knobs", "Linear"),
                         MOELAB_TRANSLATE_NOOP("moelab::Knobs",
                                               "A softmax of a linear function of the input")},
                        {static_cast<long long>(GateType::Mlp), "mlp",
                         MOELAB_TRANSLATE_NOOP("moelab::Knobs", "MLP"),
                         MOELAB_TRANSLATE_NOOP("moelab::Knobs",
                                               "A softmax of a small tanh network")},
                        {static_cast<long long>(GateType::Attentive), "attentive",
                         MOELAB_TRANSLATE_NOOP("moelab::Knobs", "Attentive"),
                         MOELAB_TRANSLATE_NOOP(
                             "moelab::Knobs",
                             "q(x) · k_i(x) / √h: the gate's hidden layer attends to each "
                             "expert's hidden layer (Krishnamurthy et al. 2023); needs experts "
                             "with hidden layers")}},
            .effect = KnobEffect::Reinitialise,
            .panel = PanelPlace::Model,
            .applies = is_mixture,
            .field = field([](auto& c) -> auto& { return c.gate; }),
        },
        {
            .key = "gate_hidden",
            .flag = "--gate-hidden",
            .group = KnobGroup::Model,
            .label = MOELAB_TRANSLATE_NOOP("moelab::Knobs", "Gate hidden layers"),
            .help = MOELAB_TRANSLATE_NOOP(
                "moelab::Knobs",
                "Widths of the tanh hidden layers of the MLP gate, or of the attentive gate's "
                "query network, e.g. 8"),
            .value_name = "WIDTHS",
            .type = KnobType::Widths,
            .integers = {1, 256},
            .max_layers = 4,
            .zero = MOELAB_TRANSLATE_NOOP("moelab::Knobs", "none"),
            .effect = KnobEffect::Reinitialise,
            .panel = PanelPlace::Model,
            .control = {.presets = {"4", "8", "16", "8,8", "16,16"}},
            .applies = [](const Config& c) { return is_mixture(c) && gate_has_hidden_layers(c); },
            .field = field([](auto& c) -> auto& { return c.gate_hidden; }),
        },
        {
            .key = "noisy_gate",
            .flag = "--noisy-gate",
            .group = KnobGroup::Model,
            .label = MOELAB_TRANSLATE_NOOP("moelab::Knobs", "Noisy gate"),
            .help = MOELAB_TRANSLATE_NOOP(
                "moelab::Knobs",
                "Noisy top-K gating (Shazeer et al. 2017): learned Gaussian noise on the gate's "
                "logits during training"),
            .type = KnobType::Toggle,
            .effect = KnobEffect::BetweenSteps,
            .panel = PanelPlace::Model,
            .applies = [](const Config& c) { return c.experts > 1; },
            .field = field([](auto& c) -> auto& { return c.noisy_gate; }),
        },
        // Training.
        {
            .key = "loss",
            .flag = "--loss",
            .group = KnobGroup::Training,
            .label = MOELAB_TRANSLATE_NOOP("moelab::Knobs", "Loss"),
            .help = MOELAB_TRANSLATE_NOOP(
                "moelab::Knobs",
                "What training minimises: the paper's eq. 1, 2 or 3, or the mixture's "
                "negative log-likelihood"),
            .value_name = "NAME",
            .type = KnobType::Choice,
            .choices =
                {{static_cast<long long>(LossType::Cooperative), "cooperative",
                  MOELAB_TRANSLATE_NOOP("moelab::Knobs", "Cooperative (eq. 1)"),
                  MOELAB_TRANSLATE_NOOP(
                      "moelab::Knobs",
                      "Experts add up to one answer; each learns the others' residual")},
                 {static_cast<long long>(LossType::Competitive), "competitive",
                  MOELAB_TRANSLATE_NOOP("moelab::Knobs", "Competitive (eq. 2)"),
                  MOELAB_TRANSLATE_NOOP("moelab::Knobs",
                                        "Each expert gives a whole answer and the gate picks one")},
                 {static_cast<long long>(LossType::CompetitiveLog), "competitive-log",
                  MOELAB_TRANSLATE_NOOP("moelab::Knobs", "Competitive log-likelihood (eq. 3)"),
                  MOELAB_TRANSLATE_NOOP(
                      "moelab::Knobs",
                      "As eq. 2, but each expert learns in proportion to its posterior "
                      "responsibility")},
                 {static_cast<long long>(LossType::MixtureNll), "mixture-nll",
                  MOELAB_TRANSLATE_NOOP("moelab::Knobs", "Mixture NLL"),
                  MOELAB_TRANSLATE_NOOP(
                      "moelab::Knobs",
                      "Negative log-likelihood of the mixture's class probability")}},
            .effect = KnobEffect::BetweenSteps,
            .panel = PanelPlace::Learning,
            .field = field([](auto& c) -> auto& { return c.loss; }),
        },
        {
            .key = "balance_weight",
            .flag = "--balance",
            .group = KnobGroup::Training,
            .label = MOELAB_TRANSLATE_NOOP("moelab::Knobs", "Load balancing"),
            .help = MOELAB_TRANSLATE_NOOP(
                "moelab::Knobs",
                "Weight of the load-balancing loss (Switch Transformer), which pushes the "
                "gate to use every expert equally"),
            .type = KnobType::Real,
            .zero = MOELAB_TRANSLATE_NOOP("moelab::Knobs", "off"),
            .effect = KnobEffect::BetweenSteps,
            .panel = PanelPlace::Advanced,
            .control = {.high = 10, .step = 0.01},
            .field = field([](auto& c) -> auto& { return c.balance_weight; }),
        },
        {
            .key = "importance_weight",
            .flag = "--importance",
            .group = KnobGroup::Training,
            .label = MOELAB_TRANSLATE_NOOP("moelab::Knobs", "Importance"),
            .help = MOELAB_TRANSLATE_NOOP(
                "moelab::Knobs",
                "Weight of the importance loss (Shazeer et al. 2017): the squared coefficient "
                "of variation of the experts' total gate weights"),
            .type = KnobType::Real,
            .zero = MOELAB_TRANSLATE_NOOP("moelab::Knobs", "off"),
            .effect = KnobEffect::BetweenSteps,
            .panel = PanelPlace::Advanced,
            .control = {.high = 10, .step = 0.01},
            .field = field([](auto& c) -> auto& { return c.importance_weight; }),
        },
        {
            .key = "load_weight",
            .flag = "--load",
            .group = KnobGroup::Training,
            .label = MOELAB_TRANSLATE_NOOP("moelab::Knobs", "Load"),
            .help = MOELAB_TRANSLATE_NOOP(
                "moelab::Knobs",
                "Weight of the load loss (Shazeer et al. 2017): the squared coefficient of "
                "variation of the experts' smooth loads, through which the gate's noise learns; "
                "acts only with the noisy gate"),
            .type = KnobType::Real,
            .zero = MOELAB_TRANSLATE_NOOP("moelab::Knobs", "off"),
            .effect = KnobEffect::BetweenSteps,
            .panel = PanelPlace::Advanced,
            .control = {.high = 10, .step = 0.01},
            .applies = [](const Config& c) { return c.noisy_gate && c.experts > 1; },
            .field = field([](auto& c) -> auto& { return c.load_weight; }),
        },
        {
            .key = "similarity_weight",
            .flag = "--similarity",
            .group = KnobGroup::Training,
            .label = MOELAB_TRANSLATE_NOOP("moelab::Knobs", "Sample similarity"),
            .help = MOELAB_TRANSLATE_NOOP(
                "moelab::Knobs",
                "Weight of the sample-similarity loss (Krishnamurthy et al. 2023): similar "
                "cases pushed towards the same experts, dissimilar ones towards different "
                "experts"),
            .type = KnobType::Real,
            .zero = MOELAB_TRANSLATE_NOOP("moelab::Knobs", "off"),
            .effect = KnobEffect::BetweenSteps,
            .panel = PanelPlace::Advanced,
            .control = {.high = 10, .step = 0.01},
            .field = field([](auto& c) -> auto& { return c.similarity_weight; }),
        },
        {
            .key = "optimizer",
            .flag = "--optimizer",
            .group = KnobGroup::Training,
            .label = MOELAB_TRANSLATE_NOOP("moelab::Knobs", "Optimizer"),
            .help = MOELAB_TRANSLATE_NOOP("moelab::Knobs", "How a gradient changes the weights"),
            .value_name = "NAME",
            .type = KnobType::Choice,
            .choices = {{static_cast<long long>(OptimizerType::Sgd), "sgd",
                         MOELAB_TRANSLATE_NOOP("moelab::Knobs", "SGD"),
                         MOELAB_TRANSLATE_NOOP("moelab::Knobs", "Plain gradient descent")},
                        {static_cast<long long>(OptimizerType::Momentum), "momentum",
                         MOELAB_TRANSLATE_NOOP("moelab::Knobs", "Momentum"),
                         MOELAB_TRANSLATE_NOOP("moelab::Knobs", "Gradient descent with momentum")},
                        {static_cast<long long>(OptimizerType::Adam), "adam",
                         MOELAB_TRANSLATE_NOOP("moelab::Knobs", "Adam"),
                         MOELAB_TRANSLATE_NOOP("moelab::Knobs",
                                               "Adaptive moment estimation (Kingma & Ba 2015)")},
                        {static_cast<long long>(OptimizerType::Ftrl), "ftrl",
                         MOELAB_TRANSLATE_NOOP("moelab::Knobs", "FTRL"),
                         MOELAB_TRANSLATE_NOOP(
                             "moelab::Knobs",
                             "Follow the regularised leader, proximal (McMahan et al. 2013)")}},
            .effect = KnobEffect::BetweenSteps,
            .panel = PanelPlace::Learning,
            .field = field([](auto& c) -> auto& { return c.optimizer; }),
        },
        {
            .key = "learning_rate",
            .flag = "--lr",
            .group = KnobGroup::Training,
            .label = MOELAB_TRANSLATE_NOOP("moelab::Knobs", "Learning rate"),
            .help = MOELAB_TRANSLATE_NOOP("moelab::Knobs", "Step size of the optimizer"),
            .type = KnobType::Real,
            .reals = {.low = 0, .high = 1e6, .low_open = true, .high_open = true},
            .log_scale = true,
            .effect = KnobEffect::BetweenSteps,
            .panel = PanelPlace::Learning,
            .control = {.slider = true, .low = 1e-4, .high = 10},
            .field = field([](auto& c) -> auto& { return c.learning_rate; }),
        },
        {
            .key = "momentum",
            .flag = "--momentum",
            .group = KnobGroup::Training,
            .label = MOELAB_TRANSLATE_NOOP("moelab::Knobs", "Momentum"),
            .help = MOELAB_TRANSLATE_NOOP("moelab::Knobs", "Momentum of the momentum optimizer"),
            .type = KnobType::Real,
            .reals = {.low = 0, .high = 1, .high_open = true},
            .effect = KnobEffect::BetweenSteps,
            .panel = PanelPlace::Advanced,
            .control = {.step = 0.05},
            .applies = [](const Config& c) { return c.optimizer == OptimizerType::Momentum; },
            .field = field([](auto& c) -> auto& { return c.momentum; }),
        },
        {
            .key = "adam_beta1",
            .flag = "--adam-beta1",
            .group = KnobGroup::Training,
            .label = MOELAB_TRANSLATE_NOOP("moelab::Knobs", "Adam β1"),
            .help = MOELAB_TRANSLATE_NOOP("moelab::Knobs", "Adam's decay of the mean gradient"),
            .type = KnobType::Real,
            .reals = {.low = 0, .high = 1, .high_open = true},
            .effect = KnobEffect::BetweenSteps,
            .panel = PanelPlace::Advanced,
            .control = {.step = 0.01},
            .applies = [](const Config& c) { return c.optimizer == OptimizerType::Adam; },
            .field = field([](auto& c) -> auto& { return c.adam_beta1; }),
        },
        {
            .key = "adam_beta2",
            .flag = "--adam-beta2",
            .group = KnobGroup::Training,
            .label = MOELAB_TRANSLATE_NOOP("moelab::Knobs", "Adam β2"),
            .help = MOELAB_TRANSLATE_NOOP("moelab::Knobs", "Adam's decay of the squared gradient"),
            .type = KnobType::Real,
            .reals = {.low = 0, .high = 1, .high_open = true},
            .effect = KnobEffect::BetweenSteps,
            .panel = PanelPlace::Advanced,
            .control = {.step = 0.001},
            .applies = [](const Config& c) { return c.optimizer == OptimizerType::Adam; },
            .field = field([](auto& c) -> auto& { return c.adam_beta2; }),
        },
        {
            .key = "adam_epsilon",
            .flag = "--adam-eps",
            .group = KnobGroup::Training,
            .label = MOELAB_TRANSLATE_NOOP("moelab::Knobs", "Adam ε"),
            .help = MOELAB_TRANSLATE_NOOP(
                "moelab::Knobs", "Adam's epsilon, added to the root of the squared gradient"),
            .type = KnobType::Real,
            .reals = {.low = 0, .high = 1, .low_open = true},
            .log_scale = true,
            .effect = KnobEffect::BetweenSteps,
            .panel = PanelPlace::Advanced,
            .control = {.low = 1e-12},
            .applies = [](const Config& c) { return c.optimizer == OptimizerType::Adam; },
            .field = field([](auto& c) -> auto& { return c.adam_epsilon; }),
        },
        {
            .key = "ftrl_beta",
            .flag = "--ftrl-beta",
            .group = KnobGroup::Training,
            .label = MOELAB_TRANSLATE_NOOP("moelab::Knobs", "FTRL β"),
            .help = MOELAB_TRANSLATE_NOOP("moelab::Knobs",
                                          "FTRL's beta, which smooths each weight's learning rate"),
            .type = KnobType::Real,
            .effect = KnobEffect::BetweenSteps,
            .panel = PanelPlace::Advanced,
            .control = {.high = 100, .step = 0.1},
            .applies = [](const Config& c) { return c.optimizer == OptimizerType::Ftrl; },
            .field = field([](auto& c) -> auto& { return c.ftrl_beta; }),
        },
        {
            .key = "ftrl_l1",
            .flag = "--ftrl-l1",
            .group = KnobGroup::Training,
            .label = MOELAB_TRANSLATE_NOOP("moelab::Knobs", "FTRL L1"),
            .help = MOELAB_TRANSLATE_NOOP(
                "moelab::Knobs", "FTRL's L1 strength, which sets small weights to exactly zero"),
            .type = KnobType::Real,
            .effect = KnobEffect::BetweenSteps,
            .panel = PanelPlace::Advanced,
            .control = {.high = 100, .step = 0.01},
            .applies = [](const Config& c) { return c.optimizer == OptimizerType::Ftrl; },
            .field = field([](auto& c) -> auto& { return c.ftrl_l1; }),
        },
        {
            .key = "ftrl_l2",
            .flag = "--ftrl-l2",
            .group = KnobGroup::Training,
            .label = MOELAB_TRANSLATE_NOOP("moelab::Knobs", "FTRL L2"),
            .help = MOELAB_TRANSLATE_NOOP("moelab::Knobs",
                                          "FTRL's L2 strength, which shrinks every weight"),
            .type = KnobType::Real,
            .effect = KnobEffect::BetweenSteps,
            .panel = PanelPlace::Advanced,
            .control = {.high = 100, .step = 0.01},
            .applies = [](const Config& c) { return c.optimizer == OptimizerType::Ftrl; },
            .field = field([](auto& c) -> auto& { return c.ftrl_l2; }),
        },
        {
            .key = "batch_size",
            .flag = "--batch",
            .group = KnobGroup::Training,
            .label = MOELAB_TRANSLATE_NOOP("moelab::Knobs", "Batch size"),
            .help = MOELAB_TRANSLATE_NOOP("moelab::Knobs", "Cases per optimizer step"),
            .value_name = "N",
            .integers = {1, kNoUpperLimit},
            .zero = MOELAB_TRANSLATE_NOOP("moelab::Knobs", "full batch"),
            .effect = KnobEffect::BetweenSteps,
            .panel = PanelPlace::Learning,
            .control = {.high = 100000},
            .field = field([](auto& c) -> auto& { return c.batch_size; }),
        },
        // Run.
        {
            .key = "epochs",
            .flag = "--epochs",
            .group = KnobGroup::Run,
            .label = MOELAB_TRANSLATE_NOOP("moelab::Knobs", "Epochs"),
            .help = MOELAB_TRANSLATE_NOOP("moelab::Knobs", "Passes over the training data"),
            .value_name = "N",
            .integers = {0, kNoUpperLimit},
            .effect = KnobEffect::RunOnly,
            .panel = PanelPlace::Hidden,  // the window trains until paused
            .field = field([](auto& c) -> auto& { return c.epochs; }),
        },
        {
            // The panel's Seed control also sets the data seed: "seed 7" is one run for everyone.
            .key = "seed",
            .flag = "--seed",
            .group = KnobGroup::Run,
            .label = MOELAB_TRANSLATE_NOOP("moelab::Knobs", "Seed"),
            .help = MOELAB_TRANSLATE_NOOP("moelab::Knobs",
                                          "Seed of the initial weights and the batch order"),
            .value_name = "N",
            .type = KnobType::Seed,
            .effect = KnobEffect::Reinitialise,
            .panel = PanelPlace::Data,
            .control = {.high = 999999},
            .field = field([](auto& c) -> auto& { return c.seed; }),
        },
        {
            .key = "threads",
            .flag = "--threads",
            .group = KnobGroup::Run,
            .label = MOELAB_TRANSLATE_NOOP("moelab::Knobs", "Threads"),
            .help = MOELAB_TRANSLATE_NOOP("moelab::Knobs", "Threads of this training"),
            .value_name = "N",
            .integers = {1, 1024},
            .zero = MOELAB_TRANSLATE_NOOP("moelab::Knobs", "automatic"),
            .effect = KnobEffect::BetweenSteps,
            .panel = PanelPlace::Advanced,
            .control = {.high = 256},
            .field = field([](auto& c) -> auto& { return c.threads; }),
        },
        {
            .key = "precision",
            .flag = "--precision",
            .group = KnobGroup::Run,
            .label = MOELAB_TRANSLATE_NOOP("moelab::Knobs", "Precision"),
            .help = MOELAB_TRANSLATE_NOOP("moelab::Knobs",
                                          "Floating-point precision of the training arithmetic"),
            .value_name = "NAME",
            .type = KnobType::Choice,
            .choices = {{static_cast<long long>(Precision::Float), "float",
                         MOELAB_TRANSLATE_NOOP("moelab::Knobs", "float (32-bit)"),
                         MOELAB_TRANSLATE_NOOP("moelab::Knobs", "Single precision: faster")},
                        {static_cast<long long>(Precision::Double), "double",
                         MOELAB_TRANSLATE_NOOP("moelab::Knobs", "double (64-bit)"),
                         MOELAB_TRANSLATE_NOOP("moelab::Knobs",
                                               "Double precision: closer to exact")}},
            .effect = KnobEffect::BetweenSteps,
            .panel = PanelPlace::Advanced,
            .field = field([](auto& c) -> auto& { return c.precision; }),
        },
        {
            .key = "metrics_every",
            .flag = "--metrics-every",
            .group = KnobGroup::Run,
            .label = MOELAB_TRANSLATE_NOOP("moelab::Knobs", "Metrics every"),
            .help = MOELAB_TRANSLATE_NOOP(
                "moelab::Knobs", "Full metrics (accuracies, gate statistics) every so many epochs"),
            .value_name = "N",
            .integers = {1, kNoUpperLimit},
            .zero = MOELAB_TRANSLATE_NOOP("moelab::Knobs", "automatic"),
            .effect = KnobEffect::BetweenSteps,
            .panel = PanelPlace::Advanced,
            .control = {.high = 100000},
            .field = field([](auto& c) -> auto& { return c.metrics_every; }),
        },
    };
    return table;
}

// ---- rules -------------------------------------------------------------------------------------

std::vector<KnobRule> make_rules() {
    return {
        {
            // First: the K <= N rule below follows the N this one sets.
            .description = "A network is one expert with no shared expert (the gate's softmax over "
                           "one logit is 1, so no gate acts); choosing the network makes N 1, "
                           "choosing more experts makes it a mixture again",
            .keys = {"experts", "model_kind", "shared_expert"},
            .check = [](const Config& c) -> std::optional<KnobProblem> {
                if (c.model_kind != ModelKind::Network) return std::nullopt;
                if (c.experts != 1)
                    return KnobProblem{&knob("experts"), "1 for a network (--model-kind network)",
                                       static_cast<long long>(c.experts)};
                if (c.shared_expert)
                    return KnobProblem{&knob("shared_expert"), "off for a network", true};
                return std::nullopt;
            },
            .follow =
                [](Config& c, const Config& before, const std::function<bool(const Knob&)>& set) {
                    if (set(knob("model_kind"))) {
                        if (c.model_kind == ModelKind::Network) {
                            if (!set(knob("experts"))) c.experts = 1;
                            if (!set(knob("shared_expert"))) c.shared_expert = false;
                        } else if (before.model_kind == ModelKind::Network &&
                                   !set(knob("experts")) && c.experts == 1) {
                            c.experts = Config{}.experts;
                        }
                    } else if (c.model_kind == ModelKind::Network &&
                               ((set(knob("experts")) && c.experts != 1) ||
                                (set(knob("shared_expert")) && c.shared_expert))) {
                        c.model_kind = ModelKind::Mixture;
                    }
                },
        },
        {
            .description = "K <= N: each case is routed to at most the N experts there are; K = N "
                           "is stored as 0 (dense), so a dense gate stays dense when N changes, "
                           "and a sparse K follows N down when N drops below it",
            .keys = {"top_k", "experts"},
            .check = [](const Config& c) -> std::optional<KnobProblem> {
                if (c.top_k <= c.experts) return std::nullopt;
                return KnobProblem{&knob("top_k"),
                                   "an integer from 1 to the number of experts (" +
                                       std::to_string(c.experts) + "), or 0 for dense",
                                   static_cast<long long>(c.top_k)};
            },
            .follow =
                [](Config& c, const Config& before, const std::function<bool(const Knob&)>& set) {
                    if (!set(knob("top_k")))
                        c.top_k = before.top_k == 0 ? 0 : std::min(before.top_k, c.experts);
                },
            .normalise =
                [](Config& c) {
                    if (c.top_k == c.experts) c.top_k = 0;
                },
        },
        {
            .description = "The MLP gate needs at least one hidden layer of its own (the attentive "
                           "gate's query may be linear); choosing either gate without saying "
                           "which layers gives it the default hidden layers",
            .keys = {"gate_hidden", "gate"},
            .check = [](const Config& c) -> std::optional<KnobProblem> {
                // The attentive gate's query may be linear in the input (q = W x + b); the MLP
                // gate without a hidden layer would be the linear gate.
                if (c.gate != GateType::Mlp || !c.gate_hidden.empty()) return std::nullopt;
                return KnobProblem{&knob("gate_hidden"),
                                   "at least one hidden layer for the MLP gate (widths from 1 to "
                                   "256 separated by commas)",
                                   c.gate_hidden};
            },
            .follow =
                [](Config& c, const Config&, const std::function<bool(const Knob&)>& set) {
                    if (gate_has_hidden_layers(c) && c.gate_hidden.empty() &&
                        !set(knob("gate_hidden")))
                        c.gate_hidden = Config{}.gate_hidden;
                },
        },
        {
            // No follow: giving the experts hidden layers of their own accord would change the
            // experiment behind the person's back.
            .description = "The attentive gate needs experts with hidden layers: its keys are "
                           "computed from them",
            .keys = {"expert_hidden", "gate"},
            .check = [](const Config& c) -> std::optional<KnobProblem> {
                if (c.gate != GateType::Attentive || !c.expert_hidden.empty()) return std::nullopt;
                return KnobProblem{&knob("expert_hidden"),
                                   "at least one hidden layer, since the attentive gate needs "
                                   "experts with hidden layers (widths from 1 to 256 separated "
                                   "by commas, e.g. 16)",
                                   c.expert_hidden};
            },
        },
    };
}

// ---- parsing and formatting --------------------------------------------------------------------

template <typename Integer>
bool parse_integer(std::string_view text, Integer& out) {
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), out);
    return !text.empty() && error == std::errc() && end == text.data() + text.size();
}

bool parse_real(std::string_view text, double& out) {
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), out);
    return !text.empty() && error == std::errc() && end == text.data() + text.size() &&
           std::isfinite(out);
}

std::string_view trim(std::string_view text) {
    while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
    while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
    return text;
}

std::string join_widths(const std::vector<int>& widths) {
    std::string text;
    for (int width : widths) text += (text.empty() ? "" : ",") + std::to_string(width);
    return text.empty() ? std::string("0") : text;
}

}  // namespace

std::string format_number(double value) {
    char buffer[64];
    const auto [end, error] = std::to_chars(buffer, buffer + sizeof buffer, value);
    if (error != std::errc()) return "nan";
    std::string text(buffer, end);
    // "1e+06" -> "1e6", "1e-08" -> "1e-8".
    if (const auto e = text.find('e'); e != std::string::npos) {
        std::string exponent = text.substr(e + 1);
        const bool negative = exponent.starts_with('-');
        if (negative || exponent.starts_with('+')) exponent.erase(0, 1);
        exponent.erase(0, std::min(exponent.find_first_not_of('0'), exponent.size() - 1));
        text = text.substr(0, e + 1) + (negative ? "-" : "") + exponent;
    }
    return text;
}

// ---- Knob --------------------------------------------------------------------------------------

const KnobChoice* Knob::find_choice(std::string_view name) const {
    for (const KnobChoice& choice : choices)
        if (choice.name == name) return &choice;
    return nullptr;
}

const KnobChoice* Knob::find_choice(long long value) const {
    for (const KnobChoice& choice : choices)
        if (choice.value == value) return &choice;
    return nullptr;
}

bool Knob::is_zero(const KnobValue& value) const {
    if (const auto* integer = std::get_if<long long>(&value)) return *integer == 0;
    if (const auto* real = std::get_if<double>(&value)) return *real == 0;
    if (const auto* widths = std::get_if<std::vector<int>>(&value)) return widths->empty();
    if (const auto* text = std::get_if<std::string>(&value)) return text->empty();
    if (const auto* on = std::get_if<bool>(&value)) return !*on;
    return false;
}

KnobValue Knob::default_value() const {
    static const Config defaults{};
    return get(defaults);
}

std::string Knob::expected() const {
    const std::string zero_text = zero ? std::string(", or 0 for ") + zero : std::string();
    switch (type) {
        case KnobType::Integer: {
            const long long low = integers.low;
            const long long high = std::min(integers.high, field.type_max);
            std::string text;
            if (high == field.type_max) {
                text = low == 0   ? "a non-negative integer"
                       : low == 1 ? "a positive integer"
                                  : "an integer of at least " + std::to_string(low);
            } else {
                text = "an integer from " + std::to_string(low) + " to " + std::to_string(high);
            }
            return text + (low > 0 ? zero_text : "");
        }
        case KnobType::Seed:
            return "a non-negative integer";
        case KnobType::Real: {
            const std::string low = format_number(reals.low);
            const std::string high = format_number(reals.high);
            std::string text;
            if (std::isinf(reals.high)) {
                text = reals.low_open
                           ? (reals.low == 0 ? "a positive number" : "a number above " + low)
                           : (reals.low == 0 ? "a non-negative number"
                                             : "a number of at least " + low);
            } else if (!reals.low_open && !reals.high_open) {
                text = "a number from " + low + " to " + high;
            } else if (reals.low_open && reals.high_open) {
                text = "a number above " + low + " and below " + high;
            } else {
                text = "a number in " + std::string(reals.low_open ? "(" : "[") + low + ", " +
                       high + (reals.high_open ? ")" : "]");
            }
            const bool zero_in_range = reals.low < 0 || (reals.low == 0 && !reals.low_open);
            return text + (zero_in_range ? "" : zero_text);
        }
        case KnobType::Choice: {
            std::string names;
            for (const KnobChoice& choice : choices)
                names += (names.empty() ? "" : ", ") + std::string(choice.name);
            return "one of " + names;
        }
        case KnobType::Widths:
            return "hidden-layer widths from " + std::to_string(integers.low) + " to " +
                   std::to_string(integers.high) + " separated by commas, at most " +
                   std::to_string(max_layers) + " (e.g. 16,8)" + zero_text;
        case KnobType::Text: {
            const std::string text = this->text.expected ? this->text.expected() : "a text";
            return text + (zero ? std::string(", or nothing for ") + zero : std::string());
        }
        case KnobType::Toggle:
            return "on or off";
    }
    return "a value";
}

bool Knob::accepts(const KnobValue& value) const {
    if (zero && is_zero(value)) return true;
    switch (type) {
        case KnobType::Integer: {
            const auto* v = std::get_if<long long>(&value);
            return v && *v >= integers.low && *v <= std::min(integers.high, field.type_max);
        }
        case KnobType::Seed:
            return std::holds_alternative<std::uint64_t>(value);
        case KnobType::Real: {
            const auto* v = std::get_if<double>(&value);
            if (!v || !std::isfinite(*v)) return false;
            const bool above = reals.low_open ? *v > reals.low : *v >= reals.low;
            const bool below = reals.high_open ? *v < reals.high : *v <= reals.high;
            return above && below;
        }
        case KnobType::Choice: {
            const auto* v = std::get_if<long long>(&value);
            return v && find_choice(*v) != nullptr;
        }
        case KnobType::Widths: {
            const auto* v = std::get_if<std::vector<int>>(&value);
            if (!v || v->empty() || int(v->size()) > max_layers) return false;
            return std::all_of(v->begin(), v->end(), [this](int width) {
                return width >= integers.low && width <= integers.high;
            });
        }
        case KnobType::Text: {
            const auto* v = std::get_if<std::string>(&value);
            return v && !v->empty() && (!text.accepts || text.accepts(*v));
        }
        case KnobType::Toggle:
            return std::holds_alternative<bool>(value);
    }
    return false;
}

std::optional<KnobValue> Knob::try_parse(std::string_view input) const {
    std::optional<KnobValue> value;
    switch (type) {
        case KnobType::Integer: {
            long long v = 0;
            if (parse_integer(input, v)) value = v;
            break;
        }
        case KnobType::Seed: {
            std::uint64_t v = 0;
            if (parse_integer(input, v)) value = v;
            break;
        }
        case KnobType::Real: {
            double v = 0;
            if (parse_real(input, v)) value = v;
            break;
        }
        case KnobType::Choice:
            if (const KnobChoice* choice = find_choice(input)) value = choice->value;
            break;
        case KnobType::Widths: {
            const std::string_view text = trim(input);
            if (text == "0") {
                value = std::vector<int>{};
                break;
            }
            std::vector<int> widths;
            size_t start = 0;
            bool ok = !text.empty();
            while (ok && start <= text.size()) {
                const size_t comma = std::min(text.find(',', start), text.size());
                int width = 0;
                ok = parse_integer(trim(text.substr(start, comma - start)), width);
                widths.push_back(width);
                start = comma + 1;
            }
            if (ok) value = std::move(widths);
            break;
        }
        case KnobType::Text:
            value = std::string(input);
            break;
        case KnobType::Toggle:
            // The words of flags and config files in other programs too; format() writes on/off.
            if (input == "on" || input == "true" || input == "1") value = true;
            if (input == "off" || input == "false" || input == "0") value = false;
            break;
    }
    if (value && !accepts(*value)) value.reset();
    return value;
}

KnobValue Knob::parse(std::string_view text, std::string_view name) const {
    if (auto value = try_parse(text)) return std::move(*value);
    throw ConfigError(std::string(name.empty() ? flag : name) + " expects " + expected() +
                      ", got '" + std::string(text) + "'");
}

std::string Knob::format(const KnobValue& value) const {
    if (const auto* integer = std::get_if<long long>(&value)) {
        if (type == KnobType::Choice) {
            const KnobChoice* choice = find_choice(*integer);
            return choice ? std::string(choice->name) : std::to_string(*integer);
        }
        return std::to_string(*integer);
    }
    if (const auto* seed = std::get_if<std::uint64_t>(&value)) return std::to_string(*seed);
    if (const auto* real = std::get_if<double>(&value)) return format_number(*real);
    if (const auto* widths = std::get_if<std::vector<int>>(&value)) return join_widths(*widths);
    if (const auto* on = std::get_if<bool>(&value)) return *on ? "on" : "off";
    return std::get<std::string>(value);
}

std::string Knob::describe(const KnobValue& value) const {
    if (!zero || !is_zero(value)) return format(value);
    if (type == KnobType::Text) return zero;
    return format(value) + " (" + zero + ")";
}

// ---- the table's lookups -----------------------------------------------------------------------

const std::vector<Knob>& knobs() {
    static const std::vector<Knob> table = make_table();
    return table;
}

const Knob* find_knob(std::string_view key) {
    for (const Knob& k : knobs())
        if (k.key == key) return &k;
    return nullptr;
}

const Knob& knob(std::string_view key) {
    if (const Knob* found = find_knob(key)) return *found;
    throw std::logic_error("No knob '" + std::string(key) + "' in the table.");
}

const Knob* find_knob_by_flag(std::string_view flag) {
    for (const Knob& k : knobs()) {
        if (k.flag == flag) return &k;
        if (std::find(k.old_flags.begin(), k.old_flags.end(), flag) != k.old_flags.end()) return &k;
    }
    return nullptr;
}

const char* group_name(KnobGroup group) {
    switch (group) {
        case KnobGroup::Data:
            return MOELAB_TRANSLATE_NOOP("moelab::Knobs", "Data");
        case KnobGroup::Model:
            return MOELAB_TRANSLATE_NOOP("moelab::Knobs", "Model");
        case KnobGroup::Training:
            return MOELAB_TRANSLATE_NOOP("moelab::Knobs", "Training");
        case KnobGroup::Run:
            return MOELAB_TRANSLATE_NOOP("moelab::Knobs", "Run");
    }
    return "";
}

const char* effect_description(KnobEffect effect) {
    switch (effect) {
        case KnobEffect::ReloadData:
            return MOELAB_TRANSLATE_NOOP("moelab::Knobs",
                                         "A change reloads the data and starts from new weights.");
        case KnobEffect::Reinitialise:
            return MOELAB_TRANSLATE_NOOP("moelab::Knobs", "A change starts from new weights.");
        case KnobEffect::BetweenSteps:
            return MOELAB_TRANSLATE_NOOP("moelab::Knobs",
                                         "A change applies at the next step; the weights stay.");
        case KnobEffect::RunOnly:
            return MOELAB_TRANSLATE_NOOP("moelab::Knobs", "Read when a run starts.");
    }
    return "";
}

// ---- problems and rules ------------------------------------------------------------------------

std::string KnobProblem::flag_message() const {
    return std::string(knob->flag) + " expects " + expected + ", got '" + knob->format(value) + "'";
}

std::string KnobProblem::config_message() const {
    const std::string shown =
        knob->type == KnobType::Text ? "'" + knob->format(value) + "'" : knob->format(value);
    return std::string(knob->key) + " (" + std::string(knob->flag) + ") must be " + expected +
           ", got " + shown + ".";
}

const std::vector<KnobRule>& knob_rules() {
    static const std::vector<KnobRule> rules = make_rules();
    return rules;
}

std::optional<KnobProblem> find_problem(const Config& config) {
    for (const Knob& k : knobs()) {
        KnobValue value = k.get(config);
        if (!k.accepts(value)) return KnobProblem{&k, k.expected(), std::move(value)};
    }
    for (const KnobRule& rule : knob_rules())
        if (auto problem = rule.check(config)) return problem;
    return std::nullopt;
}

void follow_rules(Config& config, const Config& before,
                  const std::function<bool(const Knob&)>& was_set) {
    for (const KnobRule& rule : knob_rules())
        if (rule.follow) rule.follow(config, before, was_set);
    normalise(config);
}

Config apply_settings(const Config& base, std::span<const KnobSetting> settings) {
    Config config = base;
    for (const KnobSetting& setting : settings) setting.knob->set(config, setting.value);
    follow_rules(config, base, [settings](const Knob& k) {
        return std::any_of(settings.begin(), settings.end(),
                           [&k](const KnobSetting& setting) { return setting.knob == &k; });
    });
    return config;
}

}  // namespace moelab
