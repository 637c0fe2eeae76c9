#pragma once
// Compare mode's one chart (Qt Charts): the training loss (solid, left axis) and the mixture's
// training accuracy (dashed, right axis) of every pane against the epoch, one colour per pane,
// the legend naming the panes. Redrawn a few times a second from the panes' snapshots, each curve
// decimated to at most max_points_per_series points.
#include <QColor>
#include <QWidget>
#include <vector>

#include "snapshot.h"

class QChart;
class QChartView;
class QLineSeries;
class QTimer;
class QValueAxis;

namespace moelab {

class CompareChart : public QWidget {
    Q_OBJECT
  public:
    static constexpr int max_points_per_series = 1000;

    explicit CompareChart(QWidget* parent = nullptr);

    // One pane's curves, named `title`, drawn in `color`; returns its index.
    int addPane(const QString& title, const QColor& color);
    int paneCount() const { return static_cast<int>(panes_.size()); }
    QChart* chart() const { return chart_; }
    // The loss and accuracy series of pane `index` (tests read them).
    QLineSeries* lossSeries(int index) const;
    QLineSeries* accuracySeries(int index) const;
    // Brings the curves up to date now instead of at the next redraw tick.
    void refreshNow();

  public slots:
    void showSnapshot(int pane, moelab::SnapshotPtr snapshot);

  private:
    struct Pane {
        std::vector<LossPoint> losses;                  // (epoch, training loss), increasing
        std::vector<std::pair<long, double>> accuracy;  // (epoch, training accuracy)
        QLineSeries* loss_series = nullptr;
        QLineSeries* accuracy_series = nullptr;
    };

    void refresh();

    std::vector<Pane> panes_;
    QChart* chart_ = nullptr;
    QChartView* view_ = nullptr;
    QValueAxis* epoch_axis_ = nullptr;
    QValueAxis* loss_axis_ = nullptr;
    QValueAxis* accuracy_axis_ = nullptr;
    QTimer* refresh_timer_ = nullptr;
    bool dirty_ = false;
};

}  // namespace moelab
