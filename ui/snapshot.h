#pragma once
// What the training worker hands the views: an immutable picture of one moment of training.
// Produced on the worker thread, shared read-only (std::shared_ptr<const Snapshot>) with the UI.
#include <QImage>
#include <QMetaType>
#include <QRectF>
#include <QString>
#include <memory>
#include <vector>

#include "analysis/contour.h"
#include "analysis/grid.h"
#include "analysis/metrics.h"
#include "analysis/pca.h"
#include "analysis/timeline.h"
#include "data/dataset.h"
#include "model/mixture.h"
#include "training/config.h"

namespace moelab {

// One expert's decision boundary, split where the gate gives that expert the most weight (solid)
// and elsewhere (faint, dashed). Both empty for an expert the gate never uses.
struct ExpertBoundary {
    std::vector<Polyline> owned;
    std::vector<Polyline> elsewhere;
    bool used = false;  // the gate's first choice somewhere in the window
    // Top-K routing: among the K experts of some cell of the window (its stripe shows there),
    // though perhaps never the first choice. Equals `used` for a dense gate.
    bool routed = false;
};

// Data of more than two features on the plane of its first two principal components, fitted on
// the standardised training cases (analysis/pca.h). Made once per data set on the worker and
// shared by every snapshot of that data.
struct PlaneProjection {
    Pca pca;
    PlanePoints points;  // every dataset row's plane coordinates (PC 1, PC 2)
    QRectF bounds;       // the points' bounding box, padded (x: PC 1, y: PC 2)
};

// A change of knobs in the middle of a training (the loss, the learning rate), which the charts
// mark on their time axis: made after `epoch` epochs, `label` says what ("eq. 3", "Learning rate
// 0.1"). Changes that re-initialise the model start a new history instead.
struct KnobChange {
    long epoch = 0;
    QString label;

    bool operator==(const KnobChange&) const = default;
};

// The training loss of one epoch.
struct LossPoint {
    long epoch = 0;
    double loss = 0;

    bool operator==(const LossPoint&) const = default;
};

struct Snapshot {
    Config config;
    long epoch = 0;
    std::shared_ptr<const Dataset> dataset;  // raw points and their split
    Standardization standardization;
    std::shared_ptr<const Mixture<float>> model;  // a copy of the weights, for drawing
    // A noisy gate in training: this picture's noise draw eps (N values, frame_noise() of
    // frame_noise_key(seed, epoch)), under which the gate tint shows the routing; the gate's lines
    // stay those of the clean gate. Empty otherwise.
    std::vector<float> gate_noise;
    EpochMetrics latest;  // the latest full metrics (of epoch latest.epoch, at most a few back)
    // Full metrics recorded since the previous snapshot.
    std::vector<EpochMetrics> new_history;
    // The training losses recorded since the previous snapshot, increasing epochs: every epoch's
    // at first, evenly thinned in a long run (training/history.h).
    std::vector<LossPoint> new_losses;
    bool history_reset = false;  // true: discard earlier history (re-initialised)
    // Every knob change of this history, oldest first (a few entries: sent whole each time).
    std::vector<KnobChange> knob_changes;
    // This history's replay timeline: the weights at log-spaced epochs up to this one (shared,
    // immutable; the same pointer until an entry is added).
    std::shared_ptr<const TimelineEntries> timeline;
    // Null for 2-D data. Otherwise the plane the figure shows: the grid, lines and tints below are
    // then evaluated on it (only while the view shows it), and the points drawn at their
    // projections.
    std::shared_ptr<const PlaneProjection> projection;
    // Per expert, pictures of the cases in latest.strongest_cases (same order) when each case is a
    // square image (Fashion-MNIST: 784 features, 28 x 28 grey); empty otherwise.
    std::vector<std::vector<QImage>> case_images;
    std::shared_ptr<const GridEvaluation> grid;     // null when no plane is drawn
    std::vector<Boundary> gate_boundaries;          // "Gate i:j"
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
