// The knob table: complete (every Config field has exactly one knob), consistent, and the source of
// validation, names and messages.
#include <gtest/gtest.h>

#include <cmath>
#include <set>
#include <tuple>
#include <utility>

#include "errors.h"
#include "knob_values.h"
#include "training/config.h"
#include "training/knobs.h"

namespace moelab {
namespace {

// Every field of Config and of DatasetConfig, as a tuple of references. A new field breaks these
// structured bindings on purpose: give it a knob in training/knobs.cpp, then list it here.
auto config_fields(const Config& c) {
    const auto& [dataset, model_kind, experts, top_k, expert_hidden, gate, gate_hidden, noisy_gate,
                 shared_expert, routing, capacity_factor, loss, balance_weight, importance_weight,
                 load_weight, similarity_weight, optimizer, learning_rate, momentum, adam_beta1,
                 adam_beta2, adam_epsilon, ftrl_beta, ftrl_l1, ftrl_l2, batch_size, epochs, seed,
                 threads, precision, metrics_every] = c;
    return std::tie(dataset, model_kind, experts, top_k, expert_hidden, gate, gate_hidden,
                    noisy_gate, shared_expert, routing, capacity_factor, loss, balance_weight,
                    importance_weight, load_weight, similarity_weight, optimizer, learning_rate,
                    momentum, adam_beta1, adam_beta2, adam_epsilon, ftrl_beta, ftrl_l1, ftrl_l2,
                    batch_size, epochs, seed, threads, precision, metrics_every);
}

auto dataset_fields(const DatasetConfig& d) {
    const auto& [name, cases, noise, seed, test_fraction, label_column] = d;
    return std::tie(name, cases, noise, seed, test_fraction, label_column);
}

template <typename Tuple>
std::vector<size_t> differing(const Tuple& a, const Tuple& b) {
    std::vector<size_t> indices;
    [&]<size_t... I>(std::index_sequence<I...>) {
        ((std::get<I>(a) == std::get<I>(b) ? void() : indices.push_back(I)), ...);
    }
    (std::make_index_sequence<std::tuple_size_v<Tuple>>{});
    return indices;
}

// The fields of `config` that differ from Config{}: top-level fields by index, dataset fields as
// 100 + their index.
std::vector<size_t> changed_fields(const Config& config) {
    const Config defaults;
    std::vector<size_t> changed;
    for (size_t index : differing(config_fields(config), config_fields(defaults))) {
        if (index != 0) {
            changed.push_back(index);
            continue;
        }
        for (size_t inner :
             differing(dataset_fields(config.dataset), dataset_fields(defaults.dataset)))
            changed.push_back(100 + inner);
    }
    return changed;
}

TEST(Knobs, EveryConfigFieldHasExactlyOneKnob) {
    constexpr size_t kFields = std::tuple_size_v<decltype(config_fields(Config{}))> - 1 +
                               std::tuple_size_v<decltype(dataset_fields(DatasetConfig{}))>;
    std::set<size_t> covered;
    for (const Knob& knob : knobs()) {
        Config config;
        knob.set(config, test::non_default_value(knob));
        const std::vector<size_t> changed = changed_fields(config);
        ASSERT_EQ(changed.size(), 1u) << knob.key << " must change exactly one field";
        EXPECT_TRUE(covered.insert(changed.front()).second)
            << knob.key << " changes a field another knob changes too";
        // The knob reads back what it wrote, and only its own value moved.
        EXPECT_EQ(knob.get(config), test::non_default_value(knob)) << knob.key;
        for (const Knob& other : knobs()) {
            if (&other != &knob) {
                EXPECT_EQ(other.get(config), other.default_value()) << other.key;
            }
        }
    }
    EXPECT_EQ(covered.size(), kFields) << "a Config field without a knob";
    EXPECT_EQ(knobs().size(), kFields);
}

TEST(Knobs, DefaultsComeFromConfigAndAreValid) {
    const Config defaults;
    EXPECT_EQ(knob("experts").default_value(), KnobValue(static_cast<long long>(defaults.experts)));
    EXPECT_EQ(knob("learning_rate").default_value(), KnobValue(defaults.learning_rate));
    EXPECT_EQ(knob("gate_hidden").default_value(), KnobValue(defaults.gate_hidden));
    EXPECT_EQ(knob("dataset.name").default_value(), KnobValue(defaults.dataset.name));
    EXPECT_EQ(knob("noisy_gate").default_value(), KnobValue(false));
    EXPECT_EQ(knob("load_weight").default_value(), KnobValue(0.1));
    EXPECT_EQ(knob("routing").default_value(),
              KnobValue(static_cast<long long>(RoutingType::TopK)));
    for (const Knob& k : knobs())
        EXPECT_TRUE(k.accepts(k.default_value())) << k.key << " rejects its own default";
    EXPECT_NO_THROW(validate(defaults));
    EXPECT_FALSE(find_problem(defaults));
}

TEST(Knobs, KeysFlagsAndTextsAreWellFormed) {
    std::set<std::string_view> keys, flags;
    for (const Knob& k : knobs()) {
        EXPECT_TRUE(keys.insert(k.key).second) << "duplicate key " << k.key;
        EXPECT_TRUE(flags.insert(k.flag).second) << "duplicate flag " << k.flag;
        for (std::string_view old : k.old_flags) EXPECT_TRUE(flags.insert(old).second) << old;
        EXPECT_TRUE(k.flag.starts_with("--")) << k.flag;
        EXPECT_EQ(find_knob_by_flag(k.flag), &k);
        EXPECT_EQ(find_knob(k.key), &k);
        EXPECT_FALSE(std::string_view(k.label).empty()) << k.key;
        EXPECT_FALSE(std::string_view(k.help).empty()) << k.key;
        EXPECT_EQ(std::string_view(k.help).find('\n'), std::string_view::npos) << k.key;
        EXPECT_FALSE(k.expected().empty()) << k.key;
        if (k.type == KnobType::Choice) {
            EXPECT_GE(k.choices.size(), 2u) << k.key;
            for (const KnobChoice& choice : k.choices) {
                EXPECT_FALSE(std::string_view(choice.label).empty()) << choice.name;
                EXPECT_FALSE(std::string_view(choice.help).empty()) << choice.name;
            }
        }
        if (k.type == KnobType::Toggle) {
            EXPECT_EQ(k.zero, nullptr) << k.key << ": off is a toggle's 0";
            EXPECT_FALSE(k.control.slider) << k.key;
        }
        if (k.type == KnobType::Widths) {
            EXPECT_GT(k.max_layers, 0) << k.key;
        }
        if (k.panel == PanelPlace::Hidden) continue;
        // What the panel shows must be reachable from its widgets: a log slider needs a range.
        if (k.control.slider && k.log_scale) {
            EXPECT_GT(k.control.low, 0) << k.key;
            EXPECT_GT(k.control.high, k.control.low) << k.key;
        }
        // A linear slider of reals needs a step and an end.
        if (k.control.slider && !k.log_scale && k.type == KnobType::Real) {
            EXPECT_GT(k.control.step, 0) << k.key;
            EXPECT_TRUE(std::isfinite(k.control.high) || std::isfinite(k.reals.high)) << k.key;
        }
    }
    EXPECT_EQ(find_knob_by_flag("--size"), &knob("dataset.cases"));
    EXPECT_EQ(find_knob("no-such-knob"), nullptr);
    EXPECT_THROW(knob("no-such-knob"), std::logic_error);
}

TEST(Knobs, ParseAndFormatRoundTrip) {
    for (const Knob& k : knobs()) {
        const KnobValue value = test::non_default_value(k);
        EXPECT_EQ(k.parse(k.format(value)), value) << k.key << ": " << k.format(value);
        EXPECT_EQ(k.parse(k.format(k.default_value())), k.default_value()) << k.key;
    }
    const Knob& hidden = knob("expert_hidden");
    EXPECT_EQ(hidden.parse("16, 8"), KnobValue(std::vector<int>{16, 8}));
    EXPECT_EQ(hidden.parse("0"), KnobValue(std::vector<int>{}));
    EXPECT_EQ(hidden.format(std::vector<int>{16, 8}), "16,8");
    EXPECT_EQ(hidden.describe(std::vector<int>{}), "0 (linear)");
    EXPECT_EQ(knob("top_k").describe(0LL), "0 (dense)");
    EXPECT_EQ(knob("loss").format(static_cast<long long>(LossType::MixtureNll)), "mixture-nll");
    EXPECT_EQ(knob("learning_rate").format(1e6), "1e6");
    EXPECT_EQ(knob("adam_epsilon").format(1e-8), "1e-8");
    EXPECT_EQ(knob("seed").parse("18446744073709551615"),
              KnobValue(std::uint64_t{18446744073709551615ULL}));
    EXPECT_EQ(knob("routing").format(static_cast<long long>(RoutingType::ExpertChoice)),
              "expert-choice");
    EXPECT_EQ(knob("gate").parse("attentive"),
              KnobValue(static_cast<long long>(GateType::Attentive)));
    EXPECT_EQ(knob("capacity_factor").describe(0.0), "0 (no limit)");
    EXPECT_EQ(knob("capacity_factor").parse("1.25"), KnobValue(1.25));
}

TEST(Knobs, TogglesReadOnAndOff) {
    for (const char* key : {"noisy_gate", "shared_expert"}) {
        const Knob& k = knob(key);
        EXPECT_EQ(k.type, KnobType::Toggle);
        for (const char* on : {"on", "true", "1"}) EXPECT_EQ(k.parse(on), KnobValue(true)) << on;
        for (const char* off : {"off", "false", "0"})
            EXPECT_EQ(k.parse(off), KnobValue(false)) << off;
        EXPECT_EQ(k.format(true), "on");
        EXPECT_EQ(k.format(false), "off");
        EXPECT_EQ(k.describe(false), "off");
        EXPECT_EQ(k.expected(), "on or off");
        EXPECT_TRUE(k.accepts(true));
        EXPECT_TRUE(k.accepts(false));
        EXPECT_FALSE(k.accepts(1LL)) << "a toggle holds a bool, not a number";
        EXPECT_FALSE(k.accepts(std::string("on")));
        for (const char* bad : {"", "maybe", "yes", "ON", "2", "on "})
            EXPECT_FALSE(k.try_parse(bad)) << bad;
    }
    Config config;
    knob("noisy_gate").set(config, true);
    EXPECT_TRUE(config.noisy_gate);
    EXPECT_EQ(knob("noisy_gate").get(config), KnobValue(true));
}

std::string parse_message(std::string_view key, std::string_view text) {
    try {
        knob(key).parse(text);
    } catch (const ConfigError& error) {
        return error.what();
    }
    return "(no error)";
}

TEST(Knobs, BadValuesGiveOneClearLine) {
    EXPECT_EQ(parse_message("experts", "x"), "--experts expects an integer from 1 to 32, got 'x'");
    EXPECT_EQ(parse_message("experts", "33"),
              "--experts expects an integer from 1 to 32, got '33'");
    EXPECT_EQ(parse_message("experts", "3.5"),
              "--experts expects an integer from 1 to 32, got '3.5'");
    EXPECT_EQ(parse_message("loss", "hinge"),
              "--loss expects one of cooperative, competitive, competitive-log, mixture-nll, got "
              "'hinge'");
    EXPECT_EQ(parse_message("learning_rate", "-1"),
              "--lr expects a number above 0 and below 1e6, got '-1'");
    EXPECT_EQ(parse_message("learning_rate", "nan"),
              "--lr expects a number above 0 and below 1e6, got 'nan'");
    EXPECT_EQ(parse_message("seed", "-3"), "--seed expects a non-negative integer, got '-3'");
    EXPECT_EQ(parse_message("dataset.test_fraction", "1"),
              "--test-fraction expects a number in [0, 1), got '1'");
    EXPECT_EQ(parse_message("dataset.cases", "2"),
              "--cases expects an integer from 4 to 1000000, or 0 for the dataset's own size, got "
              "'2'");
    EXPECT_EQ(parse_message("batch_size", "-1"),
              "--batch expects a positive integer, or 0 for full batch, got '-1'");
    EXPECT_EQ(parse_message("noisy_gate", "maybe"), "--noisy-gate expects on or off, got 'maybe'");
    EXPECT_EQ(parse_message("shared_expert", ""), "--shared-expert expects on or off, got ''");
    EXPECT_EQ(parse_message("routing", "random"),
              "--routing expects one of top-k, expert-choice, got 'random'");
    EXPECT_EQ(parse_message("gate", "deep"),
              "--gate expects one of linear, mlp, attentive, got 'deep'");
    EXPECT_EQ(parse_message("capacity_factor", "17"),
              "--capacity expects a number from 0 to 16, got '17'");
    EXPECT_EQ(parse_message("capacity_factor", "-0.5"),
              "--capacity expects a number from 0 to 16, got '-0.5'");
    EXPECT_EQ(parse_message("load_weight", "-1"), "--load expects a non-negative number, got '-1'");
    EXPECT_EQ(parse_message("similarity_weight", "x"),
              "--similarity expects a non-negative number, got 'x'");
    EXPECT_NE(parse_message("dataset.name", "no-such-set").find("or csv:PATH"), std::string::npos);
    EXPECT_NE(parse_message("dataset.name", "csv:"), "(no error)") << "a CSV set needs a path";
    for (const char* bad : {"", "a", "8,", ",8", "0,8", "257", "1,2,3,4,5", "8;8"})
        EXPECT_NE(parse_message("expert_hidden", bad), "(no error)") << bad;
    EXPECT_EQ(parse_message("dataset.name", "csv:/tmp/x.csv"), "(no error)");
    // A name of the caller's choice, e.g. an old spelling.
    try {
        knob("dataset.cases").parse("x", "--size");
        FAIL();
    } catch (const ConfigError& error) {
        EXPECT_TRUE(std::string(error.what()).starts_with("--size expects")) << error.what();
    }
}

TEST(Knobs, ValidateNamesKeyAndFlag) {
    Config config;
    config.experts = 40;
    try {
        validate(config);
        FAIL();
    } catch (const ConfigError& error) {
        EXPECT_STREQ(error.what(), "experts (--experts) must be an integer from 1 to 32, got 40.");
    }
    config = Config{};
    config.learning_rate = 0;
    EXPECT_THROW(validate(config), ConfigError);
    config = Config{};
    config.dataset.name = "nope";
    EXPECT_THROW(validate(config), ConfigError);
    config = Config{};
    config.expert_hidden = {8, 8, 8, 8, 8};
    EXPECT_THROW(validate(config), ConfigError);
}

TEST(Knobs, RuleKAtMostN) {
    Config config;
    config.experts = 3;
    config.top_k = 5;
    const auto problem = find_problem(config);
    ASSERT_TRUE(problem);
    EXPECT_EQ(problem->knob, &knob("top_k"));
    EXPECT_EQ(problem->flag_message(),
              "--top-k expects an integer from 1 to the number of experts (3), or 0 for dense, got "
              "'5'");
    EXPECT_NE(problem->config_message().find("top_k (--top-k)"), std::string::npos);
    config.top_k = 3;
    EXPECT_NO_THROW(validate(config));
    normalise(config);
    EXPECT_EQ(config.top_k, 0) << "K = N is stored as 0 (dense)";
    config.top_k = 2;
    normalise(config);
    EXPECT_EQ(config.top_k, 2);
}

TEST(Knobs, RuleMlpGateNeedsAHiddenLayer) {
    Config config;
    config.gate_hidden = {};
    EXPECT_NO_THROW(validate(config)) << "a linear gate needs no hidden layer";
    config.gate = GateType::Mlp;
    const auto problem = find_problem(config);
    ASSERT_TRUE(problem);
    EXPECT_EQ(problem->knob, &knob("gate_hidden"));
    EXPECT_THROW(validate(config), ConfigError);
    // Choosing the MLP gate without saying its layers gives it the default ones.
    Config linear;
    linear.gate_hidden = {};
    const Config mlp = apply_settings(
        linear, std::vector<KnobSetting>{{&knob("gate"), static_cast<long long>(GateType::Mlp)}});
    EXPECT_EQ(mlp.gate_hidden, Config{}.gate_hidden);
    EXPECT_TRUE(
        apply_settings(
            linear, std::vector<KnobSetting>{{&knob("gate"), static_cast<long long>(GateType::Mlp)},
                                             {&knob("gate_hidden"), std::vector<int>{}}})
            .gate_hidden.empty())
        << "an explicit 0 stays, for validate to refuse";
}

TEST(Knobs, RuleAttentiveGateNeedsHiddenLayers) {
    Config config;
    config.gate = GateType::Attentive;
    // Linear experts have no hidden layer for the gate to attend to.
    auto problem = find_problem(config);
    ASSERT_TRUE(problem);
    EXPECT_EQ(problem->knob, &knob("expert_hidden"));
    EXPECT_EQ(problem->flag_message(),
              "--hidden expects at least one hidden layer, since the attentive gate needs experts "
              "with hidden layers (widths from 1 to 256 separated by commas, e.g. 16), got '0'");
    EXPECT_EQ(problem->config_message(),
              "expert_hidden (--hidden) must be at least one hidden layer, since the attentive "
              "gate needs experts with hidden layers (widths from 1 to 256 separated by commas, "
              "e.g. 16), got 0.");
    config.expert_hidden = {8};
    EXPECT_NO_THROW(validate(config));
    // Its query network is the gate's hidden layers; without any the query is linear in the
    // input, which is allowed (unlike an MLP gate without hidden layers).
    config.gate_hidden = {};
    EXPECT_NO_THROW(validate(config));
    config.gate = GateType::Mlp;
    problem = find_problem(config);
    ASSERT_TRUE(problem);
    EXPECT_EQ(problem->knob, &knob("gate_hidden"));
    EXPECT_NE(problem->flag_message().find("for the MLP gate"), std::string::npos)
        << problem->flag_message();
    // Choosing it without saying its layers gives it the default ones; the experts' layers do not
    // follow (that would change the experiment unasked): validate refuses instead.
    Config linear;
    linear.gate_hidden = {};
    const Config attentive = apply_settings(
        linear,
        std::vector<KnobSetting>{{&knob("gate"), static_cast<long long>(GateType::Attentive)}});
    EXPECT_EQ(attentive.gate_hidden, Config{}.gate_hidden);
    EXPECT_TRUE(attentive.expert_hidden.empty());
    EXPECT_THROW(validate(attentive), ConfigError);
    EXPECT_NO_THROW(validate(apply_settings(
        linear,
        std::vector<KnobSetting>{{&knob("gate"), static_cast<long long>(GateType::Attentive)},
                                 {&knob("expert_hidden"), std::vector<int>{16}}})));
}

TEST(Knobs, KFollowsNUnlessSet) {
    const Knob& experts = knob("experts");
    const Knob& top_k = knob("top_k");
    auto with = [](const Config& base, std::vector<KnobSetting> settings) {
        return apply_settings(base, settings);
    };
    // Dense stays dense.
    EXPECT_EQ(with(Config{}, {{&experts, 7LL}}).top_k, 0);
    // A sparse K stays while it fits, and is clamped (then dense) when N drops below it.
    Config sparse;
    sparse.experts = 8;
    sparse.top_k = 3;
    EXPECT_EQ(with(sparse, {{&experts, 16LL}}).top_k, 3);
    EXPECT_EQ(with(sparse, {{&experts, 2LL}}).top_k, 0);
    EXPECT_EQ(with(sparse, {{&experts, 2LL}}).routed_experts(), 2);
    // K given: taken as is (validate judges it), K = N normalised.
    EXPECT_EQ(with(Config{}, {{&experts, 7LL}, {&top_k, 7LL}}).top_k, 0);
    EXPECT_EQ(with(Config{}, {{&experts, 7LL}, {&top_k, 2LL}}).top_k, 2);
    EXPECT_EQ(with(Config{}, {{&experts, 2LL}, {&top_k, 5LL}}).top_k, 5);
    EXPECT_EQ(knob_rules().size(), 4u);
    for (const KnobRule& rule : knob_rules()) {
        EXPECT_FALSE(std::string_view(rule.description).empty());
        for (std::string_view key : rule.keys) EXPECT_NE(find_knob(key), nullptr) << key;
    }
}

TEST(Knobs, ReinitialisationFollowsTheEffects) {
    const Config before;
    auto changed = [&](auto change) {
        Config after = before;
        change(after);
        return requires_reinitialisation(before, after);
    };
    EXPECT_FALSE(changed([](Config& c) { c.learning_rate = 0.1; }));
    EXPECT_FALSE(changed([](Config& c) { c.loss = LossType::Competitive; }));
    EXPECT_FALSE(changed([](Config& c) { c.top_k = 2; }));
    EXPECT_FALSE(changed([](Config& c) { c.optimizer = OptimizerType::Adam; }));
    EXPECT_FALSE(changed([](Config& c) { c.batch_size = 16; }));
    EXPECT_FALSE(changed([](Config& c) { c.precision = Precision::Double; }));
    EXPECT_FALSE(changed([](Config& c) { c.epochs = 5; }));
    EXPECT_FALSE(changed([](Config& c) { c.gate_hidden = {3}; })) << "the linear gate has none";
    // The engine grows or drops the noise weights and the shared expert between steps.
    EXPECT_FALSE(changed([](Config& c) { c.noisy_gate = true; }));
    EXPECT_FALSE(changed([](Config& c) { c.shared_expert = true; }));
    EXPECT_FALSE(changed([](Config& c) { c.routing = RoutingType::ExpertChoice; }));
    EXPECT_FALSE(changed([](Config& c) { c.capacity_factor = 1.25; }));
    EXPECT_FALSE(changed([](Config& c) { c.load_weight = 1; }));
    EXPECT_FALSE(changed([](Config& c) { c.similarity_weight = 1; }));
    EXPECT_TRUE(changed([](Config& c) {
        c.gate = GateType::Attentive;
        c.expert_hidden = {8};
    }));
    EXPECT_TRUE(changed([](Config& c) { c.experts = 6; }));
    EXPECT_TRUE(changed([](Config& c) { c.expert_hidden = {4}; }));
    EXPECT_TRUE(changed([](Config& c) { c.gate = GateType::Mlp; }));
    EXPECT_TRUE(changed([](Config& c) {
        c.gate = GateType::Mlp;
        c.gate_hidden = {3};
    }));
    EXPECT_TRUE(changed([](Config& c) { c.seed = 9; }));
    EXPECT_TRUE(changed([](Config& c) { c.dataset.noise = 0.3; }));
    Config mlp;
    mlp.gate = GateType::Mlp;
    Config wider = mlp;
    wider.gate_hidden = {16};
    EXPECT_TRUE(requires_reinitialisation(mlp, wider));
    Config attentive;
    attentive.gate = GateType::Attentive;
    attentive.expert_hidden = {8};
    Config wider_query = attentive;
    wider_query.gate_hidden = {16};
    EXPECT_TRUE(requires_reinitialisation(attentive, wider_query));
    // Every knob says what its change does, and the ones that re-initialise do.
    for (const Knob& k : knobs()) {
        Config after = before;
        if (k.key == "gate_hidden") after.gate = GateType::Mlp;
        Config after_with_knob = after;
        k.set(after_with_knob, test::non_default_value(k));
        const bool reinitialises = requires_reinitialisation(after, after_with_knob);
        EXPECT_EQ(reinitialises,
                  k.effect == KnobEffect::ReloadData || k.effect == KnobEffect::Reinitialise)
            << k.key;
    }
}

TEST(Knobs, EnumNamesComeFromTheTable) {
    for (const KnobChoice& choice : knob("loss").choices) {
        EXPECT_EQ(to_string(static_cast<LossType>(choice.value)), choice.name);
        EXPECT_EQ(parse_loss(choice.name), static_cast<LossType>(choice.value));
    }
    for (const KnobChoice& choice : knob("optimizer").choices)
        EXPECT_EQ(parse_optimizer(to_string(static_cast<OptimizerType>(choice.value))),
                  static_cast<OptimizerType>(choice.value));
    for (const KnobChoice& choice : knob("gate").choices)
        EXPECT_EQ(parse_gate(choice.name), static_cast<GateType>(choice.value));
    for (const KnobChoice& choice : knob("precision").choices)
        EXPECT_EQ(parse_precision(choice.name), static_cast<Precision>(choice.value));
    for (const KnobChoice& choice : knob("routing").choices) {
        EXPECT_EQ(to_string(static_cast<RoutingType>(choice.value)), choice.name);
        EXPECT_EQ(parse_routing(choice.name), static_cast<RoutingType>(choice.value));
    }
    EXPECT_EQ(to_string(GateType::Attentive), "attentive");
    EXPECT_EQ(parse_gate("attentive"), GateType::Attentive);
    try {
        parse_loss("hinge");
        FAIL();
    } catch (const ConfigError& error) {
        EXPECT_STREQ(error.what(),
                     "Unknown loss 'hinge' (expected one of: cooperative, competitive, "
                     "competitive-log, mixture-nll).");
    }
    EXPECT_EQ(equation_of(LossType::CompetitiveLog), "eq. 3");
}

TEST(Knobs, ApplicabilityFollowsTheOtherKnobs) {
    Config config;
    EXPECT_FALSE(knob("momentum").matters(config));
    config.optimizer = OptimizerType::Momentum;
    EXPECT_TRUE(knob("momentum").matters(config));
    EXPECT_FALSE(knob("dataset.noise").matters(config)) << "the vowels are not generated";
    config.dataset.name = "moons";
    EXPECT_TRUE(knob("dataset.noise").matters(config));
    EXPECT_TRUE(knob("dataset.cases").matters(config));
    config.dataset.name = "csv:/tmp/x.csv";
    EXPECT_TRUE(knob("dataset.label_column").matters(config));
    EXPECT_FALSE(knob("dataset.cases").matters(config));
    EXPECT_FALSE(knob("gate_hidden").matters(config));
    config.gate = GateType::Mlp;
    EXPECT_TRUE(knob("gate_hidden").matters(config));
    config.gate = GateType::Attentive;
    EXPECT_TRUE(knob("gate_hidden").matters(config)) << "the attentive gate's query network";
    // The load loss acts only through the noisy gate, and a gate with one expert has no choice.
    EXPECT_FALSE(knob("load_weight").matters(config));
    config.noisy_gate = true;
    EXPECT_TRUE(knob("load_weight").matters(config));
    EXPECT_TRUE(knob("noisy_gate").matters(config));
    config.experts = 1;
    EXPECT_FALSE(knob("noisy_gate").matters(config));
    EXPECT_FALSE(knob("load_weight").matters(config));
    for (const char* always :
         {"shared_expert", "routing", "capacity_factor", "similarity_weight", "balance_weight"})
        EXPECT_TRUE(knob(always).matters(config)) << always;
}

TEST(Knobs, NumbersReadAsWritten) {
    EXPECT_EQ(format_number(0.5), "0.5");
    EXPECT_EQ(format_number(1e6), "1e6");
    EXPECT_EQ(format_number(1e-8), "1e-8");
    EXPECT_EQ(format_number(2.5e-10), "2.5e-10");
    EXPECT_EQ(format_number(100), "100");
    EXPECT_EQ(format_number(1.0 / 3.0), "0.3333333333333333");
}

}  // namespace
}  // namespace moelab
