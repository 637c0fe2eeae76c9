#pragma once
// Principal component analysis of the inputs as the model sees them (standardised), and the mixture
// restricted to the plane of the first two components: how data of many features (Fashion-MNIST's
// 784 pixels, a wide CSV file) is still drawn on a plane with the gate's regions.
//
// The plane is x = mean + U z: the points of input space through the data's mean spanned by the
// first two principal directions (U, D x 2), z the two coordinates. A case is drawn at its
// projection z = U^T (x - mean); the regions are the model evaluated on the plane itself, which the
// cases lie near but (in 784 dimensions) not on.
#include <Eigen/Core>
#include <vector>

#include "data/dataset.h"
#include "model/mixture.h"

namespace moelab {

struct Pca {
    Eigen::VectorXd mean;        // D: the mean of the fitted inputs
    Eigen::MatrixXd components;  // D x k: orthonormal directions, largest variance first
    Eigen::VectorXd variance;    // k: the variance along each (eigenvalues of the covariance)
    double total_variance = 0;   // the trace of the covariance: the variance of all D features

    int dimensions() const { return static_cast<int>(components.rows()); }
    int count() const { return static_cast<int>(components.cols()); }
    // The share of all variance along component j, in [0, 1].
    double explained(int j) const;
    // n x D inputs (one per row) -> n x k coordinates: (x - mean) U.
    Eigen::MatrixXd project(const Eigen::MatrixXd& x) const;
    // n x k coordinates -> n x D inputs on the components' subspace: mean + z U^T.
    Eigen::MatrixXd reconstruct(const Eigen::MatrixXd& z) const;
};

// The first `components` principal components of the rows of `x` (n x D, one case per row),
// from the covariance with divisor n. Each component's sign is fixed so that its coefficient of
// largest magnitude is positive: the same data always give the same picture. Throws ConfigError
// when there are no rows or more components than features are asked for.
Pca fit_pca(const Eigen::MatrixXd& x, int components = 2);

// The same for the given rows of `features`, standardised by `standardization` (as the model sees
// them), accumulated in chunks (float products, double sums): all 60000 training images of
// Fashion-MNIST take about a second on one core and no copy of the dataset.
Pca fit_pca(const FeatureMatrix& features, const std::vector<int>& rows,
            const Standardization& standardization, int components = 2);

// Every row of `features`, standardised and projected on the first two components: n x 2.
using PlanePoints = Eigen::Matrix<float, Eigen::Dynamic, 2, Eigen::RowMajor>;
PlanePoints project_rows(const FeatureMatrix& features, const Standardization& standardization,
                         const Pca& pca);

// The mixture on the plane mean + U z of the first two components, as a model of two inputs z: the
// stacked first layer W1 (R x D) becomes W1 U (R x 2) with biases b1 + W1 mean; every other
// parameter is the same. Its output at z is exactly the model's output at mean + U z, so the grid
// evaluator draws the plane without knowing of the projection (give it the identity
// standardisation, see plane_standardization). Throws ConfigError when the model's inputs are not
// the PCA's features.
Mixture<float> plane_model(const Mixture<float>& model, const Pca& pca);

// Mean 0 and standard deviation 1 for both plane coordinates.
Standardization plane_standardization();

}  // namespace moelab
