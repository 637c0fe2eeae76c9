#pragma once
// The learning curves (Qt Charts): the training loss of every epoch; train and test accuracy, the
// gate's entropy and H(expert | class) at the epochs whose full metrics were recorded; and the
// experts' utilisation as bars. The history is kept for CSV export in bounded memory (every epoch
// at first, evenly thinned in a long run: training/decimated_series.h); the charts plot at most
// max_points_per_series points of it, so a run of 100 000 epochs draws as fast as one of 100.
#include <QWidget>
#include <vector>

#include "snapshot.h"
#include "training/decimated_series.h"
#include "training/history.h"

class QTimer;
class QChart;
class QChartView;
class QAreaSeries;
class QLineSeries;
class QStackedBarSeries;
class QValueAxis;

namespace moelab {

class MarkedChartView;

class MetricsCharts : public QWidget {
    Q_OBJECT
  public:
    static constexpr int max_points_per_series = 2000;
    // The metrics rows kept for export before the history thins out (a few kilobytes each).
    static constexpr size_t kKeptRows = 4096;

    explicit MetricsCharts(QWidget* parent = nullptr);

    // Writes the history kept (not the curves drawn) as CSV, atomically: the file is
    // either the complete new table or untouched. One row per epoch with its training loss, and
    // the full metrics where they were recorded (empty fields elsewhere). On failure returns false
    // and sets *error.
    bool exportCsv(const QString& path, QString* error) const;

    // Epochs with full metrics, and epochs with a training loss, kept.
    long historySize() const { return static_cast<long>(rows_.size()); }
    long lossCount() const { return static_cast<long>(losses_.size()); }
    // The most points any line series holds right now.
    int plottedPointCount() const;
    // Brings the charts up to date at once instead of at the next repaint tick.
    void refreshNow();
    // The knob changes marked on the time axes, and the views of the charts that have one.
    const std::vector<KnobChange>& knobChanges() const { return knob_changes_; }
    const std::vector<MarkedChartView*>& timeChartViews() const { return time_views_; }

  public slots:
    void showSnapshot(moelab::SnapshotPtr snapshot);
    void clear();

  protected:
    void resizeEvent(QResizeEvent* event) override;

  private:
    struct Row {
        long epoch = 0;
        double loss = 0, train_accuracy = 0, test_accuracy = 0, gate_entropy = 0, seconds = 0;
        int active_experts = 0;
        // The routing table's entropies and information (bits), and its companions.
        double expert_given_class = 0, class_given_expert = 0, information = 0;
        int dead_experts = 0;
        long dropped_cases = 0;
        double balance_loss = 0;
        // Entanglement: the gate's top expert alone on every training case (NaN: unknown).
        double top_expert_accuracy = 0;
        // Per expert (expert_columns_ each): utilisation, top share, accuracy on its own cases.
        std::vector<double> utilisation, top_share, own_accuracy;
    };

    void append(const EpochMetrics& metrics);
    void scheduleRefresh();
    void refreshCurves();
    void refreshUtilisation();
    QChart* makeChart(const QString& title);

    DecimatedSeries<Row> rows_{kKeptRows};                       // increasing epochs
    DecimatedSeries<LossPoint> losses_{History::kLossCapacity};  // increasing epochs
    int expert_columns_ = 0;  // width of the rows' per-expert columns
    std::vector<double> latest_utilisation_;
    std::vector<KnobChange> knob_changes_;
    std::vector<MarkedChartView*> time_views_;  // loss, accuracy, entropies
    bool curves_dirty_ = false, utilisation_dirty_ = false;
    QTimer* refresh_timer_ = nullptr;

    QLineSeries* loss_series_ = nullptr;
    QLineSeries* train_series_ = nullptr;
    QLineSeries* test_series_ = nullptr;
    QLineSeries* top_expert_series_ = nullptr;  // the gate's top expert alone
    QAreaSeries* gap_area_ = nullptr;           // between the mixture and its top expert
    QLineSeries* gap_upper_ = nullptr;          // the area's edges (not drawn themselves)
    QLineSeries* gap_lower_ = nullptr;
    QLineSeries* entropy_series_ = nullptr;
    QLineSeries* specialisation_series_ = nullptr;  // H(expert | class)
    QLineSeries* max_entropy_series_ = nullptr;
    QValueAxis* loss_x_ = nullptr;
    QValueAxis* loss_y_ = nullptr;
    QValueAxis* accuracy_x_ = nullptr;
    QValueAxis* entropy_x_ = nullptr;
    QValueAxis* entropy_y_ = nullptr;
    QStackedBarSeries* utilisation_series_ = nullptr;
    QValueAxis* utilisation_x_ = nullptr;
    QValueAxis* utilisation_y_ = nullptr;
    int utilisation_experts_ = -1;
};

}  // namespace moelab
