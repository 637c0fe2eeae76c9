// The point probe (analysis/point_probe.h): its numbers at one point against the model's own
// forward pass and loss code (training/loss.cpp), its gradients dE/do_m against central
// differences of that loss, and by hand on a case small enough to compute on paper.
#include <gtest/gtest.h>

#include <cmath>

#include "analysis/point_probe.h"
#include "errors.h"
#include "model_test_support.h"
#include "training/loss.h"

namespace moelab {
namespace {

using namespace testing_support;

constexpr LossType kAllLosses[] = {LossType::Cooperative, LossType::Competitive,
                                   LossType::CompetitiveLog, LossType::MixtureNll};

Standardization test_standardization() {
    Standardization s;
    s.mean = Eigen::Vector2d(0.1, -0.2);
    s.std = Eigen::Vector2d(0.5, 2.0);
    return s;
}

// Weights large enough that the experts disagree and the gate prefers some experts clearly.
Mixture<double> random_model(ModelSpec spec, std::uint64_t seed) {
    Mixture<double> model(spec);
    model.initialize(seed);
    model.parameters() *= 4.0;
    return model;
}

// The loss of one case through the model's own forward pass and loss code.
double case_loss(const Mixture<double>& model, const Eigen::VectorXd& standardized, int target,
                 LossType loss, int routed, ForwardBackward<double>& pass, bool with_gradient) {
    Eigen::MatrixXd x = standardized.transpose();
    pass.forward(model, InputBatch<double>(x), routed);
    const std::vector<int> labels{target};
    evaluate_main_loss<double>(loss, pass, labels, with_gradient, 1.0);
    return pass.case_losses()(0);
}

// The output layer of component m (the shared expert after the routed ones).
DenseSlice output_layer(const ModelStructure& structure, int m) {
    return structure.component(m).layers().back();
}

// dE/dz_m from dE/do_m through the expert's softmax o = softmax(z):
// dE/dz_mc = o_mc (dE/do_mc - sum_k o_mk dE/do_mk).
Eigen::MatrixXd logit_gradient_of(const PointProbe& probe) {
    const Eigen::MatrixXd& o = probe.expert_outputs;
    const Eigen::MatrixXd& g = probe.output_gradient;
    Eigen::MatrixXd dz(o.rows(), o.cols());
    for (Eigen::Index m = 0; m < o.rows(); ++m) {
        const double inner = o.row(m).dot(g.row(m));
        for (Eigen::Index c = 0; c < o.cols(); ++c) dz(m, c) = o(m, c) * (g(m, c) - inner);
    }
    return dz;
}

void check_against_loss_code(Mixture<double> model, int routed) {
    const Standardization standardization = test_standardization();
    const int M = model.structure().components(), C = model.spec().classes;
    for (const LossType loss : kAllLosses) {
        for (int target = 0; target < C; ++target) {
            SCOPED_TRACE(testing::Message()
                         << "loss " << int(loss) << ", class " << target << ", K " << routed);
            const PointProbe probe =
                probe_point(model, standardization, 0.3, -0.7, target, loss, routed);
            ForwardBackward<double> pass;
            const double value =
                case_loss(model, probe.standardized, target, loss, routed, pass, true);
            EXPECT_NEAR(probe.loss_value, value, 1e-12);
            EXPECT_NEAR(probe.responsibility.sum(), 1.0, 1e-12);
            for (int i = 0; i < model.spec().experts; ++i) {
                EXPECT_NEAR(probe.gate(i), pass.gate_probabilities()(0, i), 1e-12);
                EXPECT_EQ(bool(probe.routed[size_t(i)]), pass.gate_mask()(0, i) > 0);
            }
            // Eq. 3 and the mixture NLL keep their responsibilities in the loss code too.
            if (loss == LossType::CompetitiveLog || loss == LossType::MixtureNll) {
                for (int m = 0; m < M; ++m)
                    EXPECT_NEAR(probe.responsibility(m), pass.responsibilities()(0, m), 1e-12);
            }
            const Eigen::MatrixXd dz = logit_gradient_of(probe);
            // The loss code's own analytic gradient...
            for (int m = 0; m < M; ++m)
                for (int c = 0; c < C; ++c)
                    EXPECT_NEAR(dz(m, c), pass.expert_logit_gradient()(0, m * C + c), 1e-12);
            // ...and central differences of the loss: the output layer's bias c of component m
            // shifts its logit z_mc and nothing else.
            for (int m = 0; m < M; ++m) {
                const DenseSlice layer = output_layer(model.structure(), m);
                for (int c = 0; c < C; ++c) {
                    double& bias = biases_of<double>(model.parameters(), layer)(c);
                    const double saved = bias;
                    const double step = 1e-6;
                    ForwardBackward<double> scratch;
                    bias = saved + step;
                    const double plus =
                        case_loss(model, probe.standardized, target, loss, routed, scratch, false);
                    bias = saved - step;
                    const double minus =
                        case_loss(model, probe.standardized, target, loss, routed, scratch, false);
                    bias = saved;
                    EXPECT_NEAR(dz(m, c), (plus - minus) / (2 * step), 1e-8)
                        << "component " << m << ", class " << c;
                }
            }
        }
    }
}

TEST(PointProbe, GradientsMatchTheLossCodeAndFiniteDifferences) {
    check_against_loss_code(random_model(spec_of(2, 3, 4), 7), 4);
}

TEST(PointProbe, HiddenLayersAndMlpGate) {
    check_against_loss_code(random_model(spec_of(2, 4, 3, {5}, {6}), 11), 3);
}

TEST(PointProbe, SharedExpert) {
    ModelSpec spec = spec_of(2, 3, 4);
    spec.shared_expert = true;
    check_against_loss_code(random_model(spec, 5), 2);
}

TEST(PointProbe, TopKLeavesTheOthersUnroutedWithZeroWeightAndGradient) {
    const Mixture<double> model = random_model(spec_of(2, 3, 5), 3);
    check_against_loss_code(model, 2);
    for (const LossType loss : kAllLosses) {
        const PointProbe probe = probe_point(model, test_standardization(), -0.4, 0.9, 1, loss, 2);
        int routed = 0;
        for (int i = 0; i < 5; ++i) {
            if (probe.routed[size_t(i)]) {
                ++routed;
                EXPECT_GT(probe.gate(i), 0.0);
                continue;
            }
            EXPECT_EQ(probe.gate(i), 0.0);
            EXPECT_EQ(probe.responsibility(i), 0.0);
            EXPECT_EQ(probe.gradient_factor(i), 0.0);
            EXPECT_EQ(probe.output_gradient.row(i).norm(), 0.0);
        }
        EXPECT_EQ(routed, 2);
        EXPECT_NEAR(probe.gate.sum(), 1.0, 1e-12);
    }
}

// 2 experts, 2 classes, one input x = 1: gate p = (1/4, 3/4), o_0 = (1/2, 1/2), o_1 = (3/4, 1/4),
// target class 0, d = (1, 0); y = sum p_i o_i = (11/16, 5/16). The whole gradient dE/do_i is
// checked here (finite differences through the softmax see it only up to a constant per expert).
class ProbeByHand : public testing::Test {
  protected:
    ProbeByHand() : model(spec_of(1, 2, 2)) {
        model.parameters().setZero();
        weights(model, 0, 0)(1, 0) = std::log(3.0);
        weights(model, 2, 0)(0, 0) = std::log(3.0);
    }
    PointProbe probe(LossType loss) {
        return probe_standardized(model, Eigen::VectorXd::Ones(1), 0, loss, 2);
    }
    Mixture<double> model;
};

TEST_F(ProbeByHand, Eq1PullsEveryExpertByTheSharedResidual) {
    const PointProbe p = probe(LossType::Cooperative);
    EXPECT_NEAR(p.gate(0), 0.25, 1e-15);
    EXPECT_NEAR(p.mixture(0), 11.0 / 16, 1e-15);
    // dE/do_i = -p_i (d - y), d - y = (5/16, -5/16).
    EXPECT_NEAR(p.output_gradient(0, 0), -0.25 * 5 / 16, 1e-15);
    EXPECT_NEAR(p.output_gradient(0, 1), 0.25 * 5 / 16, 1e-15);
    EXPECT_NEAR(p.output_gradient(1, 0), -0.75 * 5 / 16, 1e-15);
    EXPECT_NEAR(p.gradient_factor(1), 0.75, 1e-15);
    EXPECT_NEAR(p.loss_value, 0.5 * 2 * 25.0 / 256, 1e-15);
}

TEST_F(ProbeByHand, Eq2PullsEachExpertByItsOwnError) {
    const PointProbe p = probe(LossType::Competitive);
    // dE/do_i = -p_i (d - o_i): (-1/8, 1/8) and (-3/16, 3/16).
    EXPECT_NEAR(p.output_gradient(0, 0), -0.125, 1e-15);
    EXPECT_NEAR(p.output_gradient(0, 1), 0.125, 1e-15);
    EXPECT_NEAR(p.output_gradient(1, 0), -0.1875, 1e-15);
    EXPECT_NEAR(p.output_gradient(1, 1), 0.1875, 1e-15);
}

TEST_F(ProbeByHand, Eq3WeightsEachErrorByItsResponsibility) {
    const PointProbe p = probe(LossType::CompetitiveLog);
    // e_0 = 1/4, e_1 = 1/16; h_i = p_i e^{-e_i} / sum_j p_j e^{-e_j}.
    const double a = 0.25 * std::exp(-0.25), b = 0.75 * std::exp(-1.0 / 16);
    EXPECT_NEAR(p.responsibility(0), a / (a + b), 1e-15);
    EXPECT_NEAR(p.gradient_factor(0), a / (a + b), 1e-15);
    EXPECT_NEAR(p.output_gradient(0, 0), -a / (a + b) * 0.5, 1e-15);
    EXPECT_NEAR(p.output_gradient(1, 1), b / (a + b) * 0.25, 1e-15);
    EXPECT_NEAR(p.loss_value, -std::log(a + b), 1e-15);
}

TEST_F(ProbeByHand, MixtureNllActsOnTheTargetClassOnly) {
    const PointProbe p = probe(LossType::MixtureNll);
    // h_i = p_i o_i[0] / (11/16): h = (2/11, 9/11); dE/do_i[0] = -h_i / o_i[0].
    EXPECT_NEAR(p.responsibility(0), 2.0 / 11, 1e-15);
    EXPECT_NEAR(p.responsibility(1), 9.0 / 11, 1e-15);
    EXPECT_NEAR(p.output_gradient(0, 0), -(2.0 / 11) / 0.5, 1e-14);
    EXPECT_NEAR(p.output_gradient(1, 0), -(9.0 / 11) / 0.75, 1e-14);
    EXPECT_EQ(p.output_gradient(0, 1), 0.0);
    EXPECT_NEAR(p.loss_value, -std::log(11.0 / 16), 1e-15);
}

TEST(PointProbe, RefusesAWrongPointOrClass) {
    const Mixture<double> model = random_model(spec_of(2, 3, 2), 1);
    EXPECT_THROW(probe_point(model, test_standardization(), 0, 0, 3, LossType::Competitive, 2),
                 ConfigError);
    EXPECT_THROW(probe_standardized(model, Eigen::VectorXd::Zero(3), 0, LossType::Competitive, 2),
                 ConfigError);
}

TEST(PointProbe, FloatModelAgreesWithDouble) {
    const Mixture<double> model = random_model(spec_of(2, 3, 4), 9);
    const PointProbe exact =
        probe_point(model, test_standardization(), 0.2, 0.4, 2, LossType::CompetitiveLog, 4);
    const PointProbe drawn = probe_point(model.cast<float>(), test_standardization(), 0.2, 0.4, 2,
                                         LossType::CompetitiveLog, 4);
    EXPECT_LT((exact.responsibility - drawn.responsibility).norm(), 1e-5);
    EXPECT_LT((exact.output_gradient - drawn.output_gradient).norm(), 1e-5);
}

}  // namespace
}  // namespace moelab
