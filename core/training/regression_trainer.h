#pragma once
// Training a mixture of linear experts on a 1-D (or D-feature) regression set: the Gaussian forms
// of the paper's eq. 1 to 3 (training/regression_loss.h), the optimizers of the classification
// trainer (training/optimizer.h), full or mini-batch gradient descent over the training split.
// A trainer of its own beside training/trainer.h, whose engine, routing and batch terms are built
// around classes; the config knobs it reads are the dataset, experts, loss, optimizer and its
// knobs, learning rate, batch size, epochs, seed and precision.
#include <cstdint>
#include <memory>
#include <random>
#include <vector>

#include "data/dataset.h"
#include "model/regression_mixture.h"
#include "training/config.h"
#include "training/decimated_series.h"
#include "training/optimizer.h"
#include "training/regression_loss.h"
#include "training/regression_state.h"

namespace moelab {

struct RegressionMetrics {
    long epoch = 0;
    double loss = 0;  // the training loss (mean over the training cases)
    // The mixture's prediction sum_i p_i o_i against y.
    double train_rmse = 0, test_rmse = 0;
    // The gate's top expert alone (o_i with i = argmax p): the entanglement gap for regression
    // is how much worse it is than the mixture.
    double train_top_expert_rmse = 0, test_top_expert_rmse = 0;
    double gate_entropy = 0;        // mean over training cases of -sum_i p_i log p_i (nats)
    std::vector<double> top_share;  // N: share of training cases whose top expert is i
};

// The model evaluated along the input axis, for drawing (1-D sets).
struct RegressionCurve {
    std::vector<double> x;        // raw units, evenly spaced over the data's range
    Eigen::MatrixXd outputs;      // points x N: o_i(x)
    Eigen::MatrixXd gate;         // points x N: p_i(x)
    std::vector<double> mixture;  // points: sum_i p_i o_i
};

// Throws ConfigError naming a knob a regression training does not take (hidden layers, an MLP or
// attentive gate, sparse routing, a shared expert, noise, batch terms, the mixture NLL).
void validate_regression_config(const Config& config);

template <typename Scalar>
class RegressionTraining {
  public:
    // Throws ConfigError (see validate_regression_config) and DatasetError for a dataset without
    // regression targets or without training cases.
    RegressionTraining(const Config& config, std::shared_ptr<const Dataset> dataset);
    // Exactly where `state` stopped, on `dataset` (made again from state.config's data set).
    // Throws ConfigError naming what does not fit (the shape, the weights, the optimizer, the
    // order, the random generator, the history) and what the constructor above throws.
    RegressionTraining(const RegressionTrainingState& state,
                       std::shared_ptr<const Dataset> dataset);

    // Some thousands of epochs in full, then evenly thinned (training/decimated_series.h).
    static constexpr std::size_t kHistoryCapacity = 4096;

    long epoch() const { return epoch_; }
    // The whole training, to be saved (training/regression_state.h).
    RegressionTrainingState state() const;
    // One point per epoch trained (the loss of the epoch, the RMSE after it).
    const DecimatedSeries<RegressionHistoryPoint>& history() const { return history_; }
    // One pass over the training cases in batches; throws DivergenceError when a step's loss,
    // gradient or new weights are not finite (the weights stay those before the step).
    void train_epoch();
    RegressionMetrics evaluate() const;
    RegressionCurve curve(int points) const;
    // Takes a change that keeps the weights: the loss, the learning rate, the optimizer and its
    // knobs, the batch size, the epochs. Throws ConfigError as the constructor does.
    void apply(const Config& config);

    // The training loss (mean over `rows` of the training split, in split order; all when empty)
    // at `parameters`, and its gradient when `gradient` is given: the path every step takes.
    Scalar objective(const Vector<Scalar>& parameters, Vector<Scalar>* gradient) const;

    const RegressionMixture<Scalar>& model() const { return model_; }
    RegressionMixture<Scalar>& model() { return model_; }
    const Dataset& dataset() const { return *dataset_; }
    const std::shared_ptr<const Dataset>& shared_dataset() const { return dataset_; }
    const Split& split() const { return split_; }
    const Config& config() const { return config_; }

  private:
    Scalar batch_objective(const RegressionMixture<Scalar>& model, const Matrix<Scalar>& x,
                           const Vector<Scalar>& y, Vector<Scalar>* gradient) const;
    // The mixture's root mean squared error on (x, y); NaN without cases.
    double mixture_rmse(const Matrix<Scalar>& x, const Vector<Scalar>& y) const;

    Config config_;
    std::shared_ptr<const Dataset> dataset_;
    Split split_;
    RegressionMixture<Scalar> model_;
    std::unique_ptr<Optimizer<Scalar>> optimizer_;
    Matrix<Scalar> train_x_, test_x_;  // standardised inputs
    Vector<Scalar> train_y_, test_y_;
    std::vector<int> order_;  // positions in the training split, shuffled for mini-batches
    std::mt19937_64 shuffle_rng_;
    long epoch_ = 0;
    DecimatedSeries<RegressionHistoryPoint> history_{kHistoryCapacity};
};

extern template class RegressionTraining<float>;
extern template class RegressionTraining<double>;

// A regression training in the precision the config names.
class RegressionTrainer {
  public:
    RegressionTrainer(const Config& config, std::shared_ptr<const Dataset> dataset);
    // In the precision state.config names; see RegressionTraining's constructor from a state.
    RegressionTrainer(const RegressionTrainingState& state, std::shared_ptr<const Dataset> dataset);
    long epoch() const;
    RegressionTrainingState state() const;
    const DecimatedSeries<RegressionHistoryPoint>& history() const;
    void train_epoch();
    RegressionMetrics evaluate() const;
    RegressionCurve curve(int points) const;
    void apply(const Config& config);
    const Dataset& dataset() const;
    std::shared_ptr<const Dataset> shared_dataset() const;

  private:
    std::unique_ptr<RegressionTraining<float>> single_;
    std::unique_ptr<RegressionTraining<double>> double_;
};

}  // namespace moelab
