#pragma once
// One training that goes on when its data changes shape-preservingly (points drawn, moved or
// removed while the class watches): the same model on the new data, with the epoch count, the
// loss and metric history, the optimizer's state and the random generator carried over, so the
// charts continue instead of starting again. Only a pass over the new data starts afresh.
#include <memory>

#include "data/dataset.h"
#include "training/trainer.h"

namespace moelab {

// A trainer on `data` (standardised with `standardization`, under `config`, whose dataset entry
// names the new data) that continues `previous`: its weights, optimizer state, random generator,
// epoch, training time and history. The metrics recorded at the current epoch, if any, are
// measured again on the new data (they described the old). Throws ConfigError when the new data
// gives the model another shape (other features or classes) or the config does not fit it.
std::unique_ptr<Trainer> continue_on_data(const Trainer& previous, const Config& config,
                                          std::shared_ptr<const Dataset> data,
                                          const Standardization& standardization,
                                          int reserved_threads);

}  // namespace moelab
