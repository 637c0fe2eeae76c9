#pragma once
// What a training remembers of its past: the training loss of every epoch and the full metrics at
// the epochs a schedule picked (always including the last of a run), in bounded memory: a run of
// millions of epochs keeps evenly spaced samples of both curves (training/decimated_series.h), the
// first and the newest always among them.
#include <cstddef>

#include "analysis/metrics.h"
#include "training/decimated_series.h"

namespace moelab {

struct History {
    // Some thousands of epochs in full, then evenly thinned: a loss curve has more points than a
    // chart can show, and the metrics (per-expert tables each) stay within a few megabytes.
    static constexpr std::size_t kLossCapacity = 16384;
    static constexpr std::size_t kMetricsCapacity = 1024;

    // The training loss of an epoch: the mean over its cases of the objective each mini-batch had
    // when it was used (what a loss curve shows). Appended at the end of every epoch, from epoch 1,
    // so the i-th one kept is that of epoch loss_epoch(i).
    DecimatedSeries<double> epoch_loss{kLossCapacity};
    DecimatedSeries<EpochMetrics> metrics{kMetricsCapacity};  // increasing epochs

    long loss_epoch(std::size_t i) const { return epoch_loss.appended_index(i) + 1; }

    void clear() {
        epoch_loss.clear();
        metrics.clear();
    }
};

}  // namespace moelab
