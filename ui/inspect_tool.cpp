#include "inspect_tool.h"

#include <QMouseEvent>

namespace moelab {

namespace {
// A press and release closer than this (pixels) is a click; farther apart, the view panned.
constexpr double kClickSlop = 4;
}  // namespace

void InspectTool::setPoint(std::optional<QPointF> point, bool pinned) {
    if (point == point_ && pinned == pinned_) return;
    point_ = point;
    pinned_ = pinned;
    emit pointChanged(point_, pinned_);
    emit repaintWanted();
}

void InspectTool::pinAt(const QPointF& point) {
    setPoint(point, true);
}

void InspectTool::unpin() {
    setPoint(point_, false);
}

bool InspectTool::mousePress(QMouseEvent* event, const FigureGeometry&) {
    if (event->button() == Qt::LeftButton) press_at_ = event->position();
    if (event->button() == Qt::RightButton && pinned_) {
        unpin();
        return true;
    }
    return false;  // a left drag still pans
}

bool InspectTool::mouseMove(QMouseEvent* event, const FigureGeometry& geometry) {
    if (event->buttons() != Qt::NoButton || pinned_) return false;
    const QPointF at = event->position();
    setPoint(geometry.plot().contains(at) ? std::optional(geometry.toData(at)) : std::nullopt,
             false);
    return false;
}

bool InspectTool::mouseRelease(QMouseEvent* event, const FigureGeometry& geometry) {
    if (event->button() != Qt::LeftButton || !press_at_) return false;
    const QPointF moved = event->position() - *press_at_;
    press_at_.reset();
    if (moved.manhattanLength() <= kClickSlop && geometry.plot().contains(event->position()))
        setPoint(geometry.toData(event->position()), true);
    return false;  // the view ends its pan
}

QString InspectTool::hint() const {
    return tr(
        "Hover: the Inspector follows the mouse. Click: pin the point. Right-click: follow "
        "the mouse again.");
}

void InspectTool::leave() {
    if (!pinned_) setPoint(std::nullopt, false);
}

void InspectTool::paint(QPainter& painter, const FigureGeometry& geometry, const Snapshot&) {
    if (!point_) return;
    const QPointF at = geometry.map(point_->x(), point_->y());
    const double arm = std::max(8.0, geometry.fontPixels() * 1.1);
    painter.setRenderHint(QPainter::Antialiasing);
    // A white halo under a dark cross reads on every tint.
    for (const auto& [color, width] :
         {std::pair{QColor(255, 255, 255, 230), 4.0}, std::pair{QColor(20, 20, 20), 1.6}}) {
        painter.setPen(QPen(color, width, Qt::SolidLine, Qt::RoundCap));
        painter.drawLine(at - QPointF(arm, 0), at - QPointF(arm * 0.35, 0));
        painter.drawLine(at + QPointF(arm * 0.35, 0), at + QPointF(arm, 0));
        painter.drawLine(at - QPointF(0, arm), at - QPointF(0, arm * 0.35));
        painter.drawLine(at + QPointF(0, arm * 0.35), at + QPointF(0, arm));
        painter.setBrush(Qt::NoBrush);
        painter.drawEllipse(at, arm * 0.35, arm * 0.35);
    }
    if (pinned_) {
        painter.setPen(Qt::NoPen);
        painter.setBrush(QColor(20, 20, 20));
        painter.drawEllipse(at, 2.0, 2.0);
    }
}

}  // namespace moelab
