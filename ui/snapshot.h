#pragma once
// What the training worker hands the views: an immutable picture of one moment of training.
// Produced on the worker thread, shared read-only (std::shared_ptr<const Snapshot>) with the UI.
#include <QImage>
#include <QMetaType>
#include <QString>
#include <memory>
#include <vector>

#include "analysis/contour.h"
#include "analysis/grid.h"
#include "analysis/metrics.h"
#include "data/dataset.h"
#include "model/mixture.h"
#include "training/config.h"

namespace moelab {

// One expert's decision boundary, split where the gate gives that expert the most weight (solid)
// and elsewhere (faint, dashed). Both empty for an expert the gate never uses.
struct ExpertBoundary {
    std::vector<Polyline> owned;
    std::vector<Polyline> elsewhere;
    bool used = false;
};

struct Snapshot {
    Config config;
    long epoch = 0;
    std::shared_ptr<const Dataset> dataset;  // raw points and their split
    Standardization standardization;
    std::shared_ptr<const Mixture<float>> model;  // a copy of the weights, for drawing
    EpochMetrics latest;  // the latest full metrics (of epoch latest.epoch, at most a few back)
    // Full metrics recorded since the previous snapshot.
    std::vector<EpochMetrics> new_history;
    // The training loss of every epoch ended since the previous snapshot: epochs
    // first_new_loss_epoch, first_new_loss_epoch + 1, ...
    std::vector<double> new_losses;
    long first_new_loss_epoch = 1;
    bool history_reset = false;                  // true: discard earlier history (re-initialised)
    std::shared_ptr<const GridEvaluation> grid;  // null for data that is not 2-D
    std::vector<Boundary> gate_boundaries;       // "Gate i:j"
    std::vector<ExpertBoundary> expert_boundaries;  // one per expert
    std::vector<Boundary> mixture_boundaries;       // the mixture's own class boundaries
    // The grid as ready-to-draw pixels (row 0 = y_min, one pixel per cell), built on the worker so
    // painting is one scaled blit: tinted by the gate's top expert (alpha = its gate probability),
    // and by the mixture's predicted class (alpha = its margin). Null without a grid.
    QImage gate_tint;
    QImage class_tint;
    bool running = false;
    double epochs_per_second = 0;
    QString message;  // status-bar text ("Re-initialised: 6 experts"); empty if none
};

using SnapshotPtr = std::shared_ptr<const Snapshot>;

}  // namespace moelab

Q_DECLARE_METATYPE(moelab::SnapshotPtr)
Q_DECLARE_METATYPE(moelab::Config)
