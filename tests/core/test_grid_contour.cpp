// Grid evaluation agrees with the model case by case; marching squares finds the lines.
#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <functional>
#include <map>
#include <random>
#include <unordered_map>

#include "analysis/contour.h"
#include "analysis/grid.h"
#include "analysis/pca.h"
#include "errors.h"
#include "model/forward_backward.h"

namespace moelab {
namespace {

// A model of `spec` with weights large enough for boundaries to cross a small raster.
Mixture<double> grid_model(const ModelSpec& spec, std::uint64_t seed) {
    Mixture<double> model(spec);
    model.initialize(seed);
    model.parameters() *= 4.0;
    return model;
}

Standardization grid_standardization() {
    Standardization standardization;
    standardization.mean = Eigen::Vector2d(100, -2);
    standardization.std = Eigen::Vector2d(50, 3);
    return standardization;
}

GridSpec small_grid(int width, int height) {
    GridSpec spec;
    spec.x_min = 0;
    spec.x_max = 200;
    spec.y_min = -8;
    spec.y_max = 4;
    spec.width = width;
    spec.height = height;
    return spec;
}

// Labels agree with a double-precision forward pass wherever float can tell the winner (a margin
// above `tie`); where it cannot, either answer is right.
void expect_label(int grid_label, Eigen::Index direct_label, float grid_margin, double tie,
                  const char* what, size_t cell, int& ties) {
    if (grid_label == direct_label) return;
    ++ties;
    EXPECT_LT(grid_margin, tie) << what << " of cell " << cell;
}

// The model's (standardised) input at a cell of the raster.
using CellInput = std::function<Eigen::MatrixXd(const GridSpec&, int col, int row)>;

// Every cell of `grid` against ForwardBackward<double> on the input `input_of` gives, one case at
// a time: the gate's top expert and probabilities, the routed experts in order with their
// probabilities, each expert's class and logit margin, the mixture's class and probability margin.
void expect_matches_forward_pass(const Mixture<double>& model, const GridEvaluation& grid,
                                 const CellInput& input_of, int top_k) {
    const GridSpec& spec = grid.spec;
    const int N = model.spec().experts, C = model.spec().classes;
    ASSERT_EQ(grid.experts, N);
    ASSERT_EQ(grid.classes, C);
    const int K = std::clamp(top_k, 1, N);
    const size_t cells = size_t(spec.width) * size_t(spec.height);
    if (K < N) {
        ASSERT_EQ(grid.routed, K);
        ASSERT_EQ(grid.gate_routed.size(), cells * size_t(K));
        ASSERT_EQ(grid.gate_routed_probability.size(), cells * size_t(K));
    } else {
        EXPECT_EQ(grid.routed, 0);
        EXPECT_TRUE(grid.gate_routed.empty());
    }
    ForwardBackward<double> pass;
    int ties = 0, tied_cells = 0;
    for (int row = 0; row < spec.height; ++row) {
        for (int col = 0; col < spec.width; ++col) {
            const Eigen::MatrixXd x = input_of(spec, col, row);
            pass.forward(model, InputBatch<double>(x), top_k);
            const size_t cell = size_t(row) * spec.width + col;
            Eigen::Index gate_top = 0, mixture_class = 0;
            pass.gate_logits().row(0).maxCoeff(&gate_top);
            const Eigen::RowVectorXd mixture = pass.mixture_probabilities().row(0);
            mixture.maxCoeff(&mixture_class);
            expect_label(grid.gate.label[cell], gate_top, grid.gate.margin[cell], 1e-4, "gate",
                         cell, ties);
            std::vector<double> gate(pass.gate_logits().data(), pass.gate_logits().data() + N);
            std::sort(gate.rbegin(), gate.rend());
            EXPECT_NEAR(grid.gate.margin[cell], N > 1 ? gate[0] - gate[1] : 1.0, 1e-4);
            // Where the K-th and the next logit tie within float's reach, which experts are routed
            // is either answer, and so are the probabilities and the mixture.
            const int routed = std::clamp(top_k, 1, N);
            const bool routing_ties = routed < N && gate[routed - 1] - gate[routed] < 1e-5;
            ties += routing_ties;
            if (!routing_ties) {
                EXPECT_NEAR(grid.gate_top_probability[cell],
                            pass.gate_probabilities().row(0).maxCoeff(), 1e-5);
                expect_label(grid.mixture.label[cell], mixture_class, grid.mixture.margin[cell],
                             1e-5, "mixture", cell, ties);
                if (K < N) {
                    // The K routed experts: exactly those with weight, in the order of their
                    // logits (two of them may swap where their logits tie within float's reach),
                    // with their probabilities.
                    const auto logits = pass.gate_logits().row(0);
                    const auto probabilities = pass.gate_probabilities().row(0);
                    double sum = 0;
                    std::vector<bool> listed(size_t(N), false);
                    for (int j = 0; j < K; ++j) {
                        const int expert = grid.gate_routed[cell * K + j];
                        ASSERT_LT(expert, N);
                        EXPECT_FALSE(listed[size_t(expert)]) << "cell " << cell;
                        listed[size_t(expert)] = true;
                        EXPECT_GT(probabilities[expert], 0.0) << "cell " << cell;
                        EXPECT_NEAR(grid.gate_routed_probability[cell * K + j],
                                    probabilities[expert], 1e-5);
                        sum += grid.gate_routed_probability[cell * K + j];
                        if (j > 0) {
                            const int before = grid.gate_routed[cell * K + j - 1];
                            EXPECT_GE(logits[before], logits[expert] - 1e-4) << "cell " << cell;
                        }
                    }
                    EXPECT_NEAR(sum, 1.0, 1e-5);
                }
                std::vector<double> sorted(mixture.data(), mixture.data() + C);
                std::sort(sorted.rbegin(), sorted.rend());
                EXPECT_NEAR(grid.mixture.margin[cell], C > 1 ? sorted[0] - sorted[1] : 1.0, 1e-5);
            }
            for (int i = 0; i < N; ++i) {
                Eigen::Index expert_class = 0;
                const Eigen::RowVectorXd logits = pass.expert_logits().row(0).segment(i * C, C);
                logits.maxCoeff(&expert_class);
                expect_label(grid.expert[i].label[cell], expert_class, grid.expert[i].margin[cell],
                             1e-4, "expert", cell, ties);
                std::vector<double> z(logits.data(), logits.data() + C);
                std::sort(z.rbegin(), z.rend());
                EXPECT_NEAR(grid.expert[i].margin[cell], C > 1 ? z[0] - z[1] : 1.0,
                            1e-4 * (1 + std::abs(z[0])));
                if (!routing_ties) {
                    EXPECT_NEAR(grid.gate_probabilities[cell * N + i],
                                pass.gate_probabilities()(0, i), 1e-5);
                }
            }
            tied_cells += ties > 0;
            ties = 0;
        }
    }
    // (A cell whose input is exactly 0 ties every network with zero biases at once.)
    EXPECT_LE(tied_cells, 2) << "float ties should be rare";
}

// The same on the raster of the first two raw features, standardised.
void expect_matches_forward_pass(const Mixture<double>& model, const GridEvaluation& grid,
                                 const Standardization& standardization, int top_k) {
    expect_matches_forward_pass(
        model, grid,
        [&](const GridSpec& spec, int col, int row) {
            Eigen::MatrixXd x(1, 2);
            x << (spec.x_at(col) - standardization.mean[0]) / standardization.std[0],
                (spec.y_at(row) - standardization.mean[1]) / standardization.std[1];
            return x;
        },
        top_k);
}

struct GridCase {
    const char* name;
    int classes, experts;
    std::vector<int> expert_hidden, gate_hidden;
    int top_k;
    bool shared_expert = false;  // one more expert every cell uses
    bool noisy_gate = false;     // its noise layer is in the first layer, unused when drawing
};

ModelSpec spec_of(const GridCase& c) {
    ModelSpec model_spec;
    model_spec.inputs = 2;
    model_spec.classes = c.classes;
    model_spec.experts = c.experts;
    model_spec.expert_hidden = c.expert_hidden;
    model_spec.gate = c.gate_hidden.empty() ? GateType::Linear : GateType::Mlp;
    model_spec.gate_hidden = c.gate_hidden;
    model_spec.shared_expert = c.shared_expert;
    model_spec.noisy_gate = c.noisy_gate;
    return model_spec;
}

const std::vector<GridCase>& grid_cases() {
    static const std::vector<GridCase> cases{
        {"one hidden layer, top-2 of 4", 3, 4, {3}, {}, 2},
        {"linear experts, dense", 4, 4, {}, {}, 4},
        {"two hidden layers, MLP gate, top-3 of 5", 3, 5, {5, 4}, {6}, 3},
        {"two hidden layers, top-1 of 6", 2, 6, {7, 3}, {}, 1},
        {"one expert", 3, 1, {4}, {}, 1},
        {"a shared expert beside top-2 of 4", 3, 4, {3}, {}, 2, true},
        {"a shared expert, noisy MLP gate, dense", 4, 3, {}, {5}, 3, true, true},
    };
    return cases;
}

TEST(Grid, EveryCellMatchesADirectForwardPass) {
    const Standardization standardization = grid_standardization();
    for (const GridCase& c : grid_cases()) {
        SCOPED_TRACE(c.name);
        const ModelSpec model_spec = spec_of(c);
        const Mixture<double> model = grid_model(model_spec, 3);
        // 37 columns: whole SIMD packets and a partial one in every row.
        const GridSpec spec = small_grid(37, 23);
        for (int threads : {1, 2}) {
            SCOPED_TRACE(threads);
            const GridEvaluation grid =
                evaluate_grid(model.cast<float>(), standardization, c.top_k, spec, threads);
            expect_matches_forward_pass(model, grid, standardization, c.top_k);
        }
        // The model pass (a gate the fused kernel does not know) fills the same fields.
        GridEvaluator by_pass;
        by_pass.set_force_model_pass(true);
        GridEvaluation grid;
        by_pass.evaluate(model.cast<float>(), standardization, c.top_k, spec, 2, grid);
        expect_matches_forward_pass(model, grid, standardization, c.top_k);
    }
}

TEST(Grid, ThePlaneOfTwoPrincipalComponentsMatchesTheFullModel) {
    // Data of six features drawn on the plane of its first two principal components: the plane
    // model on the raster of plane coordinates against the full model at mean + U z.
    ModelSpec model_spec;
    model_spec.inputs = 6;
    model_spec.classes = 3;
    model_spec.experts = 5;
    model_spec.expert_hidden = {4};
    model_spec.gate = GateType::Mlp;
    model_spec.gate_hidden = {3};
    const Mixture<double> model = grid_model(model_spec, 21);
    std::mt19937_64 random(4);
    std::normal_distribution<double> normal;
    Eigen::MatrixXd data(300, 6);
    for (Eigen::Index r = 0; r < data.rows(); ++r)
        for (Eigen::Index k = 0; k < 6; ++k) data(r, k) = normal(random) * (6.0 - k) + 0.1 * k;
    const Pca pca = fit_pca(data, 2);
    const Mixture<float> plane = plane_model(model.cast<float>(), pca);
    GridSpec spec;
    spec.x_min = -9.63;
    spec.x_max = 11;
    spec.y_min = -7;
    spec.y_max = 8;
    spec.width = 41;
    spec.height = 27;
    const CellInput on_plane = [&](const GridSpec& s, int col, int row) {
        Eigen::MatrixXd z(1, 2);
        z << s.x_at(col), s.y_at(row);
        return pca.reconstruct(z);
    };
    for (int top_k : {5, 2}) {
        SCOPED_TRACE(top_k);
        expect_matches_forward_pass(
            model, evaluate_grid(plane, plane_standardization(), top_k, spec, 2), on_plane, top_k);
    }
}

TEST(Grid, SaturatedUnitsInAZoomedOutWindowStillMatch) {
    // Large weights on a window twenty times the data's size: most hidden units sit at +-1 over
    // most of the raster and switch within a cell or two, where the tanh table's exponents clamp.
    ModelSpec model_spec;
    model_spec.classes = 3;
    model_spec.experts = 4;
    model_spec.expert_hidden = {6, 3};
    model_spec.gate = GateType::Mlp;
    model_spec.gate_hidden = {5};
    Mixture<double> model = grid_model(model_spec, 9);
    model.parameters() *= 3.0;
    const Standardization standardization = grid_standardization();
    GridSpec spec = small_grid(53, 31);
    spec.x_min = -2000;
    spec.x_max = 2200;
    spec.y_min = -260;
    spec.y_max = 240;
    for (int top_k : {4, 2}) {
        SCOPED_TRACE(top_k);
        expect_matches_forward_pass(
            model, evaluate_grid(model.cast<float>(), standardization, top_k, spec, 2),
            standardization, top_k);
    }
}

bool same_field(const LabelField& a, const LabelField& b) {
    return std::equal(a.label.begin(), a.label.end(), b.label.begin(), b.label.end()) &&
           std::equal(a.margin.begin(), a.margin.end(), b.margin.begin(), b.margin.end());
}

TEST(Grid, ThreadsDoNotChangeAnyBit) {
    ModelSpec model_spec;
    model_spec.classes = 4;
    model_spec.experts = 8;
    model_spec.expert_hidden = {16};
    const Mixture<float> model = grid_model(model_spec, 11).cast<float>();
    const GridSpec spec = small_grid(130, 67);
    const GridEvaluation one = evaluate_grid(model, grid_standardization(), 3, spec, 1);
    const GridEvaluation three = evaluate_grid(model, grid_standardization(), 3, spec, 3);
    EXPECT_TRUE(same_field(one.gate, three.gate));
    EXPECT_TRUE(same_field(one.mixture, three.mixture));
    for (int i = 0; i < 8; ++i) EXPECT_TRUE(same_field(one.expert[i], three.expert[i]));
    EXPECT_TRUE(std::equal(one.gate_probabilities.begin(), one.gate_probabilities.end(),
                           three.gate_probabilities.begin(), three.gate_probabilities.end()));
    EXPECT_TRUE(std::equal(one.gate_top_probability.begin(), one.gate_top_probability.end(),
                           three.gate_top_probability.begin(), three.gate_top_probability.end()));
    EXPECT_EQ(one.routed, 3);
    EXPECT_TRUE(std::equal(one.gate_routed.begin(), one.gate_routed.end(),
                           three.gate_routed.begin(), three.gate_routed.end()));
    EXPECT_TRUE(std::equal(one.gate_routed_probability.begin(), one.gate_routed_probability.end(),
                           three.gate_routed_probability.begin(),
                           three.gate_routed_probability.end()));
}

TEST(Grid, TheFusedKernelAgreesWithTheModelPass) {
    // The model pass (ForwardBackward a grid row at a time) is what a gate the kernel does not
    // know gets; both must draw the same picture.
    const Standardization standardization = grid_standardization();
    for (const GridCase& c : grid_cases()) {
        SCOPED_TRACE(c.name);
        const ModelSpec model_spec = spec_of(c);
        const Mixture<float> model = grid_model(model_spec, 5).cast<float>();
        // Off-centre, so that no cell's input is exactly 0, where every network with zero biases
        // ties and either answer is right.
        GridSpec spec = small_grid(61, 29);
        spec.x_min += 0.37;
        GridEvaluator fused, by_pass;
        by_pass.set_force_model_pass(true);
        GridEvaluation a, b;
        fused.evaluate(model, standardization, c.top_k, spec, 2, a);
        by_pass.evaluate(model, standardization, c.top_k, spec, 2, b);
        int differing = 0;
        auto compare = [&](const LabelField& x, const LabelField& y, double tolerance) {
            for (size_t k = 0; k < x.label.size(); ++k) {
                if (x.label[k] != y.label[k]) {
                    ++differing;
                    EXPECT_LT(x.margin[k], tolerance);
                }
                EXPECT_NEAR(x.margin[k], y.margin[k], tolerance * (1 + std::abs(y.margin[k])));
            }
        };
        compare(a.gate, b.gate, 1e-4);
        compare(a.mixture, b.mixture, 1e-5);
        for (int i = 0; i < c.experts; ++i) compare(a.expert[i], b.expert[i], 1e-4);
        EXPECT_LE(differing, 2);
        for (size_t k = 0; k < a.gate_probabilities.size(); ++k)
            EXPECT_NEAR(a.gate_probabilities[k], b.gate_probabilities[k], 1e-5);
        ASSERT_EQ(a.gate_top_probability.size(), b.gate_top_probability.size());
        for (size_t k = 0; k < a.gate_top_probability.size(); ++k)
            EXPECT_NEAR(a.gate_top_probability[k], b.gate_top_probability[k], 1e-5);
        // The routed experts and their weights (two may swap where their logits tie).
        ASSERT_EQ(a.routed, b.routed);
        ASSERT_EQ(a.gate_routed.size(), b.gate_routed.size());
        int swapped = 0;
        for (size_t k = 0; k < a.gate_routed.size(); ++k) {
            swapped += a.gate_routed[k] != b.gate_routed[k];
            EXPECT_NEAR(a.gate_routed_probability[k], b.gate_routed_probability[k], 1e-5);
        }
        EXPECT_LE(swapped, 4);
    }
}

TEST(Grid, AnEvaluatorReusedAcrossRastersAndModels) {
    // The worker's evaluator and grid live across frames whose raster and model change.
    GridEvaluator evaluator;
    GridEvaluation grid;
    const Standardization standardization = grid_standardization();
    ModelSpec wide;
    wide.classes = 3;
    wide.experts = 6;
    wide.expert_hidden = {9};
    ModelSpec narrow;
    narrow.classes = 2;
    narrow.experts = 2;
    const Mixture<double> first = grid_model(wide, 1), second = grid_model(narrow, 2);
    evaluator.evaluate(first.cast<float>(), standardization, 6, small_grid(40, 20), 2, grid);
    expect_matches_forward_pass(first, grid, standardization, 6);
    evaluator.evaluate(second.cast<float>(), standardization, 2, small_grid(5, 31), 1, grid);
    EXPECT_EQ(grid.expert.size(), 2u);
    EXPECT_EQ(grid.gate.label.size(), 5u * 31u);
    expect_matches_forward_pass(second, grid, standardization, 2);
    evaluator.evaluate(first.cast<float>(), standardization, 2, small_grid(33, 9), 2, grid);
    expect_matches_forward_pass(first, grid, standardization, 2);
}

TEST(Grid, RejectsModelsAndRastersItCannotDraw) {
    ModelSpec three_inputs;
    three_inputs.inputs = 3;
    Standardization standardization;
    standardization.mean = Eigen::Vector3d::Zero();
    standardization.std = Eigen::Vector3d::Ones();
    EXPECT_THROW(evaluate_grid(Mixture<float>(three_inputs), standardization, 1, GridSpec{}, 1),
                 ConfigError);
    ModelSpec two;
    EXPECT_THROW(
        evaluate_grid(Mixture<float>(two), grid_standardization(), 1, small_grid(2000, 10), 1),
        ConfigError);
}

LabelField field_from(const GridSpec& spec, auto signed_distance) {
    LabelField field;
    for (int row = 0; row < spec.height; ++row) {
        for (int col = 0; col < spec.width; ++col) {
            const double d = signed_distance(spec.x_at(col), spec.y_at(row));
            field.label.push_back(d < 0 ? 0 : 1);
            field.margin.push_back(float(std::abs(d)));
        }
    }
    return field;
}

TEST(Contour, AStraightSplitGivesOneLineOnTheZeroSet) {
    GridSpec spec{-1, 1, -1, 1, 64, 48};
    const LabelField field = field_from(spec, [](double x, double y) { return x - 0.3 * y - 0.1; });
    const auto boundaries = label_boundaries(field, spec);
    ASSERT_EQ(boundaries.size(), 1u);
    EXPECT_EQ(boundaries[0].a, 0);
    EXPECT_EQ(boundaries[0].b, 1);
    ASSERT_EQ(boundaries[0].lines.size(), 1u) << "segments must be joined into one polyline";
    const Polyline& line = boundaries[0].lines[0];
    EXPECT_GE(line.size(), size_t(spec.height));  // at least one crossing per row of cells
    for (const Point& p : line) EXPECT_NEAR(p.x - 0.3 * p.y - 0.1, 0.0, 1e-5);  // float margins
}

TEST(Contour, ACircleGivesOneClosedLoop) {
    GridSpec spec{-1, 1, -1, 1, 80, 80};
    const LabelField field =
        field_from(spec, [](double x, double y) { return std::hypot(x, y) - 0.5; });
    const auto boundaries = label_boundaries(field, spec);
    ASSERT_EQ(boundaries.size(), 1u);
    ASSERT_EQ(boundaries[0].lines.size(), 1u);
    const Polyline& loop = boundaries[0].lines[0];
    EXPECT_NEAR(loop.front().x, loop.back().x, 1e-12);
    EXPECT_NEAR(loop.front().y, loop.back().y, 1e-12);
    for (const Point& p : loop) EXPECT_NEAR(std::hypot(p.x, p.y), 0.5, 2e-3);
}

TEST(Contour, EachPairOfTouchingLabelsIsReportedOnce) {
    // Three vertical bands 0 | 1 | 2: boundaries (0,1) and (1,2), none for (0,2).
    GridSpec spec{0, 3, 0, 1, 60, 20};
    LabelField field;
    for (int row = 0; row < spec.height; ++row)
        for (int col = 0; col < spec.width; ++col) {
            const double x = spec.x_at(col);
            const int label = x < 1 ? 0 : (x < 2 ? 1 : 2);
            field.label.push_back(std::uint8_t(label));
            field.margin.push_back(float(std::min(std::abs(x - 1), std::abs(x - 2))));
        }
    const auto boundaries = label_boundaries(field, spec);
    ASSERT_EQ(boundaries.size(), 2u);
    EXPECT_EQ(boundaries[0].a, 0);
    EXPECT_EQ(boundaries[0].b, 1);
    EXPECT_EQ(boundaries[1].a, 1);
    EXPECT_EQ(boundaries[1].b, 2);
    for (const auto& boundary : boundaries) EXPECT_EQ(boundary.lines.size(), 1u);
}

// The straightforward marching squares the tracer replaced: every block visited, segments grouped
// in a std::map and joined through a hash map. The tracer must give exactly its lines.
std::vector<Boundary> reference_boundaries(const LabelField& field, const GridSpec& spec) {
    struct Segment {
        std::array<long, 2> edge;
        std::array<Point, 2> point;
    };
    constexpr std::array<std::array<int, 2>, 16> pairs{{{-1, -1},
                                                        {3, 0},
                                                        {0, 1},
                                                        {3, 1},
                                                        {1, 2},
                                                        {-1, -1},
                                                        {0, 2},
                                                        {3, 2},
                                                        {2, 3},
                                                        {0, 2},
                                                        {-1, -1},
                                                        {1, 2},
                                                        {1, 3},
                                                        {0, 1},
                                                        {3, 0},
                                                        {-1, -1}}};
    constexpr std::array<std::array<int, 2>, 4> corners_of{{{0, 1}, {1, 2}, {3, 2}, {0, 3}}};
    const int W = spec.width, H = spec.height;
    std::map<std::pair<int, int>, std::vector<Segment>> groups;
    auto cell = [W](int c, int r) { return size_t(r) * size_t(W) + size_t(c); };
    for (int r = 0; r + 1 < H; ++r) {
        for (int c = 0; c + 1 < W; ++c) {
            const std::array<size_t, 4> corner{cell(c, r), cell(c + 1, r), cell(c + 1, r + 1),
                                               cell(c, r + 1)};
            std::array<int, 4> label;
            for (int k = 0; k < 4; ++k) label[k] = field.label[corner[k]];
            if (label[0] == label[1] && label[1] == label[2] && label[2] == label[3]) continue;
            const std::array<Point, 4> position{
                Point{spec.x_at(c), spec.y_at(r)}, Point{spec.x_at(c + 1), spec.y_at(r)},
                Point{spec.x_at(c + 1), spec.y_at(r + 1)}, Point{spec.x_at(c), spec.y_at(r + 1)}};
            const std::array<long, 4> edge_id{long(cell(c, r)) * 2, long(cell(c + 1, r)) * 2 + 1,
                                              long(cell(c, r + 1)) * 2, long(cell(c, r)) * 2 + 1};
            for (int k = 0; k < 4; ++k) {
                const int inside = label[k];
                bool seen = false;
                for (int j = 0; j < k; ++j) seen |= label[j] == inside;
                if (seen) continue;
                std::array<float, 4> f;
                int code = 0;
                for (int j = 0; j < 4; ++j) {
                    const float m = field.margin[corner[j]] + 1e-6f;
                    f[j] = label[j] == inside ? m : -m;
                    if (f[j] > 0) code |= 1 << j;
                }
                auto crossing = [&](int e) {
                    const int a = corners_of[e][0], b = corners_of[e][1];
                    const double t = f[a] / (f[a] - f[b]);
                    return Point{position[a].x + t * (position[b].x - position[a].x),
                                 position[a].y + t * (position[b].y - position[a].y)};
                };
                auto emit = [&](int e0, int e1) {
                    const int a = corners_of[e0][0], b = corners_of[e0][1];
                    const int other = f[a] < 0 ? label[a] : label[b];
                    if (other < inside) return;
                    groups[{inside, other}].push_back(
                        Segment{{edge_id[e0], edge_id[e1]}, {crossing(e0), crossing(e1)}});
                };
                if (code == 5 || code == 10) {
                    if ((code == 5) == ((f[0] + f[1] + f[2] + f[3]) > 0)) {
                        emit(0, 1);
                        emit(2, 3);
                    } else {
                        emit(3, 0);
                        emit(1, 2);
                    }
                } else if (code != 0 && code != 15) {
                    emit(pairs[code][0], pairs[code][1]);
                }
            }
        }
    }
    std::vector<Boundary> boundaries;
    // Named references, not a structured binding: clang 14 (the sanitizer builds) cannot capture
    // a structured binding in the lambdas below.
    for (auto& group : groups) {
        const auto& pair = group.first;
        auto& segments = group.second;
        Boundary boundary{pair.first, pair.second, {}};
        std::unordered_map<long, std::array<int, 2>> by_edge;
        for (int s = 0; s < int(segments.size()); ++s)
            for (long e : segments[s].edge) {
                auto [it, inserted] = by_edge.try_emplace(e, std::array<int, 2>{s, -1});
                if (!inserted) it->second[1] = s;
            }
        std::vector<bool> used(segments.size(), false);
        auto next = [&](long edge, int from) {
            const auto& two = by_edge.at(edge);
            const int other = two[0] == from ? two[1] : two[0];
            return (other >= 0 && !used[other]) ? other : -1;
        };
        auto walk = [&](int s, long edge, Polyline& line) {
            for (int current = next(edge, s); current >= 0; current = next(edge, current)) {
                used[current] = true;
                const int exit = segments[current].edge[0] == edge ? 1 : 0;
                line.push_back(segments[current].point[exit]);
                edge = segments[current].edge[exit];
            }
        };
        for (int s = 0; s < int(segments.size()); ++s) {
            if (used[s]) continue;
            used[s] = true;
            Polyline forward{segments[s].point[0], segments[s].point[1]}, backward;
            walk(s, segments[s].edge[1], forward);
            walk(s, segments[s].edge[0], backward);
            Polyline line(backward.rbegin(), backward.rend());
            line.insert(line.end(), forward.begin(), forward.end());
            boundary.lines.push_back(std::move(line));
        }
        boundaries.push_back(std::move(boundary));
    }
    return boundaries;
}

void expect_same_boundaries(const std::vector<Boundary>& a, const std::vector<Boundary>& b) {
    ASSERT_EQ(a.size(), b.size());
    for (size_t k = 0; k < a.size(); ++k) {
        EXPECT_EQ(a[k].a, b[k].a);
        EXPECT_EQ(a[k].b, b[k].b);
        ASSERT_EQ(a[k].lines.size(), b[k].lines.size());
        for (size_t l = 0; l < a[k].lines.size(); ++l) {
            ASSERT_EQ(a[k].lines[l].size(), b[k].lines[l].size());
            for (size_t p = 0; p < a[k].lines[l].size(); ++p) {
                EXPECT_EQ(a[k].lines[l][p].x, b[k].lines[l][p].x);
                EXPECT_EQ(a[k].lines[l][p].y, b[k].lines[l][p].y);
            }
        }
    }
}

// Labels from the sign pattern of a few random smooth functions: blobs, thin slivers, saddles and
// single odd cells, with labels changing at every column offset of the eight-block words.
LabelField random_field(const GridSpec& spec, std::mt19937& random, int labels) {
    std::uniform_real_distribution<double> u(-1, 1);
    std::vector<std::array<double, 6>> waves(static_cast<size_t>(labels));
    for (auto& w : waves)
        for (double& v : w) v = u(random) * 9;
    LabelField field;
    for (int row = 0; row < spec.height; ++row)
        for (int col = 0; col < spec.width; ++col) {
            const double x = spec.x_at(col), y = spec.y_at(row);
            double best = -1e9, second = -1e9;
            int label = 0;
            for (int k = 0; k < labels; ++k) {
                const auto& w = waves[size_t(k)];
                const double v = std::sin(w[0] * x + w[1] * y + w[2]) +
                                 0.5 * std::cos(w[3] * x * y) + 0.3 * w[4] * x + 0.2 * w[5] * y;
                if (v > best) {
                    second = best;
                    best = v;
                    label = k;
                } else {
                    second = std::max(second, v);
                }
            }
            if (u(random) > 0.995) label = (label + 1) % labels;  // an odd cell now and then
            field.label.push_back(std::uint8_t(label));
            field.margin.push_back(float(labels > 1 ? best - second : 1.0));
        }
    return field;
}

TEST(Contour, TheTracerDrawsExactlyTheLinesOfPlainMarchingSquares) {
    std::mt19937 random(7);
    BoundaryTracer tracer;  // reused across fields, as the renderer reuses it across frames
    for (const auto& [width, height] : std::vector<std::pair<int, int>>{
             {2, 2}, {3, 17}, {8, 8}, {9, 5}, {16, 16}, {17, 13}, {63, 40}, {200, 150}}) {
        for (int labels : {2, 3, 6}) {
            SCOPED_TRACE(::testing::Message() << width << "x" << height << ", " << labels);
            const GridSpec spec{-1, 1, -1, 1, width, height};
            const LabelField field = random_field(spec, random, labels);
            expect_same_boundaries(tracer.trace(field, spec), reference_boundaries(field, spec));
            expect_same_boundaries(label_boundaries(field, spec),
                                   reference_boundaries(field, spec));
        }
    }
}

TEST(Contour, ALabelChangeAtAnyColumnIsFound) {
    // A single vertical boundary at every column position, including the ends of the eight-block
    // words the tracer compares at once.
    BoundaryTracer tracer;
    for (int width : {2, 9, 17, 24}) {
        for (int split = 1; split < width; ++split) {
            const GridSpec spec{0, double(width), 0, 4, width, 4};
            LabelField field;
            for (int row = 0; row < spec.height; ++row)
                for (int col = 0; col < width; ++col) {
                    field.label.push_back(col < split ? 0 : 1);
                    field.margin.push_back(1.0f);
                }
            const auto boundaries = tracer.trace(field, spec);
            ASSERT_EQ(boundaries.size(), 1u) << width << " " << split;
            ASSERT_EQ(boundaries[0].lines.size(), 1u);
            for (const Point& p : boundaries[0].lines[0]) EXPECT_NEAR(p.x, split, 1e-5);
        }
    }
}

TEST(Contour, SplitLinesSeparatesInsideFromOutside) {
    std::vector<Polyline> lines{{{0, 0}, {1, 0}, {2, 0}, {3, 0}, {4, 0}}};
    const SplitLines split = split_lines(lines, [](const Point& p) { return p.x < 2.5; });
    ASSERT_EQ(split.inside.size(), 1u);
    ASSERT_EQ(split.outside.size(), 1u);
    EXPECT_EQ(split.inside[0].front().x, 0);
    EXPECT_EQ(split.outside[0].back().x, 4);
}

}  // namespace
}  // namespace moelab
