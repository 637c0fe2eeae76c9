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
// The same on a plane whose whole extent is `whole` (a projection's bounds).
GridSpec grid_for_view(const QRectF& whole, const QRectF& data_rect, QSize pixels,
                       double pixels_per_cell = 2.0, int max_cells = 512);

// The plane of the first two principal components of the data's standardised training cases, and
// every row's place on it (about half a second for all of Fashion-MNIST: done once per data set).
std::shared_ptr<const PlaneProjection> project_dataset(const Dataset& dataset, const Split& split,
                                                       int components = 2);

// The side of the square image each case is (28 for the 784 pixels of Fashion-MNIST), or 0 when
// the features are not one (fewer than 8 x 8, or not a square number).
int image_side(const Dataset& dataset);
// A case as a grey image (feature values in [0, 1], 1 = white), or a null image.
QImage case_image(const Dataset& dataset, int row);
// The images of the given rows, per expert (EpochMetrics::strongest_cases); empty when the cases
// are not images.
std::vector<std::vector<QImage>> case_images(const Dataset& dataset,
                                             const std::vector<std::vector<int>>& rows);

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
    // `threads` threads (the training's own count: several workers may render at once). Data of
    // more than two features is drawn on the plane of snapshot.projection (`spec` in plane
    // coordinates), or not at all without one. With top-K routing (1 < K < N) the gate tint is
    // striped in the colours of each cell's K experts, the stripes about 26 screen pixels apart
    // when a cell is `cell_pixels` pixels wide.
    void render(Snapshot& snapshot, const GridSpec& spec, int threads, double cell_pixels = 2.0);

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
void render_snapshot(Snapshot& snapshot, const GridSpec& spec, int threads,
                     double cell_pixels = 2.0);

}  // namespace moelab
