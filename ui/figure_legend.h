#pragma once
// The legend of a figure (classes; experts with their gate share, or the line styles in paper
// style) and where it goes: beside the plot, or over the plot's emptiest corner.
#include <QFont>
#include <QFontMetricsF>
#include <QPen>
#include <QRectF>
#include <QString>
#include <vector>

#include "figure_painter.h"

namespace moelab {

struct LegendRow {
    // Stripes: the top-K swatch (diagonal stripes of the first experts' colours); Dropped: the ring
    // that marks a case an expert at capacity turned away.
    enum Kind { Heading, Class, Expert, Line, Note, Stripes, Dropped } kind = Note;
    QString text;
    int index = -1;
    bool muted = false;
    QPen pen{};
};

// The rows the legend shows. With `reserve`, the rows it may come to show later in this training
// (every expert, the widest share, the notes that appear on the way): its place is chosen for
// those, so it does not move while the experts learn.
std::vector<LegendRow> legend_rows(const Snapshot& snapshot, const FigureOptions& options,
                                   bool reserve = false);
// The note that says how many line labels found no free place on the plot.
QString left_out_labels_note(int count);
double legend_width(const std::vector<LegendRow>& rows, const QFontMetricsF& metrics);
double legend_height(const std::vector<LegendRow>& rows, const QFontMetricsF& metrics);
// The rows in columns no taller than `max_height` (a heading never ends a column); with
// `column_per_group` each heading also starts a new column.
using LegendColumns = std::vector<std::vector<LegendRow>>;
LegendColumns legend_columns(const std::vector<LegendRow>& rows, const QFontMetricsF& metrics,
                             double max_height, bool column_per_group = false);
// The width of columns side by side, `gap` apart, and the height of the tallest.
QSizeF legend_columns_size(const LegendColumns& columns, const QFontMetricsF& metrics, double gap);

// The corner of the plot where a box of `size` hides the fewest data points (issue 10: only the
// points, which stay put, so the legend keeps its corner while the boundaries move under it),
// and how many points it hides there. With `marker_half` > 0 a point counts as hidden when the
// box touches its marker (a square of that half-width around it), else when it covers its centre.
struct LegendCorner {
    QRectF box;
    int hidden_points = 0;
};
LegendCorner emptiest_corner(const FigureGeometry& geometry, const Snapshot& snapshot, QSizeF size,
                             double inset, double marker_half = 0);

void paint_legend(QPainter& painter, const QRectF& area, const std::vector<LegendRow>& rows,
                  const Snapshot& snapshot, const FigureOptions& options, const QFont& font,
                  const FigureInk& colors, double font_px);

}  // namespace moelab
