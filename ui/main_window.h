#pragma once
// The main window: the boundary view in the middle, the controls, the expert gallery and the metric
// charts in docks around it, menus and a status bar. It wires the panel's messages to the training
// worker and the worker's snapshots to the views; it never trains and never waits for the worker.
#include <QMainWindow>

#include "figure_export.h"
#include "snapshot.h"
#include "training/config.h"

class QAction;
class QLabel;

namespace moelab {

class BoundaryView;
class ControlPanel;
class ExpertGallery;
class MetricsCharts;
class TrainingThread;
class TrainingWorker;

class MainWindow : public QMainWindow {
    Q_OBJECT
    // Tests and headless runs set this so that nothing waits for a click.
    Q_PROPERTY(bool dialogsSuppressed READ dialogsSuppressed WRITE setDialogsSuppressed)
  public:
    explicit MainWindow(const Config& config = {}, QWidget* parent = nullptr);
    ~MainWindow() override;

    TrainingWorker* worker() const;
    BoundaryView* boundaryView() const { return view_; }
    ControlPanel* controlPanel() const { return controls_; }
    ExpertGallery* gallery() const { return gallery_; }
    MetricsCharts* charts() const { return charts_; }
    SnapshotPtr lastSnapshot() const { return last_; }

    bool dialogsSuppressed() const { return dialogs_suppressed_; }
    void setDialogsSuppressed(bool suppressed) { dialogs_suppressed_ = suppressed; }

    // Writes the current figure as the view shows it (PNG, or SVG by the suffix).
    bool exportFigure(const QString& path, QSize size, double scale, bool paper_style,
                      bool include_gallery, bool include_charts, QString* error);
    // Stops the training thread (also done on close); safe to call twice.
    void shutdown();

  signals:
    void snapshotShown(moelab::SnapshotPtr snapshot);
    void divergenceReported(QString message);

  public slots:
    void applyConfig(const moelab::Config& config);
    void openCsv();
    void exportFigureInteractively();
    void copyFigure();
    void exportMetricsCsv();
    void about();

  protected:
    void closeEvent(QCloseEvent* event) override;

  private:
    void buildDocks();
    void buildMenus();
    void buildStatusBar();
    void connectWorker();
    void onSnapshot(SnapshotPtr snapshot);
    void orientGallery(const SnapshotPtr& snapshot);
    void onDiverged(const QString& message);
    void onFailed(const QString& message);
    void showError(const QString& title, const QString& message);
    ExportSettings exportSettings(QSize size, double scale, bool paper_style, bool include_gallery,
                                  bool include_charts) const;

    TrainingThread* training_ = nullptr;
    BoundaryView* view_ = nullptr;
    ControlPanel* controls_ = nullptr;
    ExpertGallery* gallery_ = nullptr;
    MetricsCharts* charts_ = nullptr;
    QLabel* epoch_label_ = nullptr;
    QLabel* rate_label_ = nullptr;
    QAction* phonetic_action_ = nullptr;
    SnapshotPtr last_;
    bool dialogs_suppressed_ = false;
    bool restore_controls_on_next_apply_ = false;
};

}  // namespace moelab
