#pragma once
// Experiments > Reproduce the paper: Table 1 of Jacobs, Jordan, Nowlan & Hinton (1991) in the app.
// The same runs as `moelab-cli reproduce` (analysis/table1.h), trained side by side on a thread of
// the dialog's own so the window stays responsive, with a progress bar that says how long is left,
// Cancel, the table beside the paper's figures, a box plot of epochs to criterion (Qt Charts), and
// exports of the plot (PNG) and of every run (CSV).
#include <QDialog>
#include <QElapsedTimer>
#include <atomic>
#include <memory>
#include <thread>
#include <vector>

#include "analysis/table1.h"

class QBoxPlotSeries;
class QChart;
class QChartView;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QProgressBar;
class QPushButton;
class QSpinBox;
class QTableWidget;

namespace moelab {

class CriterionControl;

class ReproduceDialog : public QDialog {
    Q_OBJECT
  public:
    explicit ReproduceDialog(QWidget* parent = nullptr);
    // Cancels a running experiment and waits for its trainings to stop (between two epochs).
    ~ReproduceDialog() override;

    // The settings the controls hold now.
    Table1Settings settings() const;
    void setSettings(const Table1Settings& settings);

    bool isRunning() const { return worker_.joinable() && !finished_; }
    // Runs finished of the experiment started last, and how many it has.
    int runsDone() const { return done_; }
    int runsTotal() const { return static_cast<int>(trials_.size()); }
    // The summaries of the last finished experiment (empty before one, and after a cancel).
    const std::vector<SystemSummary>& summaries() const { return summaries_; }
    QTableWidget* table() const { return table_; }
    QChart* boxPlot() const { return chart_; }
    QString verdict() const;

    // Every run of the last finished experiment as CSV (the format of moelab-cli reproduce's
    // runs.csv), and the box plot as PNG; written atomically. False and *error on failure.
    bool exportCsv(const QString& path, QString* error) const;
    bool exportPng(const QString& path, QSize size, QString* error) const;

  public slots:
    void start();
    void cancel();

  signals:
    void finished();

  protected:
    void closeEvent(QCloseEvent* event) override;

  private:
    void onRunDone();
    void onFinished(std::vector<RunOutcome> outcomes, QString failure);
    void showResults();
    // Puts the box plot of the last finished experiment into `chart` (replacing what it held).
    void fillBoxPlot(QChart* chart) const;
    void updateProgress();
    void setRunningState(bool running);
    void stopWorker();
    // The chart's title and the table's tooltip for a criterion of `kind`.
    void describeCriterion(CriterionKind kind);

    QSpinBox* runs_ = nullptr;
    CriterionControl* criterion_ = nullptr;
    QSpinBox* max_epochs_ = nullptr;
    QSpinBox* threads_ = nullptr;
    QDoubleSpinBox* lr_mixture_ = nullptr;
    QDoubleSpinBox* lr_network_ = nullptr;
    QComboBox* optimizer_mixture_ = nullptr;
    QComboBox* optimizer_network_ = nullptr;
    QComboBox* loss_ = nullptr;
    QSpinBox* batch_ = nullptr;
    QSpinBox* seed_ = nullptr;
    QPushButton* start_ = nullptr;
    QPushButton* cancel_ = nullptr;
    QPushButton* export_png_ = nullptr;
    QPushButton* export_csv_ = nullptr;
    QProgressBar* progress_ = nullptr;
    QLabel* status_ = nullptr;
    QLabel* verdict_label_ = nullptr;
    QTableWidget* table_ = nullptr;
    QChart* chart_ = nullptr;
    QChartView* chart_view_ = nullptr;

    Table1Settings running_settings_;
    std::vector<Table1Trial> trials_;
    std::vector<RunOutcome> outcomes_;
    std::vector<SystemSummary> summaries_;
    std::shared_ptr<std::atomic<bool>> cancel_flag_;
    std::thread worker_;
    bool finished_ = true;
    int done_ = 0;
    QElapsedTimer clock_;
};

}  // namespace moelab
