#pragma once
// Turns a model into what the views draw: the grid evaluation, the contour lines and the tint
// images. Runs on the training worker's thread (or in a headless export), never on the UI thread.
#include <QRectF>
#include <QSize>

#include "snapshot.h"
#include "training/trainer.h"

namespace moelab {

// A snapshot of a trainer's current state: config, epoch, data, a copy of the weights and the
// latest recorded metrics (NaN numbers when none is recorded yet). The history fields and the
// rendering are left to the caller.
std::shared_ptr<Snapshot> snapshot_of(const Trainer& trainer);

// The raster to evaluate for a view that shows `data_rect` (raw units of the first two features;
// empty = the data's bounding box, padded) in `pixels` screen pixels: about one cell per
// `pixels_per_cell` pixels, between 32 and `max_cells` cells a side.
GridSpec grid_for_view(const Dataset& dataset, const QRectF& data_rect, QSize pixels,
                       double pixels_per_cell = 2.0, int max_cells = 512);

// Fills grid, gate_boundaries, expert_boundaries, mixture_boundaries, gate_tint and class_tint of
// `snapshot` from its model, standardisation and config.top_k. Leaves them empty for data that is
// not two-dimensional.
void render_snapshot(Snapshot& snapshot, const GridSpec& spec);

}  // namespace moelab
