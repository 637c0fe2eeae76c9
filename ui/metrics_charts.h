#pragma once
// The learning curves (Qt Charts): the training loss of every epoch; train and test accuracy, the
// gate's entropy and H(expert | class) at the epochs whose full metrics were recorded; and the
// experts' utilisation as bars. The whole history is kept for CSV export; the charts plot at most
// max_points_per_series points of it, so a run of 100 000 epochs draws as fast as one of 100.
#include <QWidget>
#include <vector>

#include "snapshot.h"

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

    explicit MetricsCharts(QWidget* parent = nullptr);

    // Writes every epoch of the history (not the decimated curves) as CSV, atomically: the file is
    // either the complete new table or untouched. One row per epoch with its training loss, and
    // the full metrics where they were recorded (empty fields elsewhere). On failure returns false
    // and sets *error.
    bool exportCsv(const QString& path, QString* error) const;

    // Epochs with full metrics, and epochs with a training loss.
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
    };

    void append(const EpochMetrics& metrics);
    void scheduleRefresh();
    void refreshCurves();
    void refreshUtilisation();
    QChart* makeChart(const QString& title);

    std::vector<Row> rows_;
    std::vector<double> losses_;        // losses_[e - 1]: the training loss of epoch e
    int expert_columns_ = 0;            // width of the per-expert tables below
    std::vector<double> utilisation_;   // rows x expert_columns_, row-major
    std::vector<double> top_share_;     // rows x expert_columns_, row-major
    std::vector<double> own_accuracy_;  // rows x expert_columns_: each expert on its own cases
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
