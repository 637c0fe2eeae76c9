// The mechanisms of sparse mixtures after 1991: noisy top-K gating and its load term, the shared
// expert, expert capacity, expert-choice routing and sparse experts. Every gradient against
// central finite differences (double), sparse experts against dense ones, the batch-level routing
// of a split batch against the whole batch, and the routing rules on hand-made logits.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <random>
#include <string>

#include "data/registry.h"
#include "io/serialization.h"
#include "model_test_support.h"
#include "training/engine.h"
#include "training/routing.h"
#include "training/trainer.h"

namespace moelab {
namespace {

using namespace testing_support;

// ---- the routing rules ---------------------------------------------------------------------

Eigen::MatrixXd logits_of(std::initializer_list<std::initializer_list<double>> rows) {
    Eigen::MatrixXd m(Eigen::Index(rows.size()), Eigen::Index(rows.begin()->size()));
    Eigen::Index r = 0;
    for (const auto& row : rows) {
        Eigen::Index c = 0;
        for (double v : row) m(r, c++) = v;
        ++r;
    }
    return m;
}

struct Chosen {
    Eigen::MatrixXd mask;
    Eigen::VectorXd dropped;
    Eigen::Index count = 0;
};

Chosen choose(const RoutingRule& rule, const Eigen::MatrixXd& logits) {
    Chosen c;
    c.mask.resize(logits.rows(), logits.cols());
    c.dropped.resize(logits.rows());
    RoutingWork<double> work;
    c.count = choose_experts<double>(rule, logits, c.mask, c.dropped, work);
    return c;
}

TEST(RoutingRules, CapacityIsFactorTimesKTimesBatchOverExpertsAtLeastOne) {
    RoutingRule rule;
    rule.k = 2;
    rule.capacity_factor = 1.25;
    EXPECT_EQ(rule.capacity(128, 8), 40);  // floor(1.25 * 2 * 128 / 8)
    rule.capacity_factor = 0;
    EXPECT_EQ(rule.capacity(128, 8), 128) << "no limit";
    rule.capacity_factor = 0.01;
    EXPECT_EQ(rule.capacity(10, 8), 1) << "every expert can take at least one case";
    rule.type = RoutingType::ExpertChoice;
    rule.capacity_factor = 0;
    EXPECT_EQ(rule.capacity(128, 8), 32) << "expert choice: factor 0 counts as 1";
}

TEST(RoutingRules, CapacityServesFirstChoicesBeforeSecondOnesInBatchOrder) {
    // Four cases, three experts, K = 2, capacity floor(0.75 * 2 * 4 / 3) = 2.
    RoutingRule rule;
    rule.k = 2;
    rule.capacity_factor = 0.75;
    ASSERT_EQ(rule.capacity(4, 3), 2);
    const Eigen::MatrixXd logits = logits_of({{3, 2, 0},    // first choice 0, second 1
                                              {3, 0, 2},    // 0, then 2
                                              {3, 2, 1},    // 0 (full: dropped), then 1
                                              {0, 3, 2}});  // 1, then 2
    const Chosen c = choose(rule, logits);
    // First choices in batch order: expert 0 takes cases 0 and 1, turns case 2 away; expert 1
    // takes case 3. Second choices: expert 1 takes case 0 (its second), and is then full, so case
    // 2's second choice (1) is turned away too; expert 2 takes cases 1 and 3.
    const Eigen::MatrixXd expected = logits_of({{1, 1, 0}, {1, 0, 1}, {0, 0, 0}, {0, 1, 1}});
    EXPECT_EQ(c.mask, expected) << c.mask;
    EXPECT_EQ(c.dropped, Eigen::Vector4d(0, 0, 1, 0));
    EXPECT_EQ(c.count, 1);
}

TEST(RoutingRules, ExpertChoiceTakesEachExpertsHighestScoringCases) {
    // Two experts, four cases, K = 1: each expert takes floor(1 * 4 / 2) = 2 cases by softmax
    // score.
    RoutingRule rule;
    rule.type = RoutingType::ExpertChoice;
    rule.k = 1;
    const Eigen::MatrixXd logits = logits_of({{2, 0}, {1, 0}, {0, 0.5}, {0, 0.2}});
    const Chosen c = choose(rule, logits);
    // Scores for expert 0: .88 .73 .38 .45 -> cases 0, 1; expert 1: .12 .27 .62 .55 -> 2, 3.
    EXPECT_EQ(c.mask, logits_of({{1, 0}, {1, 0}, {0, 1}, {0, 1}}));
    EXPECT_EQ(c.count, 0);
    // Both experts prefer the same cases: the others are chosen by none and dropped.
    const Chosen shared = choose(rule, logits_of({{2, 2}, {1, 1}, {0, 0}, {-1, -1}}));
    EXPECT_EQ(shared.mask, logits_of({{1, 1}, {1, 1}, {0, 0}, {0, 0}}));
    EXPECT_EQ(shared.dropped, Eigen::Vector4d(0, 0, 1, 1));
    EXPECT_EQ(shared.count, 2);
}

TEST(RoutingRules, SoftmaxOverTheMaskLeavesCasesWithoutExpertsAtZero) {
    const Eigen::MatrixXd logits = logits_of({{1, 2, 3}, {0, 0, 0}});
    const Eigen::MatrixXd mask = logits_of({{1, 0, 1}, {0, 0, 0}});
    Eigen::MatrixXd p(2, 3);
    Eigen::VectorXd log_normalizer(2), scratch(2);
    softmax_over_mask<double>(logits, mask, p, log_normalizer, scratch);
    const double z = std::exp(1.0) + std::exp(3.0);
    EXPECT_NEAR(p(0, 0), std::exp(1.0) / z, 1e-15);
    EXPECT_EQ(p(0, 1), 0.0);
    EXPECT_NEAR(p(0, 2), std::exp(3.0) / z, 1e-15);
    EXPECT_NEAR(log_normalizer(0), std::log(z), 1e-14);
    EXPECT_EQ(p.row(1), Eigen::RowVector3d::Zero());
    EXPECT_EQ(log_normalizer(1), 0.0);
}

TEST(GateNoise, IsAStandardNormalOfKeyRowAndExpert) {
    EXPECT_EQ(standard_normal(7, 100, 3), standard_normal(7, 100, 3));
    EXPECT_NE(standard_normal(7, 100, 3), standard_normal(8, 100, 3));
    EXPECT_NE(standard_normal(7, 100, 3), standard_normal(7, 101, 3));
    EXPECT_NE(standard_normal(7, 100, 3), standard_normal(7, 100, 2));
    // Moments of 200000 draws.
    double sum = 0, squares = 0, fourth = 0;
    const int n = 200000;
    for (int k = 0; k < n; ++k) {
        const double v = standard_normal(12345, std::uint64_t(k / 4), std::uint64_t(k % 4));
        sum += v;
        squares += v * v;
        fourth += v * v * v * v;
    }
    EXPECT_NEAR(sum / n, 0.0, 0.01);
    EXPECT_NEAR(squares / n, 1.0, 0.02);
    EXPECT_NEAR(fourth / n, 3.0, 0.1);
}

// ---- gradients -----------------------------------------------------------------------------

struct RoutingCase {
    std::string name;
    LossType loss = LossType::CompetitiveLog;
    int inputs = 2;
    int top_k = 1;
    bool noisy = false;
    bool shared = false;
    RoutingType routing = RoutingType::TopK;
    double capacity = 0;
    std::vector<int> expert_hidden{};
    GateType gate = GateType::Linear;
    std::vector<int> gate_hidden{};
    double balance = 0, importance = 0, load = 0.1, similarity = 0;
    bool expect_dropped = false;
    bool expect_unrouted = false;
};

constexpr int kExperts = 4, kClasses = 3, kCases = 12;

Config config_of(const RoutingCase& c) {
    Config config;
    config.loss = c.loss;
    config.experts = kExperts;
    config.top_k = c.top_k;
    config.noisy_gate = c.noisy;
    config.shared_expert = c.shared;
    config.routing = c.routing;
    config.capacity_factor = c.capacity;
    config.expert_hidden = c.expert_hidden;
    config.gate = c.gate;
    config.gate_hidden = c.gate_hidden;
    config.balance_weight = c.balance;
    config.importance_weight = c.importance;
    config.load_weight = c.load;
    config.similarity_weight = c.similarity;
    normalise(config);
    return config;
}

// The smallest gap between two entries whose order the routing reads: consecutive sorted routing
// logits of each case (top-K, capacity order, the load term's thresholds) and, for expert choice,
// consecutive sorted scores of each expert. Finite differences hold only away from such ties.
double order_gap(const ForwardBackward<double>& pass, RoutingType routing) {
    double gap = 1e9;
    const Eigen::MatrixXd& h = pass.routing_logits();
    auto sorted_gap = [&](std::vector<double> values) {
        std::sort(values.begin(), values.end());
        for (size_t i = 1; i < values.size(); ++i) gap = std::min(gap, values[i] - values[i - 1]);
    };
    for (Eigen::Index b = 0; b < h.rows(); ++b) {
        std::vector<double> row;
        for (Eigen::Index j = 0; j < h.cols(); ++j) row.push_back(h(b, j));
        sorted_gap(row);
    }
    if (routing == RoutingType::ExpertChoice) {
        Eigen::MatrixXd scores = (h.colwise() - h.rowwise().maxCoeff()).array().exp();
        scores = scores.array().colwise() / scores.rowwise().sum().array();
        for (Eigen::Index j = 0; j < scores.cols(); ++j) {
            std::vector<double> column(scores.col(j).data(), scores.col(j).data() + scores.rows());
            sorted_gap(column);
        }
    }
    return gap;
}

class RoutingGradient : public testing::TestWithParam<RoutingCase> {};

TEST_P(RoutingGradient, MatchesCentralDifferencesAndSparseExpertsMatchDenseOnes) {
    const RoutingCase c = GetParam();
    const Config config = config_of(c);
    ASSERT_NO_THROW(validate(config));
    Mixture<double> model(ModelSpec::from(config, c.inputs, kClasses));
    const Objective<double> objective = Objective<double>::from(config);
    Eigen::MatrixXd x(kCases, c.inputs);
    std::vector<int> y(kCases), rows(kCases);
    for (int b = 0; b < kCases; ++b) rows[size_t(b)] = 1000 + 7 * b;
    const NoiseDraw noise{0xfeedull, rows};
    ForwardSettings settings;
    settings.rule = RoutingRule::training(config);
    settings.noise = c.noisy ? &noise : nullptr;
    settings.sparse_experts = true;
    settings.dense_probabilities = objective.needs_dense_probabilities();

    ForwardBackward<double> pass;
    for (std::uint64_t seed = 1;; ++seed) {
        ASSERT_LT(seed, 400u) << "no tie-free point found";
        model.initialize(seed);
        model.parameters() *= 2.5;
        if (const DenseSlice* layer = model.structure().noise_layer()) {
            // Noise weights start at zero; give them a slope so their gradient is exercised.
            std::mt19937_64 rng(seed);
            std::normal_distribution<double> normal(0.0, 0.5);
            auto w = weights_of<double>(model.parameters(), *layer);
            for (Eigen::Index i = 0; i < w.size(); ++i) w.data()[i] = normal(rng);
        }
        std::mt19937_64 rng(seed);
        std::normal_distribution<double> normal;
        for (Eigen::Index i = 0; i < x.size(); ++i) x.data()[i] = normal(rng);
        for (int b = 0; b < kCases; ++b) y[size_t(b)] = int(rng() % kClasses);
        pass.forward(model, InputBatch<double>(x), settings);
        if (order_gap(pass, c.routing) < 2e-3) continue;
        if (c.expect_dropped && pass.dropped_cases().sum() == 0) continue;
        if (c.expect_unrouted && pass.unrouted_cases() == 0) continue;
        break;
    }
    if (c.expect_dropped) {
        EXPECT_GT(pass.dropped_cases().sum(), 0.0);
    }
    if (c.expect_unrouted) {
        EXPECT_GT(pass.unrouted_cases(), 0);
    }
    EXPECT_TRUE(pass.sparse_experts() || model.structure().gate().reads_expert_hidden() ||
                settings.rule.dense(kExperts));

    auto value = [&](Eigen::VectorXd* gradient, bool sparse) {
        ForwardSettings s = settings;
        s.sparse_experts = sparse;
        ForwardBackward<double> local;
        return objective_value(objective, local, model, InputBatch<double>(x),
                               std::span<const int>(y), s, gradient);
    };
    Eigen::VectorXd gradient, dense_gradient;
    const double loss = value(&gradient, true);
    const double dense_loss = value(&dense_gradient, false);
    ASSERT_EQ(gradient.size(), model.parameters().size());
    EXPECT_NEAR(loss, dense_loss, 1e-12 * std::max(1.0, std::abs(loss)));
    EXPECT_LT((gradient - dense_gradient).norm(), 1e-12 * std::max(1.0, gradient.norm()))
        << "experts computing only their routed cases must give the dense gradient";

    const Eigen::VectorXd numeric =
        central_differences(model, [&] { return value(nullptr, true); });
    const double relative = (numeric - gradient).norm() / std::max(numeric.norm(), 1e-12);
    EXPECT_LT(relative, 1e-6) << "analytic:\n"
                              << gradient.transpose() << "\nnumeric:\n"
                              << numeric.transpose();
    EXPECT_GT(gradient.norm(), 1e-4);

    // The new parts learn: the noise weights and the shared expert get a gradient.
    const ModelStructure& structure = model.structure();
    if (const DenseSlice* layer = structure.noise_layer()) {
        const double noise_gradient = weights_of<double>(gradient, *layer).norm();
        EXPECT_GT(noise_gradient, 1e-6) << "the noise weights must learn";
    }
    if (const Expert* shared = structure.shared_expert()) {
        double shared_gradient = 0;
        for (const DenseSlice& layer : shared->layers())
            shared_gradient += weights_of<double>(gradient, layer).norm();
        EXPECT_GT(shared_gradient, 1e-6) << "the shared expert must learn";
    }
}

std::vector<RoutingCase> routing_cases() {
    std::vector<RoutingCase> cases;
    for (LossType loss : {LossType::Cooperative, LossType::Competitive, LossType::CompetitiveLog,
                          LossType::MixtureNll}) {
        const std::string l = std::string(to_string(loss)) + "_";
        auto add = [&](RoutingCase c) {
            c.loss = loss;
            c.name = l + c.name;
            std::replace(c.name.begin(), c.name.end(), '-', '_');
            cases.push_back(c);
        };
        add({.name = "noisy_top1", .top_k = 1, .noisy = true});
        add({.name = "noisy_top2_hidden_mlp_gate",
             .inputs = 6,
             .top_k = 2,
             .noisy = true,
             .expert_hidden = {5},
             .gate = GateType::Mlp,
             .gate_hidden = {4},
             .load = 0.5});
        add({.name = "noisy_top2_with_balance_and_importance",
             .top_k = 2,
             .noisy = true,
             .balance = 0.3,
             .importance = 0.2,
             .load = 0.4});
        add({.name = "shared_dense", .top_k = 0, .shared = true, .expert_hidden = {5}});
        add({.name = "shared_top1", .inputs = 6, .top_k = 1, .shared = true});
        add({.name = "capacity_top1",
             .top_k = 1,
             .capacity = 0.5,
             .expect_dropped = true,
             .expect_unrouted = true});
        add({.name = "capacity_top2_shared",
             .inputs = 6,
             .top_k = 2,
             .shared = true,
             .capacity = 0.5,
             .expert_hidden = {3, 4},
             .expect_dropped = true});
        add({.name = "expert_choice_k1",
             .top_k = 1,
             .routing = RoutingType::ExpertChoice,
             .expect_unrouted = true});
        add({.name = "expert_choice_k2_noisy_shared",
             .inputs = 6,
             .top_k = 2,
             .noisy = true,
             .shared = true,
             .routing = RoutingType::ExpertChoice,
             .capacity = 1.25,
             .expert_hidden = {5}});
        add({.name = "attentive_noisy_shared_top2",
             .top_k = 2,
             .noisy = true,
             .shared = true,
             .expert_hidden = {5},
             .gate = GateType::Attentive,
             .gate_hidden = {4}});
        add({.name = "everything",
             .inputs = 6,
             .top_k = 2,
             .noisy = true,
             .shared = true,
             .capacity = 0.75,
             .expert_hidden = {4},
             .gate = GateType::Mlp,
             .gate_hidden = {3},
             .balance = 0.2,
             .importance = 0.1,
             .load = 0.3,
             .similarity = 0.5,
             .expect_dropped = true});
    }
    return cases;
}

INSTANTIATE_TEST_SUITE_P(AllMechanisms, RoutingGradient, testing::ValuesIn(routing_cases()),
                         [](const testing::TestParamInfo<RoutingCase>& info) {
                             return info.param.name;
                         });

// ---- the load term -------------------------------------------------------------------------

// P(x, i) of Shazeer et al. (2017, eq. 9) is the chance that expert i stays in the top K when its
// own noise is drawn again (the others' noisy logits fixed): checked against that experiment.
TEST(LoadTerm, IsTheChanceOfStayingInTheTopKUnderFreshNoise) {
    Config config;
    config.experts = kExperts;
    config.top_k = 2;
    config.noisy_gate = true;
    config.load_weight = 1.0;
    Mixture<double> model(ModelSpec::from(config, 2, kClasses));
    model.initialize(3);
    model.parameters() *= 2.0;
    auto w = weights_of<double>(model.parameters(), *model.structure().noise_layer());
    w.setConstant(0.3);
    Eigen::MatrixXd x(5, 2);
    std::mt19937_64 rng(9);
    std::normal_distribution<double> normal;
    for (Eigen::Index i = 0; i < x.size(); ++i) x.data()[i] = normal(rng);
    const std::vector<int> rows{0, 1, 2, 3, 4};
    const NoiseDraw noise{77, rows};
    ForwardSettings settings;
    settings.rule = RoutingRule::training(config);
    settings.noise = &noise;
    ForwardBackward<double> pass;
    pass.forward(model, InputBatch<double>(x), settings);

    const Objective<double> objective = Objective<double>::from(config);
    ASSERT_EQ(objective.terms().size(), 1u);
    Eigen::VectorXd load = Eigen::VectorXd::Zero(kExperts);
    objective.terms()[0]->accumulate(pass, load);

    // Monte Carlo: redraw expert i's noise 20000 times per case.
    const Eigen::MatrixXd& s = pass.gate_logits();
    const Eigen::MatrixXd& h = pass.routing_logits();
    const Eigen::MatrixXd& sigma = pass.noise_scale();
    Eigen::VectorXd simulated = Eigen::VectorXd::Zero(kExperts);
    const int draws = 20000;
    for (Eigen::Index b = 0; b < x.rows(); ++b) {
        for (int i = 0; i < kExperts; ++i) {
            int stays = 0;
            for (int d = 0; d < draws; ++d) {
                const double hi = s(b, i) + normal(rng) * sigma(b, i);
                int above = 0;
                for (int j = 0; j < kExperts; ++j)
                    if (j != i && h(b, j) > hi) ++above;
                stays += above < config.top_k;
            }
            simulated[i] += double(stays) / draws;
        }
    }
    EXPECT_LT((load - simulated).cwiseAbs().maxCoeff(), 0.03) << load.transpose() << "\n"
                                                              << simulated.transpose();
    // Every expert has a chance strictly between 0 and 1 for some case: the term is not trivial.
    EXPECT_GT(load.minCoeff(), 0.0);
    EXPECT_LT(load.maxCoeff(), double(x.rows()));
}

// ---- the engine and the trainer -------------------------------------------------------------

Config engine_config() {
    Config config;
    config.dataset.name = "moons";
    config.dataset.cases = 4000;
    config.experts = 5;
    config.top_k = 2;
    config.expert_hidden = {16};
    config.gate = GateType::Mlp;
    config.gate_hidden = {8};
    config.noisy_gate = true;
    config.shared_expert = true;
    config.capacity_factor = 0.8;
    config.load_weight = 0.2;
    config.balance_weight = 0.1;
    config.loss = LossType::MixtureNll;
    config.optimizer = OptimizerType::Adam;
    config.learning_rate = 0.01;
    config.precision = Precision::Double;
    return config;
}

std::vector<double> after_steps(const Config& config, const Dataset& dataset, const Split& split,
                                int threads, int* parts, long* dropped) {
    TrainingEngine<double> engine(config, std::make_shared<const Dataset>(dataset), split, threads);
    *parts = engine.parts_for(Eigen::Index(split.train_index.size()));
    for (int k = 0; k < 3; ++k) {
        const StepResult result =
            engine.step(split.train_index, config.learning_rate, k > 0, 1000 + k);
        EXPECT_TRUE(result.finite);
        *dropped = result.dropped;
    }
    return engine.parameters();
}

TEST(ModernRoutingEngine, ABatchSplitOverThreadsRoutesAsTheWholeBatch) {
    for (RoutingType routing : {RoutingType::TopK, RoutingType::ExpertChoice}) {
        Config config = engine_config();
        config.routing = routing;
        if (routing == RoutingType::ExpertChoice) config.noisy_gate = false;
        SCOPED_TRACE(std::string(to_string(routing)));
        const Dataset dataset = load_dataset(config.dataset);
        const Split split = make_split(dataset);
        int one_part = 0, two_parts = 0;
        long dropped_one = 0, dropped_two = 0;
        const std::vector<double> one =
            after_steps(config, dataset, split, 1, &one_part, &dropped_one);
        const std::vector<double> two =
            after_steps(config, dataset, split, 2, &two_parts, &dropped_two);
        ASSERT_EQ(one_part, 1);
        ASSERT_EQ(two_parts, 2) << "the batch must be big enough to split";
        EXPECT_GT(dropped_one, 0) << "capacity must bite for the test to mean something";
        EXPECT_EQ(dropped_one, dropped_two) << "the same cases dropped";
        double difference = 0, size = 0;
        for (size_t j = 0; j < one.size(); ++j) {
            difference = std::max(difference, std::abs(one[j] - two[j]));
            size = std::max(size, std::abs(one[j]));
        }
        EXPECT_LT(difference, 1e-12 * size);
    }
}

TEST(ModernRoutingTrainer, NoiseAndTheSharedExpertSwitchLiveKeepingTheOtherWeights) {
    Config config;
    config.dataset.name = "moons";
    config.experts = 3;
    config.top_k = 1;
    config.expert_hidden = {6};
    config.optimizer = OptimizerType::Adam;
    config.learning_rate = 0.01;
    config.batch_size = 50;
    Trainer trainer(config, std::make_shared<const Dataset>(load_dataset(config.dataset)));
    trainer.train(3);
    const Mixture<double> before = trainer.model();

    Config noisy = config;
    noisy.noisy_gate = true;
    noisy.shared_expert = true;
    EXPECT_FALSE(trainer.apply(noisy)) << "no re-initialisation";
    const Mixture<double> after = trainer.model();
    EXPECT_TRUE(after.spec().noisy_gate);
    EXPECT_TRUE(after.spec().shared_expert);
    EXPECT_EQ(trainer.spec(), after.spec());
    // Every weight of the gate and of the routed experts carried over; the noise starts at zero.
    const auto check_same = [&](const std::vector<DenseSlice>& a,
                                const std::vector<DenseSlice>& b) {
        ASSERT_EQ(a.size(), b.size());
        for (size_t l = 0; l < a.size(); ++l) {
            EXPECT_EQ(weights_of<double>(before.parameters(), a[l]),
                      weights_of<double>(after.parameters(), b[l]));
            EXPECT_EQ(biases_of<double>(before.parameters(), a[l]),
                      biases_of<double>(after.parameters(), b[l]));
        }
    };
    check_same(before.structure().gate().layers(), after.structure().gate().layers());
    for (int i = 0; i < 3; ++i)
        check_same(before.structure().experts()[size_t(i)].layers(),
                   after.structure().experts()[size_t(i)].layers());
    EXPECT_EQ(weights_of<double>(after.parameters(), *after.structure().noise_layer()).norm(), 0.0);
    EXPECT_GT(
        weights_of<double>(after.parameters(), after.structure().shared_expert()->layers().front())
            .norm(),
        0.0)
        << "a new shared expert starts from small random weights";

    trainer.train(3);  // trains on with both
    const Mixture<double> trained = trainer.model();
    EXPECT_GT(weights_of<double>(trained.parameters(), *trained.structure().noise_layer()).norm(),
              0.0)
        << "the noise weights learn (load term)";

    // A saved training with them resumes bit for bit.
    const SavedModel saved = saved_model_of(trainer, /*with_training=*/true);
    const SavedModel read = model_from_json(nlohmann::json::parse(model_to_json(saved).dump()));
    EXPECT_TRUE(read.model.spec().noisy_gate);
    EXPECT_TRUE(read.model.spec().shared_expert);
    EXPECT_EQ(read.model.parameters(), saved.model.parameters());
    Trainer resumed(read.config, std::make_shared<const Dataset>(load_dataset(config.dataset)));
    resumed.restore(*read.training);
    trainer.train(2);
    resumed.train(2);
    EXPECT_EQ(resumed.model().parameters(), trainer.model().parameters());

    // And off again: back to the plain model, the gate and experts still carried over.
    EXPECT_FALSE(trainer.apply(config));
    EXPECT_FALSE(trainer.model().spec().noisy_gate);
    EXPECT_EQ(trainer.model().parameters().size(), before.parameters().size());
}

TEST(ModernRoutingTrainer, DroppedCasesOfTheLastEpochReachTheMetrics) {
    Config config;
    config.dataset.name = "moons";
    config.experts = 4;
    config.top_k = 1;
    config.capacity_factor = 0.5;
    config.batch_size = 40;
    Trainer trainer(config, std::make_shared<const Dataset>(load_dataset(config.dataset)));
    trainer.train(2);
    const EpochMetrics& metrics = trainer.history().metrics.back();
    // Capacity 0.5 x 40 / 4 = 5 cases per expert per batch of 40: at least half are dropped.
    const long cases = long(trainer.split().train_index.size());
    EXPECT_GE(metrics.dropped_cases, cases / 2);
    EXPECT_EQ(long(metrics.dropped_rows.size()), metrics.dropped_cases);
    EXPECT_TRUE(std::is_sorted(metrics.dropped_rows.begin(), metrics.dropped_rows.end()));
    const std::vector<int>& train = trainer.split().train_index;
    for (int row : metrics.dropped_rows)
        EXPECT_NE(std::find(train.begin(), train.end(), row), train.end()) << "a training row";
    Config unlimited = config;
    unlimited.capacity_factor = 0;
    trainer.apply(unlimited);
    trainer.train(2);
    EXPECT_EQ(trainer.history().metrics.back().dropped_cases, 0);
}

}  // namespace
}  // namespace moelab
