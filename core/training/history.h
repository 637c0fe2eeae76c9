#pragma once
// What a training remembers of its past: the training loss of every epoch (exact, cheap) and the
// full metrics at the epochs a schedule picked (always including the last of a run).
#include <vector>

#include "analysis/metrics.h"

namespace moelab {

struct History {
    // epoch_loss[e] is epoch e + 1's training loss: the mean over its cases of the objective
    // each mini-batch had when it was used (what a loss curve shows).
    std::vector<double> epoch_loss;
    std::vector<EpochMetrics> metrics;  // increasing epochs

    void clear() {
        epoch_loss.clear();
        metrics.clear();
    }
};

}  // namespace moelab
