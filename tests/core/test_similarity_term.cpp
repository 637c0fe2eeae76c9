// The sample-similarity regulariser (Krishnamurthy, Watkins & Gaertner 2023;
// training/similarity_term.h): the whole objective's gradient with the term against central
// differences, its value against a double loop over pairs written from the formula, batches cut
// into groups of pairs, and the direction it pushes the gate on two separated clusters.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <random>
#include <string>

#include "data/registry.h"
#include "model_test_support.h"
#include "training/engine.h"
#include "training/similarity_term.h"
#include "training/trainer.h"

namespace moelab {
namespace {

using namespace testing_support;

constexpr int kExperts = 3, kClasses = 3;

Objective<double> similarity_objective(LossType loss, double weight) {
    Config config;
    config.loss = loss;
    config.similarity_weight = weight;
    return Objective<double>::from(config);
}

template <typename Scalar>
Objective<Scalar> similarity_only(double weight, LossType loss = LossType::MixtureNll) {
    Config config;
    config.loss = loss;
    config.similarity_weight = weight;
    return Objective<Scalar>::from(config);
}

// x as the engine stores it: column-major for few features, row-major for many.
template <typename Scalar>
struct Inputs {
    Matrix<Scalar> columns;
    RowMatrix<Scalar> rows;
    bool row_major = false;
    InputBatch<Scalar> batch() const {
        return row_major ? InputBatch<Scalar>(rows) : InputBatch<Scalar>(columns);
    }
};

template <typename Scalar>
Inputs<Scalar> inputs_of(const Eigen::MatrixXd& x) {
    Inputs<Scalar> inputs;
    inputs.row_major = x.cols() > 4;
    if (inputs.row_major)
        inputs.rows = x.cast<Scalar>();
    else
        inputs.columns = x.cast<Scalar>();
    return inputs;
}

template <typename Scalar>
Scalar loss_with(const Mixture<Scalar>& model, const Inputs<Scalar>& x, const std::vector<int>& y,
                 const Objective<Scalar>& objective, int routed,
                 Vector<Scalar>* gradient = nullptr) {
    ForwardBackward<Scalar> pass;
    return objective_value(objective, pass, model, x.batch(), std::span<const int>(y), routed,
                           gradient);
}

// The term's value alone: forward, accumulate, value.
template <typename Scalar>
Scalar term_value(const Mixture<Scalar>& model, const InputBatch<Scalar>& x, int routed,
                  double weight, ForwardBackward<Scalar>& pass) {
    const Objective<Scalar> objective = similarity_only<Scalar>(weight);
    pass.forward(model, x, routed, objective.needs_dense_probabilities());
    Vector<Scalar> statistics =
        Vector<Scalar>::Zero(objective.statistics_size(model.spec().experts));
    objective.accumulate(pass, statistics);
    return objective.batch_terms_value(statistics, x.rows(), model.spec().experts);
}

// The formula written out pair by pair, as in the authors' code (with both sums over B^2):
// w / B^2 sum_{a,b} d(a,b) [1/N sum_i q_i(a) q_i(b) - 1/(N^2-N) sum_{i!=j} q_i(a) q_j(b)],
// d = Euclidean distance over the batch's largest one.
double paper_formula(const Eigen::MatrixXd& x, const Eigen::MatrixXd& q, double weight) {
    const Eigen::Index B = x.rows();
    const int N = int(q.cols());
    Eigen::MatrixXd d(B, B);
    double largest = 0;
    for (Eigen::Index a = 0; a < B; ++a)
        for (Eigen::Index b = 0; b < B; ++b) {
            double squared = 0;
            for (Eigen::Index k = 0; k < x.cols(); ++k)
                squared += (x(a, k) - x(b, k)) * (x(a, k) - x(b, k));
            d(a, b) = std::sqrt(squared);
            largest = std::max(largest, d(a, b));
        }
    double total = 0;
    for (Eigen::Index a = 0; a < B; ++a)
        for (Eigen::Index b = 0; b < B; ++b) {
            double same = 0, different = 0;
            for (int i = 0; i < N; ++i)
                for (int j = 0; j < N; ++j) (i == j ? same : different) += q(a, i) * q(b, j);
            const double bracket = same / N - (N > 1 ? different / (N * N - N) : 0.0);
            total += (largest > 0 ? d(a, b) / largest : 0.0) * bracket;
        }
    return weight * total / double(B * B);
}

struct Case {
    int inputs;
    int top_k;
    LossType loss;
    std::vector<int> gate_hidden;
};

std::string case_name(const testing::TestParamInfo<Case>& info) {
    const Case& c = info.param;
    std::string loss(to_string(c.loss));
    std::replace(loss.begin(), loss.end(), '-', '_');
    return "d" + std::to_string(c.inputs) + "_k" + std::to_string(c.top_k) + "_" + loss +
           (c.gate_hidden.empty() ? "_linear_gate" : "_mlp_gate");
}

class SimilarityGradient : public testing::TestWithParam<Case> {};

TEST_P(SimilarityGradient, MatchesCentralDifferencesAndFloatAgrees) {
    const Case c = GetParam();
    constexpr int kCases = 9;
    const double weight = 0.5;
    Mixture<double> model(spec_of(c.inputs, kClasses, kExperts, {4}, c.gate_hidden));
    const Objective<double> objective = similarity_objective(c.loss, weight);
    Eigen::MatrixXd x(kCases, c.inputs);
    std::vector<int> y(kCases);
    ForwardBackward<double> pass;
    for (std::uint64_t seed = 1;; ++seed) {
        ASSERT_LT(seed, 200u) << "no tie-free point found";
        model.initialize(seed);
        model.parameters() *= 3.0;
        std::mt19937_64 rng(seed);
        std::normal_distribution<double> normal;
        for (Eigen::Index i = 0; i < x.size(); ++i) x.data()[i] = normal(rng);
        for (int b = 0; b < kCases; ++b) y[size_t(b)] = int(rng() % kClasses);
        pass.forward(model, InputBatch<double>(x), c.top_k, true);
        if (tie_gap(pass.gate_logits(), c.top_k, /*top_choice=*/false) > 1e-3) break;
    }
    const Inputs<double> inputs = inputs_of<double>(x);

    Eigen::VectorXd gradient;
    loss_with(model, inputs, y, objective, c.top_k, &gradient);
    ASSERT_EQ(gradient.size(), model.parameters().size());
    const Eigen::VectorXd numeric =
        central_differences(model, [&] { return loss_with(model, inputs, y, objective, c.top_k); });
    const double relative = (numeric - gradient).norm() / std::max(numeric.norm(), 1e-12);
    EXPECT_LT(relative, 1e-6) << "analytic:\n"
                              << gradient.transpose() << "\nnumeric:\n"
                              << numeric.transpose();

    // The term moves the gradient: without it the gradient differs by more than the tolerance.
    Eigen::VectorXd without;
    loss_with(model, inputs, y, similarity_objective(c.loss, 0), c.top_k, &without);
    EXPECT_GT((gradient - without).norm(), 1e-3 * gradient.norm());

    // float32: the same loss and gradient to float's precision.
    const Mixture<float> model_float = model.cast<float>();
    const Inputs<float> inputs_float = inputs_of<float>(x);
    Eigen::VectorXf gradient_float;
    const float loss_float =
        loss_with(model_float, inputs_float, y, similarity_only<float>(weight, c.loss), c.top_k,
                  &gradient_float);
    const double loss_double = loss_with(model, inputs, y, objective, c.top_k);
    EXPECT_NEAR(loss_float, loss_double, 1e-5 * std::max(1.0, std::abs(loss_double)));
    EXPECT_LT((gradient_float.cast<double>() - gradient).norm() / gradient.norm(), 1e-4);
}

std::vector<Case> gradient_cases() {
    std::vector<Case> cases;
    for (int inputs : {2, 20})
        for (int k : {kExperts, 2, 1})
            for (const std::vector<int>& gate : {std::vector<int>{}, std::vector<int>{5}})
                cases.push_back({inputs, k, LossType::MixtureNll, gate});
    cases.push_back({2, 2, LossType::CompetitiveLog, {}});
    cases.push_back({20, kExperts, LossType::Cooperative, {5}});
    return cases;
}

INSTANTIATE_TEST_SUITE_P(Similarity, SimilarityGradient, testing::ValuesIn(gradient_cases()),
                         case_name);

TEST(SimilarityTerm, ValueIsThePairFormulaWrittenOut) {
    for (int inputs : {2, 20})
        for (int experts : {1, 2, kExperts})
            for (int k : {experts, 1}) {
                Mixture<double> model(spec_of(inputs, kClasses, experts, {}, {5}));
                model.initialize(7);
                model.parameters() *= 2.0;
                std::mt19937_64 rng(11);
                std::normal_distribution<double> normal;
                Eigen::MatrixXd x(13, inputs);
                for (Eigen::Index i = 0; i < x.size(); ++i) x.data()[i] = normal(rng);
                const Inputs<double> batch = inputs_of<double>(x);
                ForwardBackward<double> pass;
                const double value = term_value(model, batch.batch(), k, 0.7, pass);
                const double expected = paper_formula(x, pass.dense_probabilities(), 0.7);
                EXPECT_NEAR(value, expected, 1e-12 * std::max(1.0, std::abs(expected)))
                    << inputs << "-D, K = " << k << ", N = " << experts;
                if (experts > 1) {
                    EXPECT_NE(value, 0.0);
                }
            }
}

TEST(SimilarityTerm, DistancesComeFromTheGramMatrixInBothLayouts) {
    std::mt19937_64 rng(3);
    std::normal_distribution<double> normal;
    for (int features : {2, 784}) {
        Eigen::MatrixXd x(17, features);
        for (Eigen::Index i = 0; i < x.size(); ++i) x.data()[i] = normal(rng);
        x.row(5) = x.row(2);  // a duplicate: distance exactly 0
        Eigen::MatrixXd expected(x.rows(), x.rows());
        for (Eigen::Index a = 0; a < x.rows(); ++a)
            for (Eigen::Index b = 0; b < x.rows(); ++b)
                expected(a, b) = (x.row(a) - x.row(b)).norm();
        expected /= expected.maxCoeff();
        const Eigen::MatrixXd columns = x;
        const RowMatrix<double> rows = x;
        for (const InputBatch<double>& batch :
             {InputBatch<double>(columns), InputBatch<double>(rows)}) {
            Eigen::MatrixXd d;
            SimilarityTerm<double>::distances(batch, 0, x.rows(), d);
            EXPECT_LT((d - expected).cwiseAbs().maxCoeff(), 1e-12);
            EXPECT_EQ(d(5, 2), 0.0);
            EXPECT_TRUE(d.diagonal().isZero(0.0));
            EXPECT_TRUE(d.isApprox(d.transpose(), 0.0));
            // A block of cases: the distances of those cases only, over their own largest.
            Eigen::MatrixXd block;
            SimilarityTerm<double>::distances(batch, 4, 6, block);
            Eigen::MatrixXd expected_block = expected.block(4, 4, 6, 6);
            expected_block /= expected_block.maxCoeff();
            EXPECT_LT((block - expected_block).cwiseAbs().maxCoeff(), 1e-12);
        }
        // float: the Gram identity loses a little to cancellation, no more.
        const RowMatrix<float> rows_float = x.cast<float>();
        Eigen::MatrixXf d_float;
        SimilarityTerm<float>::distances(InputBatch<float>(rows_float), 0, x.rows(), d_float);
        EXPECT_LT((d_float.cast<double>() - expected).cwiseAbs().maxCoeff(), 1e-3);
    }
}

TEST(SimilarityTerm, ALargeBatchIsCutIntoGroupsOfPairs) {
    // 2 * kMaxPairGroup + 3 cases: three groups of 683, 684 and 684 cases (near-equal sizes);
    // the value is the pair-weighted mean of the groups' pair sums, each over its own maximum.
    constexpr Eigen::Index kGroup = SimilarityTerm<double>::kMaxPairGroup;
    const Eigen::Index B = 2 * kGroup + 3;
    Mixture<double> model(spec_of(2, kClasses, kExperts));
    model.initialize(5);
    model.parameters() *= 3.0;
    std::mt19937_64 rng(5);
    std::normal_distribution<double> normal;
    Eigen::MatrixXd x(B, 2);
    for (Eigen::Index i = 0; i < x.size(); ++i) x.data()[i] = normal(rng);
    ForwardBackward<double> pass;
    const double value = term_value(model, InputBatch<double>(x), kExperts, 0.5, pass);

    double weighted = 0, pairs = 0;
    const Eigen::Index groups = 3;
    for (Eigen::Index g = 0; g < groups; ++g) {
        const Eigen::Index begin = B * g / groups, size = B * (g + 1) / groups - begin;
        const double group_mean = paper_formula(
            x.middleRows(begin, size), pass.dense_probabilities().middleRows(begin, size), 0.5);
        weighted += group_mean * double(size * size);
        pairs += double(size * size);
    }
    EXPECT_NEAR(value, weighted / pairs, 1e-12);

    // The gradient of a grouped batch, for a few gate weights, against central differences.
    const Objective<double> objective = similarity_objective(LossType::MixtureNll, 0.5);
    std::vector<int> y(static_cast<size_t>(B));
    for (auto& label : y) label = int(rng() % kClasses);
    Eigen::VectorXd gradient;
    loss_of(model, x, y, objective, kExperts, &gradient);
    const DenseSlice gate = layer_of(model.structure(), 0, 0);
    for (Eigen::Index j = gate.weight_offset; j < gate.weight_offset + 2; ++j) {
        const double saved = model.parameters()[j], h = 1e-6;
        model.parameters()[j] = saved + h;
        const double plus = loss_of(model, x, y, objective, kExperts);
        model.parameters()[j] = saved - h;
        const double minus = loss_of(model, x, y, objective, kExperts);
        model.parameters()[j] = saved;
        EXPECT_NEAR(gradient[j], (plus - minus) / (2 * h), 1e-7);
    }
}

TEST(SimilarityTerm, GroupsAreNoLargerThanTheTrainingBatch) {
    // Objective::from passes the training batch size as the largest group: an evaluation chunk
    // of 300 cases with batch 100 is three groups of 100, the mean of what training sees per
    // batch; full batch (0) keeps groups of kMaxPairGroup.
    const Eigen::Index B = 300;
    Mixture<double> model(spec_of(2, kClasses, kExperts));
    model.initialize(7);
    model.parameters() *= 3.0;
    std::mt19937_64 rng(7);
    std::normal_distribution<double> normal;
    Eigen::MatrixXd x(B, 2);
    for (Eigen::Index i = 0; i < x.size(); ++i) x.data()[i] = normal(rng);
    auto value_with_batch = [&](int batch, ForwardBackward<double>& pass) {
        Config config;
        config.similarity_weight = 0.5;
        config.batch_size = batch;
        const Objective<double> objective = Objective<double>::from(config);
        pass.forward(model, InputBatch<double>(x), kExperts, true);
        Eigen::VectorXd statistics = Eigen::VectorXd::Zero(objective.statistics_size(kExperts));
        objective.accumulate(pass, statistics);
        return objective.batch_terms_value(statistics, B, kExperts);
    };
    ForwardBackward<double> pass;
    const double grouped = value_with_batch(100, pass);
    double expected = 0;
    for (Eigen::Index g = 0; g < 3; ++g)
        expected += paper_formula(x.middleRows(100 * g, 100),
                                  pass.dense_probabilities().middleRows(100 * g, 100), 0.5) /
                    3.0;
    EXPECT_NEAR(grouped, expected, 1e-12);
    const double whole = value_with_batch(0, pass);
    EXPECT_NEAR(whole, paper_formula(x, pass.dense_probabilities(), 0.5), 1e-12);
    EXPECT_NE(grouped, whole);
}

// Two well separated clusters of 2-D points, at x1 = -3 and x1 = +3.
Eigen::MatrixXd two_clusters(int per_cluster, std::uint64_t seed) {
    std::mt19937_64 rng(seed);
    std::normal_distribution<double> normal(0.0, 0.3);
    Eigen::MatrixXd x(2 * per_cluster, 2);
    for (int b = 0; b < 2 * per_cluster; ++b) {
        x(b, 0) = (b < per_cluster ? -3.0 : 3.0) + normal(rng);
        x(b, 1) = normal(rng);
    }
    return x;
}

TEST(SimilarityTerm, FallsWhenEachClusterHasItsOwnExpert) {
    const Eigen::MatrixXd x = two_clusters(20, 1);
    Mixture<double> model(spec_of(2, kClasses, 2));
    auto gate_value = [&](double slope) {
        model.parameters().setZero();
        // Linear gate: logit_0 = -slope x1, logit_1 = +slope x1.
        weights(model, 0, 0)(0, 0) = -slope;
        weights(model, 0, 0)(1, 0) = slope;
        ForwardBackward<double> pass;
        return term_value(model, InputBatch<double>(x), 2, 1.0, pass);
    };
    const double uniform = gate_value(0.0);
    const double aligned = gate_value(3.0);
    const double soft = gate_value(0.1);  // the clusters barely separated by the gate
    // A uniform gate: q(a).q(b) = 1/N for every pair, so the term is exactly 0.
    EXPECT_NEAR(uniform, 0.0, 1e-15);
    EXPECT_LT(aligned, soft);
    EXPECT_LT(soft, uniform);
    // Everything on one expert: distant pairs share it with certainty, the term's largest value.
    model.parameters().setZero();
    biases_of<double>(model.parameters(), layer_of(model.structure(), 0, 0))[0] = 20.0;
    ForwardBackward<double> pass;
    EXPECT_GT(term_value(model, InputBatch<double>(x), 2, 1.0, pass), 0.0);
}

TEST(SimilarityTerm, TrainingSeparatesTwoClustersOverExperts) {
    // Every case has the same label, so the main loss does not care which expert takes which
    // case: the similarity term alone decides, and its gradient must push the two clusters to
    // different experts.
    const Eigen::MatrixXd x = two_clusters(16, 2);
    const std::vector<int> y(size_t(x.rows()), 0);
    Mixture<double> model(spec_of(2, 2, 2));
    model.initialize(3);
    const Objective<double> objective = similarity_objective(LossType::MixtureNll, 2.0);
    ForwardBackward<double> pass;
    const double before = term_value(model, InputBatch<double>(x), 2, 2.0, pass);
    Eigen::VectorXd gradient;
    for (int step = 0; step < 300; ++step) {
        loss_of(model, x, y, objective, 2, &gradient);
        model.parameters() -= 0.5 * gradient;
    }
    const double after = term_value(model, InputBatch<double>(x), 2, 2.0, pass);
    EXPECT_LT(after, before);
    EXPECT_LT(after, 0.0);
    const Eigen::MatrixXd& q = pass.dense_probabilities();
    const Eigen::Index half = x.rows() / 2;
    const double left = q.topRows(half).col(0).mean(), right = q.bottomRows(half).col(0).mean();
    EXPECT_GT(std::abs(left - right), 0.9)
        << "expert 0 takes " << left << " of the left cluster and " << right << " of the right one";
}

TEST(SimilarityTerm, RunsTheBatchInOnePart) {
    EXPECT_TRUE(similarity_only<float>(0.1).needs_whole_batch());
    EXPECT_TRUE(similarity_only<float>(0.1).needs_dense_probabilities());
    EXPECT_FALSE(similarity_only<float>(0.0).needs_whole_batch());
}

Config moons_config(double similarity) {
    Config config;
    config.dataset.name = "moons";
    config.dataset.cases = 4000;  // about 2700 training cases: three groups of pairs
    config.experts = 5;
    config.top_k = 3;
    config.expert_hidden = {16};
    config.gate = GateType::Mlp;
    config.gate_hidden = {8};
    config.loss = LossType::CompetitiveLog;
    config.similarity_weight = similarity;
    config.optimizer = OptimizerType::Adam;
    config.learning_rate = 0.01;
    config.precision = Precision::Double;
    return config;
}

TEST(SimilarityTerm, TheEngineKeepsTheBatchInOnePartWhateverItsThreads) {
    const Config config = moons_config(0.3);
    const auto dataset = std::make_shared<const Dataset>(load_dataset(config.dataset));
    const Split split = make_split(*dataset);
    const auto rows = std::span<const int>(split.train_index);
    auto weights_after = [&](const Config& c, int threads) {
        TrainingEngine<double> engine(c, dataset, split, threads);
        if (c.similarity_weight > 0) {
            EXPECT_EQ(engine.parts_for(Eigen::Index(rows.size())), 1);
        }
        for (int k = 0; k < 4; ++k) EXPECT_TRUE(engine.step(rows, c.learning_rate, k > 0).finite);
        return engine.parameters();
    };
    const std::vector<double> one = weights_after(config, 1);
    EXPECT_EQ(weights_after(config, 3), one) << "one part: bitwise the same as one thread";
    EXPECT_NE(weights_after(moons_config(0), 1), one) << "the term must change the training";
}

TEST(SimilarityTerm, EvaluationReportsItsValueInTheLoss) {
    // The evaluation runs the training set in chunks of at most 1024 cases through one objective
    // (on several threads when the chunks are big enough): the term's value is the mean over the
    // pairs within chunks, and its buffers are per thread.
    Config config = moons_config(0.5);
    config.threads = 2;
    config.precision = Precision::Float;
    const auto dataset = std::make_shared<const Dataset>(load_dataset(config.dataset));
    Trainer with(config, dataset);
    with.train(3);
    const EpochMetrics metrics = with.evaluate();
    EXPECT_TRUE(std::isfinite(metrics.loss));
    Config without_term = config;
    without_term.similarity_weight = 0;
    Trainer without(without_term, dataset);
    without.train(3);
    EXPECT_NE(metrics.loss, without.evaluate().loss);
}

}  // namespace
}  // namespace moelab
