#include "boundary_view.h"

#include <QElapsedTimer>
#include <QKeyEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QWheelEvent>
#include <algorithm>
#include <cmath>

#include "plane_tool.h"

namespace moelab {

BoundaryView::BoundaryView(QWidget* parent) : QWidget(parent) {
    setAttribute(Qt::WA_OpaquePaintEvent);
    setMouseTracking(false);
    setFocusPolicy(Qt::StrongFocus);
    setMinimumSize(320, 240);
    setToolTip(navigationHint());
}

QString BoundaryView::navigationHint() {
    return tr("Wheel or +/-: zoom. Drag: pan. Double-click or 0: show all data.");
}

void BoundaryView::showSnapshot(SnapshotPtr snapshot) {
    // The worker shares one Dataset between snapshots until it loads another (a new file, other
    // noise, another set), so the pointer tells when the data changed.
    if (snapshot && snapshot->dataset && snapshot->dataset.get() != shown_dataset_) {
        shown_dataset_ = snapshot->dataset.get();
        // A drawing keeps its window while its points change.
        const bool drawing = tool_ && tool_->ownsData();
        if (zoom_rect_ && !drawing)
            setZoomRect(std::nullopt);  // another data set lives elsewhere in the plane
    }
    snapshot_ = std::move(snapshot);
    update();
}

void BoundaryView::setTool(PlaneTool* tool) {
    if (tool == tool_) return;
    if (tool_) disconnect(tool_, nullptr, this, nullptr);
    if (tool_) tool_->leave();
    tool_ = tool;
    if (tool_) connect(tool_, &PlaneTool::repaintWanted, this, qOverload<>(&QWidget::update));
    setMouseTracking(tool_ && tool_->wantsHover());
    const QString hint = tool_ ? tool_->hint() : QString();
    setToolTip(tool_ && tool_->ownsData() ? hint
               : hint.isEmpty()           ? navigationHint()
                                          : hint + QLatin1Char('\n') + navigationHint());
    // A drawing stays in the window it started in, whatever its points' extent.
    if (tool_ && tool_->ownsData() && !zoom_rect_ && snapshot_) setZoomRect(currentRect());
    update();
}

void BoundaryView::setLoadingMessage(const QString& message) {
    if (message == loading_) return;
    loading_ = message;
    update();
}

void BoundaryView::setOptions(const FigureOptions& options) {
    const bool reorient = options.phonetic_orientation != options_.phonetic_orientation;
    options_ = options;
    options_.data_rect = QRectF();
    if (reorient) announceViewportSoon();
    emit optionsChanged(options_);
    update();
}

void BoundaryView::setHighlightedExpert(int expert) {
    auto o = options_;
    o.highlighted_expert = expert;
    setOptions(o);
}
void BoundaryView::setShowRegions(bool on) {
    auto o = options_;
    o.show_regions = on;
    setOptions(o);
}
void BoundaryView::setTintByClass(bool on) {
    auto o = options_;
    o.tint_by_class = on;
    setOptions(o);
}
void BoundaryView::setShowPoints(bool on) {
    auto o = options_;
    o.show_points = on;
    setOptions(o);
}
void BoundaryView::setShowTestPoints(bool on) {
    auto o = options_;
    o.show_test_points = on;
    setOptions(o);
}
void BoundaryView::setShowExpertLines(bool on) {
    auto o = options_;
    o.show_expert_lines = on;
    setOptions(o);
}
void BoundaryView::setShowGateLines(bool on) {
    auto o = options_;
    o.show_gate_lines = on;
    setOptions(o);
}
void BoundaryView::setShowLegend(bool on) {
    auto o = options_;
    o.show_legend = on;
    setOptions(o);
}
void BoundaryView::setPhoneticOrientation(bool on) {
    auto o = options_;
    o.phonetic_orientation = on;
    setOptions(o);
}
void BoundaryView::setPaperStyle(bool on) {
    auto o = options_;
    o.paper_style = on;
    setOptions(o);
}

QRectF BoundaryView::currentRect() const {
    if (zoom_rect_) return *zoom_rect_;
    return snapshot_ ? default_data_rect(*snapshot_) : QRectF(-1, -1, 2, 2);
}

QRectF BoundaryView::visibleData() const {
    return currentRect();
}

void BoundaryView::resetZoom() {
    setZoomRect(std::nullopt);
}

void BoundaryView::setZoomRect(const std::optional<QRectF>& rect) {
    zoom_rect_ = rect;
    announceViewportSoon();
    update();
}

void BoundaryView::announceViewportSoon() {
    // A shown view announces after its next paint, when the plot has its size for the new window
    // and snapshot (the legend's place may change it): a raster made for the old size would stand
    // in for the new one (can_stand_for) and the picture would depend on the way it got there.
    viewport_pending_ = true;
    if (!isVisible()) announceViewport();
    update();
}

void BoundaryView::announceViewport() {
    const QSize pixels = geometry_ ? geometry_->plot().size().toSize() : size();
    emit viewportChanged(zoom_rect_ ? *zoom_rect_ : QRectF(), pixels);
}

void BoundaryView::paintEvent(QPaintEvent*) {
    ++paint_count_;
    QElapsedTimer clock;
    clock.start();
    QPainter painter(this);
    FigureOptions options = options_;
    options.data_rect = zoom_rect_ ? *zoom_rect_ : QRectF();
    if (!snapshot_) {
        painter.fillRect(rect(), Qt::white);
        painter.setPen(QColor(90, 90, 90));
        painter.drawText(rect(), Qt::AlignCenter,
                         loading_.isEmpty() ? tr("Loading the data...") : loading_);
        return;
    }
    const QSize old_plot = geometry_ ? geometry_->plot().size().toSize() : QSize();
    if (tool_ && tool_->ownsData()) options.show_points = false;
    geometry_ = paint_figure(painter, QRectF(rect()), *snapshot_, options);
    if (tool_) {
        painter.save();
        painter.setClipRect(geometry_->plot());
        tool_->paint(painter, *geometry_, *snapshot_);
        painter.restore();
    }
    if (!loading_.isEmpty()) {
        // The last picture stays, paled, under what is happening.
        painter.fillRect(rect(), QColor(255, 255, 255, 190));
        QFont font = painter.font();
        font.setPixelSize(std::clamp(std::min(width(), height()) / 24, 12, 28));
        painter.setFont(font);
        painter.setPen(QColor(40, 40, 40));
        painter.drawText(rect().adjusted(20, 20, -20, -20), Qt::AlignCenter | Qt::TextWordWrap,
                         loading_);
    }
    paint_ms_ += clock.nsecsElapsed() / 1e6;
    // The plot area changes with the legend's width and the font: ask for a raster that fits.
    if (geometry_->plot().size().toSize() != old_plot || viewport_pending_) {
        viewport_pending_ = false;
        announceViewport();
    }
}

void BoundaryView::resizeEvent(QResizeEvent* event) {
    QWidget::resizeEvent(event);
    update();
}

void BoundaryView::zoomBy(double factor, const QPointF& anchor_in_widget) {
    if (!geometry_ || !snapshot_) return;
    const QRectF current = currentRect();
    const QPointF anchor = geometry_->toData(anchor_in_widget);
    // Keep the data point under the cursor where it is.
    const double left = anchor.x() - (anchor.x() - current.left()) / factor;
    const double top = anchor.y() - (anchor.y() - current.top()) / factor;
    const QRectF next(left, top, current.width() / factor, current.height() / factor);
    const QRectF whole = default_data_rect(*snapshot_);
    // Between 1/200 of the data's extent and 20 times it: the raster stays meaningful.
    if (next.width() < whole.width() / 200 || next.width() > whole.width() * 20) return;
    setZoomRect(next);
}

void BoundaryView::wheelEvent(QWheelEvent* event) {
    const double steps = event->angleDelta().y() / 120.0;
    if (steps == 0) return;
    zoomBy(std::pow(1.2, steps), event->position());
    event->accept();
}

void BoundaryView::mousePressEvent(QMouseEvent* event) {
    if (tool_ && geometry_ && tool_->mousePress(event, *geometry_)) return;
    if (event->button() != Qt::LeftButton || !geometry_) return;
    drag_from_ = event->position();
    drag_start_rect_ = currentRect();
    setCursor(Qt::ClosedHandCursor);
}

void BoundaryView::mouseMoveEvent(QMouseEvent* event) {
    if (tool_ && geometry_ && tool_->mouseMove(event, *geometry_)) return;
    if (!drag_from_ || !geometry_) return;
    // The geometry maps screen to data linearly, so the drag's displacement maps the same way.
    const QPointF from = geometry_->toData(*drag_from_);
    const QPointF to = geometry_->toData(event->position());
    const QPointF shift = from - to;
    zoom_rect_ = drag_start_rect_.translated(shift);
    drag_start_rect_ = *zoom_rect_;
    drag_from_ = event->position();
    announceViewport();
    update();
}

void BoundaryView::mouseReleaseEvent(QMouseEvent* event) {
    if (tool_ && geometry_ && tool_->mouseRelease(event, *geometry_)) return;
    drag_from_.reset();
    unsetCursor();
}

void BoundaryView::mouseDoubleClickEvent(QMouseEvent* event) {
    if (tool_ && geometry_ && tool_->mouseDoubleClick(event, *geometry_)) return;
    resetZoom();
}

void BoundaryView::leaveEvent(QEvent* event) {
    if (tool_) tool_->leave();
    QWidget::leaveEvent(event);
}

void BoundaryView::keyPressEvent(QKeyEvent* event) {
    // For presenters at the front of the room, away from the mouse.
    const QPointF centre = geometry_ ? geometry_->plot().center() : QPointF(rect().center());
    // Ctrl with + and - zooms: + and - alone add and remove an expert (shortcuts.h).
    const bool control = event->modifiers() & Qt::ControlModifier;
    if (event->matches(QKeySequence::ZoomIn) || (control && event->key() == Qt::Key_Equal)) {
        zoomBy(1.25, centre);
        event->accept();
        return;
    }
    if (event->matches(QKeySequence::ZoomOut)) {
        zoomBy(0.8, centre);
        event->accept();
        return;
    }
    switch (event->key()) {
        case Qt::Key_0:
        case Qt::Key_Home:
            resetZoom();
            break;
        default:
            QWidget::keyPressEvent(event);
            return;
    }
    event->accept();
}

}  // namespace moelab
