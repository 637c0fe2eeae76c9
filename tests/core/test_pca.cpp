// Principal components of known data, the chunked fit over a dataset's rows, the projection of the
// rows, and the mixture restricted to the plane of the first two components.
#include <gtest/gtest.h>

#include <Eigen/QR>
#include <cmath>
#include <random>

#include "analysis/pca.h"
#include "errors.h"
#include "model/forward_backward.h"

namespace moelab {
namespace {

// n samples of a Gaussian with the given mean and covariance Q diag(sd^2) Q^T.
Eigen::MatrixXd gaussian(const Eigen::VectorXd& mean, const Eigen::MatrixXd& q,
                         const Eigen::VectorXd& sd, int n, std::uint64_t seed) {
    std::mt19937_64 random(seed);
    std::normal_distribution<double> normal;
    Eigen::MatrixXd x(n, mean.size());
    for (int r = 0; r < n; ++r) {
        Eigen::VectorXd e(mean.size());
        for (Eigen::Index k = 0; k < e.size(); ++k) e[k] = sd[k] * normal(random);
        x.row(r) = (mean + q * e).transpose();
    }
    return x;
}

// A random orthogonal D x D matrix.
Eigen::MatrixXd rotation(int d, std::uint64_t seed) {
    std::mt19937_64 random(seed);
    std::normal_distribution<double> normal;
    Eigen::MatrixXd a(d, d);
    for (Eigen::Index k = 0; k < a.size(); ++k) a.data()[k] = normal(random);
    return Eigen::HouseholderQR<Eigen::MatrixXd>(a).householderQ();
}

TEST(Pca, RecoversThePrincipalDirectionsOfAKnownGaussian) {
    const int D = 5;
    const Eigen::MatrixXd q = rotation(D, 7);
    Eigen::VectorXd sd(D);
    sd << 3.0, 2.0, 1.0, 0.6, 0.3;  // variances 9, 4, 1, 0.36, 0.09
    Eigen::VectorXd mean(D);
    mean << 10, -4, 0.5, 2, 100;
    const Eigen::MatrixXd x = gaussian(mean, q, sd, 40000, 3);
    const Pca pca = fit_pca(x, 2);
    ASSERT_EQ(pca.count(), 2);
    ASSERT_EQ(pca.dimensions(), D);
    EXPECT_LT((pca.mean - mean).norm(), 0.05);
    for (int j = 0; j < 2; ++j) {
        SCOPED_TRACE(j);
        // The direction (up to its sign), its length and the variance along it.
        EXPECT_GT(std::abs(pca.components.col(j).dot(q.col(j))), 0.999);
        EXPECT_NEAR(pca.components.col(j).norm(), 1.0, 1e-12);
        EXPECT_NEAR(pca.variance[j], sd[j] * sd[j], 0.03 * sd[j] * sd[j]);
    }
    EXPECT_NEAR(pca.components.col(0).dot(pca.components.col(1)), 0.0, 1e-12);
    const double total = sd.squaredNorm();
    EXPECT_NEAR(pca.total_variance, total, 0.03 * total);
    EXPECT_NEAR(pca.explained(0), 9.0 / total, 0.01);
    EXPECT_NEAR(pca.explained(1), 4.0 / total, 0.01);
    EXPECT_EQ(pca.explained(2), 0.0);  // not kept
    // Signs: each component's largest coefficient is positive.
    for (int j = 0; j < 2; ++j) {
        Eigen::Index largest = 0;
        pca.components.col(j).cwiseAbs().maxCoeff(&largest);
        EXPECT_GT(pca.components(largest, j), 0.0);
    }
    // Projecting and reconstructing: a case on the plane comes back; its coordinates are the
    // dot products with the components.
    const Eigen::MatrixXd z = pca.project(x.topRows(5));
    const Eigen::MatrixXd on_plane = pca.reconstruct(z);
    EXPECT_LT((pca.project(on_plane) - z).norm(), 1e-9);
    EXPECT_NEAR(z(0, 0), (x.row(0).transpose() - pca.mean).dot(pca.components.col(0)), 1e-9);
}

TEST(Pca, TheChunkedFitOverStandardisedRowsEqualsTheDenseFit) {
    // More rows than one chunk, features of very different scales, every second row used.
    const int D = 6, n = 5000;
    Eigen::VectorXd sd(D);
    sd << 300, 2, 1, 0.5, 8, 0.01;
    const Eigen::MatrixXd raw =
        gaussian(Eigen::VectorXd::LinSpaced(D, -50, 700), rotation(D, 11), sd, n, 5);
    const FeatureMatrix features = raw.cast<float>();
    std::vector<int> rows;
    for (int r = 0; r < n; r += 2) rows.push_back(r);
    const Standardization standardization = Standardization::fit(features, rows);

    Eigen::MatrixXd standardised(Eigen::Index(rows.size()), D);
    for (size_t k = 0; k < rows.size(); ++k)
        standardised.row(Eigen::Index(k)) =
            standardization.apply(features.row(rows[k]).cast<double>());
    const Pca dense = fit_pca(standardised, 3);
    const Pca chunked = fit_pca(features, rows, standardization, 3);
    ASSERT_EQ(chunked.count(), 3);
    EXPECT_LT((chunked.mean - dense.mean).norm(), 1e-5);
    for (int j = 0; j < 3; ++j) {
        SCOPED_TRACE(j);
        EXPECT_NEAR(chunked.variance[j], dense.variance[j], 1e-4 * dense.variance[0]);
        EXPECT_GT(chunked.components.col(j).dot(dense.components.col(j)), 1 - 1e-6);
    }
    EXPECT_NEAR(chunked.total_variance, dense.total_variance, 1e-4 * dense.total_variance);

    // Every row projected at once, as the app draws them.
    const PlanePoints points = project_rows(features, standardization, chunked);
    ASSERT_EQ(points.rows(), n);
    for (int r : {0, 1, 2345, n - 1}) {
        const Eigen::RowVectorXd x = standardization.apply(features.row(r).cast<double>());
        const Eigen::MatrixXd z = chunked.project(x);
        EXPECT_NEAR(points(r, 0), z(0, 0), 1e-4 * (1 + std::abs(z(0, 0))));
        EXPECT_NEAR(points(r, 1), z(0, 1), 1e-4 * (1 + std::abs(z(0, 1))));
    }
}

TEST(Pca, RefusesWhatItCannotFit) {
    EXPECT_THROW(fit_pca(Eigen::MatrixXd(0, 3), 2), ConfigError);
    EXPECT_THROW(fit_pca(Eigen::MatrixXd::Ones(4, 3), 4), ConfigError);
    const FeatureMatrix features = FeatureMatrix::Ones(4, 3);
    EXPECT_THROW(fit_pca(features, {0, 1}, Standardization::fit(Eigen::MatrixXf::Ones(4, 2)), 2),
                 ConfigError);
}

TEST(Pca, ThePlaneModelIsTheModelOnThePlane) {
    // A model of five inputs with hidden layers and an MLP gate; the plane of a fitted PCA.
    ModelSpec spec;
    spec.inputs = 5;
    spec.classes = 3;
    spec.experts = 4;
    spec.expert_hidden = {6, 3};
    spec.gate = GateType::Mlp;
    spec.gate_hidden = {5};
    Mixture<double> model(spec);
    model.initialize(5);
    model.parameters() *= 3.0;
    Eigen::VectorXd sd(5);
    sd << 2, 1.5, 1, 0.5, 0.1;
    const Pca pca =
        fit_pca(gaussian(Eigen::VectorXd::Constant(5, 0.3), rotation(5, 2), sd, 500, 9));
    const Mixture<float> full = model.cast<float>();
    const Mixture<float> plane = plane_model(full, pca);
    EXPECT_EQ(plane.spec().inputs, 2);
    EXPECT_EQ(plane.spec().experts, spec.experts);
    EXPECT_EQ(plane.spec().expert_hidden, spec.expert_hidden);

    std::mt19937_64 random(1);
    std::uniform_real_distribution<double> coordinate(-4, 4);
    Eigen::MatrixXd z(64, 2);
    for (Eigen::Index k = 0; k < z.size(); ++k) z.data()[k] = coordinate(random);
    const Eigen::MatrixXd x = pca.reconstruct(z);
    for (int top_k : {4, 2}) {
        SCOPED_TRACE(top_k);
        ForwardBackward<double> on_plane, in_space;
        const Matrix<double> z_batch = z;
        in_space.forward(model, InputBatch<double>(x), top_k);
        on_plane.forward(plane.cast<double>(), InputBatch<double>(z_batch), top_k);
        EXPECT_LT((on_plane.gate_logits() - in_space.gate_logits()).cwiseAbs().maxCoeff(), 1e-4);
        EXPECT_LT((on_plane.expert_logits() - in_space.expert_logits()).cwiseAbs().maxCoeff(),
                  1e-4);
        EXPECT_LT((on_plane.mixture_probabilities() - in_space.mixture_probabilities())
                      .cwiseAbs()
                      .maxCoeff(),
                  1e-5);
    }
    // The plane of other data does not fit.
    EXPECT_THROW(plane_model(full, fit_pca(Eigen::MatrixXd::Random(10, 3), 2)), ConfigError);
    const Standardization identity = plane_standardization();
    EXPECT_EQ(identity.mean, Eigen::Vector2d::Zero());
    EXPECT_EQ(identity.std, Eigen::Vector2d::Ones());
}

}  // namespace
}  // namespace moelab
