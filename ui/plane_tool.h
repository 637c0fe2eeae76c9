#pragma once
// A mouse tool of the boundary view (Inspect, Draw): the view hands it its mouse events first,
// with the figure's geometry to map pixels to raw units, and lets it paint over the figure. A
// tool that handles an event returns true; the view then neither pans nor zooms with it.
#include <QObject>
#include <QPainter>
#include <QString>

#include "figure_painter.h"
#include "snapshot.h"

class QMouseEvent;

namespace moelab {

class PlaneTool : public QObject {
    Q_OBJECT
  public:
    using QObject::QObject;

    virtual bool mousePress(QMouseEvent*, const FigureGeometry&) { return false; }
    virtual bool mouseMove(QMouseEvent*, const FigureGeometry&) { return false; }
    virtual bool mouseRelease(QMouseEvent*, const FigureGeometry&) { return false; }
    virtual bool mouseDoubleClick(QMouseEvent*, const FigureGeometry&) { return false; }
    // The mouse left the view.
    virtual void leave() {}
    // Painted over the figure, inside the plot's clip.
    virtual void paint(QPainter&, const FigureGeometry&, const Snapshot&) {}
    // Whether the view should report mouse moves with no button held (hover).
    virtual bool wantsHover() const { return false; }
    // True: the tool paints the data points itself (the figure leaves them out), and the window
    // stays where it is when the data changes.
    virtual bool ownsData() const { return false; }
    // What the mouse does with this tool, for the view's tooltip.
    virtual QString hint() const { return {}; }

  signals:
    void repaintWanted();
};

}  // namespace moelab
