#pragma once
// Paints one snapshot as a figure: gate regions, decision boundaries with their labels, data
// points, axes and legend. The live view and every export (PNG, SVG, clipboard, paper style) share
// it, so what the class sees is what the teacher prints.
#include <QColor>
#include <QPainter>
#include <QRectF>
#include <QString>
#include <QTransform>

#include "snapshot.h"

namespace moelab {

struct FigureOptions {
    bool paper_style = false;    // black on white, no tint, labelled lines: the 1991 figure
    bool show_regions = true;    // tint the plane
    bool tint_by_class = false;  // tint by the mixture's predicted class instead of the gate
    bool show_points = true;
    bool show_test_points = true;
    bool show_expert_lines = true;
    bool show_gate_lines = true;
    bool show_legend = true;
    bool show_caption = true;           // epoch, accuracies and loss above the plot
    bool phonetic_orientation = false;  // F2 along x decreasing, F1 along y increasing downward
    int highlighted_expert = -1;        // drawn bold, the other experts' lines fade
    QRectF data_rect;                   // visible window in raw units (x: feature 0, y: feature 1);
                                        // empty = the snapshot's grid, or the data's bounding box
    double font_scale = 1.0;
    // The plot kept square, the spare room left to the legend and caption beside it, and the
    // whole centred (figure-only exports, e.g. a 16:9 slide); false: the plot fills the target.
    bool square_plot = false;
    // A remark on the training drawn in a box at the foot of the plot, e.g. that linear experts
    // have stalled (stall_notice.h); empty: none.
    QString notice;
};

// Where the plot lies inside a target rectangle and how raw units map onto it.
class FigureGeometry {
  public:
    FigureGeometry(const QRectF& target, const QRectF& data_rect, bool phonetic, double font_px,
                   bool with_caption);

    const QRectF& plot() const { return plot_; }
    const QRectF& data() const { return data_; }
    bool phonetic() const { return phonetic_; }
    double fontPixels() const { return font_px_; }
    // Raw units (x: feature 0, y: feature 1) to target coordinates, and back.
    const QTransform& toScreen() const { return to_screen_; }
    QPointF map(double x, double y) const { return to_screen_.map(QPointF(x, y)); }
    QPointF toData(const QPointF& screen) const { return to_data_.map(screen); }

  private:
    QRectF plot_, data_;
    bool phonetic_;
    double font_px_;
    QTransform to_screen_, to_data_;
};

// The figure's neutral colours: background, frame, text, muted text and gate lines.
struct FigureInk {
    QColor background, frame, text, muted, gate_line;
};
FigureInk figure_ink(const FigureOptions& options);

// "12.3%" (or "n/a" for NaN, e.g. the test accuracy of data without a test split).
QString format_percent(double fraction);

// The font size (pixels) a figure of this size uses: readable from the back of a classroom.
double figure_font_pixels(const QRectF& target, double font_scale);

// The window a snapshot shows when nothing else is asked for.
QRectF default_data_rect(const Snapshot& snapshot);

// Whether the data set is drawn with vowel symbols and may use the phonetic orientation.
bool is_vowel_data(const Dataset& dataset);

// Whether the snapshot has a plane to draw: 2-D data, or data of more features with a projection.
bool has_plane(const Snapshot& snapshot);
// Where dataset row `row` lies on that plane (its first two features, or its projection).
QPointF plane_point(const Snapshot& snapshot, int row);
// The figure draws every `point_stride`-th case: all of a teaching set, an even sample of a large
// one (at most about 6000 of Fashion-MNIST's 70000, which would otherwise cover the plane).
int point_stride(const Snapshot& snapshot);

// The ring that marks a case an expert at its capacity turned away (EpochMetrics::dropped_rows):
// its colour and radius in a figure whose font is `font_px` pixels.
QColor dropped_color();
double dropped_marker_radius(double font_px);

struct FigureReport;  // figure_layout.h

// Paints the whole figure into `target` and returns the geometry it used; `report`, when given,
// receives where the legend and the line labels went.
FigureGeometry paint_figure(QPainter& painter, const QRectF& target, const Snapshot& snapshot,
                            const FigureOptions& options, FigureReport* report = nullptr);

}  // namespace moelab
