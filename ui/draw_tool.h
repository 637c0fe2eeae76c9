#pragma once
// The Draw mouse tool: a left click adds a point of the selected class, a right click removes the
// nearest point within a few pixels, a left drag from a point moves it; each is one undoable edit
// of the DrawnData. The tool paints the drawn points itself, so an edit shows at once, before the
// worker has trained on it.
#include <optional>

#include "drawn_data.h"
#include "plane_tool.h"

namespace moelab {

class DrawTool : public PlaneTool {
    Q_OBJECT
  public:
    explicit DrawTool(DrawnData* data, QObject* parent = nullptr);

    // The class new points get.
    int currentClass() const { return class_; }
    void setCurrentClass(int label);
    // How near (pixels) a click must be to a point to remove or move it.
    static constexpr double kPickRadius = 8;

    bool mousePress(QMouseEvent* event, const FigureGeometry& geometry) override;
    bool mouseMove(QMouseEvent* event, const FigureGeometry& geometry) override;
    bool mouseRelease(QMouseEvent* event, const FigureGeometry& geometry) override;
    bool mouseDoubleClick(QMouseEvent* event, const FigureGeometry& geometry) override;
    void paint(QPainter& painter, const FigureGeometry& geometry,
               const Snapshot& snapshot) override;
    bool ownsData() const override { return true; }
    QString hint() const override;

  private:
    // The point nearest to `at` (widget pixels) within kPickRadius, or -1.
    int pick(const QPointF& at, const FigureGeometry& geometry) const;

    struct Drag {
        int index;
        QPointF from;      // raw units, where the point was
        QPointF press_at;  // widget pixels
        bool moved = false;
    };
    DrawnData* data_;
    int class_ = 0;
    std::optional<Drag> drag_;
};

}  // namespace moelab
