#pragma once
// Optimizers over the model's flat parameter vector. Every update is coordinate-wise, so a step
// can be split over threads by ranges of coordinates: begin_step() once, then update() per range.
// The new weights go to a second vector, so a step whose result is not finite can be dropped
// without copying the old weights back.
#include <Eigen/Core>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "model/types.h"
#include "training/config.h"

namespace moelab {

// An optimizer's state, precision-neutral, for saving and restoring a training bit for bit.
struct OptimizerState {
    OptimizerType type = OptimizerType::Sgd;
    long steps = 0;
    std::vector<std::pair<std::string, std::vector<double>>> vectors;  // name -> values

    bool operator==(const OptimizerState&) const = default;
};

template <typename Scalar>
class Optimizer {
  public:
    virtual ~Optimizer() = default;
    virtual OptimizerType type() const = 0;

    // Once per step, before update(): sizes the state for `parameters` and advances counters.
    virtual void begin_step(const Vector<Scalar>& parameters, Scalar rate) = 0;
    // Writes updated[j] for j in [begin, end) from parameters and gradient at rate `rate`.
    virtual void update(const Vector<Scalar>& parameters, const Vector<Scalar>& gradient,
                        Scalar rate, Vector<Scalar>& updated, Eigen::Index begin,
                        Eigen::Index end) = 0;
    // Forgets accumulated state (momentum, moments); after a rollback or a reset.
    virtual void reset() = 0;

    virtual OptimizerState state() const = 0;
    // Throws ConfigError when the state is of another kind or does not fit.
    virtual void restore(const OptimizerState& state) = 0;

    // One whole step in place, on one thread (tests and small models).
    void step(Vector<Scalar>& parameters, const Vector<Scalar>& gradient, Scalar rate) {
        Vector<Scalar> updated(parameters.size());
        begin_step(parameters, rate);
        update(parameters, gradient, rate, updated, 0, parameters.size());
        parameters.swap(updated);
    }
};

// The optimizer the config names, with its hyper-parameters.
template <typename Scalar>
std::unique_ptr<Optimizer<Scalar>> make_optimizer(const Config& config);

// True when going from `before` to `after` needs a new optimizer (its kind or a hyper-parameter
// other than the learning rate changed).
bool optimizer_changed(const Config& before, const Config& after);

}  // namespace moelab
