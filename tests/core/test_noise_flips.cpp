// The share of cases the noise of a noisy gate re-routes (issue 8) against a direct count
// through training's own forward pass and routing, and as the metrics report it.
#include <gtest/gtest.h>

#include <cmath>
#include <random>
#include <vector>

#include "analysis/noise_flips.h"
#include "data/registry.h"
#include "model/forward_backward.h"
#include "model/parameter_layout.h"
#include "noisy_model_support.h"
#include "training/trainer.h"

namespace moelab {
namespace {

using namespace testing_support;

constexpr std::uint64_t kKey = 0x1234abcdull;

// The direct count: training's forward pass with and without each case's draw, its routing
// (choose_experts) deciding the sets, the argmax of the logits the first choice.
NoiseFlips count_directly(const Mixture<double>& model, const Eigen::MatrixXd& x,
                          const std::vector<int>& rows, int top_k, std::uint64_t key) {
    const NoiseDraw draw{key, rows};
    ForwardSettings settings;
    settings.rule.k = top_k;
    ForwardBackward<double> clean, noisy;
    clean.forward(model, InputBatch<double>(x), settings);
    settings.noise = &draw;
    noisy.forward(model, InputBatch<double>(x), settings);
    NoiseFlips flips;
    for (Eigen::Index b = 0; b < x.rows(); ++b) {
        Eigen::Index a = 0, c = 0;
        clean.gate_logits().row(b).maxCoeff(&a);
        noisy.routing_logits().row(b).maxCoeff(&c);
        flips.first_choice += a != c;
        flips.routed_set += clean.gate_mask().row(b) != noisy.gate_mask().row(b);
        ++flips.cases;
    }
    return flips;
}

TEST(NoiseFlips, MatchADirectCountThroughTrainingsRouting) {
    for (const NoisyCase& c : noisy_cases()) {
        SCOPED_TRACE(c.name);
        const Mixture<double> model = noisy_model(c, 11);
        std::mt19937_64 random(2);
        std::normal_distribution<double> normal;
        Eigen::MatrixXd x(500, 2);
        for (Eigen::Index k = 0; k < x.size(); ++k) x.data()[k] = normal(random);
        std::vector<int> rows(500);
        for (size_t k = 0; k < rows.size(); ++k) rows[k] = int(3 * k + 7);  // any dataset rows
        for (int top_k : {1, c.top_k, c.experts}) {
            SCOPED_TRACE(top_k);
            const NoiseFlips expected = count_directly(model, x, rows, top_k, kKey);
            const NoiseFlips counted = noise_flips(model, InputBatch<double>(x), rows, top_k, kKey);
            EXPECT_EQ(counted.cases, 500);
            EXPECT_EQ(counted.first_choice, expected.first_choice);
            EXPECT_EQ(counted.routed_set, expected.routed_set);
            EXPECT_GT(counted.first_choice, 0) << "noise this large moves some cases";
            if (top_k == 1) {
                EXPECT_EQ(counted.routed_set, counted.first_choice);
            }
            if (top_k >= c.experts) {
                EXPECT_EQ(counted.routed_set, 0) << "dense: always all";
            }
            EXPECT_DOUBLE_EQ(counted.first_choice_share(), double(expected.first_choice) / 500);
            // Float arithmetic counts the same cases but where float cannot tell a tie.
            const NoiseFlips in_float = noise_flips(
                model.cast<float>(), InputBatch<float>(x.cast<float>().eval()), rows, top_k, kKey);
            EXPECT_NEAR(double(in_float.first_choice), double(expected.first_choice), 2.0);
        }
    }
    // A model without a noise layer counts nothing.
    ModelSpec spec;
    spec.inputs = 2;
    spec.classes = 2;
    spec.experts = 3;
    Mixture<double> quiet(spec);
    quiet.initialize(1);
    const Eigen::MatrixXd x = Eigen::MatrixXd::Ones(4, 2);
    const std::vector<int> rows{0, 1, 2, 3};
    EXPECT_EQ(noise_flips(quiet, InputBatch<double>(x), rows, 1, kKey).cases, 0);
    EXPECT_TRUE(std::isnan(NoiseFlips{}.first_choice_share()));
}

TEST(NoiseFlips, TheMetricsCountTheTrainingCasesWithTheSeedsDraws) {
    Config config;
    config.experts = 4;
    config.top_k = 2;
    config.noisy_gate = true;
    config.threads = 1;
    auto dataset = std::make_shared<const Dataset>(load_dataset(config.dataset));
    Trainer trainer(config, dataset);
    trainer.train(20);
    const EpochMetrics metrics = trainer.evaluate();
    // The training cases, standardised, counted in one piece with flip_noise_key(seed).
    const std::vector<int>& rows = trainer.split().train_index;
    const Standardization& st = trainer.split().standardization;
    Eigen::MatrixXd x(Eigen::Index(rows.size()), dataset->dimensions());
    for (size_t b = 0; b < rows.size(); ++b)
        for (int d = 0; d < dataset->dimensions(); ++d)
            x(Eigen::Index(b), d) =
                (double(dataset->features(rows[b], d)) - st.mean[d]) / st.std[d];
    const NoiseFlips flips = noise_flips(trainer.model(), InputBatch<double>(x), rows,
                                         config.routed_experts(), flip_noise_key(config.seed));
    ASSERT_TRUE(std::isfinite(metrics.noise_first_choice_flips));
    EXPECT_NEAR(metrics.noise_first_choice_flips, flips.first_choice_share(), 3.0 / rows.size());
    EXPECT_NEAR(metrics.noise_routed_set_flips, flips.routed_set_share(), 3.0 / rows.size());
    EXPECT_GT(metrics.noise_first_choice_flips, 0.0) << "softplus(0) = 0.69 moves some cases";

    // Without the noisy gate: no number.
    config.noisy_gate = false;
    Trainer quiet(config, dataset);
    EXPECT_TRUE(std::isnan(quiet.evaluate().noise_first_choice_flips));
}

}  // namespace
}  // namespace moelab
