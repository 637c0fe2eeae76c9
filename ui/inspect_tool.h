#pragma once
// The Inspect mouse tool: the point under the mouse (hover) or the one last clicked (pinned) is the
// point the inspector explains; a crosshair marks it on the plane. Dragging still pans.
#include <QPointF>
#include <optional>

#include "plane_tool.h"

namespace moelab {

class InspectTool : public PlaneTool {
    Q_OBJECT
  public:
    using PlaneTool::PlaneTool;

    // The inspected point in raw units, and whether it is pinned (clicked) rather than hovered.
    std::optional<QPointF> point() const { return point_; }
    bool pinned() const { return pinned_; }
    // Pins the inspector at `point` (raw units), as a click there does.
    void pinAt(const QPointF& point);
    // Back to following the mouse.
    void unpin();

    bool mousePress(QMouseEvent* event, const FigureGeometry& geometry) override;
    bool mouseMove(QMouseEvent* event, const FigureGeometry& geometry) override;
    bool mouseRelease(QMouseEvent* event, const FigureGeometry& geometry) override;
    void leave() override;
    void paint(QPainter& painter, const FigureGeometry& geometry,
               const Snapshot& snapshot) override;
    bool wantsHover() const override { return true; }
    QString hint() const override;

  signals:
    // The inspected point changed (raw units), or went away (nullopt: the mouse left the plane).
    void pointChanged(std::optional<QPointF> point, bool pinned);

  private:
    void setPoint(std::optional<QPointF> point, bool pinned);

    std::optional<QPointF> point_;
    bool pinned_ = false;
    std::optional<QPointF> press_at_;  // widget pixels of the last left press
};

}  // namespace moelab
