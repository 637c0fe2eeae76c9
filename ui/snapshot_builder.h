#pragma once
// Turns a model into what the views draw: the grid evaluation, the contour lines and the tint
// images. Runs on the training worker's thread (or in a headless export), never on the UI thread.
#include <QRectF>
#include <QSize>
#include <memory>
#include <vector>

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

// Draws a worker's pictures frame after frame: the grid evaluation, the contour lines and the tint
// images of a snapshot. It keeps its buffers between frames: the evaluator's and the contour
// tracers' scratch, and a few frames of grids and tint images that come back to it once every
// snapshot showing them is gone (the UI never sees a buffer change under it). When the weights,
// the standardisation and the routing are those of the previous frame, and so is the window of
// the plane at about the same resolution (a paused worker re-publishing for a config echo, a
// legend shown or hidden, a view a little resized), it hands out the previous pictures again
// without evaluating anything: the view stretches them. One per worker; not thread-safe.
class GridRenderer {
  public:
    GridRenderer();
    ~GridRenderer();
    GridRenderer(const GridRenderer&) = delete;
    GridRenderer& operator=(const GridRenderer&) = delete;

    // Fills grid, gate_boundaries, expert_boundaries, mixture_boundaries, gate_tint and
    // class_tint of `snapshot` from its model, standardisation and config.routed_experts(), on
    // `threads` threads (the training's own count: several workers may render at once). Leaves
    // them empty for data that is not two-dimensional.
    void render(Snapshot& snapshot, const GridSpec& spec, int threads);

    // Frames evaluated, and frames handed out again from the previous one, since construction.
    long evaluations() const { return evaluations_; }
    long reuses() const { return reuses_; }
    // Frames allocated since construction (the pool's size once it is warm).
    long frames_allocated() const;

  private:
    struct Frame;
    struct Pool;
    struct Previous;

    // The threads of render(): the engine's team (spins a few microseconds, then sleeps), never
    // OpenMP's, whose waiting threads spin long enough to cost a scheduling quantum per frame on
    // a busy machine. Made again when the count changes.
    std::unique_ptr<ThreadTeam> team_;
    GridEvaluator evaluator_;
    std::vector<std::unique_ptr<BoundaryTracer>> tracers_;  // one per thread
    std::shared_ptr<Pool> pool_;
    std::unique_ptr<Previous> previous_;
    long evaluations_ = 0;
    long reuses_ = 0;
};

// The pictures of one snapshot with a renderer of its own (a headless export, a test): see
// GridRenderer::render.
void render_snapshot(Snapshot& snapshot, const GridSpec& spec, int threads);

}  // namespace moelab
