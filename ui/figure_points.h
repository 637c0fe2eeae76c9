#pragma once
// The data points of a figure: the vowels as the paper's symbols, other data as class markers;
// training cases filled, test cases hollow.
#include <QColor>
#include <QPainterPath>
#include <vector>

#include "figure_painter.h"

namespace moelab {

// How each class is drawn.
struct PointStyle {
    std::vector<QPainterPath> shapes;  // per class
    std::vector<QColor> colors;        // per class
    bool glyphs = false;
};

PointStyle point_style(const Dataset& dataset, const FigureOptions& options, double font_px);

// One point (or legend swatch) centred at `at`; `unit` scales the outline with the figure.
void paint_shape(QPainter& painter, const QPainterPath& shape, const QPointF& at,
                 const QColor& color, bool hollow, bool glyph, double unit);

// Every data point inside the plot; test points last, on top.
void paint_points(QPainter& painter, const FigureGeometry& geometry, const Snapshot& snapshot,
                  const FigureOptions& options);

}  // namespace moelab
