// Sparse experts' first layers computed in place (model/routed_first_layer.h): the kernel against
// loops written from the formula, its stores confined to the expert's rows, and a whole batch of
// row-major inputs through sparse experts against the dense pass, in double and float.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <numeric>
#include <random>
#include <vector>

#include "model/routed_first_layer.h"
#include "model_test_support.h"

namespace moelab {
namespace {

using namespace testing_support;

template <typename Scalar>
void check_kernel_against_loops() {
    using Kernel = RoutedFirstLayer<Scalar>;
    const double tolerance = std::is_same_v<Scalar, float> ? 1e-4 : 1e-12;
    constexpr int R = 40, B = 40;
    std::mt19937_64 rng(11);
    std::normal_distribution<double> normal;
    struct Block {
        int first, units;
    };
    for (int D : {1, 7, 20, 33}) {
        // W (R x D, column-major) then R biases, as in a parameter vector.
        std::vector<Scalar> parameters(size_t(R) * size_t(D) + R);
        for (auto& p : parameters) p = Scalar(normal(rng));
        const Eigen::Index x_stride = D + 3;  // rows of x further apart than D
        std::vector<Scalar> x(size_t(B) * size_t(x_stride));
        for (auto& v : x) v = Scalar(normal(rng));
        for (const Block block : {Block{3, 10}, Block{13, 16}, Block{0, 33}, Block{29, 11},
                                  Block{8, 1}, Block{39, 1}}) {
            ASSERT_TRUE(
                Kernel::supported(Eigen::Index(parameters.size()), R, D, block.first, block.units))
                << "D " << D << " first " << block.first << " units " << block.units;
            const Eigen::Index stride = Kernel::padded_units(block.units);
            EXPECT_GE(stride, block.units);
            for (int n : {0, 1, 7, 8, 9, 17, 30}) {
                std::vector<int> rows(B);
                std::iota(rows.begin(), rows.end(), 0);
                std::shuffle(rows.begin(), rows.end(), rng);
                rows.resize(size_t(n));
                std::vector<Scalar> out(size_t(std::max(n, 1)) * size_t(stride), Scalar(-7));
                Kernel::forward(parameters.data(), R, D, block.first, block.units, x.data(),
                                x_stride, rows, out.data());
                std::vector<Scalar> g(size_t(std::max(n, 1)) * size_t(stride), Scalar(0));
                for (int k = 0; k < n; ++k)
                    for (int u = 0; u < block.units; ++u)
                        g[size_t(k * stride + u)] = Scalar(normal(rng));
                std::vector<Scalar> gradient(parameters.size(), Scalar(12345));
                Kernel::backward(g.data(), R, D, block.first, block.units, x.data(), x_stride, rows,
                                 gradient.data());
                for (int k = 0; k < n; ++k)
                    for (int u = 0; u < block.units; ++u) {
                        double expected = 0;
                        for (int d = 0; d < D; ++d)
                            expected += double(x[size_t(rows[size_t(k)] * x_stride + d)]) *
                                        double(parameters[size_t(d * R + block.first + u)]);
                        EXPECT_NEAR(out[size_t(k * stride + u)], expected,
                                    tolerance * (1 + std::abs(expected)))
                            << "forward D " << D << " n " << n << " case " << k << " unit " << u;
                    }
                for (int d = 0; d < D; ++d)
                    for (int r = 0; r < R; ++r) {
                        const Scalar found = gradient[size_t(d * R + r)];
                        if (r < block.first || r >= block.first + block.units) {
                            EXPECT_EQ(found, Scalar(12345)) << "row " << r << " is not the "
                                                            << "expert's and must be untouched";
                            continue;
                        }
                        double expected = 0;
                        for (int k = 0; k < n; ++k)
                            expected += double(g[size_t(k * stride + r - block.first)]) *
                                        double(x[size_t(rows[size_t(k)] * x_stride + d)]);
                        EXPECT_NEAR(found, expected, tolerance * (1 + std::abs(expected)))
                            << "backward D " << D << " n " << n << " unit " << r - block.first;
                    }
                for (size_t j = size_t(R) * size_t(D); j < gradient.size(); ++j)
                    EXPECT_EQ(gradient[j], Scalar(12345)) << "the biases are not the kernel's";
            }
        }
    }
}

TEST(RoutedFirstLayer, MatchesTheFormulaAndWritesOnlyTheExpertsRowsInDouble) {
    check_kernel_against_loops<double>();
}

TEST(RoutedFirstLayer, MatchesTheFormulaAndWritesOnlyTheExpertsRowsInFloat) {
    check_kernel_against_loops<float>();
}

TEST(RoutedFirstLayer, RefusesReadsPastTheParameters) {
    using Kernel = RoutedFirstLayer<float>;
    const int R = 12, D = 5;
    // The last expert's packet would read padded_units - units entries past W; without the
    // biases behind W that is outside the vector.
    const int units = 3, first = R - units;
    const Eigen::Index exact = Eigen::Index(R) * D;
    if (Kernel::padded_units(units) > units) {
        EXPECT_FALSE(Kernel::supported(exact, R, D, first, units));
    }
    EXPECT_TRUE(Kernel::supported(exact + Kernel::padded_units(units), R, D, first, units));
    EXPECT_FALSE(Kernel::supported(exact + 64, R, D, first, units + 1)) << "past the block";
    EXPECT_FALSE(Kernel::supported(exact + 64, R, 0, 0, units));
}

// A batch of row-major inputs (many features, as Fashion-MNIST) through sparse experts, whose
// first layers take the in-place kernel, against every expert computing every case.
template <typename Scalar>
void check_sparse_against_dense(std::vector<int> expert_hidden, int top_k, bool shared) {
    constexpr int kInputs = 20, kClasses = 10, kExperts = 4, kCases = 27;
    Config config;
    config.loss = LossType::MixtureNll;
    config.experts = kExperts;
    config.top_k = top_k;
    config.expert_hidden = expert_hidden;
    config.shared_expert = shared;
    normalise(config);
    Mixture<Scalar> model(ModelSpec::from(config, kInputs, kClasses));
    model.initialize(3);
    model.parameters() *= Scalar(2);
    const Objective<Scalar> objective = Objective<Scalar>::from(config);
    std::mt19937_64 rng(5);
    std::normal_distribution<double> normal;
    RowMatrix<Scalar> x(kCases, kInputs);
    for (Eigen::Index i = 0; i < x.size(); ++i) x.data()[i] = Scalar(normal(rng));
    std::vector<int> y(kCases);
    for (int& label : y) label = int(rng() % kClasses);
    ForwardSettings settings;
    settings.rule = RoutingRule::training(config);
    auto value = [&](Vector<Scalar>& gradient, bool sparse) {
        ForwardSettings s = settings;
        s.sparse_experts = sparse;
        ForwardBackward<Scalar> pass;
        const Scalar loss = objective_value(objective, pass, model, InputBatch<Scalar>(x),
                                            std::span<const int>(y), s, &gradient);
        EXPECT_EQ(pass.sparse_experts(), sparse);
        EXPECT_EQ(pass.first_layer_in_place(), sparse);
        return loss;
    };
    Vector<Scalar> sparse_gradient, dense_gradient;
    const Scalar sparse_loss = value(sparse_gradient, true);
    const Scalar dense_loss = value(dense_gradient, false);
    const double tolerance = std::is_same_v<Scalar, float> ? 2e-5 : 1e-12;
    EXPECT_NEAR(sparse_loss, dense_loss, tolerance * std::max<double>(1, std::abs(dense_loss)));
    ASSERT_EQ(sparse_gradient.size(), dense_gradient.size());
    EXPECT_LT(double((sparse_gradient - dense_gradient).norm()),
              tolerance * std::max<double>(1, double(dense_gradient.norm())))
        << "hidden " << (expert_hidden.empty() ? 0 : expert_hidden[0]) << " K " << top_k;
    EXPECT_GT(double(sparse_gradient.norm()), 1e-3);
}

TEST(RoutedFirstLayer, SparseExpertsOnRowMajorInputsGiveTheDenseLossAndGradient) {
    for (std::vector<int> hidden : {std::vector<int>{}, {5}, {16}, {33, 4}})
        for (int k : {1, 2})
            for (bool shared : {false, true}) {
                check_sparse_against_dense<double>(hidden, k, shared);
                check_sparse_against_dense<float>(hidden, k, shared);
            }
}

}  // namespace
}  // namespace moelab
