// Regression with linear Gaussian experts: the Gaussian forms of eq. 1 to 3 by hand and against
// central differences (through RegressionTraining::objective, the path every step takes), the
// generated sets, the knobs a regression training refuses, and the lesson in numbers.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>
#include <sstream>

#include "data/registry.h"
#include "errors.h"
#include "training/regression_trainer.h"
#include "training/scenarios.h"
#include "training/trainer.h"

namespace moelab {
namespace {

constexpr LossType kGaussianLosses[] = {LossType::Cooperative, LossType::Competitive,
                                        LossType::CompetitiveLog};

std::shared_ptr<const Dataset> regression_set(const std::string& name, int cases, double noise,
                                              std::uint64_t seed = 1) {
    DatasetConfig config;
    config.name = name;
    config.cases = cases;
    config.noise = noise;
    config.seed = seed;
    return std::make_shared<const Dataset>(load_dataset(config));
}

Config regression_config(LossType loss, int experts, std::uint64_t seed = 1) {
    Config config;
    config.dataset.name = "piecewise-linear";
    config.experts = experts;
    config.loss = loss;
    config.seed = seed;
    return config;
}

// ---- the losses by hand -----------------------------------------------------------------------

// One case, two experts: o = (1, 3), p = (1/4, 3/4), y = 2.
class GaussianLossByHand : public testing::Test {
  protected:
    GaussianLossByHand() : outputs(1, 2), gate(1, 2), target(1) {
        outputs << 1.0, 3.0;
        gate << 0.25, 0.75;
        target << 2.0;
    }
    double loss(LossType type) {
        return evaluate_regression_loss(type, outputs, gate, target, true, 1.0, terms);
    }
    Eigen::MatrixXd outputs, gate;
    Eigen::VectorXd target;
    RegressionLossTerms<double> terms;
};

TEST_F(GaussianLossByHand, Eq1IsHalfTheSquaredErrorOfTheBlend) {
    // m = 1/4 + 9/4 = 2.5, E = 1/2 (2 - 2.5)^2 = 0.125.
    EXPECT_NEAR(loss(LossType::Cooperative), 0.125, 1e-15);
}

TEST_F(GaussianLossByHand, Eq2IsTheGateWeightedSquaredErrors) {
    // e = (1/2, 1/2): E = 1/2.
    EXPECT_NEAR(loss(LossType::Competitive), 0.5, 1e-15);
}

TEST_F(GaussianLossByHand, Eq3IsTheNegativeLogOfTheGaussianMixture) {
    // E = -log(1/4 e^-1/2 + 3/4 e^-1/2) = 1/2; h = p because both errors are equal.
    EXPECT_NEAR(loss(LossType::CompetitiveLog), 0.5, 1e-15);
    EXPECT_NEAR(terms.responsibilities(0, 0), 0.25, 1e-15);
    target << 1.0;  // now expert 0 is right: h_0 = (1/4) / (1/4 + 3/4 e^-2)
    loss(LossType::CompetitiveLog);
    EXPECT_NEAR(terms.responsibilities(0, 0), 0.25 / (0.25 + 0.75 * std::exp(-2.0)), 1e-15);
}

TEST_F(GaussianLossByHand, MixtureNllIsRefusedNamingEq3) {
    try {
        loss(LossType::MixtureNll);
        FAIL() << "expected ConfigError";
    } catch (const ConfigError& error) {
        EXPECT_NE(std::string(error.what()).find("competitive-log"), std::string::npos);
    }
}

// ---- gradients against central differences ----------------------------------------------------

double relative_error(double a, double b) {
    return std::abs(a - b) / std::max({std::abs(a), std::abs(b), 1e-8});
}

// dE/do and dE/d(logits) of the loss alone, p = softmax(logits), several cases and experts.
TEST(GaussianLossGradient, MatchesCentralDifferencesInOutputsAndLogits) {
    std::mt19937_64 rng(7);
    std::normal_distribution<double> normal;
    const int cases = 5, experts = 3;
    Eigen::MatrixXd outputs(cases, experts), logits(cases, experts);
    Eigen::VectorXd y(cases);
    for (int b = 0; b < cases; ++b) {
        y[b] = normal(rng);
        for (int i = 0; i < experts; ++i) {
            outputs(b, i) = normal(rng);
            logits(b, i) = normal(rng);
        }
    }
    auto softmax = [](const Eigen::MatrixXd& l) {
        Eigen::MatrixXd p = l;
        for (Eigen::Index r = 0; r < p.rows(); ++r) {
            p.row(r).array() = (p.row(r).array() - p.row(r).maxCoeff()).exp();
            p.row(r) /= p.row(r).sum();
        }
        return p;
    };
    for (LossType type : kGaussianLosses) {
        RegressionLossTerms<double> terms, scratch;
        evaluate_regression_loss(type, outputs, softmax(logits), y, true, 1.0 / cases, terms);
        auto value = [&](const Eigen::MatrixXd& o, const Eigen::MatrixXd& l) {
            return evaluate_regression_loss(type, o, softmax(l), y, false, 1.0 / cases, scratch);
        };
        const double h = 1e-5;
        for (int b = 0; b < cases; ++b) {
            for (int i = 0; i < experts; ++i) {
                Eigen::MatrixXd up = outputs, down = outputs;
                up(b, i) += h;
                down(b, i) -= h;
                const double numeric_o = (value(up, logits) - value(down, logits)) / (2 * h);
                EXPECT_LT(relative_error(terms.output_gradient(b, i), numeric_o), 1e-6)
                    << to_string(type) << " dE/do case " << b << " expert " << i;
                up = logits;
                down = logits;
                up(b, i) += h;
                down(b, i) -= h;
                const double numeric_l = (value(outputs, up) - value(outputs, down)) / (2 * h);
                EXPECT_LT(relative_error(terms.logit_gradient(b, i), numeric_l), 1e-6)
                    << to_string(type) << " dE/dlogit case " << b << " expert " << i;
            }
        }
    }
}

// The whole training objective (model forward, loss, model backward) against central differences
// in every parameter, at random weights, for each loss.
TEST(RegressionObjectiveGradient, MatchesCentralDifferencesInEveryParameter) {
    const auto data = regression_set("piecewise-linear", 40, 0.1);
    for (LossType type : kGaussianLosses) {
        Config config = regression_config(type, 3);
        config.precision = Precision::Double;
        RegressionTraining<double> training(config, data);
        std::mt19937_64 rng(11);
        std::normal_distribution<double> normal;
        Eigen::VectorXd parameters = training.model().parameters();
        for (Eigen::Index j = 0; j < parameters.size(); ++j) parameters[j] = normal(rng);
        Eigen::VectorXd gradient;
        training.objective(parameters, &gradient);
        ASSERT_EQ(gradient.size(), parameters.size());
        const double h = 1e-5;
        for (Eigen::Index j = 0; j < parameters.size(); ++j) {
            Eigen::VectorXd up = parameters, down = parameters;
            up[j] += h;
            down[j] -= h;
            const double numeric =
                (training.objective(up, nullptr) - training.objective(down, nullptr)) / (2 * h);
            EXPECT_LT(relative_error(gradient[j], numeric), 1e-6)
                << to_string(type) << " parameter " << j << ": " << gradient[j] << " vs "
                << numeric;
        }
    }
}

// Float and double give the same loss and gradient to float's precision.
TEST(RegressionObjectiveGradient, FloatAgreesWithDouble) {
    const auto data = regression_set("sine", 60, 0.1);
    for (LossType type : kGaussianLosses) {
        Config config = regression_config(type, 2);
        config.dataset.name = "sine";
        RegressionTraining<double> in_double(config, data);
        RegressionTraining<float> in_float(config, data);
        std::mt19937_64 rng(3);
        std::normal_distribution<double> normal;
        Eigen::VectorXd parameters(in_double.model().parameter_count());
        for (Eigen::Index j = 0; j < parameters.size(); ++j) parameters[j] = normal(rng);
        Eigen::VectorXd gradient_double;
        Eigen::VectorXf gradient_float;
        const double loss_double = in_double.objective(parameters, &gradient_double);
        const float loss_float = in_float.objective(parameters.cast<float>(), &gradient_float);
        EXPECT_LT(relative_error(loss_double, double(loss_float)), 1e-5) << to_string(type);
        EXPECT_LT((gradient_double - gradient_float.cast<double>()).norm(),
                  1e-5 * std::max(1.0, gradient_double.norm()))
            << to_string(type);
    }
}

// ---- the sets ---------------------------------------------------------------------------------

TEST(RegressionSets, AreRegisteredOneDimensionalSeededAndSplit) {
    for (const std::string name : {"piecewise-linear", "sine", "step"}) {
        const DatasetInfo* info = find_dataset(name);
        ASSERT_NE(info, nullptr) << name;
        EXPECT_TRUE(info->regression) << name;
        EXPECT_TRUE(info->synthetic) << name;
        EXPECT_FALSE(info->description.empty()) << name;
        const auto data = regression_set(name, 300, 0.05, 4);
        EXPECT_TRUE(data->regression());
        EXPECT_EQ(data->dimensions(), 1);
        EXPECT_EQ(data->size(), 300);
        ASSERT_EQ(data->targets.size(), 300u);
        const Split split = make_split(*data);
        EXPECT_EQ(split.train_index.size() + split.test_index.size(), 300u);
        EXPECT_EQ(split.test_index.size(), 100u);
        // The same seed gives the same cases, another seed others.
        const auto again = regression_set(name, 300, 0.05, 4);
        EXPECT_EQ(again->targets, data->targets);
        EXPECT_NE(regression_set(name, 300, 0.05, 5)->targets, data->targets);
        for (Eigen::Index c = 0; c < data->features.rows(); ++c) {
            EXPECT_GE(data->features(c, 0), -1.0f);
            EXPECT_LE(data->features(c, 0), 1.0f);
        }
    }
    // Without noise the targets are the functions themselves.
    const auto kink = regression_set("piecewise-linear", 50, 0.0);
    for (int c = 0; c < 50; ++c)
        EXPECT_DOUBLE_EQ(kink->targets[size_t(c)], std::abs(double(kink->features(c, 0))));
    const auto step = regression_set("step", 50, 0.0);
    for (int c = 0; c < 50; ++c)
        EXPECT_DOUBLE_EQ(step->targets[size_t(c)], step->features(c, 0) < 0 ? 0.0 : 1.0);
}

TEST(RegressionSets, ClassificationTrainerRefusesThemByName) {
    Config config;
    config.dataset.name = "sine";
    try {
        Trainer trainer(config, regression_set("sine", 50, 0.1));
        FAIL() << "expected ConfigError";
    } catch (const ConfigError& error) {
        EXPECT_NE(std::string(error.what()).find("regression"), std::string::npos);
        EXPECT_NE(std::string(error.what()).find("sine"), std::string::npos);
    }
}

TEST(RegressionTrainerConfig, RefusesKnobsItDoesNotTakeAndClassLabels) {
    const auto data = regression_set("piecewise-linear", 50, 0.1);
    auto refused = [&](Config config, const std::string& word) {
        try {
            RegressionTrainer trainer(config, data);
            ADD_FAILURE() << "expected ConfigError mentioning " << word;
        } catch (const ConfigError& error) {
            EXPECT_NE(std::string(error.what()).find(word), std::string::npos) << error.what();
        }
    };
    Config hidden = regression_config(LossType::CompetitiveLog, 2);
    hidden.expert_hidden = {4};
    refused(hidden, "hidden layers");
    Config sparse = regression_config(LossType::CompetitiveLog, 3);
    sparse.top_k = 1;
    refused(sparse, "dense gate");
    refused(regression_config(LossType::MixtureNll, 2), "competitive-log");
    DatasetConfig vowels;
    EXPECT_THROW(RegressionTrainer(regression_config(LossType::Cooperative, 2),
                                   std::make_shared<const Dataset>(load_dataset(vowels))),
                 DatasetError);
}

// ---- training ---------------------------------------------------------------------------------

TEST(RegressionTraining, LearnsTheSineWithMiniBatchesInEitherPrecision) {
    for (Precision precision : {Precision::Float, Precision::Double}) {
        Config config = regression_config(LossType::CompetitiveLog, 3);
        config.dataset.name = "sine";
        config.precision = precision;
        config.batch_size = 32;
        config.optimizer = OptimizerType::Adam;
        config.learning_rate = 0.02;
        RegressionTrainer trainer(config, regression_set("sine", 300, 0.05));
        const double before = trainer.evaluate().train_rmse;
        for (int e = 0; e < 300; ++e) trainer.train_epoch();
        const RegressionMetrics metrics = trainer.evaluate();
        EXPECT_EQ(metrics.epoch, 300);
        // One straight line through a sine period leaves an RMSE near 0.5; three local lines
        // fit it to well under that.
        EXPECT_LT(metrics.train_rmse, 0.2) << "before " << before;
        EXPECT_LT(metrics.test_rmse, 0.25);
        double share = 0;
        for (double s : metrics.top_share) share += s;
        EXPECT_NEAR(share, 1.0, 1e-9);
        const RegressionCurve curve = trainer.curve(50);
        ASSERT_EQ(curve.x.size(), 50u);
        EXPECT_EQ(curve.outputs.rows(), 50);
        EXPECT_EQ(curve.gate.cols(), 3);
        for (Eigen::Index k = 0; k < 50; ++k) EXPECT_NEAR(curve.gate.row(k).sum(), 1.0, 1e-6);
    }
}

}  // namespace
}  // namespace moelab

namespace moelab {
namespace {

// The lesson of the paper in one picture, in numbers: on y = |x| + noise with two linear experts
// and a linear gate, eq. 3 gives each expert one piece, so the gate's top expert alone is nearly as
// good as the mixture; under eq. 1 the experts' blend fits but neither line lies on a piece, so the
// top expert alone is clearly worse (the entanglement gap) and the gate stays softer.
TEST(RegressionLesson, Eq3ExpertsLieOnThePiecesEq1ExpertsOnlyFitAsABlend) {
    const auto data = regression_set("piecewise-linear", 400, 0.02);
    for (std::uint64_t seed : {1, 2, 3}) {
        RegressionMetrics result[2];
        double slopes[2][2] = {};
        for (int k = 0; k < 2; ++k) {
            Config config = regression_config(
                k == 0 ? LossType::Cooperative : LossType::CompetitiveLog, 2, seed);
            config.dataset.noise = 0.02;
            config.epochs = 5000;
            RegressionTrainer trainer(config, data);
            while (trainer.epoch() < config.epochs) trainer.train_epoch();
            result[k] = trainer.evaluate();
            // Each expert's slope in raw units, from its line at the ends of the data.
            const RegressionCurve curve = trainer.curve(2);
            for (int i = 0; i < 2; ++i)
                slopes[k][i] =
                    (curve.outputs(1, i) - curve.outputs(0, i)) / (curve.x[1] - curve.x[0]);
        }
        const RegressionMetrics& eq1 = result[0];
        const RegressionMetrics& eq3 = result[1];
        const double gap1 = eq1.train_top_expert_rmse - eq1.train_rmse;
        const double gap3 = eq3.train_top_expert_rmse - eq3.train_rmse;
        std::cout << "seed " << seed << "  eq. 1: mixture RMSE " << eq1.train_rmse
                  << ", top expert " << eq1.train_top_expert_rmse << ", gate entropy "
                  << eq1.gate_entropy << ", slopes " << slopes[0][0] << " " << slopes[0][1] << "\n"
                  << "        eq. 3: mixture RMSE " << eq3.train_rmse << ", top expert "
                  << eq3.train_top_expert_rmse << ", gate entropy " << eq3.gate_entropy
                  << ", slopes " << slopes[1][0] << " " << slopes[1][1] << "\n";
        // Both fit the kink as a mixture (one line alone leaves an RMSE near 0.29).
        EXPECT_LT(eq1.train_rmse, 0.05);
        EXPECT_LT(eq3.train_rmse, 0.05);
        // The top expert alone: close to the mixture under eq. 3, clearly worse under eq. 1.
        EXPECT_LT(gap3, 0.5 * gap1) << "seed " << seed;
        EXPECT_LT(gap3, 0.3 * eq3.train_rmse) << "seed " << seed;
        EXPECT_GT(gap1, 0.5 * eq1.train_rmse) << "seed " << seed;
        EXPECT_LT(eq3.gate_entropy, 0.75 * eq1.gate_entropy) << "seed " << seed;
        // Under eq. 3 the lines lie on the pieces: slopes near -1 and +1.
        const double low = std::min(slopes[1][0], slopes[1][1]);
        const double high = std::max(slopes[1][0], slopes[1][1]);
        EXPECT_NEAR(low, -1.0, 0.1) << "seed " << seed;
        EXPECT_NEAR(high, 1.0, 0.1) << "seed " << seed;
    }
}

}  // namespace
}  // namespace moelab

namespace moelab {
namespace {

struct CliRun {
    int exit_code = -1;
    std::string out, err;
};

// Runs the built moelab-cli with `arguments` (no quoting needed: plain words only).
CliRun run_cli_tool(const std::string& arguments) {
    const auto directory = std::filesystem::temp_directory_path() /
                           ("moelab_regression_cli_" + std::to_string(::getpid()));
    std::filesystem::create_directories(directory);
    const auto out = directory / "out.txt", err = directory / "err.txt";
    std::string command = std::string(MOELAB_CLI_PATH);
    command.append(" ").append(arguments).append(" >").append(out.string());
    command.append(" 2>").append(err.string()).append(" </dev/null");
    const int status = std::system(command.c_str());
    auto read = [](const std::filesystem::path& path) {
        std::ifstream in(path);
        std::stringstream text;
        text << in.rdbuf();
        return text.str();
    };
    CliRun run{WIFEXITED(status) ? WEXITSTATUS(status) : -1, read(out), read(err)};
    std::filesystem::remove_all(directory);
    return run;
}

TEST(RegressionCli, TrainPrintsRmseOfTheMixtureAndTheTopExpertAndGateEntropy) {
    const CliRun table = run_cli_tool(
        "train --dataset piecewise-linear --experts 2 --loss cooperative --epochs 300");
    ASSERT_EQ(table.exit_code, 0) << table.err;
    EXPECT_NE(table.out.find("train RMSE"), std::string::npos) << table.out;
    EXPECT_NE(table.out.find("top expert RMSE"), std::string::npos) << table.out;
    EXPECT_NE(table.out.find("gate entropy"), std::string::npos) << table.out;
    EXPECT_NE(table.out.find("eq. 1"), std::string::npos) << table.out;
    EXPECT_EQ(table.out.find("accuracy"), std::string::npos) << table.out;

    const CliRun json =
        run_cli_tool("train --dataset sine --experts 3 --loss competitive-log --epochs 300 --json");
    ASSERT_EQ(json.exit_code, 0) << json.err;
    const auto report = nlohmann::json::parse(json.out);
    EXPECT_EQ(report["dataset"]["task"], "regression");
    EXPECT_EQ(report["epochs"], 300);
    const auto& metrics = report["metrics"];
    EXPECT_GT(metrics["train_rmse"].get<double>(), 0.0);
    EXPECT_GE(metrics["train_top_expert_rmse"].get<double>(),
              metrics["train_rmse"].get<double>() * 0.5);
    EXPECT_GE(metrics["gate_entropy"].get<double>(), 0.0);
    EXPECT_EQ(metrics["top_share"].size(), 3u);
}

TEST(RegressionCli, RefusesWhatItCannotDoWithAClearMessage) {
    const CliRun save = run_cli_tool("train --dataset step --epochs 10 --save /tmp/never.json");
    EXPECT_EQ(save.exit_code, 2);
    EXPECT_NE(save.err.find("--save"), std::string::npos) << save.err;
    EXPECT_NE(save.err.find("step"), std::string::npos) << save.err;
    const CliRun nll = run_cli_tool("train --dataset step --epochs 10 --loss mixture-nll");
    EXPECT_EQ(nll.exit_code, 1);
    EXPECT_NE(nll.err.find("competitive-log"), std::string::npos) << nll.err;
}

}  // namespace
}  // namespace moelab

namespace moelab {
namespace {

// "Local linear experts on a curve": the stored setting is eq. 1 on |x| with two linear experts;
// at the scenario's epoch the top expert alone is far behind the mixture, and the same setting
// under eq. 3 (what the explanation asks for next) closes most of the gap.
TEST(RegressionScenario, LocalLinearExpertsShowsTheGapUnderEq1ClosingUnderEq3) {
    const ScenarioSetup* setup = find_scenario("local-linear-experts");
    ASSERT_NE(setup, nullptr);
    ASSERT_EQ(setup->panes.size(), 1u);
    Config config = setup->panes.front();
    EXPECT_EQ(config.loss, LossType::Cooperative);
    EXPECT_TRUE(find_dataset(config.dataset.name)->regression);
    auto train = [&](LossType loss) {
        config.loss = loss;
        RegressionTrainer trainer(config,
                                  std::make_shared<const Dataset>(load_dataset(config.dataset)));
        while (trainer.epoch() < setup->epochs) trainer.train_epoch();
        return trainer.evaluate();
    };
    const RegressionMetrics eq1 = train(LossType::Cooperative);
    const RegressionMetrics eq3 = train(LossType::CompetitiveLog);
    std::cout << "scenario at epoch " << setup->epochs << ": eq. 1 mixture " << eq1.train_rmse
              << " top expert " << eq1.train_top_expert_rmse << "; eq. 3 mixture " << eq3.train_rmse
              << " top expert " << eq3.train_top_expert_rmse << "\n";
    // The numbers the explanation quotes (0.034 / 0.076 and 0.024 / 0.035), to their digits.
    EXPECT_NEAR(eq1.train_rmse, 0.034, 0.0015);
    EXPECT_NEAR(eq1.train_top_expert_rmse, 0.076, 0.0015);
    EXPECT_NEAR(eq3.train_rmse, 0.024, 0.0015);
    EXPECT_NEAR(eq3.train_top_expert_rmse, 0.035, 0.0015);
    EXPECT_GT(eq1.train_top_expert_rmse - eq1.train_rmse,
              3 * (eq3.train_top_expert_rmse - eq3.train_rmse));
}

}  // namespace
}  // namespace moelab
