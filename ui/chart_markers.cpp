#include "chart_markers.h"

#include <QChart>
#include <QFontMetricsF>
#include <QPainter>
#include <QValueAxis>
#include <cmath>
#include <limits>

namespace moelab {

MarkedChartView::MarkedChartView(QChart* chart, QValueAxis* time_axis, QWidget* parent)
    : QChartView(chart, parent), time_axis_(time_axis) {
    // The lines move with the axis' range; a partial update would leave old ones behind.
    setViewportUpdateMode(QGraphicsView::FullViewportUpdate);
}

QColor MarkedChartView::markerColor() {
    return QColor(0xb0, 0x30, 0x60);
}

void MarkedChartView::setMarkers(const std::vector<KnobChange>& markers) {
    if (markers == markers_) return;
    markers_ = markers;
    // The foreground is cached with the scene; a changed list must repaint it.
    scene()->invalidate(sceneRect(), QGraphicsScene::ForegroundLayer);
    viewport()->update();
}

double MarkedChartView::sceneX(double epoch) const {
    const double low = time_axis_->min(), high = time_axis_->max();
    if (!(high > low) || epoch < low || epoch > high)
        return std::numeric_limits<double>::quiet_NaN();
    const QRectF plot = chart()->mapRectToScene(chart()->plotArea());
    return plot.left() + (epoch - low) / (high - low) * plot.width();
}

std::vector<double> MarkedChartView::markerPositions() const {
    std::vector<double> positions;
    for (const KnobChange& marker : markers_) {
        const double x = sceneX(static_cast<double>(marker.epoch));
        positions.push_back(std::isfinite(x) ? mapFromScene(QPointF(x, 0)).x() : x);
    }
    return positions;
}

void MarkedChartView::drawForeground(QPainter* painter, const QRectF& rect) {
    QChartView::drawForeground(painter, rect);
    if (markers_.empty()) return;
    const QRectF plot = chart()->mapRectToScene(chart()->plotArea());
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing, false);
    QFont font = painter->font();
    font.setPointSizeF(std::max(6.5, font.pointSizeF() * 0.85));
    painter->setFont(font);
    const QFontMetricsF metrics(font);
    double free_from = -std::numeric_limits<double>::infinity();  // right end of the last label
    for (const KnobChange& marker : markers_) {
        const double x = sceneX(static_cast<double>(marker.epoch));
        if (!std::isfinite(x)) continue;
        painter->setPen(QPen(markerColor(), 1.5, Qt::DashLine));
        painter->drawLine(QPointF(x, plot.top()), QPointF(x, plot.bottom()));
        // The label just right of the line at the top of the plot, or left of it when it would
        // leave the plot; on a pale box so a curve underneath does not hide it.
        const double width = metrics.horizontalAdvance(marker.label) + 4;
        double left = x + 2;
        if (left + width > plot.right()) left = x - 2 - width;
        if (left < free_from) continue;
        const QRectF box(left, plot.top() + 1, width, metrics.height());
        painter->fillRect(box, QColor(255, 255, 255, 210));
        painter->setPen(markerColor());
        painter->drawText(box, Qt::AlignCenter, marker.label);
        free_from = box.right() + 4;
    }
    painter->restore();
}

}  // namespace moelab
