// Grid evaluation agrees with the model case by case; marching squares finds the lines.
#include <gtest/gtest.h>

#include <cmath>

#include "analysis/contour.h"
#include "analysis/grid.h"
#include "model/forward_backward.h"

namespace moelab {
namespace {

TEST(Grid, EveryCellMatchesADirectForwardPass) {
    ModelSpec model_spec;
    model_spec.inputs = 2;
    model_spec.classes = 3;
    model_spec.experts = 4;
    model_spec.expert_hidden = {3};
    Mixture<double> model(model_spec);
    model.initialize(3);
    model.parameters() *= 4.0;
    Standardization standardization;
    standardization.mean = Eigen::Vector2d(100, -2);
    standardization.std = Eigen::Vector2d(50, 3);
    GridSpec spec;
    spec.x_min = 0;
    spec.x_max = 200;
    spec.y_min = -8;
    spec.y_max = 4;
    spec.width = 37;
    spec.height = 23;
    const int top_k = 2;
    const GridEvaluation grid = evaluate_grid(model.cast<float>(), standardization, top_k, spec);

    ForwardBackward<double> pass;
    for (int row = 0; row < spec.height; row += 5) {
        for (int col = 0; col < spec.width; col += 3) {
            Eigen::MatrixXd x(1, 2);
            x << (spec.x_at(col) - 100) / 50, (spec.y_at(row) + 2) / 3;
            pass.forward(model, InputBatch<double>(x), top_k);
            const size_t cell = size_t(row) * spec.width + col;
            Eigen::Index gate_top = 0, mixture_class = 0;
            pass.gate_logits().row(0).maxCoeff(&gate_top);
            pass.mixture_probabilities().row(0).maxCoeff(&mixture_class);
            EXPECT_EQ(grid.gate.label[cell], gate_top);
            EXPECT_EQ(grid.mixture.label[cell], mixture_class);
            for (int i = 0; i < 4; ++i) {
                Eigen::Index expert_class = 0;
                pass.expert_logits().row(0).segment(i * 3, 3).maxCoeff(&expert_class);
                EXPECT_EQ(grid.expert[i].label[cell], expert_class);
                EXPECT_NEAR(grid.gate_probabilities[cell * 4 + i], pass.gate_probabilities()(0, i),
                            1e-5);
            }
        }
    }
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
