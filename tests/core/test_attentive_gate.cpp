// The attentive gate (Krishnamurthy, Watkins & Gaertner 2023): its shape, its logits against a
// direct computation of q . k_i / sqrt(h), its gradient against central finite differences for
// every loss (dense and top-K, one and two expert hidden layers, with and without query hidden
// layers), training in float and double, model files, and the plane's grid.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <functional>
#include <nlohmann/json.hpp>
#include <random>
#include <string>

#include "analysis/grid.h"
#include "data/registry.h"
#include "errors.h"
#include "io/model_file.h"
#include "model/attentive_gate.h"
#include "model_test_support.h"
#include "training/engine.h"
#include "training/knobs.h"
#include "training/trainer.h"

namespace moelab {
namespace {

using namespace testing_support;
using nlohmann::json;

ModelSpec attentive_spec(int inputs, int classes, int experts, std::vector<int> expert_hidden,
                         std::vector<int> gate_hidden) {
    ModelSpec spec = spec_of(inputs, classes, experts, std::move(expert_hidden));
    spec.gate = GateType::Attentive;
    spec.gate_hidden = std::move(gate_hidden);
    return spec;
}

const AttentiveGate& attentive_gate_of(const ModelStructure& structure) {
    const auto* gate = dynamic_cast<const AttentiveGate*>(&structure.gate());
    EXPECT_NE(gate, nullptr);
    return *gate;
}

// The Trainer validates its config and the model file names the gate's kind through the knob
// table: it must offer `--gate attentive`.
#define ASSERT_THE_KNOB_TABLE_KNOWS_ATTENTIVE()                                               \
    ASSERT_NE(knob("gate").find_choice("attentive"), nullptr) << "--gate has no 'attentive' " \
                                                                 "choice"

// ---- shape ------------------------------------------------------------------------------------

TEST(AttentiveGate, NeedsExpertsWithHiddenLayers) {
    try {
        Mixture<double> model(attentive_spec(2, 3, 3, {}, {5}));
        FAIL() << "an attentive gate over linear experts was built";
    } catch (const ConfigError& error) {
        EXPECT_STREQ(error.what(),
                     "The attentive gate needs experts with hidden layers (--hidden).");
    }
}

TEST(AttentiveGate, IsAQueryNetworkThenASquareKeyMatrixWithoutBiases) {
    const Mixture<double> model(attentive_spec(2, 3, 4, {6, 5}, {7}));
    const ModelStructure& structure = model.structure();
    const Gate& gate = structure.gate();
    EXPECT_EQ(gate.type(), GateType::Attentive);
    EXPECT_TRUE(gate.reads_expert_hidden());
    EXPECT_EQ(gate.dense_network(), nullptr) << "the grid's fused kernel must not take it";
    EXPECT_EQ(gate.hidden(), std::vector<int>{7});
    EXPECT_EQ(gate.input_rows(), 7);
    EXPECT_EQ(gate.settings(), json({{"hidden", {7}}}));
    EXPECT_EQ(attentive_gate_of(structure).key_width(), 5) << "h = the experts' last hidden width";

    const std::vector<DenseSlice> layers = gate.layers();
    ASSERT_EQ(layers.size(), 3u);
    EXPECT_TRUE(layers[0].in_input_layer());
    EXPECT_EQ(layers[0].rows, 7);
    EXPECT_EQ(layers[1].rows, 5);  // the query, h wide
    EXPECT_EQ(layers[1].cols, 7);
    EXPECT_TRUE(layers[1].has_biases());
    EXPECT_EQ(layers[2].rows, 5);  // W_k: h x e
    EXPECT_EQ(layers[2].cols, 5);
    EXPECT_FALSE(layers[2].has_biases());
    EXPECT_FALSE(layers[2].in_input_layer());

    // W1 and b1 of 7 + 4 * 6 rows, the query's 5 x 7 layer and biases, W_k, and four experts of
    // 6 -> 5 -> 3.
    const int R = 7 + 4 * 6;
    EXPECT_EQ(structure.input_layer_rows(), R);
    EXPECT_EQ(structure.parameter_count(), R * 2 + R + (5 * 7 + 5) + 5 * 5 + 4 * (30 + 5 + 15 + 3));

    // Without query hidden layers the query is linear in the input: h rows of the first layer.
    const Mixture<double> linear_query(attentive_spec(2, 3, 4, {6}, {}));
    EXPECT_EQ(linear_query.structure().gate().input_rows(), 6);
    EXPECT_EQ(linear_query.structure().gate().layers().size(), 2u);
}

TEST(AttentiveGate, TakesTheConfigsGateHiddenLayersAsItsQueryNetwork) {
    EXPECT_EQ(gate_hidden_layers(GateType::Attentive, {8, 4}), (std::vector<int>{8, 4}));
    Config config;
    config.gate = GateType::Attentive;
    config.expert_hidden = {6};
    config.gate_hidden = {9};
    const ModelSpec spec = ModelSpec::from(config, 2, 4);
    EXPECT_EQ(spec.gate, GateType::Attentive);
    EXPECT_EQ(spec.gate_hidden, std::vector<int>{9});
}

// ---- forward ----------------------------------------------------------------------------------

// A network as DenseNetwork runs it, one case at a time: affine layers with tanh between them.
Eigen::VectorXd run_network(const Eigen::VectorXd& parameters,
                            const std::vector<DenseSlice>& slices, const Eigen::VectorXd& x) {
    Eigen::VectorXd z = x;
    for (size_t l = 0; l < slices.size(); ++l) {
        if (l > 0) z = z.array().tanh().matrix();
        z = (weights_of<double>(parameters, slices[l]) * z +
             biases_of<double>(parameters, slices[l]))
                .eval();
    }
    return z;
}

TEST(AttentiveGate, LogitsAreTheScaledDotProductsOfTheQueryAndEachExpertsKey) {
    for (const std::vector<int>& expert_hidden : {std::vector<int>{4}, std::vector<int>{6, 3}}) {
        for (const std::vector<int>& gate_hidden : {std::vector<int>{}, std::vector<int>{5, 2}}) {
            SCOPED_TRACE(describe_widths(expert_hidden) + " / " + describe_widths(gate_hidden));
            Mixture<double> model(attentive_spec(3, 4, 5, expert_hidden, gate_hidden));
            model.initialize(17);
            model.parameters() *= 2.0;
            const ModelStructure& structure = model.structure();
            const AttentiveGate& gate = attentive_gate_of(structure);
            std::vector<DenseSlice> query = gate.layers();
            query.pop_back();
            const Eigen::MatrixXd key = weights_of<double>(model.parameters(), gate.key_matrix());
            const double h = expert_hidden.back();
            ASSERT_EQ(key.rows(), h);
            ASSERT_EQ(key.cols(), expert_hidden.back());

            std::mt19937_64 rng(3);
            std::normal_distribution<double> normal;
            Eigen::MatrixXd x(6, 3);
            for (Eigen::Index i = 0; i < x.size(); ++i) x.data()[i] = normal(rng);
            ForwardBackward<double> pass;
            pass.forward(model, InputBatch<double>(x), 5);
            for (Eigen::Index b = 0; b < x.rows(); ++b) {
                const Eigen::VectorXd q =
                    run_network(model.parameters(), query, x.row(b).transpose());
                ASSERT_EQ(q.size(), h);
                for (int i = 0; i < 5; ++i) {
                    // e_i: expert i's last hidden layer, computed here from its own layers.
                    std::vector<DenseSlice> hidden = structure.experts()[size_t(i)].layers();
                    hidden.pop_back();
                    const Eigen::VectorXd e =
                        run_network(model.parameters(), hidden, x.row(b).transpose())
                            .array()
                            .tanh();
                    const Eigen::VectorXd k = key * e;
                    EXPECT_NEAR(pass.gate_logits()(b, i), q.dot(k) / std::sqrt(h), 1e-12);
                }
            }
        }
    }
}

// ---- gradient ---------------------------------------------------------------------------------

struct Case {
    LossType loss;
    std::vector<int> expert_hidden;
    std::vector<int> gate_hidden;
    int top_k;
    double balance = 0;
    double importance = 0;
};

std::string case_name(const testing::TestParamInfo<Case>& info) {
    const Case& c = info.param;
    std::string name = std::string(to_string(c.loss));
    std::replace(name.begin(), name.end(), '-', '_');
    name += "_experts_" + std::to_string(c.expert_hidden.size()) + "hidden";
    name += c.gate_hidden.empty() ? "_linear_query" : "_mlp_query";
    name += "_k" + std::to_string(c.top_k);
    if (c.balance > 0) name += "_balance";
    if (c.importance > 0) name += "_importance";
    return name;
}

class AttentiveGradient : public testing::TestWithParam<Case> {};

constexpr int kExperts = 3, kClasses = 3, kInputs = 2, kCases = 7;

TEST_P(AttentiveGradient, MatchesCentralDifferencesAndFloatAgrees) {
    const Case c = GetParam();
    Mixture<double> model(
        attentive_spec(kInputs, kClasses, kExperts, c.expert_hidden, c.gate_hidden));
    const Objective<double> objective = objective_of<double>(c.loss, c.balance, c.importance);
    ForwardBackward<double> pass;
    Eigen::MatrixXd x(kCases, kInputs);
    std::vector<int> y(kCases);
    for (std::uint64_t seed = 1;; ++seed) {
        ASSERT_LT(seed, 200u) << "no tie-free point found";
        model.initialize(seed);
        model.parameters() *= 3.0;  // larger weights: sharper, less trivial gradients
        std::mt19937_64 rng(seed);
        std::normal_distribution<double> normal;
        for (Eigen::Index i = 0; i < x.size(); ++i) x.data()[i] = normal(rng);
        for (int b = 0; b < kCases; ++b) y[size_t(b)] = int(rng() % kClasses);
        pass.forward(model, InputBatch<double>(x), c.top_k);
        if (tie_gap(pass.gate_logits(), c.top_k) > 1e-3) break;
    }

    Eigen::VectorXd gradient;
    loss_of(model, x, y, objective, c.top_k, &gradient);
    ASSERT_EQ(gradient.size(), model.parameters().size());
    const Eigen::VectorXd numeric =
        central_differences(model, [&] { return loss_of(model, x, y, objective, c.top_k); });
    const double relative = (numeric - gradient).norm() / std::max(numeric.norm(), 1e-12);
    EXPECT_LT(relative, 1e-6) << "analytic:\n"
                              << gradient.transpose() << "\nnumeric:\n"
                              << numeric.transpose();
    EXPECT_GT(gradient.norm(), 1e-4) << "a vanishing gradient would make this check meaningless";

    // The gate's own parts take part (with K = 1 the routed weight is a constant 1 and no gate
    // gets a gradient): the key matrix, the query network's layers and its rows of the first
    // layer; and with a dense gate every expert's hidden layers, through its key.
    const AttentiveGate& gate = attentive_gate_of(model.structure());
    if (c.top_k > 1) {
        EXPECT_GT(weights_of<double>(gradient, gate.key_matrix()).norm(), 1e-6);
        for (const DenseSlice& layer : gate.query_network().layers())
            EXPECT_GT(weights_of<double>(gradient, layer).norm(), 1e-6);
    }
    if (c.top_k == kExperts) {
        for (const Expert& expert : model.structure().experts())
            EXPECT_GT(weights_of<double>(gradient, expert.layers().front()).norm(), 1e-8);
    }

    const Mixture<float> model_float = model.cast<float>();
    const Objective<float> objective_float = objective_of<float>(c.loss, c.balance, c.importance);
    Eigen::VectorXf gradient_float;
    const float loss_float = loss_of(model_float, Eigen::MatrixXf(x.cast<float>()), y,
                                     objective_float, c.top_k, &gradient_float);
    const double loss_double = loss_of(model, x, y, objective, c.top_k);
    EXPECT_NEAR(loss_float, loss_double, 1e-5 * std::max(1.0, std::abs(loss_double)));
    EXPECT_LT((gradient_float.cast<double>() - gradient).norm() / gradient.norm(), 1e-4)
        << "float and double gradients differ beyond float precision";

    if (c.top_k < kExperts && c.balance == 0 && c.importance == 0) {
        // An expert routed away from a case gets exactly zero gradient from it, its key included:
        // the routed softmax does not read its logit.
        for (int b = 0; b < kCases; ++b) {
            Eigen::MatrixXd one = x.row(b);
            std::vector<int> label{y[size_t(b)]};
            Eigen::VectorXd g;
            ForwardBackward<double> single;
            loss_of(model, one, label, objective_of<double>(c.loss), c.top_k, &g, &single);
            for (int i = 0; i < kExperts; ++i) {
                if (single.gate_probabilities()(0, i) != 0.0) continue;
                for (const DenseSlice& layer : model.structure().experts()[size_t(i)].layers()) {
                    EXPECT_TRUE(weights_of<double>(g, layer).isZero(0.0));
                    EXPECT_TRUE(biases_of<double>(g, layer).isZero(0.0));
                }
            }
        }
    }
}

std::vector<Case> all_cases() {
    std::vector<Case> cases;
    for (LossType loss : {LossType::Cooperative, LossType::Competitive, LossType::CompetitiveLog,
                          LossType::MixtureNll})
        for (const std::vector<int>& expert_hidden : {std::vector<int>{4}, std::vector<int>{4, 3}})
            for (const std::vector<int>& gate_hidden : {std::vector<int>{}, std::vector<int>{5}})
                for (int k : {kExperts, 2, 1})
                    cases.push_back({loss, expert_hidden, gate_hidden, k});
    // The batch terms on the attentive gate's probabilities, dense and sparse.
    for (int k : {kExperts, 2}) {
        cases.push_back({LossType::MixtureNll, {4}, {5}, k, 0.7, 0});
        cases.push_back({LossType::CompetitiveLog, {4, 3}, {}, k, 0.5, 0.6});
    }
    return cases;
}

INSTANTIATE_TEST_SUITE_P(AllLosses, AttentiveGradient, testing::ValuesIn(all_cases()), case_name);

// ---- training ---------------------------------------------------------------------------------

Config attentive_config(Precision precision) {
    Config config;
    config.dataset.name = "vowels";
    config.experts = 4;
    config.top_k = 0;
    config.expert_hidden = {8};
    config.gate = GateType::Attentive;
    config.gate_hidden = {8};
    config.loss = LossType::MixtureNll;
    config.optimizer = OptimizerType::Adam;
    config.learning_rate = 0.02;
    config.batch_size = 0;
    config.seed = 3;
    config.precision = precision;
    return config;
}

TEST(AttentiveGate, TrainsThroughTheEngineInFloatAndDouble) {
    for (Precision precision : {Precision::Float, Precision::Double}) {
        SCOPED_TRACE(precision == Precision::Float ? "float" : "double");
        const Config config = attentive_config(precision);
        const auto dataset = std::make_shared<const Dataset>(load_dataset(config.dataset));
        const Split split = make_split(*dataset);
        const std::unique_ptr<Engine> engine = make_engine(config, dataset, split, 1);
        EXPECT_EQ(engine->precision(), precision);
        double first = 0, last = 0;
        for (int step = 0; step < 400; ++step) {
            const StepResult result =
                engine->step(split.train_index, config.learning_rate, step > 0);
            ASSERT_TRUE(result.finite) << "step " << step;
            if (step == 0) first = result.loss;
            last = result.loss;
        }
        EXPECT_LT(last, 0.6 * first);
        const EpochMetrics metrics = engine->evaluate();
        EXPECT_GT(metrics.train_accuracy, 0.8);
        EXPECT_GT(metrics.test_accuracy, 0.75);
    }
}

TEST(AttentiveGate, AStepSplitOverThreadsEqualsTheWholeBatchStep) {
    // The gate's logits of a case read only that case's row, so parts of a batch add up exactly.
    Config config = attentive_config(Precision::Double);
    config.dataset.name = "moons";
    config.dataset.cases = 4000;
    config.top_k = 2;
    config.expert_hidden = {16};
    config.balance_weight = 0.5;
    const auto dataset = std::make_shared<const Dataset>(load_dataset(config.dataset));
    const Split split = make_split(*dataset);
    auto after_steps = [&](int threads, int* parts) {
        TrainingEngine<double> engine(config, dataset, split, threads);
        *parts = engine.parts_for(Eigen::Index(split.train_index.size()));
        for (int k = 0; k < 3; ++k)
            EXPECT_TRUE(engine.step(split.train_index, config.learning_rate, k > 0).finite);
        return engine.parameters();
    };
    int one_part = 0, parts = 0;
    const std::vector<double> whole = after_steps(1, &one_part);
    const std::vector<double> split_step = after_steps(2, &parts);
    ASSERT_EQ(one_part, 1);
    ASSERT_EQ(parts, 2) << "the batch must actually be split for this test to mean anything";
    double difference = 0, norm = 0;
    for (size_t j = 0; j < whole.size(); ++j) {
        difference = std::max(difference, std::abs(whole[j] - split_step[j]));
        norm = std::max(norm, std::abs(whole[j]));
    }
    EXPECT_LT(difference, 1e-12 * norm);
}

TEST(AttentiveGate, TrainsThroughTheTrainerInFloatAndDouble) {
    ASSERT_THE_KNOB_TABLE_KNOWS_ATTENTIVE();
    for (Precision precision : {Precision::Float, Precision::Double}) {
        SCOPED_TRACE(precision == Precision::Float ? "float" : "double");
        const Config config = attentive_config(precision);
        Trainer trainer(config, std::make_shared<const Dataset>(load_dataset(config.dataset)));
        EXPECT_EQ(trainer.spec().gate, GateType::Attentive);
        trainer.train(400);
        const EpochMetrics& last = trainer.history().metrics.back();
        EXPECT_GT(last.train_accuracy, 0.8);
        EXPECT_GT(last.test_accuracy, 0.75);
        EXPECT_LT(trainer.history().epoch_loss.back(), 0.6 * trainer.history().epoch_loss.front());
    }
}

// ---- model files ------------------------------------------------------------------------------

SavedModel saved_attentive_model(std::vector<int> gate_hidden) {
    SavedModel saved;
    saved.config = attentive_config(Precision::Double);
    saved.config.gate_hidden = gate_hidden;
    saved.config.expert_hidden = {6, 5};
    saved.config.experts = 3;
    saved.model = Mixture<double>(attentive_spec(2, 4, 3, {6, 5}, gate_hidden));
    saved.model.initialize(5);
    saved.model.parameters() *= 1.0 / 3.0;  // thirds: numbers whose decimal text is long
    saved.standardization.mean = (Eigen::VectorXd(2) << 1.5, -2).finished();
    saved.standardization.std = (Eigen::VectorXd(2) << 0.25, 3).finished();
    return saved;
}

TEST(AttentiveGate, ModelFilesRoundTripExactly) {
    ASSERT_THE_KNOB_TABLE_KNOWS_ATTENTIVE();
    for (const std::vector<int>& gate_hidden : {std::vector<int>{7}, std::vector<int>{}}) {
        SCOPED_TRACE(describe_widths(gate_hidden));
        const SavedModel saved = saved_attentive_model(gate_hidden);
        const json document = model_to_json(saved);
        EXPECT_EQ(document["gate"]["kind"], "attentive");
        EXPECT_EQ(document["gate"]["hidden"], json(gate_hidden));
        EXPECT_EQ(document["gate"]["layers"].size(), gate_hidden.size() + 1);
        EXPECT_EQ(document["gate"]["key"]["W"].size(), 5u);
        EXPECT_FALSE(document["gate"]["key"].contains("b"));
        const SavedModel read = model_from_json(json::parse(document.dump()));
        EXPECT_EQ(read.config, saved.config);
        EXPECT_EQ(read.model.spec(), saved.model.spec());
        EXPECT_EQ(read.model.parameters(), saved.model.parameters());
    }
}

TEST(AttentiveGate, MalformedAttentiveGatesInModelFilesNameWhatIsWrong) {
    ASSERT_THE_KNOB_TABLE_KNOWS_ATTENTIVE();
    const json good = model_to_json(saved_attentive_model({7}));
    auto error_of = [](const json& document) {
        try {
            model_from_json(document);
        } catch (const ModelFormatError& error) {
            return std::string(error.what());
        }
        return std::string("no error");
    };
    auto expect_error = [&](const std::function<void(json&)>& damage, const std::string& expected) {
        json document = good;
        damage(document);
        EXPECT_EQ(error_of(document), expected);
    };
    expect_error([](json& d) { d["gate"].erase("key"); },
                 "gate lacks the entry \"key\" of its attentive gate.");
    expect_error([](json& d) { d["gate"]["key"] = json::array(); },
                 "gate.key must be an object with W, got [].");
    expect_error(
        [](json& d) {
            d["gate"]["key"]["b"] = {0, 0, 0, 0, 0};
        },
        "gate.key has biases (b), but the keys have none: a bias there would add the "
        "same amount to every expert's logit.");
    expect_error([](json& d) { d["gate"]["key"]["W"].erase(d["gate"]["key"]["W"].begin()); },
                 "gate.key.W is 4 x 5, expected 5 x 5 (the query's width x the experts' last "
                 "hidden width).");
    expect_error(
        [](json& d) {
            for (json& row : d["gate"]["key"]["W"]) row.push_back(0.5);
        },
        "gate.key.W is 5 x 6, expected 5 x 5 (the query's width x the experts' last hidden "
        "width).");
    expect_error(
        [](json& d) {
            json& last = d["gate"]["layers"][1];
            last["W"].push_back(last["W"][0]);
            last["b"].push_back(0);
        },
        "gate.layers[1].W has 6 rows, expected 5 (an attentive gate's query is as wide as the "
        "experts' last hidden layer).");
    expect_error(
        [](json& d) {
            d["gate"]["kind"] = "mlp";
            d["config"]["gate"] = "mlp";
        },
        "gate.key belongs to an attentive gate, but gate.kind is mlp.");
    expect_error([](json& d) { d["config"]["gate"] = "mlp"; },
                 "config.gate is mlp but gate.kind is attentive.");
    expect_error([](json& d) { d["config"]["gate_hidden"] = {3}; },
                 "config.gate_hidden is 3 but the weights have 7 hidden units in the gate.");
    // An attentive gate over linear experts: the experts' single layers, and no hidden widths.
    expect_error(
        [](json& d) {
            for (json& expert : d["experts"]) {
                expert["layers"].erase(expert["layers"].begin() + 1, expert["layers"].end());
                expert["layers"][0]["W"].erase(expert["layers"][0]["W"].begin() + 4,
                                               expert["layers"][0]["W"].end());
                expert["layers"][0]["b"].erase(expert["layers"][0]["b"].begin() + 4,
                                               expert["layers"][0]["b"].end());
                expert["hidden"] = json::array();
            }
        },
        "gate.kind is attentive but the experts have no hidden layers; its keys read the experts' "
        "last hidden layer.");
}

// ---- the plane --------------------------------------------------------------------------------

TEST(AttentiveGate, TheGridOfThePlaneMatchesADirectForwardPass) {
    Standardization standardization;
    standardization.mean = (Eigen::VectorXd(2) << 100, -2).finished();
    standardization.std = (Eigen::VectorXd(2) << 50, 3).finished();
    GridSpec spec;
    spec.x_min = 0.37;
    spec.x_max = 200;
    spec.y_min = -8;
    spec.y_max = 4;
    spec.width = 37;
    spec.height = 23;
    for (const std::vector<int>& gate_hidden : {std::vector<int>{}, std::vector<int>{6}}) {
        for (int top_k : {4, 2}) {
            SCOPED_TRACE(describe_widths(gate_hidden) + " K=" + std::to_string(top_k));
            Mixture<double> model(attentive_spec(2, 3, 4, {5, 4}, gate_hidden));
            model.initialize(11);
            model.parameters() *= 4.0;
            const Mixture<float> drawn = model.cast<float>();
            for (int threads : {1, 2}) {
                const GridEvaluation grid =
                    evaluate_grid(drawn, standardization, top_k, spec, threads);
                ASSERT_EQ(grid.experts, 4);
                // Case by case in float, with the grid's own standardisation: labels agree
                // wherever float can tell the winner, probabilities to float's rounding.
                ForwardBackward<float> pass;
                Eigen::MatrixXf x(1, 2);
                int ties = 0;
                auto expect_label = [&ties](int grid_label, Eigen::Index direct, float margin) {
                    if (grid_label == direct) return;
                    ++ties;
                    EXPECT_LT(margin, 1e-4);
                };
                for (int row = 0; row < spec.height; ++row) {
                    for (int col = 0; col < spec.width; ++col) {
                        x << (float(spec.x_at(col)) - 100.0f) / 50.0f,
                            (float(spec.y_at(row)) + 2.0f) / 3.0f;
                        pass.forward(drawn, InputBatch<float>(x), top_k);
                        const size_t cell = size_t(row) * size_t(spec.width) + size_t(col);
                        Eigen::Index gate_top = 0, mixture_class = 0;
                        pass.gate_logits().row(0).maxCoeff(&gate_top);
                        pass.mixture_probabilities().row(0).maxCoeff(&mixture_class);
                        expect_label(grid.gate.label[cell], gate_top, grid.gate.margin[cell]);
                        std::vector<float> logits(4);
                        for (int i = 0; i < 4; ++i) logits[size_t(i)] = pass.gate_logits()(0, i);
                        std::sort(logits.rbegin(), logits.rend());
                        if (top_k < 4 &&
                            logits[size_t(top_k) - 1] - logits[size_t(top_k)] < 1e-4f) {
                            ++ties;  // which experts are routed is either answer
                            continue;
                        }
                        expect_label(grid.mixture.label[cell], mixture_class,
                                     grid.mixture.margin[cell]);
                        EXPECT_NEAR(grid.gate_top_probability[cell],
                                    pass.gate_probabilities().row(0).maxCoeff(), 1e-5);
                        for (int i = 0; i < 4; ++i) {
                            EXPECT_NEAR(grid.gate_probabilities[cell * 4 + size_t(i)],
                                        pass.gate_probabilities()(0, i), 1e-5);
                            Eigen::Index expert_class = 0;
                            pass.expert_logits().row(0).segment(i * 3, 3).maxCoeff(&expert_class);
                            expect_label(grid.expert[size_t(i)].label[cell], expert_class,
                                         grid.expert[size_t(i)].margin[cell]);
                        }
                    }
                }
                EXPECT_LE(ties, 2) << "float ties should be rare";
            }
        }
    }
    // The gate draws regions: more than one expert wins somewhere on this raster.
    Mixture<double> model(attentive_spec(2, 3, 4, {5, 4}, {6}));
    model.initialize(11);
    model.parameters() *= 4.0;
    const GridEvaluation grid = evaluate_grid(model.cast<float>(), standardization, 4, spec, 1);
    std::vector<int> wins(4, 0);
    for (std::uint8_t label : grid.gate.label) ++wins[label];
    EXPECT_GE(std::count_if(wins.begin(), wins.end(), [](int n) { return n > 0; }), 2);
}

}  // namespace
}  // namespace moelab
