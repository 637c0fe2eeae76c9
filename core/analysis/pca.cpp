#include "analysis/pca.h"

#include <Eigen/Eigenvalues>
#include <algorithm>
#include <string>

#include "errors.h"

namespace moelab {

namespace {

// Rows of the dataset standardised and centred in one chunk: few enough that a chunk's float
// product stays accurate before it is added to the double sum.
constexpr Eigen::Index kChunk = 2048;

void check_request(Eigen::Index rows, Eigen::Index dimensions, int components) {
    if (rows < 1) throw ConfigError("Principal components need at least one case.");
    if (components < 1 || components > dimensions)
        throw ConfigError("Cannot take " + std::to_string(components) +
                          " principal components of " + std::to_string(dimensions) + " features.");
}

// The largest `components` eigenpairs of a covariance, largest first, with fixed signs.
Pca from_covariance(Eigen::VectorXd mean, const Eigen::MatrixXd& covariance, int components) {
    const Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> solver(covariance);
    if (solver.info() != Eigen::Success)
        throw ConfigError("The principal components did not converge.");
    const Eigen::Index D = covariance.rows();
    Pca pca;
    pca.mean = std::move(mean);
    pca.components.resize(D, components);
    pca.variance.resize(components);
    // Eigen sorts the eigenvalues in increasing order.
    for (int j = 0; j < components; ++j) {
        const Eigen::Index source = D - 1 - j;
        Eigen::VectorXd direction = solver.eigenvectors().col(source);
        Eigen::Index largest = 0;
        direction.cwiseAbs().maxCoeff(&largest);
        if (direction[largest] < 0) direction = -direction;
        pca.components.col(j) = direction;
        pca.variance[j] = std::max(0.0, solver.eigenvalues()[source]);
    }
    pca.total_variance = std::max(0.0, covariance.trace());
    return pca;
}

}  // namespace

double Pca::explained(int j) const {
    if (j < 0 || j >= variance.size() || !(total_variance > 0)) return 0;
    return variance[j] / total_variance;
}

Eigen::MatrixXd Pca::project(const Eigen::MatrixXd& x) const {
    return (x.rowwise() - mean.transpose()) * components;
}

Eigen::MatrixXd Pca::reconstruct(const Eigen::MatrixXd& z) const {
    return (z * components.transpose()).rowwise() + mean.transpose();
}

Pca fit_pca(const Eigen::MatrixXd& x, int components) {
    check_request(x.rows(), x.cols(), components);
    const double n = static_cast<double>(x.rows());
    Eigen::VectorXd mean = x.colwise().sum().transpose() / n;
    const Eigen::MatrixXd centred = x.rowwise() - mean.transpose();
    const Eigen::MatrixXd covariance = centred.transpose() * centred / n;
    return from_covariance(std::move(mean), covariance, components);
}

Pca fit_pca(const FeatureMatrix& features, const std::vector<int>& rows,
            const Standardization& standardization, int components) {
    const Eigen::Index D = features.cols();
    const auto count = static_cast<Eigen::Index>(rows.size());
    check_request(count, D, components);
    if (standardization.mean.size() != D || standardization.std.size() != D)
        throw ConfigError("The standardisation does not fit the features.");
    const Eigen::RowVectorXf shift = standardization.mean.transpose().cast<float>();
    const Eigen::RowVectorXf scale = standardization.std.cwiseInverse().transpose().cast<float>();
    using Chunk = Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
    Chunk chunk;
    auto gather = [&](Eigen::Index first) {
        const Eigen::Index size = std::min(kChunk, count - first);
        chunk.resize(size, D);
        for (Eigen::Index r = 0; r < size; ++r)
            chunk.row(r) = (features.row(rows[size_t(first + r)]) - shift).cwiseProduct(scale);
    };
    // Two passes: the mean, then the covariance of the centred chunks (no cancellation).
    Eigen::VectorXd sum = Eigen::VectorXd::Zero(D);
    for (Eigen::Index first = 0; first < count; first += kChunk) {
        gather(first);
        sum += chunk.cast<double>().colwise().sum().transpose();
    }
    Eigen::VectorXd mean = sum / static_cast<double>(count);
    const Eigen::RowVectorXf centre = mean.transpose().cast<float>();
    Eigen::MatrixXd covariance = Eigen::MatrixXd::Zero(D, D);
    Eigen::MatrixXf product(D, D);
    for (Eigen::Index first = 0; first < count; first += kChunk) {
        gather(first);
        chunk.rowwise() -= centre;
        // The lower triangle only: half the arithmetic of the full product.
        product.setZero();
        product.selfadjointView<Eigen::Lower>().rankUpdate(chunk.transpose());
        covariance.triangularView<Eigen::Lower>() += product.cast<double>();
    }
    covariance /= static_cast<double>(count);
    covariance.triangularView<Eigen::StrictlyUpper>() = covariance.transpose();
    return from_covariance(std::move(mean), covariance, components);
}

PlanePoints project_rows(const FeatureMatrix& features, const Standardization& standardization,
                         const Pca& pca) {
    if (pca.count() < 2 || pca.dimensions() != features.cols())
        throw ConfigError("The principal components do not fit the features.");
    // z = ((x - m_s) / s - mean) U = x (U / s) - (m_s / s + mean) U, for all rows at once.
    const Eigen::MatrixXd scaled =
        standardization.std.cwiseInverse().asDiagonal() * pca.components.leftCols(2);
    const Eigen::RowVector2d offset =
        (standardization.mean.cwiseQuotient(standardization.std) + pca.mean).transpose() *
        pca.components.leftCols(2);
    PlanePoints points = features * scaled.cast<float>();
    points.rowwise() -= offset.cast<float>();
    return points;
}

Mixture<float> plane_model(const Mixture<float>& model, const Pca& pca) {
    const ModelSpec& spec = model.spec();
    const Eigen::Index D = spec.inputs;
    if (pca.count() < 2 || pca.dimensions() != D)
        throw ConfigError("The principal components do not fit the model's inputs.");
    const Eigen::Index R = model.structure().input_layer_rows();
    ModelSpec plane_spec = spec;
    plane_spec.inputs = 2;
    auto structure = std::make_shared<const ModelStructure>(plane_spec);
    // The layout puts W1 (R x D, column-major) and b1 first, then every deeper layer: only the
    // first block changes size.
    const Vector<float>& parameters = model.parameters();
    const Eigen::Index rest = parameters.size() - R * D - R;
    if (structure->input_layer_rows() != R || structure->parameter_count() != 3 * R + rest)
        throw ConfigError("The model's parameters are not laid out as the plane model expects.");
    const Eigen::Map<const Eigen::MatrixXf> w1(parameters.data(), R, D);
    const Eigen::MatrixXd w1d = w1.cast<double>();
    Vector<float> plane(structure->parameter_count());
    Eigen::Map<Eigen::MatrixXf>(plane.data(), R, 2) =
        (w1d * pca.components.leftCols(2)).cast<float>();
    plane.segment(2 * R, R) =
        (parameters.segment(R * D, R).cast<double>() + w1d * pca.mean).cast<float>();
    plane.tail(rest) = parameters.tail(rest);
    return Mixture<float>(std::move(structure), std::move(plane));
}

Standardization plane_standardization() {
    Standardization standardization;
    standardization.mean = Eigen::Vector2d::Zero();
    standardization.std = Eigen::Vector2d::Ones();
    return standardization;
}

}  // namespace moelab
