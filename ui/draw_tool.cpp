#include "draw_tool.h"

#include <QMouseEvent>

#include "expert_colors.h"
#include "figure_points.h"

namespace moelab {

DrawTool::DrawTool(DrawnData* data, QObject* parent) : PlaneTool(parent), data_(data) {
    connect(data_, &DrawnData::changed, this, &PlaneTool::repaintWanted);
    connect(data_, &DrawnData::previewed, this, &PlaneTool::repaintWanted);
}

void DrawTool::setCurrentClass(int label) {
    class_ = std::clamp(label, 0, std::max(0, data_->classes() - 1));
}

int DrawTool::pick(const QPointF& at, const FigureGeometry& geometry) const {
    int best = -1;
    double best_distance = kPickRadius * kPickRadius;
    for (int i = 0; i < data_->size(); ++i) {
        const DrawnPoint& p = data_->points()[size_t(i)];
        const QPointF d = geometry.map(p.x, p.y) - at;
        const double distance = d.x() * d.x() + d.y() * d.y();
        if (distance <= best_distance) {
            best_distance = distance;
            best = i;
        }
    }
    return best;
}

bool DrawTool::mousePress(QMouseEvent* event, const FigureGeometry& geometry) {
    const QPointF at = event->position();
    if (event->button() == Qt::RightButton) {
        const int index = pick(at, geometry);
        if (index >= 0) data_->remove(index);
        return true;
    }
    if (event->button() != Qt::LeftButton) return false;
    const int index = pick(at, geometry);
    if (index >= 0) {
        const DrawnPoint& p = data_->points()[size_t(index)];
        drag_ = Drag{index, QPointF(p.x, p.y), at};
        return true;
    }
    if (geometry.plot().contains(at)) {
        const QPointF raw = geometry.toData(at);
        data_->add(DrawnPoint{raw.x(), raw.y(), class_});
    }
    return true;
}

bool DrawTool::mouseMove(QMouseEvent* event, const FigureGeometry& geometry) {
    if (!drag_) return event->buttons() != Qt::NoButton;
    // Within the plot: a point dragged out of the window stays at its edge.
    const QRectF plot = geometry.plot();
    const QPointF at(std::clamp(event->position().x(), plot.left(), plot.right()),
                     std::clamp(event->position().y(), plot.top(), plot.bottom()));
    if (!drag_->moved && (event->position() - drag_->press_at).manhattanLength() < 3) return true;
    drag_->moved = true;
    data_->preview(drag_->index, geometry.toData(at));
    return true;
}

bool DrawTool::mouseRelease(QMouseEvent* event, const FigureGeometry&) {
    if (event->button() != Qt::LeftButton || !drag_) return event->button() == Qt::RightButton;
    const Drag drag = *drag_;
    drag_.reset();
    if (drag.moved) {
        const DrawnPoint& p = data_->points()[size_t(drag.index)];
        data_->move(drag.index, drag.from, QPointF(p.x, p.y));
    }
    return true;
}

QString DrawTool::hint() const {
    return tr(
        "Click: add a point of the selected class. Right-click: remove a point. Drag a "
        "point: move it. Wheel: zoom.");
}

bool DrawTool::mouseDoubleClick(QMouseEvent*, const FigureGeometry&) {
    return true;  // each click of it already added a point; no zoom reset while drawing
}

void DrawTool::paint(QPainter& painter, const FigureGeometry& geometry, const Snapshot&) {
    if (data_->classes() < 2) return;
    const Dataset shown = make_drawn_dataset({}, data_->classNames(), data_->featureNames());
    const PointStyle style = point_style(shown, FigureOptions{}, geometry.fontPixels());
    const double unit = geometry.fontPixels() / 14.0;
    painter.setRenderHint(QPainter::Antialiasing);
    for (int i = 0; i < data_->size(); ++i) {
        const DrawnPoint& p = data_->points()[size_t(i)];
        const QPointF at = geometry.map(p.x, p.y);
        paint_shape(painter, style.shapes[size_t(p.label)], at, style.colors[size_t(p.label)],
                    false, style.glyphs, unit * 1.2);
        if (drag_ && drag_->index == i) {
            painter.setPen(QPen(QColor(20, 20, 20), 1.5, Qt::DashLine));
            painter.setBrush(Qt::NoBrush);
            painter.drawEllipse(at, kPickRadius + 2, kPickRadius + 2);
        }
    }
}

}  // namespace moelab
