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

std::vector<LegendRow> legend_rows(const Snapshot& snapshot, const FigureOptions& options);
double legend_width(const std::vector<LegendRow>& rows, const QFontMetricsF& metrics);
double legend_height(const std::vector<LegendRow>& rows, const QFontMetricsF& metrics);

// The corner of the plot where a box of `size` hides the fewest data points (issue 10: only the
// points, which stay put, so the legend keeps its corner while the boundaries move under it),
// and how many points it hides there.
struct LegendCorner {
    QRectF box;
    int hidden_points = 0;
};
LegendCorner emptiest_corner(const FigureGeometry& geometry, const Snapshot& snapshot, QSizeF size,
                             double inset);

void paint_legend(QPainter& painter, const QRectF& area, const std::vector<LegendRow>& rows,
                  const Snapshot& snapshot, const FigureOptions& options, const QFont& font,
                  const FigureInk& colors, double font_px);

}  // namespace moelab
