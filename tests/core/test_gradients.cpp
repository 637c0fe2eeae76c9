// Every loss x {linear, MLP} experts x {linear, MLP} gate x {K = N, K < N}: the analytic gradient
// against central finite differences in double precision.
#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <tuple>

#include "model/forward_backward.h"
#include "model/mixture.h"

namespace moelab {
namespace {

struct Case {
    LossType loss;
    int expert_hidden;
    int gate_hidden;
    int top_k;
};

std::string case_name(const testing::TestParamInfo<Case>& info) {
    const Case& c = info.param;
    std::string name = std::string(to_string(c.loss));
    std::replace(name.begin(), name.end(), '-', '_');
    return name + (c.expert_hidden ? "_mlp_experts" : "_linear_experts") +
           (c.gate_hidden ? "_mlp_gate" : "_linear_gate") + "_k" + std::to_string(c.top_k);
}

class GradientCheck : public testing::TestWithParam<Case> {};

constexpr int kExperts = 3, kClasses = 3, kInputs = 2, kCases = 7;

// Smallest gap between the K-th and (K+1)-th largest gate logit over the batch: finite differences
// are only valid away from top-K ties.
double top_k_gap(const Eigen::MatrixXd& logits, int k) {
    if (k >= logits.cols()) return 1e9;
    double gap = 1e9;
    for (Eigen::Index b = 0; b < logits.rows(); ++b) {
        std::vector<double> row;
        for (Eigen::Index j = 0; j < logits.cols(); ++j) row.push_back(logits(b, j));
        std::sort(row.rbegin(), row.rend());
        gap = std::min(gap, row[k - 1] - row[k]);
    }
    return gap;
}

TEST_P(GradientCheck, MatchesCentralDifferences) {
    const Case c = GetParam();
    ModelShape shape{kInputs, kClasses, kExperts, c.expert_hidden, c.gate_hidden};
    Mixture<double> model(shape);
    ForwardBackward<double> pass;
    Eigen::MatrixXd x(kCases, kInputs);
    std::vector<int> y(kCases);

    // Find a seed whose point is comfortably away from top-K ties.
    for (std::uint64_t seed = 1;; ++seed) {
        ASSERT_LT(seed, 100u) << "no tie-free point found";
        model.initialize(seed);
        model.parameters() *= 3.0;  // larger weights: sharper, less trivial gradients
        std::mt19937_64 rng(seed);
        std::normal_distribution<double> normal;
        for (Eigen::Index i = 0; i < x.size(); ++i) x.data()[i] = normal(rng);
        for (int b = 0; b < kCases; ++b) y[b] = int(rng() % kClasses);
        pass.forward(model, x, c.top_k);
        if (top_k_gap(pass.gate_logits(), c.top_k) > 1e-3) break;
    }

    Eigen::VectorXd gradient;
    pass.loss_and_gradient(model, x, y, c.loss, c.top_k, gradient);
    ASSERT_EQ(gradient.size(), model.parameters().size());

    const double h = 1e-6;
    Eigen::VectorXd numeric(gradient.size());
    for (Eigen::Index j = 0; j < gradient.size(); ++j) {
        const double saved = model.parameters()[j];
        model.parameters()[j] = saved + h;
        const double plus = pass.loss(model, x, y, c.loss, c.top_k);
        model.parameters()[j] = saved - h;
        const double minus = pass.loss(model, x, y, c.loss, c.top_k);
        model.parameters()[j] = saved;
        numeric[j] = (plus - minus) / (2 * h);
    }
    const double relative = (numeric - gradient).norm() / std::max(numeric.norm(), 1e-12);
    EXPECT_LT(relative, 1e-6) << "analytic:\n"
                              << gradient.transpose() << "\nnumeric:\n"
                              << numeric.transpose();
    EXPECT_GT(gradient.norm(), 1e-4) << "a vanishing gradient would make this check meaningless";

    if (c.top_k < kExperts) {
        // Unrouted experts get exactly zero gradient for the cases they do not serve: with every
        // case routed away from an expert, its whole gradient is zero. Check one case at a time.
        for (int b = 0; b < kCases; ++b) {
            Eigen::MatrixXd one = x.row(b);
            std::vector<int> label{y[b]};
            Eigen::VectorXd g;
            pass.loss_and_gradient(model, one, label, c.loss, c.top_k, g);
            for (int i = 0; i < kExperts; ++i) {
                if (pass.gate_probabilities()(0, i) != 0.0) continue;
                const auto& net = model.layout().networks[i + 1];
                for (const auto& layer : net.layers) {
                    for (int col = 0; col < layer.cols; ++col)
                        for (int row = 0; row < layer.rows; ++row)
                            EXPECT_EQ(g[layer.weight_offset +
                                        Eigen::Index(col) * layer.weight_stride + row],
                                      0.0);
                    EXPECT_TRUE(g.segment(layer.bias_offset, layer.rows).isZero(0.0));
                }
            }
        }
    }
}

std::vector<Case> all_cases() {
    std::vector<Case> cases;
    for (LossType loss : {LossType::Cooperative, LossType::Competitive, LossType::CompetitiveLog,
                          LossType::MixtureNll})
        for (int expert_hidden : {0, 4})
            for (int gate_hidden : {0, 5})
                for (int k : {kExperts, 2, 1})
                    cases.push_back({loss, expert_hidden, gate_hidden, k});
    return cases;
}

INSTANTIATE_TEST_SUITE_P(AllLosses, GradientCheck, testing::ValuesIn(all_cases()), case_name);

}  // namespace
}  // namespace moelab
