#include "training/continued_training.h"

#include "errors.h"

namespace moelab {

std::unique_ptr<Trainer> continue_on_data(const Trainer& previous, const Config& config,
                                          std::shared_ptr<const Dataset> data,
                                          const Standardization& standardization,
                                          int reserved_threads) {
    auto next = std::make_unique<Trainer>(config, std::move(data), reserved_threads);
    // The new trainer's own state gives the pass over the new rows (order, cursor 0, no dropped
    // cases); everything that makes it the same training comes from the previous one.
    TrainingState state = next->state();
    const TrainingState before = previous.state();
    if (!(state.spec == before.spec))
        throw ConfigError("The changed data gives the model another shape (" +
                          state.spec.describe() + " instead of " + before.spec.describe() +
                          "); it cannot go on with the same weights.");
    state.standardization = standardization;
    state.parameters = before.parameters;
    state.optimizer = before.optimizer;
    state.shuffle_rng = before.shuffle_rng;
    state.epoch = before.epoch;
    state.seconds = before.seconds;
    state.history = before.history;
    next->restore(state);
    if (!state.history.metrics.empty() && state.history.metrics.back().epoch == state.epoch) {
        state.history.metrics.replace_back(next->evaluate());
        next->restore(state);
    }
    return next;
}

}  // namespace moelab
