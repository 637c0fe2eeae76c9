// The config as JSON, generated from the knob table: every knob round-trips, missing entries keep
// the defaults, wrong entries name their key, and the files of version 1 still read.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "errors.h"
#include "io/config_json.h"
#include "knob_values.h"
#include "training/knobs.h"

namespace moelab {
namespace {

using nlohmann::json;

TEST(ConfigJson, RoundTripsEveryKnobOnItsOwn) {
    for (const Knob& knob : knobs()) {
        Config config;
        knob.set(config, test::non_default_value(knob));
        // The others follow as they would on the command line (a network has one expert).
        follow_rules(config, Config{}, [&](const Knob& k) { return &k == &knob; });
        const Config read = config_from_json(json::parse(config_to_json(config).dump()));
        EXPECT_EQ(read, config) << knob.key;
        EXPECT_EQ(knob.get(read), test::non_default_value(knob)) << knob.key;
    }
}

TEST(ConfigJson, RoundTripsEveryKnobAtOnce) {
    Config config;
    for (const Knob& knob : knobs()) knob.set(config, test::non_default_value(knob));
    // A network is one expert (a rule between knobs): the config of every other knob changed is a
    // mixture's. RoundTripsEveryKnobOnItsOwn covers "model_kind".
    config.model_kind = ModelKind::Mixture;
    config.dataset.seed = 18446744073709551557ULL;  // beyond 2^53: must stay an integer
    config.dataset.test_fraction = 0.1 + 0.2;       // not a short decimal: must stay exact
    ASSERT_NO_THROW(validate(config));
    EXPECT_EQ(config_from_json(json::parse(config_to_json(config).dump())), config);
    EXPECT_EQ(config_from_json(json::parse(config_to_ordered_json(config).dump())), config);
}

TEST(ConfigJson, WritesOneEntryPerKnobUnderItsKey) {
    const json j = config_to_json(Config{});
    EXPECT_EQ(j["dataset"]["cases"], 0);
    EXPECT_EQ(j["dataset"]["name"], "vowels");
    EXPECT_EQ(j["loss"], "competitive-log");
    EXPECT_EQ(j["top_k"], 0);
    EXPECT_EQ(j["expert_hidden"], json::array());
    EXPECT_EQ(j["gate_hidden"], json::array({8}));
    EXPECT_EQ(j["noisy_gate"], false);
    EXPECT_TRUE(j["noisy_gate"].is_boolean());
    EXPECT_EQ(j["shared_expert"], false);
    EXPECT_EQ(j["routing"], "top-k");
    EXPECT_EQ(j["capacity_factor"], 0.0);
    EXPECT_EQ(j["load_weight"], 0.1);
    EXPECT_EQ(j["similarity_weight"], 0.0);
    size_t entries = 0;
    for (const auto& item : j.items())
        entries += item.value().is_object() ? item.value().size() : 1;
    EXPECT_EQ(entries, knobs().size());
    // The ordered form follows the table: the data first, as the help lists them.
    EXPECT_EQ(config_to_ordered_json(Config{}).begin().key(), "dataset");
}

TEST(ConfigJson, MissingEntriesKeepTheDefaults) {
    Config defaults;
    defaults.learning_rate = 0.05;
    defaults.dataset.noise = 0.3;
    const Config config = config_from_json(
        json::parse(R"({"loss": "mixture-nll", "dataset": {"size": 100}})"), defaults);
    EXPECT_EQ(config.loss, LossType::MixtureNll);
    EXPECT_EQ(config.dataset.cases, 100);
    EXPECT_EQ(config.dataset.noise, 0.3);
    EXPECT_EQ(config.learning_rate, 0.05);
    EXPECT_EQ(config.experts, defaults.experts);
    EXPECT_EQ(config_from_json(json::object(), defaults), defaults);
}

TEST(ConfigJson, TogglesAreTrueOrFalse) {
    Config on;
    on.noisy_gate = true;
    on.shared_expert = true;
    EXPECT_EQ(config_to_json(on)["noisy_gate"], true);
    EXPECT_EQ(config_to_json(on)["shared_expert"], true);
    const Config read =
        config_from_json(json::parse(R"({"noisy_gate": true, "shared_expert": false})"), on);
    EXPECT_TRUE(read.noisy_gate);
    EXPECT_FALSE(read.shared_expert);
    // What a command line takes is no JSON boolean.
    for (const char* text : {R"({"noisy_gate": "on"})", R"({"noisy_gate": 1})",
                             R"({"noisy_gate": null})", R"({"noisy_gate": "true"})"}) {
        try {
            config_from_json(json::parse(text));
            ADD_FAILURE() << "expected ConfigError for " << text;
        } catch (const ConfigError& error) {
            EXPECT_TRUE(std::string(error.what())
                            .starts_with("Config entry 'noisy_gate' must be true or false, got "))
                << error.what();
        }
    }
}

TEST(ConfigJson, FilesWithoutTheIssue8KnobsTakeTheirDefaults) {
    // A config written before the noisy gate, the shared expert, expert-choice routing, capacity
    // and the load and similarity weights existed.
    Config older;
    older.experts = 6;
    older.top_k = 2;
    older.gate = GateType::Mlp;
    older.balance_weight = 0.01;
    json document = config_to_json(older);
    for (const char* key : {"noisy_gate", "shared_expert", "routing", "capacity_factor",
                            "load_weight", "similarity_weight"})
        ASSERT_EQ(document.erase(key), 1u) << key;
    const Config read = config_from_json(document);
    EXPECT_EQ(read, older);
    EXPECT_FALSE(read.noisy_gate);
    EXPECT_FALSE(read.shared_expert);
    EXPECT_EQ(read.routing, RoutingType::TopK);
    EXPECT_EQ(read.capacity_factor, 0.0);
    EXPECT_EQ(read.load_weight, 0.1);
    EXPECT_EQ(read.similarity_weight, 0.0);
}

TEST(ConfigJson, ExpertsWithoutTopKStayDense) {
    EXPECT_TRUE(config_from_json(json::parse(R"({"experts": 8})")).dense());
    EXPECT_TRUE(config_from_json(json::parse(R"({"experts": 2})")).dense());
    Config sparse;
    sparse.experts = 8;
    sparse.top_k = 2;
    EXPECT_EQ(config_from_json(json::parse(R"({"experts": 16})"), sparse).top_k, 2);
}

TEST(ConfigJson, AcceptsIntegralDoublesFromOtherLanguages) {
    EXPECT_EQ(config_from_json(json::parse(R"({"experts": 3.0, "top_k": 3})")).experts, 3);
    EXPECT_EQ(config_from_json(json::parse(R"({"expert_hidden": [4.0, 2]})")).expert_hidden,
              (std::vector<int>{4, 2}));
}

TEST(ConfigJson, ReadsVersionOneFiles) {
    // What the program wrote before hidden layers were lists and K = N was stored as 0.
    const Config config = config_from_json(json::parse(R"({
        "dataset": {"name": "moons", "size": 300, "noise": 0.2, "seed": 4, "test_fraction": 0.25,
                    "label_column": ""},
        "experts": 4, "top_k": 4, "expert_hidden": 0, "gate": "mlp", "gate_hidden": 6,
        "loss": "competitive", "optimizer": "adam", "learning_rate": 0.01, "batch_size": 0,
        "epochs": 500, "seed": 3, "threads": 0})"));
    EXPECT_EQ(config.dataset.cases, 300);
    EXPECT_TRUE(config.expert_hidden.empty());
    EXPECT_EQ(config.gate_hidden, std::vector<int>{6});
    EXPECT_EQ(config.top_k, 0) << "K = N is the dense gate";
    EXPECT_TRUE(config.dense());
    EXPECT_EQ(config.loss, LossType::Competitive);
    const Config sparse = config_from_json(json::parse(R"({"experts": 4, "top_k": 2,
        "expert_hidden": 12})"));
    EXPECT_EQ(sparse.top_k, 2);
    EXPECT_EQ(sparse.expert_hidden, std::vector<int>{12});
    // Both spellings: the current one wins.
    EXPECT_EQ(
        config_from_json(json::parse(R"({"dataset": {"size": 100, "cases": 200}})")).dataset.cases,
        200);
}

TEST(ConfigJson, WrongTypesNameTheKey) {
    const std::vector<std::pair<const char*, const char*>> cases = {
        {R"({"experts": "four"})", "'experts'"},
        {R"({"experts": 2.5})", "'experts'"},
        {R"({"seed": -1})", "'seed'"},
        {R"({"learning_rate": true})", "'learning_rate'"},
        {R"({"gate": 1})", "'gate'"},
        {R"({"optimizer": "rmsprop"})", "'optimizer'"},
        {R"({"dataset": {"size": "big"}})", "'dataset.size'"},
        {R"({"dataset": {"cases": 2}})", "'dataset.cases'"},
        {R"({"dataset": "vowels"})", "'dataset'"},
        {R"({"experts": 99})", "'experts'"},
        {R"({"expert_hidden": [8, "x"]})", "'expert_hidden'"},
        {R"({"expert_hidden": [0]})", "'expert_hidden'"},
        {R"({"experts": 2, "top_k": 3})", "top_k"},
        {R"({"gate": "mlp", "gate_hidden": []})", "gate_hidden"},
        {R"({"gate": "attentive", "gate_hidden": []})", "expert_hidden"},
        {R"({"gate": "attentive"})", "expert_hidden"},
        {R"({"routing": "random"})", "'routing'"},
        {R"({"routing": 1})", "'routing'"},
        {R"({"capacity_factor": 17})", "'capacity_factor'"},
        {R"({"capacity_factor": "1"})", "'capacity_factor'"},
        {R"({"load_weight": -0.1})", "'load_weight'"},
        {R"({"similarity_weight": false})", "'similarity_weight'"},
        {R"({"shared_expert": "yes"})", "'shared_expert'"},
        {R"([1, 2])", "object"},
    };
    for (const auto& [text, key] : cases) {
        try {
            config_from_json(json::parse(text));
            ADD_FAILURE() << "expected ConfigError for " << text;
        } catch (const ConfigError& error) {
            EXPECT_NE(std::string(error.what()).find(key), std::string::npos)
                << text << ": " << error.what();
        }
    }
    try {
        config_from_json(json::parse(R"({"dataset": {"cases": "big"}})"));
    } catch (const ConfigError& error) {
        EXPECT_STREQ(error.what(),
                     "Config entry 'dataset.cases' must be an integer from 4 to 1000000, or 0 for "
                     "the dataset's own size, got \"big\".");
    }
    try {
        config_from_json(json::parse(R"({"gate": "attentive"})"));
        ADD_FAILURE() << "the attentive gate needs experts with hidden layers";
    } catch (const ConfigError& error) {
        EXPECT_STREQ(error.what(),
                     "expert_hidden (--hidden) must be at least one hidden layer, since the "
                     "attentive gate needs experts with hidden layers (widths from 1 to 256 "
                     "separated by commas, e.g. 16), got 0.");
    }
    EXPECT_EQ(config_from_json(json::parse(R"({"gate": "attentive", "expert_hidden": [8]})")).gate,
              GateType::Attentive);
}

}  // namespace
}  // namespace moelab
