// The moelab-model JSON file: exact round trips, the errors a malformed file gives, and files
// written by other programs.
#include <gtest/gtest.h>

#include <unistd.h>
#include <bit>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <functional>
#include <nlohmann/json.hpp>
#include <random>

#include "data/registry.h"
#include "errors.h"
#include "io/serialization.h"
#include "model_test_support.h"
#include "training/trainer.h"

namespace moelab {
namespace {

using nlohmann::json;
using namespace testing_support;

// Inputs, classes, experts, the units of each expert's one hidden layer and of the gate's (0 for
// none).
struct Shape {
    int inputs, classes, experts, expert_hidden, gate_hidden;
    ModelSpec spec() const {
        return spec_of(inputs, classes, experts,
                       expert_hidden > 0 ? std::vector<int>{expert_hidden} : std::vector<int>{},
                       gate_hidden > 0 ? std::vector<int>{gate_hidden} : std::vector<int>{});
    }
};

// Every finite double is a fair weight; random bit patterns reach subnormals, huge exponents and
// negative zero, where a lossy number format would show.
double random_finite_double(std::mt19937_64& rng) {
    for (;;) {
        const double value = std::bit_cast<double>(rng());
        if (std::isfinite(value)) return value;
    }
}

SavedModel make_saved_model(const Shape& shape, std::uint64_t seed) {
    SavedModel saved;
    saved.config.experts = shape.experts;
    saved.config.top_k = shape.experts > 2 ? 2 : 0;
    saved.config.expert_hidden =
        shape.expert_hidden > 0 ? std::vector<int>{shape.expert_hidden} : std::vector<int>{};
    saved.config.gate = shape.gate_hidden > 0 ? GateType::Mlp : GateType::Linear;
    if (shape.gate_hidden > 0) saved.config.gate_hidden = {shape.gate_hidden};
    saved.config.loss = LossType::MixtureNll;
    saved.config.optimizer = OptimizerType::Adam;
    saved.config.learning_rate = 0.1;
    saved.config.adam_epsilon = 1.0 / 3.0;
    saved.config.dataset.name = "csv:/tmp/some file.csv";
    saved.config.dataset.test_fraction = 0.1 + 0.2;
    saved.config.dataset.seed = 18446744073709551557ULL;  // beyond 2^53: must stay an integer
    saved.config.dataset.label_column = "vowel \"quoted\"";
    saved.config.seed = 42;
    saved.model = Mixture<double>(shape.spec());
    std::mt19937_64 rng(seed);
    for (Eigen::Index i = 0; i < saved.model.parameters().size(); ++i)
        saved.model.parameters()(i) = random_finite_double(rng);
    saved.model.parameters()(0) = -0.0;
    saved.model.parameters()(1) = std::numeric_limits<double>::denorm_min();
    saved.model.parameters()(2) = std::numeric_limits<double>::max();
    saved.standardization.mean = Eigen::VectorXd::Zero(shape.inputs);
    saved.standardization.std = Eigen::VectorXd::Ones(shape.inputs);
    for (int i = 0; i < shape.inputs; ++i) {
        saved.standardization.mean(i) = random_finite_double(rng);
        saved.standardization.std(i) = std::abs(random_finite_double(rng)) + 1e-300;
    }
    for (int c = 0; c < shape.classes; ++c)
        saved.class_names.push_back("class " + std::to_string(c));
    for (int d = 0; d < shape.inputs; ++d) saved.feature_names.push_back("F" + std::to_string(d));
    return saved;
}

bool bitwise_equal(const Eigen::VectorXd& a, const Eigen::VectorXd& b) {
    return a.size() == b.size() &&
           std::memcmp(a.data(), b.data(), sizeof(double) * size_t(a.size())) == 0;
}

void expect_identical(const SavedModel& expected, const SavedModel& actual) {
    EXPECT_EQ(expected.config, actual.config);
    EXPECT_EQ(expected.model.spec(), actual.model.spec());
    EXPECT_TRUE(bitwise_equal(expected.model.parameters(), actual.model.parameters()));
    EXPECT_TRUE(bitwise_equal(expected.standardization.mean, actual.standardization.mean));
    EXPECT_TRUE(bitwise_equal(expected.standardization.std, actual.standardization.std));
    EXPECT_EQ(expected.class_names, actual.class_names);
    EXPECT_EQ(expected.feature_names, actual.feature_names);
}

std::filesystem::path fresh_directory(const std::string& name) {
    const auto directory = std::filesystem::temp_directory_path() /
                           ("moelab_serialization_" + name + "_" + std::to_string(::getpid()));
    std::filesystem::remove_all(directory);
    std::filesystem::create_directories(directory);
    return directory;
}

struct ShapeCase {
    const char* name;
    Shape shape;
};

void PrintTo(const ShapeCase& c, std::ostream* out) {
    *out << c.name;
}

class RoundTrip : public ::testing::TestWithParam<ShapeCase> {};

TEST_P(RoundTrip, ThroughTextIsBitwiseExact) {
    const SavedModel saved = make_saved_model(GetParam().shape, 7);
    const std::string text = model_to_json(saved).dump(2);
    expect_identical(saved, model_from_json(json::parse(text)));
}

TEST_P(RoundTrip, ThroughFileIsBitwiseExact) {
    const auto directory = fresh_directory(GetParam().name);
    const std::string path = (directory / "model.json").string();
    const SavedModel saved = make_saved_model(GetParam().shape, 11);
    save_model(saved, path);
    expect_identical(saved, load_model(path));
    // Saving over an existing file replaces it and leaves no temporary behind.
    const SavedModel second = make_saved_model(GetParam().shape, 12);
    save_model(second, path);
    expect_identical(second, load_model(path));
    EXPECT_EQ(std::distance(std::filesystem::directory_iterator(directory),
                            std::filesystem::directory_iterator()),
              1);
    std::filesystem::remove_all(directory);
}

INSTANTIATE_TEST_SUITE_P(Shapes, RoundTrip,
                         ::testing::Values(ShapeCase{"linear", {2, 4, 3, 0, 0}},
                                           ShapeCase{"mlp_experts", {2, 4, 3, 5, 0}},
                                           ShapeCase{"mlp_gate", {3, 2, 4, 0, 6}},
                                           ShapeCase{"mlp_both", {5, 3, 2, 4, 3}},
                                           ShapeCase{"one_expert", {2, 3, 1, 6, 0}}),
                         [](const auto& info) { return std::string(info.param.name); });

TEST(Serialization, WritesTheDocumentedLayout) {
    const SavedModel saved = make_saved_model({2, 4, 3, 5, 6}, 3);
    const json j = model_to_json(saved);
    EXPECT_EQ(j["format"], "moelab-model");
    EXPECT_EQ(j["version"], 2);
    EXPECT_EQ(j["gate"]["kind"], "mlp");
    EXPECT_EQ(j["gate"]["hidden"], json::array({6}));
    EXPECT_EQ(j["experts"][0]["hidden"], json::array({5}));
    EXPECT_EQ(j["config"]["loss"], "mixture-nll");
    EXPECT_EQ(j["config"]["gate"], "mlp");
    EXPECT_EQ(j["config"]["optimizer"], "adam");
    EXPECT_EQ(j["config"]["dataset"]["name"], "csv:/tmp/some file.csv");
    ASSERT_EQ(j["gate"]["layers"].size(), 2u);
    // Rows are outputs, columns are inputs, in forward order.
    EXPECT_EQ(j["gate"]["layers"][0]["W"].size(), 6u);
    EXPECT_EQ(j["gate"]["layers"][0]["W"][0].size(), 2u);
    EXPECT_EQ(j["gate"]["layers"][1]["W"].size(), 3u);
    EXPECT_EQ(j["gate"]["layers"][1]["W"][0].size(), 6u);
    ASSERT_EQ(j["experts"].size(), 3u);
    EXPECT_EQ(j["experts"][2]["layers"][1]["W"].size(), 4u);
    EXPECT_EQ(j["experts"][2]["layers"][1]["W"][0].size(), 5u);
    EXPECT_EQ(j["experts"][2]["layers"][1]["b"].size(), 4u);
    const auto w =
        weights_of<double>(saved.model.parameters(), layer_of(saved.model.structure(), 3, 1));
    EXPECT_EQ(j["experts"][2]["layers"][1]["W"][3][4].get<double>(), w(3, 4));
    EXPECT_EQ(j["class_names"].size(), 4u);
    EXPECT_EQ(j["feature_names"][1], "F1");
}

TEST(Serialization, RefusesToSaveNonFiniteWeights) {
    SavedModel saved = make_saved_model({2, 2, 2, 0, 0}, 1);
    biases_of<double>(saved.model.parameters(), layer_of(saved.model.structure(), 2, 0))(1) =
        std::nan("");
    try {
        model_to_json(saved);
        FAIL() << "expected ModelFormatError";
    } catch (const ModelFormatError& error) {
        EXPECT_NE(std::string(error.what()).find("experts[1].layers[0].b[1]"), std::string::npos)
            << error.what();
    }
}

TEST(Serialization, SaveReportsTheTargetPath) {
    const SavedModel saved = make_saved_model({2, 2, 2, 0, 0}, 1);
    const std::string path = "/nonexistent-moelab-directory/model.json";
    try {
        save_model(saved, path);
        FAIL() << "expected an error";
    } catch (const std::runtime_error& error) {
        EXPECT_NE(std::string(error.what()).find(path), std::string::npos) << error.what();
    }
}

// ---- malformed files ---------------------------------------------------------------------------

struct Malformation {
    const char* name;
    std::function<void(json&)> damage;
    const char* message_part;  // the message names where the problem is
};

void PrintTo(const Malformation& m, std::ostream* out) {
    *out << m.name;
}

class MalformedModel : public ::testing::TestWithParam<Malformation> {};

TEST_P(MalformedModel, ThrowsModelFormatErrorNamingThePlace) {
    json j = model_to_json(make_saved_model({2, 4, 3, 5, 0}, 5));
    GetParam().damage(j);
    try {
        model_from_json(j);
        FAIL() << "expected ModelFormatError";
    } catch (const ModelFormatError& error) {
        EXPECT_NE(std::string(error.what()).find(GetParam().message_part), std::string::npos)
            << error.what();
    }
}

INSTANTIATE_TEST_SUITE_P(
    Cases, MalformedModel,
    ::testing::Values(
        Malformation{"not_an_object",
                     [](json& j) {
                         j = json::array({1, 2});
                     },
                     "JSON object"},
        Malformation{"missing_format", [](json& j) { j.erase("format"); }, "\"format\""},
        Malformation{"wrong_format", [](json& j) { j["format"] = "keras"; }, "format"},
        Malformation{"newer_version", [](json& j) { j["version"] = 3; }, "version 3 is newer"},
        Malformation{"hidden_disagrees_with_layers",
                     [](json& j) { j["experts"][0]["hidden"] = json::array({7}); },
                     "experts[0].hidden"},
        Malformation{"unknown_gate_kind", [](json& j) { j["gate"]["kind"] = "psychic"; },
                     "gate.kind"},
        Malformation{"linear_kind_with_hidden_layers",
                     [](json& j) {
                         j["experts"][0]["hidden"] = json::array({5});
                         j["gate"]["kind"] = "mlp";
                         j["gate"]["layers"] = json::array(
                             {j["experts"][0]["layers"][0], j["experts"][0]["layers"][1]});
                         j["gate"]["hidden"] = json::array({5});
                         j["gate"]["kind"] = "linear";
                     },
                     "gate.kind is linear"},
        Malformation{"missing_gate", [](json& j) { j.erase("gate"); }, "\"gate\""},
        Malformation{"missing_experts", [](json& j) { j.erase("experts"); }, "\"experts\""},
        Malformation{"empty_experts", [](json& j) { j["experts"] = json::array(); }, "experts"},
        Malformation{"missing_W", [](json& j) { j["experts"][1]["layers"][0].erase("W"); },
                     "experts[1].layers[0]"},
        Malformation{"ragged_W",
                     [](json& j) { j["experts"][2]["layers"][0]["W"][3].push_back(1.0); },
                     "experts[2].layers[0].W row 3"},
        Malformation{"string_in_W",
                     [](json& j) { j["experts"][0]["layers"][1]["W"][2][1] = "0.5"; },
                     "experts[0].layers[1].W row 2 column 1"},
        Malformation{"null_in_b", [](json& j) { j["gate"]["layers"][0]["b"][1] = nullptr; },
                     "gate.layers[0].b[1]"},
        Malformation{"short_b", [](json& j) { j["experts"][1]["layers"][1]["b"].erase(0); },
                     "experts[1].layers[1].b"},
        Malformation{"gate_rows_not_experts",
                     [](json& j) {
                         j["gate"]["layers"][0]["W"].erase(0);
                         j["gate"]["layers"][0]["b"].erase(0);
                     },
                     "gate.layers[0].W"},
        Malformation{"expert_inputs_differ",
                     [](json& j) {
                         for (auto& row : j["experts"][1]["layers"][0]["W"]) row.push_back(0.0);
                     },
                     "experts[1].layers[0].W"},
        Malformation{"hidden_layers_do_not_chain",
                     [](json& j) {
                         for (auto& row : j["experts"][0]["layers"][1]["W"]) row.erase(0);
                     },
                     "experts[0].layers[1].W"},
        Malformation{"expert_classes_differ",
                     [](json& j) {
                         j["experts"][2]["layers"][1]["W"].erase(0);
                         j["experts"][2]["layers"][1]["b"].erase(0);
                     },
                     "experts[2].layers[1].W"},
        Malformation{"expert_depth_differs",
                     [](json& j) {
                         j["experts"][1]["layers"] = json::array({j["experts"][1]["layers"][0]});
                     },
                     "experts[1]"},
        Malformation{"three_layers",
                     [](json& j) {
                         j["gate"]["layers"].push_back(j["gate"]["layers"][0]);
                         j["gate"]["layers"].push_back(j["gate"]["layers"][0]);
                     },
                     "gate.layers"},
        Malformation{"short_mean", [](json& j) { j["standardization"]["mean"].erase(0); },
                     "standardization.mean"},
        Malformation{"zero_std", [](json& j) { j["standardization"]["std"][1] = 0; },
                     "standardization.std[1]"},
        Malformation{"missing_standardization", [](json& j) { j.erase("standardization"); },
                     "\"standardization\""},
        Malformation{"config_experts_disagree", [](json& j) { j["config"]["experts"] = 4; },
                     "config.experts"},
        Malformation{"config_hidden_disagrees", [](json& j) { j["config"]["expert_hidden"] = 0; },
                     "config.expert_hidden"},
        Malformation{"config_gate_disagrees", [](json& j) { j["config"]["gate"] = "mlp"; },
                     "config.gate"},
        Malformation{"config_top_k_too_large", [](json& j) { j["config"]["top_k"] = 5; }, "top-k"},
        Malformation{"config_wrong_type", [](json& j) { j["config"]["learning_rate"] = "fast"; },
                     "learning_rate"},
        Malformation{"config_unknown_loss", [](json& j) { j["config"]["loss"] = "hinge"; }, "loss"},
        Malformation{"class_names_length", [](json& j) { j["class_names"].erase(0); },
                     "class_names"},
        Malformation{"feature_name_not_string", [](json& j) { j["feature_names"][0] = 3; },
                     "feature_names[0]"}),
    [](const auto& info) { return std::string(info.param.name); });

TEST(Serialization, LoadNamesTheFileForBadJsonAndMissingFiles) {
    const auto directory = fresh_directory("bad_json");
    const std::string path = (directory / "broken.json").string();
    std::ofstream(path) << "{\"format\": \"moelab-model\", ";
    try {
        load_model(path);
        FAIL() << "expected ModelFormatError";
    } catch (const ModelFormatError& error) {
        EXPECT_NE(std::string(error.what()).find(path), std::string::npos) << error.what();
    }
    EXPECT_THROW(load_model((directory / "absent.json").string()), ModelFormatError);
    std::filesystem::remove_all(directory);
}

// ---- files from other programs -----------------------------------------------------------------

// What a short Python script would write: integers where it had integers, a minimal config, no
// names. Inputs (x - mean) / std feed a linear gate and two linear experts.
constexpr const char* kHandWritten = R"({
  "format": "moelab-model",
  "version": 1,
  "config": {"dataset": {"name": "vowels"}, "loss": "competitive"},
  "standardization": {"mean": [1, 0], "std": [2.0, 1]},
  "gate": {"layers": [{"W": [[1, 0], [-1, 0]], "b": [0, 0]}]},
  "experts": [
    {"layers": [{"W": [[0, 0], [0, 0]], "b": [2, 0]}]},
    {"layers": [{"W": [[0, 0.0], [0, 0]], "b": [0, 2]}]}
  ]
})";

TEST(Serialization, LoadsAndEvaluatesAHandWrittenModel) {
    const SavedModel saved = model_from_json(json::parse(kHandWritten));
    EXPECT_EQ(saved.model.spec(), (Shape{2, 2, 2, 0, 0}.spec()));
    EXPECT_EQ(saved.config.experts, 2);
    EXPECT_TRUE(saved.config.dense()) << "a file without K describes the dense gate";
    EXPECT_EQ(saved.config.loss, LossType::Competitive);
    EXPECT_EQ(saved.config.learning_rate, Config{}.learning_rate);
    EXPECT_EQ(saved.config.gate, GateType::Linear);
    EXPECT_TRUE(saved.class_names.empty());

    // Raw (3, 5) standardises to (1, 5); gate logits (1, -1); experts favour class 0 and class 1.
    Eigen::MatrixXd raw(1, 2);
    raw << 3, 5;
    const Eigen::MatrixXd x =
        (raw.rowwise() - saved.standardization.mean.transpose()).array().rowwise() /
        saved.standardization.std.transpose().array();
    ForwardBackward<double> pass;
    pass.forward(saved.model, InputBatch<double>(x), saved.config.routed_experts());
    const double gate0 = 1 / (1 + std::exp(-2.0));
    EXPECT_NEAR(pass.gate_probabilities()(0, 0), gate0, 1e-12);
    const double favoured = 1 / (1 + std::exp(-2.0));
    const Eigen::MatrixXd mixture = pass.mixture_probabilities();
    EXPECT_NEAR(mixture(0, 0), gate0 * favoured + (1 - gate0) * (1 - favoured), 1e-12);
    EXPECT_NEAR(mixture(0, 0) + mixture(0, 1), 1.0, 1e-12);
}

TEST(Serialization, AFileWithoutConfigTakesTheDefaults) {
    json j = json::parse(kHandWritten);
    j.erase("config");
    Config defaults;
    defaults.learning_rate = 0.25;
    const SavedModel saved = model_from_json(j, defaults);
    EXPECT_EQ(saved.config.learning_rate, 0.25);
    EXPECT_EQ(saved.config.experts, 2);
    EXPECT_TRUE(saved.config.dense());
}

}  // namespace
}  // namespace moelab

namespace moelab {
namespace {

// ---- version 1 and the training state ---------------------------------------------------------

TEST(ModelFile, AVersionOneFileWrittenByTheFirstReleaseStillLoads) {
    // Written by moelab-cli of the first release (commit 006091f): "moelab-cli train --dataset
    // moons --size 200 --experts 3 --top-k 2 --hidden 4 --gate mlp --gate-hidden 3 --loss
    // mixture-nll --optimizer adam --lr 0.02 --epochs 30 --seed 5", which printed train accuracy
    // 92.54 %, test accuracy 96.97 %, loss 0.224639.
    const SavedModel saved = load_model(std::string(MOELAB_TEST_DATA_DIR) + "/model_v1_mlp.json");
    ModelSpec expected;
    expected.inputs = 2;
    expected.classes = 2;
    expected.experts = 3;
    expected.expert_hidden = {4};
    expected.gate = GateType::Mlp;
    expected.gate_hidden = {3};
    EXPECT_EQ(saved.model.spec(), expected);
    EXPECT_EQ(saved.config.dataset.cases, 200) << "version 1 called it size";
    EXPECT_EQ(saved.config.routed_experts(), 2);
    EXPECT_EQ(saved.config.optimizer, OptimizerType::Adam);
    EXPECT_FALSE(saved.training.has_value());
}

TEST(ModelFile, TheTrainingStateRoundTripsAndTheTrainingContinuesBitForBit) {
    Config config;
    config.dataset.name = "moons";
    config.dataset.cases = 300;
    config.experts = 3;
    config.top_k = 2;
    config.expert_hidden = {5, 4};  // two hidden layers: any depth goes into the file
    config.gate = GateType::Mlp;
    config.gate_hidden = {6};
    config.loss = LossType::MixtureNll;
    config.balance_weight = 0.1;
    config.optimizer = OptimizerType::Adam;
    config.learning_rate = 0.01;
    config.batch_size = 32;
    config.metrics_every = 2;
    auto data = std::make_shared<const Dataset>(load_dataset(config.dataset));
    Trainer original(config, data);
    original.train(5);
    original.step();
    original.step();  // mid-epoch

    const auto directory = fresh_directory("state");
    const std::string path = (directory / "training.json").string();
    save_model(saved_model_of(original, true), path);
    const SavedModel loaded = load_model(path);
    ASSERT_TRUE(loaded.training.has_value());
    EXPECT_EQ(loaded.training->epoch, 5);
    EXPECT_EQ(loaded.training->history.metrics.size(), original.history().metrics.size());
    // The entanglement measures come back, an expert that is no case's top choice as NaN.
    const EpochMetrics& written = original.history().metrics.back();
    const EpochMetrics& read = loaded.training->history.metrics.back();
    EXPECT_EQ(read.top_expert_accuracy, written.top_expert_accuracy);
    ASSERT_EQ(read.own_accuracy.size(), written.own_accuracy.size());
    for (size_t i = 0; i < read.own_accuracy.size(); ++i)
        EXPECT_TRUE(read.own_accuracy[i] == written.own_accuracy[i] ||
                    (std::isnan(read.own_accuracy[i]) && std::isnan(written.own_accuracy[i])));

    Trainer resumed(loaded.config, data);
    resumed.restore(*loaded.training);
    for (int e = 0; e < 4; ++e) {
        original.train_epoch();
        resumed.train_epoch();
    }
    EXPECT_TRUE(bitwise_equal(original.model().parameters(), resumed.model().parameters()));
    EXPECT_EQ(original.history().epoch_loss, resumed.history().epoch_loss);
    EXPECT_EQ(original.history().metrics.size(), resumed.history().metrics.size());
    EXPECT_EQ(original.history().metrics.back().train_accuracy,
              resumed.history().metrics.back().train_accuracy);
    std::filesystem::remove_all(directory);
}

}  // namespace
}  // namespace moelab
