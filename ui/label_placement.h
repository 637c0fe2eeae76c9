#pragma once
// Where the labels of the figure's lines go ("Gate 0:2", "Expert 3"): each on its own line, inside
// the plot, clear of every other label and of the legend (issue 10: with eight experts the gate
// labels piled up where the lines meet). Greedy: labels in order, each takes the first free place
// along its line, trying the line's middle first, then outwards, then beside the line. A label
// with no free place anywhere tries its short form, and is left out rather than drawn over
// another when that finds none either; the caller says so.
#include <QFontMetricsF>
#include <QPolygonF>
#include <QRectF>
#include <QString>
#include <optional>
#include <vector>

namespace moelab {

struct LabelRequest {
    QString text;
    std::vector<QPolygonF> pieces;  // the line in target coordinates, longest piece first
    QString short_text;             // tried where the whole text finds no place ("G0:2")
};

struct LabelPlacement {
    std::optional<QRectF> box;  // empty: no free place, the label is left out
    bool shortened = false;     // the box holds the short text
};

// Places `labels` in order (the first gets the best place). Boxes never intersect one another
// (nor `obstacles`, e.g. the legend) and lie inside `plot`.
std::vector<LabelPlacement> place_labels(const std::vector<LabelRequest>& labels,
                                         const QRectF& plot, const QFontMetricsF& metrics,
                                         const std::vector<QRectF>& obstacles);

// The size of a label's box: its text with a margin.
QSizeF label_box_size(const QString& text, const QFontMetricsF& metrics);

}  // namespace moelab
