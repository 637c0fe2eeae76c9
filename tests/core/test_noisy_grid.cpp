// The noise of a noisy gate made visible (issue 8): the grid's routing under one draw for the
// whole plane against a direct double-precision forward pass with that draw.
#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <vector>

#include "analysis/grid.h"
#include "errors.h"
#include "model/forward_backward.h"
#include "model/gate_noise.h"
#include "model/parameter_layout.h"
#include "noisy_model_support.h"

namespace moelab {
namespace {

using namespace testing_support;

Standardization standardization() {
    Standardization s;
    s.mean = Eigen::Vector2d(100, -2);
    s.std = Eigen::Vector2d(50, 3);
    return s;
}

// Off-centre, so no cell's input is exactly 0 (where networks with zero biases tie); 37 columns:
// whole SIMD packets and a partial one.
GridSpec raster() {
    GridSpec spec;
    spec.x_min = 0.37;
    spec.x_max = 200;
    spec.y_min = -8;
    spec.y_max = 4;
    spec.width = 37;
    spec.height = 23;
    return spec;
}

// The draw of one picture: eps_i = standard_normal(key, 0, i), as NoiseDraw gives row 0.
constexpr std::uint64_t kKey = 0x1234abcdull;

// Every cell's noisy fields against ForwardBackward<double> on a whole grid row, every case drawn
// as dataset row 0 (so with the picture's eps): the first choice under H (where float can tell),
// its margin in H, its probability, and the routed experts with their probabilities. Returns how
// many cells' first choice the noise changed.
int expect_noisy_fields_match(const Mixture<double>& model, const GridEvaluation& grid, int top_k) {
    const GridSpec& spec = grid.spec;
    const Standardization st = standardization();
    const int N = model.spec().experts;
    const int K = std::clamp(top_k, 1, N);
    EXPECT_TRUE(grid.noisy);
    const size_t cells = size_t(spec.width) * size_t(spec.height);
    EXPECT_EQ(grid.noisy_gate.label.size(), cells);
    EXPECT_EQ(grid.noisy_top_probability.size(), cells);
    EXPECT_EQ(grid.noisy_routed.size(), K < N ? cells * size_t(K) : 0u);
    const std::vector<int> rows(size_t(spec.width), 0);
    const NoiseDraw draw{kKey, rows};
    ForwardSettings settings;
    settings.rule.k = top_k;
    settings.noise = &draw;
    ForwardBackward<double> pass;
    Eigen::MatrixXd x(spec.width, 2);
    int moved = 0, tied_cells = 0;
    for (int row = 0; row < spec.height; ++row) {
        for (int col = 0; col < spec.width; ++col) {
            x(col, 0) = (spec.x_at(col) - st.mean[0]) / st.std[0];
            x(col, 1) = (spec.y_at(row) - st.mean[1]) / st.std[1];
        }
        pass.forward(model, InputBatch<double>(x), settings);
        EXPECT_TRUE(pass.noisy());
        const Eigen::MatrixXd& h = pass.routing_logits();
        for (int col = 0; col < spec.width; ++col) {
            const size_t cell = size_t(row) * size_t(spec.width) + size_t(col);
            std::vector<double> sorted(static_cast<size_t>(N));
            for (int i = 0; i < N; ++i) sorted[size_t(i)] = h(col, i);
            std::sort(sorted.rbegin(), sorted.rend());
            Eigen::Index first = 0, clean_first = 0;
            h.row(col).maxCoeff(&first);
            pass.gate_logits().row(col).maxCoeff(&clean_first);
            moved += first != clean_first;
            EXPECT_NEAR(grid.noisy_gate.margin[cell], N > 1 ? sorted[0] - sorted[1] : 1.0, 1e-4)
                << "cell " << cell;
            // Where float cannot tell the first choice, or which experts are the K, either
            // answer is right.
            const bool first_ties = N > 1 && sorted[0] - sorted[1] < 1e-4;
            const bool set_ties = K < N && sorted[size_t(K - 1)] - sorted[size_t(K)] < 1e-4;
            tied_cells += first_ties || set_ties;
            if (!first_ties) {
                EXPECT_EQ(grid.noisy_gate.label[cell], first) << "cell " << cell;
            }
            if (set_ties) continue;
            EXPECT_NEAR(grid.noisy_top_probability[cell],
                        pass.gate_probabilities().row(col).maxCoeff(), 1e-5)
                << "cell " << cell;
            for (int j = 0; j < K && K < N; ++j) {
                const int expert = grid.noisy_routed[cell * size_t(K) + size_t(j)];
                EXPECT_LT(expert, N);
                if (expert >= N) continue;
                EXPECT_EQ(pass.gate_mask()(col, expert), 1.0) << "cell " << cell;
                EXPECT_NEAR(grid.noisy_routed_probability[cell * size_t(K) + size_t(j)],
                            pass.gate_probabilities()(col, expert), 1e-5)
                    << "cell " << cell;
            }
        }
    }
    EXPECT_LE(tied_cells, 3) << "float ties should be rare";
    return moved;
}

TEST(NoisyGrid, EveryCellMatchesAForwardPassWithTheSameDraw) {
    for (const NoisyCase& c : noisy_cases()) {
        SCOPED_TRACE(c.name);
        const Mixture<double> model = noisy_model(c, 3);
        const std::vector<float> eps = frame_noise(kKey, c.experts);
        for (int threads : {1, 2}) {
            SCOPED_TRACE(threads);
            const GridEvaluation grid = evaluate_grid(model.cast<float>(), standardization(),
                                                      c.top_k, raster(), threads, eps);
            EXPECT_GT(expect_noisy_fields_match(model, grid, c.top_k), 0)
                << "the draw should move some cells' first choice";
        }
        // The model pass (a gate the fused kernel does not know) draws the same noise.
        GridEvaluator by_pass;
        by_pass.set_force_model_pass(true);
        GridEvaluation grid;
        by_pass.evaluate(model.cast<float>(), standardization(), c.top_k, raster(), 2, grid, eps);
        expect_noisy_fields_match(model, grid, c.top_k);
    }
}

bool same_labels(const LabelField& a, const LabelField& b) {
    return a.label.size() == b.label.size() &&
           std::equal(a.label.begin(), a.label.end(), b.label.begin());
}

template <typename T>
bool same(const GridBuffer<T>& a, const GridBuffer<T>& b) {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin());
}

TEST(NoisyGrid, ADrawOfZerosIsTheCleanGate) {
    for (const NoisyCase& c : noisy_cases()) {
        SCOPED_TRACE(c.name);
        const Mixture<float> model = noisy_model(c, 5).cast<float>();
        const std::vector<float> zeros(size_t(c.experts), 0.0f);
        for (bool force_model_pass : {false, true}) {
            SCOPED_TRACE(force_model_pass);
            GridEvaluator evaluator;
            evaluator.set_force_model_pass(force_model_pass);
            GridEvaluation grid;
            evaluator.evaluate(model, standardization(), c.top_k, raster(), 2, grid, zeros);
            ASSERT_TRUE(grid.noisy);
            EXPECT_TRUE(same_labels(grid.noisy_gate, grid.gate));
            EXPECT_TRUE(same(grid.noisy_routed, grid.gate_routed));
            for (size_t k = 0; k < grid.gate_top_probability.size(); ++k)
                ASSERT_NEAR(grid.noisy_top_probability[k], grid.gate_top_probability[k], 1e-6);
            for (size_t k = 0; k < grid.gate_routed_probability.size(); ++k)
                ASSERT_NEAR(grid.noisy_routed_probability[k], grid.gate_routed_probability[k],
                            1e-6);
        }
    }
}

TEST(NoisyGrid, WithoutNoiseNothingChanges) {
    const NoisyCase& c = noisy_cases()[0];
    const Mixture<float> model = noisy_model(c, 7).cast<float>();
    const std::vector<float> eps = frame_noise(kKey, c.experts);
    GridEvaluator evaluator;
    GridEvaluation clean, noisy;
    evaluator.evaluate(model, standardization(), c.top_k, raster(), 1, clean);
    EXPECT_FALSE(clean.noisy);
    EXPECT_TRUE(clean.noisy_gate.label.empty());
    EXPECT_TRUE(clean.noisy_top_probability.empty());
    EXPECT_TRUE(clean.noisy_routed.empty());
    // A draw changes only the noisy fields: the gate, the experts and the mixture stay clean.
    GridEvaluator other;
    other.evaluate(model, standardization(), c.top_k, raster(), 1, noisy, eps);
    ASSERT_TRUE(noisy.noisy);
    EXPECT_FALSE(same_labels(noisy.noisy_gate, noisy.gate)) << "this draw should move something";
    EXPECT_TRUE(same_labels(noisy.gate, clean.gate));
    EXPECT_TRUE(same(noisy.gate.margin, clean.gate.margin));
    EXPECT_TRUE(same_labels(noisy.mixture, clean.mixture));
    EXPECT_TRUE(same(noisy.mixture.margin, clean.mixture.margin));
    EXPECT_TRUE(same(noisy.gate_probabilities, clean.gate_probabilities));
    EXPECT_TRUE(same(noisy.gate_routed, clean.gate_routed));
    for (int i = 0; i < c.experts; ++i)
        EXPECT_TRUE(same_labels(noisy.expert[size_t(i)], clean.expert[size_t(i)]));
    // Evaluated clean again with the same evaluator: the noisy fields are gone.
    other.evaluate(model, standardization(), c.top_k, raster(), 1, noisy);
    EXPECT_FALSE(noisy.noisy);
    EXPECT_TRUE(noisy.noisy_gate.label.empty());

    // A model without a noise layer ignores a draw.
    ModelSpec spec = model.spec();
    spec.noisy_gate = false;
    Mixture<float> quiet(spec);
    quiet.initialize(7);
    GridEvaluation ignored;
    evaluator.evaluate(quiet, standardization(), c.top_k, raster(), 1, ignored, eps);
    EXPECT_FALSE(ignored.noisy);
    // A draw of the wrong length is an error.
    const std::vector<float> short_draw(size_t(c.experts - 1), 0.5f);
    EXPECT_THROW(
        evaluator.evaluate(model, standardization(), c.top_k, raster(), 1, ignored, short_draw),
        ConfigError);
}

TEST(NoisyGrid, TheDrawOfAFrameIsAFunctionOfSeedAndEpoch) {
    EXPECT_EQ(frame_noise(frame_noise_key(1, 10), 4), frame_noise(frame_noise_key(1, 10), 4));
    EXPECT_NE(frame_noise(frame_noise_key(1, 10), 4), frame_noise(frame_noise_key(1, 11), 4));
    EXPECT_NE(frame_noise(frame_noise_key(1, 10), 4), frame_noise(frame_noise_key(2, 10), 4));
    // What NoiseDraw gives a case of row 0, so a forward pass can rebuild it.
    const std::vector<int> rows{0};
    const NoiseDraw draw{frame_noise_key(1, 10), rows};
    const std::vector<float> eps = frame_noise(frame_noise_key(1, 10), 4);
    for (int i = 0; i < 4; ++i) EXPECT_EQ(eps[size_t(i)], float(draw(0, i)));
}

}  // namespace
}  // namespace moelab
