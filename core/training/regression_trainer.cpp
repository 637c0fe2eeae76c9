#include "training/regression_trainer.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <sstream>

#include "errors.h"

namespace moelab {

namespace {

constexpr std::uint64_t kRegressionShuffleStream = 0x53485546464c45ULL;

template <typename Scalar>
void gather(const Dataset& dataset, const Standardization& standardization,
            const std::vector<int>& rows, Matrix<Scalar>& x, Vector<Scalar>& y) {
    Eigen::MatrixXd raw(Eigen::Index(rows.size()), dataset.dimensions());
    y.resize(Eigen::Index(rows.size()));
    for (size_t k = 0; k < rows.size(); ++k) {
        raw.row(Eigen::Index(k)) = dataset.features.row(rows[k]).template cast<double>();
        y[Eigen::Index(k)] = Scalar(dataset.targets[size_t(rows[k])]);
    }
    x = standardization.apply(raw).template cast<Scalar>();
}

double rmse(const Eigen::ArrayXd& error) {
    return error.size() == 0 ? std::nan("") : std::sqrt(error.square().mean());
}

}  // namespace

void validate_regression_config(const Config& config) {
    validate(config);
    auto refuse = [](const std::string& what) {
        throw ConfigError("A regression training takes linear experts and a linear dense gate; " +
                          what + ".");
    };
    if (!config.expert_hidden.empty()) refuse("remove the experts' hidden layers");
    if (config.gate != GateType::Linear) refuse("choose the linear gate");
    if (!config.dense()) refuse("use the dense gate (top-K = N)");
    if (config.routing != RoutingType::TopK) refuse("use top-K routing");
    if (config.noisy_gate) refuse("turn the gate noise off");
    if (config.shared_expert) refuse("turn the shared expert off");
    if (config.capacity_factor != 0) refuse("set the capacity factor to 0");
    if (config.balance_weight != 0 || config.importance_weight != 0 ||
        config.similarity_weight != 0)
        refuse("set the batch terms (balance, importance, similarity) to 0");
    if (config.loss == LossType::MixtureNll)
        throw ConfigError(
            "The mixture NLL is the loss of classes; for regression use competitive-log (eq. 3), "
            "its Gaussian form.");
}

template <typename Scalar>
RegressionTraining<Scalar>::RegressionTraining(const Config& config,
                                               std::shared_ptr<const Dataset> dataset)
    : config_(config),
      dataset_(std::move(dataset)),
      split_(make_split(*dataset_)),
      model_(std::max(1, dataset_->dimensions()), std::max(1, config.experts)) {
    normalise(config_);
    validate_regression_config(config_);
    if (!dataset_->regression())
        throw DatasetError("The dataset " + dataset_->name +
                           " has class labels, not regression targets; train it as a "
                           "classification.");
    if (split_.train_index.empty()) throw DatasetError("The dataset has no training cases.");
    model_.initialize(config_.seed);
    optimizer_ = make_optimizer<Scalar>(config_);
    gather(*dataset_, split_.standardization, split_.train_index, train_x_, train_y_);
    gather(*dataset_, split_.standardization, split_.test_index, test_x_, test_y_);
    order_.resize(split_.train_index.size());
    std::iota(order_.begin(), order_.end(), 0);
    shuffle_rng_.seed(config_.seed ^ kRegressionShuffleStream);
}

template <typename Scalar>
Scalar RegressionTraining<Scalar>::batch_objective(const RegressionMixture<Scalar>& model,
                                                   const Matrix<Scalar>& x, const Vector<Scalar>& y,
                                                   Vector<Scalar>* gradient) const {
    RegressionPass<Scalar> pass;
    model.forward(x, pass);
    RegressionLossTerms<Scalar> terms;
    const Scalar loss =
        evaluate_regression_loss(config_.loss, pass.outputs, pass.gate, y, gradient != nullptr,
                                 Scalar(1) / Scalar(x.rows()), terms);
    if (gradient) model.backward(x, terms.output_gradient, terms.logit_gradient, *gradient);
    return loss;
}

template <typename Scalar>
Scalar RegressionTraining<Scalar>::objective(const Vector<Scalar>& parameters,
                                             Vector<Scalar>* gradient) const {
    RegressionMixture<Scalar> model = model_;
    model.parameters() = parameters;
    return batch_objective(model, train_x_, train_y_, gradient);
}

template <typename Scalar>
void RegressionTraining<Scalar>::train_epoch() {
    const Eigen::Index cases = train_x_.rows();
    const Eigen::Index batch =
        config_.batch_size <= 0 ? cases : std::min<Eigen::Index>(config_.batch_size, cases);
    if (batch < cases) std::shuffle(order_.begin(), order_.end(), shuffle_rng_);
    Matrix<Scalar> x;
    Vector<Scalar> y;
    Vector<Scalar> gradient, updated(model_.parameter_count());
    const Scalar rate = Scalar(config_.learning_rate);
    double loss_sum = 0;  // sum of batch losses x batch sizes
    for (Eigen::Index start = 0; start < cases; start += batch) {
        const Eigen::Index size = std::min(batch, cases - start);
        const bool whole = size == cases;
        if (!whole) {
            x.resize(size, train_x_.cols());
            y.resize(size);
            for (Eigen::Index k = 0; k < size; ++k) {
                x.row(k) = train_x_.row(order_[size_t(start + k)]);
                y[k] = train_y_[order_[size_t(start + k)]];
            }
        }
        const Scalar loss =
            batch_objective(model_, whole ? train_x_ : x, whole ? train_y_ : y, &gradient);
        if (!std::isfinite(loss) || !gradient.allFinite()) {
            optimizer_->reset();
            throw DivergenceError(
                "The regression loss or its gradient stopped being finite at "
                "epoch " +
                    std::to_string(epoch_ + 1) +
                    "; the weights are those before that step. Lower the learning "
                    "rate.",
                epoch_ + 1);
        }
        optimizer_->begin_step(model_.parameters(), rate);
        optimizer_->update(model_.parameters(), gradient, rate, updated, 0, updated.size());
        if (!updated.allFinite()) {
            optimizer_->reset();
            throw DivergenceError("The regression weights stopped being finite at epoch " +
                                      std::to_string(epoch_ + 1) +
                                      "; the weights are those before that step. Lower the "
                                      "learning rate.",
                                  epoch_ + 1);
        }
        model_.parameters().swap(updated);
        loss_sum += double(loss) * double(size);
    }
    ++epoch_;
    history_.push_back({epoch_, loss_sum / double(cases), mixture_rmse(train_x_, train_y_),
                        mixture_rmse(test_x_, test_y_)});
}

template <typename Scalar>
double RegressionTraining<Scalar>::mixture_rmse(const Matrix<Scalar>& x,
                                                const Vector<Scalar>& y) const {
    RegressionPass<Scalar> pass;
    model_.forward(x, pass);
    const Eigen::MatrixXd o = pass.outputs.template cast<double>();
    const Eigen::MatrixXd p = pass.gate.template cast<double>();
    Eigen::ArrayXd error(x.rows());
    for (Eigen::Index b = 0; b < x.rows(); ++b) error[b] = double(y[b]) - p.row(b).dot(o.row(b));
    return rmse(error);
}

template <typename Scalar>
RegressionMetrics RegressionTraining<Scalar>::evaluate() const {
    RegressionMetrics metrics;
    metrics.epoch = epoch_;
    metrics.loss = double(batch_objective(model_, train_x_, train_y_, nullptr));
    metrics.top_share.assign(size_t(model_.experts()), 0.0);
    auto errors = [&](const Matrix<Scalar>& x, const Vector<Scalar>& y, bool training,
                      double& mixture_rmse, double& top_rmse) {
        RegressionPass<Scalar> pass;
        model_.forward(x, pass);
        const Eigen::MatrixXd o = pass.outputs.template cast<double>();
        const Eigen::MatrixXd p = pass.gate.template cast<double>();
        Eigen::ArrayXd mixture_error(x.rows()), top_error(x.rows());
        double entropy = 0;
        for (Eigen::Index b = 0; b < x.rows(); ++b) {
            Eigen::Index top = 0;
            p.row(b).maxCoeff(&top);
            mixture_error[b] = double(y[b]) - p.row(b).dot(o.row(b));
            top_error[b] = double(y[b]) - o(b, top);
            for (Eigen::Index i = 0; i < p.cols(); ++i)
                if (p(b, i) > 0) entropy -= p(b, i) * std::log(p(b, i));
            if (training) metrics.top_share[size_t(top)] += 1.0 / double(x.rows());
        }
        mixture_rmse = rmse(mixture_error);
        top_rmse = rmse(top_error);
        if (training) metrics.gate_entropy = x.rows() > 0 ? entropy / double(x.rows()) : 0;
    };
    errors(train_x_, train_y_, true, metrics.train_rmse, metrics.train_top_expert_rmse);
    errors(test_x_, test_y_, false, metrics.test_rmse, metrics.test_top_expert_rmse);
    return metrics;
}

template <typename Scalar>
RegressionCurve RegressionTraining<Scalar>::curve(int points) const {
    RegressionCurve curve;
    points = std::max(points, 2);
    const auto column = dataset_->features.col(0);
    const double low = double(column.minCoeff()), high = double(column.maxCoeff());
    Eigen::MatrixXd raw = Eigen::MatrixXd::Zero(points, dataset_->dimensions());
    for (int k = 0; k < points; ++k) {
        const double x = low + (high - low) * double(k) / double(points - 1);
        curve.x.push_back(x);
        raw(k, 0) = x;
    }
    // Further features, if any, at their training mean.
    for (Eigen::Index d = 1; d < raw.cols(); ++d)
        raw.col(d).setConstant(split_.standardization.mean[d]);
    const Matrix<Scalar> x = split_.standardization.apply(raw).template cast<Scalar>();
    RegressionPass<Scalar> pass;
    model_.forward(x, pass);
    curve.outputs = pass.outputs.template cast<double>();
    curve.gate = pass.gate.template cast<double>();
    for (int k = 0; k < points; ++k)
        curve.mixture.push_back(curve.gate.row(k).dot(curve.outputs.row(k)));
    return curve;
}

template <typename Scalar>
void RegressionTraining<Scalar>::apply(const Config& config) {
    Config next = config;
    normalise(next);
    validate_regression_config(next);
    if (optimizer_changed(config_, next)) optimizer_ = make_optimizer<Scalar>(next);
    // The data, the experts and the seed stay those the weights were made for.
    next.dataset = config_.dataset;
    next.experts = config_.experts;
    next.seed = config_.seed;
    next.precision = config_.precision;
    config_ = next;
}

template <typename Scalar>
RegressionTraining<Scalar>::RegressionTraining(const RegressionTrainingState& state,
                                               std::shared_ptr<const Dataset> dataset)
    : RegressionTraining(state.config, std::move(dataset)) {
    if (state.inputs != model_.inputs() || state.experts != model_.experts())
        throw ConfigError(
            "The saved regression model has " + std::to_string(state.experts) + " experts on " +
            std::to_string(state.inputs) + " inputs; the data set and config make " +
            std::to_string(model_.experts()) + " on " + std::to_string(model_.inputs()) + ".");
    if (Eigen::Index(state.parameters.size()) != model_.parameter_count())
        throw ConfigError("The saved regression model has " +
                          std::to_string(state.parameters.size()) + " weights, expected " +
                          std::to_string(model_.parameter_count()) + ".");
    Vector<Scalar> parameters(model_.parameter_count());
    for (size_t j = 0; j < state.parameters.size(); ++j) {
        if (!std::isfinite(state.parameters[j]))
            throw ConfigError("The saved regression weight " + std::to_string(j) +
                              " is not finite.");
        parameters[Eigen::Index(j)] = Scalar(state.parameters[j]);
    }
    // The order must be a permutation of the positions in this split's training rows.
    std::vector<int> sorted = state.order;
    std::sort(sorted.begin(), sorted.end());
    if (sorted != order_)
        throw ConfigError(
            "The saved order of the training cases does not fit this data set's "
            "split of " +
            std::to_string(order_.size()) + " training cases.");
    std::istringstream rng_text(state.shuffle_rng);
    std::mt19937_64 rng;
    rng_text >> rng;
    if (rng_text.fail()) throw ConfigError("The saved random generator state is damaged.");
    if (state.epoch < 0) throw ConfigError("The saved epoch is negative.");
    if (!history_.restore(state.history, state.history_stride, state.history_appended) ||
        state.history_appended != state.epoch)
        throw ConfigError("The saved history of " + std::to_string(state.history.size()) +
                          " points does not fit a training of " + std::to_string(state.epoch) +
                          " epochs.");
    // A vector of another length would be read past its end by the next step.
    for (const auto& [name, values] : state.optimizer.vectors)
        if (!values.empty() && Eigen::Index(values.size()) != model_.parameter_count())
            throw ConfigError("The saved optimizer's '" + name + "' has " +
                              std::to_string(values.size()) + " values, expected " +
                              std::to_string(model_.parameter_count()) + " (one per weight).");
    optimizer_->restore(state.optimizer);
    model_.parameters() = parameters;
    order_ = state.order;
    shuffle_rng_ = rng;
    epoch_ = state.epoch;
}

template <typename Scalar>
RegressionTrainingState RegressionTraining<Scalar>::state() const {
    RegressionTrainingState state;
    state.config = config_;
    state.inputs = model_.inputs();
    state.experts = model_.experts();
    const Eigen::VectorXd parameters = model_.parameters().template cast<double>();
    state.parameters.assign(parameters.data(), parameters.data() + parameters.size());
    state.optimizer = optimizer_->state();
    std::ostringstream rng;
    rng << shuffle_rng_;
    state.shuffle_rng = rng.str();
    state.order = order_;
    state.epoch = epoch_;
    state.history = history_.points();
    state.history_stride = history_.stride();
    state.history_appended = history_.appended();
    return state;
}

template class RegressionTraining<float>;
template class RegressionTraining<double>;

RegressionTrainer::RegressionTrainer(const Config& config, std::shared_ptr<const Dataset> dataset) {
    if (config.precision == Precision::Double)
        double_ = std::make_unique<RegressionTraining<double>>(config, std::move(dataset));
    else
        single_ = std::make_unique<RegressionTraining<float>>(config, std::move(dataset));
}

RegressionTrainer::RegressionTrainer(const RegressionTrainingState& state,
                                     std::shared_ptr<const Dataset> dataset) {
    if (state.config.precision == Precision::Double)
        double_ = std::make_unique<RegressionTraining<double>>(state, std::move(dataset));
    else
        single_ = std::make_unique<RegressionTraining<float>>(state, std::move(dataset));
}

RegressionTrainingState RegressionTrainer::state() const {
    return single_ ? single_->state() : double_->state();
}
const DecimatedSeries<RegressionHistoryPoint>& RegressionTrainer::history() const {
    return single_ ? single_->history() : double_->history();
}

long RegressionTrainer::epoch() const {
    return single_ ? single_->epoch() : double_->epoch();
}
void RegressionTrainer::train_epoch() {
    single_ ? single_->train_epoch() : double_->train_epoch();
}
RegressionMetrics RegressionTrainer::evaluate() const {
    return single_ ? single_->evaluate() : double_->evaluate();
}
RegressionCurve RegressionTrainer::curve(int points) const {
    return single_ ? single_->curve(points) : double_->curve(points);
}
void RegressionTrainer::apply(const Config& config) {
    single_ ? single_->apply(config) : double_->apply(config);
}
std::shared_ptr<const Dataset> RegressionTrainer::shared_dataset() const {
    return single_ ? single_->shared_dataset() : double_->shared_dataset();
}
const Dataset& RegressionTrainer::dataset() const {
    return single_ ? single_->dataset() : double_->dataset();
}

}  // namespace moelab
