#include "label_placement.h"

#include <algorithm>
#include <cmath>

namespace moelab {

namespace {

double polygon_length(const QPolygonF& polygon) {
    double length = 0;
    for (qsizetype k = 1; k < polygon.size(); ++k)
        length +=
            std::hypot(polygon[k].x() - polygon[k - 1].x(), polygon[k].y() - polygon[k - 1].y());
    return length;
}

// The point `fraction` of the way along the polygon, and the direction of the line there.
struct PointOnLine {
    QPointF at;
    QPointF direction;  // unit length
};

PointOnLine point_along(const QPolygonF& polygon, double length, double fraction) {
    const double target = length * fraction;
    double walked = 0;
    for (qsizetype k = 1; k < polygon.size(); ++k) {
        const QPointF step = polygon[k] - polygon[k - 1];
        const double piece = std::hypot(step.x(), step.y());
        if (walked + piece >= target && piece > 0) {
            const double t = (target - walked) / piece;
            return {polygon[k - 1] + step * t, step / piece};
        }
        walked += piece;
    }
    return {polygon.isEmpty() ? QPointF() : polygon.back(), QPointF(1, 0)};
}

// The line's middle first, then outwards in both directions.
std::vector<double> fractions_from_middle() {
    std::vector<double> fractions{0.5};
    for (int step = 1; step <= 11; ++step) {
        fractions.push_back(0.5 - 0.04 * step);
        fractions.push_back(0.5 + 0.04 * step);
    }
    fractions.push_back(0.02);
    fractions.push_back(0.98);
    return fractions;
}

}  // namespace

QSizeF label_box_size(const QString& text, const QFontMetricsF& metrics) {
    return metrics.size(Qt::TextSingleLine, text) + QSizeF(8, 2);
}

std::vector<LabelPlacement> place_labels(const std::vector<LabelRequest>& labels,
                                         const QRectF& plot, const QFontMetricsF& metrics,
                                         const std::vector<QRectF>& obstacles) {
    std::vector<LabelPlacement> placements(labels.size());
    // Taken rectangles, grown by a small gap so neighbouring labels do not touch either.
    std::vector<QRectF> taken;
    for (const QRectF& obstacle : obstacles) taken.push_back(obstacle);
    const QRectF inside = plot.adjusted(2, 2, -2, -2);
    const std::vector<double> fractions = fractions_from_middle();
    for (size_t k = 0; k < labels.size(); ++k) {
        const LabelRequest& label = labels[k];
        QSizeF size = label_box_size(label.text, metrics);
        // On the line; then half a label and a whole label beside it, on either side (across
        // the line's direction, so a label beside a steep line moves sideways, not along it).
        const double offsets[] = {0.0, 0.6, -0.6, 1.2, -1.2};
        auto free_box = [&]() -> std::optional<QRectF> {
            for (const double offset : offsets) {
                for (const QPolygonF& piece : label.pieces) {
                    const double length = polygon_length(piece);
                    if (piece.size() < 2) continue;
                    for (const double fraction : fractions) {
                        const PointOnLine on = point_along(piece, length, fraction);
                        const QPointF normal(-on.direction.y(), on.direction.x());
                        const QPointF shift(normal.x() * offset * size.width(),
                                            normal.y() * offset * size.height() * 1.5);
                        const QRectF box(on.at + shift - QPointF(size.width(), size.height()) / 2,
                                         size);
                        if (!inside.contains(box)) continue;
                        const bool clear =
                            std::none_of(taken.begin(), taken.end(), [&](const QRectF& r) {
                                return r.adjusted(-3, -2, 3, 2).intersects(box);
                            });
                        if (clear) return box;
                    }
                }
            }
            return std::nullopt;
        };
        placements[k].box = free_box();
        if (!placements[k].box && !label.short_text.isEmpty()) {
            size = label_box_size(label.short_text, metrics);
            placements[k].box = free_box();
            placements[k].shortened = placements[k].box.has_value();
        }
        if (placements[k].box) taken.push_back(*placements[k].box);
    }
    return placements;
}

}  // namespace moelab
