#pragma once
// Where the parts of a figure go (issue 10): the plot, and the legend over a corner of the plot
// that hides no data point, else beside or below the plot, whichever leaves the larger square
// for it. The place is chosen for the legend's reserve (every row it may come to show in this
// training), from the data points alone, so the legend never covers a point and does not move
// while the experts learn.
#include <QFont>
#include <QRectF>
#include <QStringList>
#include <vector>

#include "figure_painter.h"

class QPaintDevice;

namespace moelab {

struct LegendLayout {
    enum class Where { None, Corner, Beside, Below };
    Where where = Where::None;
    // The room the legend may take, padding included: no data point's marker touches it.
    QRectF frame;
    double pad = 0;                 // between the frame and the rows (Corner only)
    double column_gap = 0;          // between columns side by side
    double max_column_height = 0;   // a longer legend goes on in the next column
    bool column_per_group = false;  // each heading starts a column (Below)
    bool right_aligned = false;     // Corner: the sides of the plot the legend keeps to
    bool bottom_aligned = false;
    QFont font;
    double font_px = 0;
};

struct FigureLayout {
    FigureGeometry geometry;
    LegendLayout legend;
    // The part of the target the figure uses (the caption spans it): all of it, or, with
    // FigureOptions::square_plot, the plot with its axes and legend, centred.
    QRectF used;
};

// The smallest legend text (pixels) in a figure whose axis labels are `font_px` pixels: the
// legend's own size (88% of the axis labels), never below 12 pixels, so that it stays readable
// from the back of a classroom; a corner too small for it sends the legend beside or below.
double legend_min_font_pixels(double font_px);

// The layout of a figure painted into `target` with fonts of `font_px` pixels; `legend_font`
// is the legend's font before any shrinking, `device` the painter's device (for font metrics).
FigureLayout figure_layout(const QRectF& target, const Snapshot& snapshot,
                           const FigureOptions& options, double font_px, const QFont& legend_font,
                           const QPaintDevice* device);

// Half the width of the square around a data point that its marker (and a capacity ring, when
// there may be some) covers in a figure with fonts of `font_px` pixels.
double marker_half_extent(const Snapshot& snapshot, const FigureOptions& options, double font_px);

// The data window a figure shows: the options' window, else the snapshot's default.
QRectF figure_data_rect(const Snapshot& snapshot, const FigureOptions& options);

// What paint_figure drew where, for tests and for the evidence of a change.
struct FigureReport {
    QRectF plot;  // the plot's frame
    LegendLayout legend;
    QRectF legend_drawn;              // the legend as drawn (inside legend.frame)
    std::vector<QRectF> label_boxes;  // the line labels placed
    QStringList left_out_labels;      // the labels that found no free place
};

}  // namespace moelab
