#pragma once
// Presentation mode (F11, Esc leaves): the window full screen with the plane alone, drawn with
// large fonts, thick lines and big points (the figure's font_scale, which scales all three), the
// routing table of high-dimensional data (Fashion-MNIST) with its text and rows as much larger, and
// one bar of essential controls in large type across the top: play/pause, step, reset, the loss,
// N and K, the epoch and the accuracy. Readable from the back of a room on a 1920 x 1080
// projector. Leaving restores the exact layout of before (docks, toolbars, window state).
//
// The bar's controls change the model through the control panel (ControlPanel::setKnobValue), the
// one path every change takes, and show the panel's config whenever it changes.
#include <QByteArray>
#include <QFont>
#include <QObject>
#include <QPointer>

#include "snapshot.h"

class QAction;
class QComboBox;
class QLabel;
class QMainWindow;
class QSpinBox;
class QTabBar;
class QToolBar;
class QToolButton;

namespace moelab {

class BoundaryView;
class ControlPanel;
class RoutingView;

class PresentationMode : public QObject {
    Q_OBJECT
  public:
    PresentationMode(QMainWindow* window, ControlPanel* panel, BoundaryView* view);

    bool isActive() const { return active_; }
    // The checkable "Presentation mode" action (F11), for the View menu.
    QAction* toggleAction() const { return toggle_; }
    // How much larger the plane's fonts, lines and points are drawn (Settings; 1.6 by default).
    double scale() const { return scale_; }
    void setScale(double scale);
    // The bar of essential controls while the mode is on; null otherwise.
    QToolBar* bar() const { return bar_; }
    // The routing table shown in the centre for data of more than two features: its text and
    // rows grow by the same scale while the mode is on, and get their size back on leaving.
    void setRoutingView(RoutingView* routing);

  public slots:
    void setActive(bool active);
    void showSnapshot(moelab::SnapshotPtr snapshot);

  signals:
    void activeChanged(bool active);

  protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

  private:
    void enter();
    void leave();
    void buildBar();
    void fitBarFont();
    void showConfig();

    QMainWindow* window_;
    ControlPanel* panel_;
    BoundaryView* view_;
    QPointer<RoutingView> routing_;
    QAction* toggle_ = nullptr;
    QAction* leave_ = nullptr;
    bool active_ = false;
    double scale_ = 1.6;

    // What leaving restores.
    QByteArray saved_state_;
    QByteArray saved_geometry_;
    Qt::WindowStates saved_window_state_;
    bool menu_was_visible_ = true;
    bool status_was_visible_ = true;
    double saved_font_scale_ = 1.0;
    double saved_routing_scale_ = 1.0;
    // The tabs over the centre (routing table, projection) of high-dimensional data: in the bar's
    // type while the mode is on, their own font after.
    QPointer<QTabBar> tabs_;
    bool tabs_had_font_ = false;
    QFont tabs_font_;

    SnapshotPtr last_;
    QToolBar* bar_ = nullptr;
    QToolButton* play_ = nullptr;
    QComboBox* loss_ = nullptr;
    QSpinBox* experts_ = nullptr;
    QSpinBox* top_k_ = nullptr;
    QLabel* epoch_ = nullptr;
    QLabel* accuracy_ = nullptr;
};

}  // namespace moelab
