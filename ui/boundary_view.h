#pragma once
// The central view: the input plane with the gate's regions, the experts' and the gate's decision
// boundaries and the data. It only paints the latest snapshot; zooming and panning tell the worker
// which window to evaluate next (viewportChanged), and meanwhile the last raster is stretched.
#include <QPointF>
#include <QWidget>
#include <optional>

#include "figure_painter.h"
#include "snapshot.h"

namespace moelab {

class PlaneTool;

class BoundaryView : public QWidget {
    Q_OBJECT
  public:
    explicit BoundaryView(QWidget* parent = nullptr);

    const FigureOptions& options() const { return options_; }
    SnapshotPtr snapshot() const { return snapshot_; }
    // Repaints since construction: the frames-per-second benchmark counts them.
    long paintCount() const { return paint_count_; }
    // Milliseconds spent in paintEvent since construction (the benchmark reports the mean).
    double paintMilliseconds() const { return paint_ms_; }
    // The visible window in raw units (x: feature 0, y: feature 1).
    QRectF visibleData() const;
    // The zoomed window (raw units), or empty when the whole data set shows (a session keeps it).
    std::optional<QRectF> zoomRect() const { return zoom_rect_; }
    // Shows this window of the plane (raw units); empty = the whole data set.
    void setZoom(const std::optional<QRectF>& rect) { setZoomRect(rect); }
    QSize sizeHint() const override { return {760, 600}; }
    // A message drawn over the figure while a data set loads; empty: none.
    void setLoadingMessage(const QString& message);
    QString loadingMessage() const { return loading_; }
    // The mouse tool (not owned; null: pan and zoom only). Events go to it first.
    void setTool(PlaneTool* tool);
    PlaneTool* tool() const { return tool_; }
    // Where the last paint put the plot and how it maps raw units; empty before the first.
    const std::optional<FigureGeometry>& geometry() const { return geometry_; }

  public slots:
    void showSnapshot(moelab::SnapshotPtr snapshot);
    void setOptions(const moelab::FigureOptions& options);
    void setHighlightedExpert(int expert);
    void setShowRegions(bool on);
    void setTintByClass(bool on);
    void setShowPoints(bool on);
    void setShowTestPoints(bool on);
    void setShowExpertLines(bool on);
    void setShowGateLines(bool on);
    void setShowLegend(bool on);
    void setPhoneticOrientation(bool on);
    void setPaperStyle(bool on);
    // Back to the whole data set.
    void resetZoom();
    void zoomBy(double factor, const QPointF& anchor_in_widget);

  signals:
    // The worker should evaluate this window (raw units; empty = around the data) at this size.
    void viewportChanged(QRectF data_rect, QSize pixels);
    void optionsChanged(moelab::FigureOptions options);

  protected:
    void paintEvent(QPaintEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;
    void wheelEvent(QWheelEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    void mouseDoubleClickEvent(QMouseEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;
    void leaveEvent(QEvent* event) override;

  private:
    static QString navigationHint();
    void setZoomRect(const std::optional<QRectF>& rect);
    void announceViewport();
    void announceViewportSoon();
    QRectF currentRect() const;

    SnapshotPtr snapshot_;
    FigureOptions options_;
    std::optional<QRectF> zoom_rect_;  // empty: the whole data set
    std::optional<FigureGeometry> geometry_;
    // Announced before the plot was laid out anew (orientation, zoom): announced again after the
    // next paint, with the plot's real size (the legend's place may change it).
    bool viewport_pending_ = false;
    std::optional<QPointF> drag_from_;
    QRectF drag_start_rect_;
    const Dataset* shown_dataset_ = nullptr;  // identity only, never dereferenced
    QString loading_;
    PlaneTool* tool_ = nullptr;
    long paint_count_ = 0;
    double paint_ms_ = 0;
};

}  // namespace moelab

Q_DECLARE_METATYPE(moelab::FigureOptions)
