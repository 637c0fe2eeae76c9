// Entanglement measures (issue 9) on hand-made models whose answer is known: each expert alone on
// the cases the gate gives it, the gate's top expert alone on every case, and the gap between the
// mixture and that top expert; chunked and threaded evaluation add up to the one-batch sums.
#include <gtest/gtest.h>

#include <cmath>
#include <memory>
#include <numeric>
#include <random>

#include "analysis/evaluation.h"
#include "analysis/metrics.h"
#include "model_test_support.h"

namespace moelab {
namespace {

using testing_support::layer_of;
using testing_support::spec_of;
using testing_support::weights;

// Points in the plane with |x| >= 1 (the gate's split at x = 0 is sharp there), y != 0; the class
// is y > 0. Half the cases lie left of x = 0, half above y = 0.
std::shared_ptr<Dataset> plane_cases(int cases, unsigned seed = 7) {
    auto data = std::make_shared<Dataset>();
    data->name = "plane";
    data->class_names = {"below", "above"};
    data->features.resize(cases, 2);
    std::mt19937 random(seed);
    std::uniform_real_distribution<float> magnitude(1.0f, 3.0f);
    for (int r = 0; r < cases; ++r) {
        const float x = (r % 2 ? 1.0f : -1.0f) * magnitude(random);
        const float y = ((r / 2) % 2 ? 1.0f : -1.0f) * magnitude(random);
        data->features(r, 0) = x;
        data->features(r, 1) = y;
        data->labels.push_back(y > 0);
    }
    return data;
}

Standardization identity() {
    return {Eigen::VectorXd::Zero(2), Eigen::VectorXd::Ones(2)};
}

// Two linear experts and a linear gate, all weights zero; the tests set what they need.
Mixture<double> two_experts() {
    Mixture<double> model(spec_of(2, 2, 2));
    model.parameters().setZero();
    return model;
}

// Expert e's class-1 logit: `slope` * y + `offset` (its class-0 logit stays 0).
void set_expert(Mixture<double>& model, int expert, double slope, double offset) {
    weights(model, expert + 1, 0)(1, 1) = slope;
    biases_of<double>(model.parameters(), layer_of(model.structure(), expert + 1, 0))[1] = offset;
}

EpochMetrics evaluate(const Mixture<double>& model, std::shared_ptr<const Dataset> data,
                      int threads = 1) {
    std::vector<int> rows(size_t(data->size()));
    std::iota(rows.begin(), rows.end(), 0);
    Config config;
    config.experts = 2;
    Evaluation<double> evaluation(model, config, std::move(data), identity(), rows, {}, threads);
    evaluation.run();
    return evaluation.result();
}

TEST(Entanglement, GateSplitsThePlaneAndOneExpertIsWrongOnItsHalf) {
    // The gate gives x > 0 to expert 0 and x < 0 to expert 1; expert 0 classifies by the sign of
    // y, expert 1 by the opposite sign: right nowhere.
    Mixture<double> model = two_experts();
    weights(model, 0, 0)(0, 0) = 10;
    weights(model, 0, 0)(1, 0) = -10;
    set_expert(model, 0, 10, 0);
    set_expert(model, 1, -10, 0);
    const EpochMetrics m = evaluate(model, plane_cases(400));
    ASSERT_EQ(m.own_accuracy.size(), 2u);
    EXPECT_DOUBLE_EQ(m.own_accuracy[0], 1.0);
    EXPECT_DOUBLE_EQ(m.own_accuracy[1], 0.0);
    EXPECT_DOUBLE_EQ(m.top_expert_accuracy, 0.5);
    EXPECT_DOUBLE_EQ(m.train_accuracy, 0.5);
    EXPECT_DOUBLE_EQ(m.top_expert_gap(), 0.0) << "a gate this sharp is its top expert";
}

TEST(Entanglement, ExpertsThatOnlyWorkTogetherLeaveAGap) {
    // The gate weighs expert 0 a little more everywhere (p = 0.525 / 0.475). Expert 0 always
    // says class 1 with probability 0.6; expert 1 is sure and right. Together: class 1 gets
    // 0.525 * 0.6 + 0.475 = 0.79 above y = 0 and 0.315 below, right everywhere; expert 0 alone,
    // the top choice of every case, is right only above.
    Mixture<double> model = two_experts();
    biases_of<double>(model.parameters(), layer_of(model.structure(), 0, 0))[0] = 0.1;
    set_expert(model, 0, 0, std::log(1.5));
    set_expert(model, 1, 40, 0);
    const EpochMetrics m = evaluate(model, plane_cases(400));
    ASSERT_EQ(m.own_accuracy.size(), 2u);
    EXPECT_DOUBLE_EQ(m.own_accuracy[0], 0.5);
    EXPECT_TRUE(std::isnan(m.own_accuracy[1])) << "no case's top choice: undefined, not 0";
    EXPECT_DOUBLE_EQ(m.train_accuracy, 1.0);
    EXPECT_DOUBLE_EQ(m.top_expert_accuracy, 0.5);
    EXPECT_DOUBLE_EQ(m.top_expert_gap(), 0.5);
}

TEST(Entanglement, ChunksAndThreadsAddUpToOneBatch) {
    // 3000 cases: three chunks of the evaluation, merged in order, on one or three threads.
    Mixture<double> model = two_experts();
    std::mt19937 random(3);
    std::normal_distribution<double> normal;
    for (auto& w : model.parameters()) w = normal(random);
    auto data = plane_cases(3000);

    ForwardBackward<double> pass;
    Matrix<double> x = data->features.cast<double>();
    std::vector<int> rows(size_t(data->size()));
    std::iota(rows.begin(), rows.end(), 0);
    ForwardSettings dense;
    dense.rule.k = 2;
    pass.forward(model, InputBatch<double>(x), dense);
    MetricsSums whole;
    whole.add(pass, std::span<const int>(data->labels), std::span<const int>(rows), true);
    EpochMetrics expected;
    expected.train_accuracy = double(whole.correct) / double(whole.cases);
    fill_gate_statistics(whole, 2, expected);

    for (int threads : {1, 3}) {
        const EpochMetrics m = evaluate(model, data, threads);
        EXPECT_EQ(m.own_accuracy, expected.own_accuracy) << threads << " threads";
        EXPECT_EQ(m.top_expert_accuracy, expected.top_expert_accuracy) << threads << " threads";
        EXPECT_EQ(m.train_accuracy, expected.train_accuracy) << threads << " threads";
    }
    EXPECT_GT(expected.top_expert_accuracy, 0.0);
}

TEST(Entanglement, UnevaluatedMetricsAreNotANumber) {
    const EpochMetrics m;
    EXPECT_TRUE(std::isnan(m.top_expert_accuracy));
    EXPECT_TRUE(m.own_accuracy.empty());
}

}  // namespace
}  // namespace moelab
