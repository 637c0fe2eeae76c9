#pragma once
// The main window: the boundary view in the middle, the controls, the expert gallery and the metric
// charts in docks around it, menus and a status bar. It wires the panel's messages to the training
// worker and the worker's snapshots to the views; it never trains and never waits for the worker.
#include <QMainWindow>
#include <string>
#include <utility>
#include <vector>

#include "app_settings.h"
#include "figure_export.h"
#include "snapshot.h"
#include "stall_notice.h"
#include "training/config.h"

class QAction;
class QDockWidget;
class QLabel;
class QProgressBar;
class QTabWidget;

namespace moelab {

class BoundaryView;
class ControlPanel;
class EquationPanel;
class ExpertGallery;
class MetricsCharts;
class ReproduceDialog;
class ScenarioPanel;
class PlaneTools;
class PresentationMode;
class RegressionMode;
class RoutingView;
class TimelineBar;
class SessionController;
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
    // Regression sets train and show here (regression_mode.h).
    RegressionMode* regressionMode() const { return regression_; }
    EquationPanel* equations() const { return equations_; }
    // Null until Experiments > Reproduce the paper was opened.
    ReproduceDialog* reproduceDialog() const { return reproduce_dialog_; }
    // The routing table: the central one (data of more than two features) and the one in the
    // "Routing" dock beside the plane (2-D data).
    RoutingView* routingView() const { return routing_; }
    RoutingView* routingPanel() const { return routing_panel_; }
    QDockWidget* routingDock() const { return routing_dock_; }
    // The plane's mouse tools (Inspect, Draw), the Inspector panel and the drawn data.
    PlaneTools* planeTools() const { return plane_tools_; }
    // The replay scrubber under the plane.
    TimelineBar* timelineBar() const { return timeline_; }
    // The central tabs: the routing table and the plane (the plane alone for 2-D data).
    QTabWidget* centralTabs() const { return views_; }
    // True while the data has more than two features: the routing table leads, and the plane is
    // the projection on its first two principal components.
    bool showsHighDimensionalData() const { return high_dimensional_; }
    // Whether a data set is being loaded on the worker's thread right now.
    bool isLoading() const { return loading_; }
    SnapshotPtr lastSnapshot() const { return last_; }
    // File > Open / Save session and the recent files.
    SessionController* sessions() const { return sessions_; }
    // Puts the window's geometry and dock layout back as the last run left them (QSettings), and
    // saves them when the window closes. The app calls it; tests and headless runs do not.
    void restoreLayout();

    bool dialogsSuppressed() const { return dialogs_suppressed_; }
    void setDialogsSuppressed(bool suppressed) { dialogs_suppressed_ = suppressed; }

    // Writes the current figure as the view shows it (PNG, or SVG by the suffix).
    bool exportFigure(const QString& path, QSize size, double scale, bool paper_style,
                      bool include_gallery, bool include_charts, QString* error);
    PresentationMode* presentationMode() const { return presentation_; }
    // Applies and stores the preferences (the Settings dialog's OK): the palette and the
    // presentation scale at once; a new language offers a restart (unless dialogs are suppressed).
    void applySettings(const moelab::AppSettings& settings);

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
    void openSettings();
    void exportReplayInteractively();
    void about();
    // Experiments > Reproduce the paper: Table 1 trained side by side in a dialog.
    void openReproduceDialog();

  public:
    // Opens the guided scenario `name` (training/scenarios.h): one pane trains in this window
    // with its explanation in the Scenario panel; several open a compare window with the
    // explanation beside it. Returns the window showing it, or null for an unknown name.
    QWidget* openScenario(const std::string& name);
    ScenarioPanel* scenarioPanel() const { return scenario_panel_; }

  protected:
    void closeEvent(QCloseEvent* event) override;
    void showEvent(QShowEvent* event) override;
    bool eventFilter(QObject* watched, QEvent* event) override;

  private:
    void buildDocks();
    void buildMenus();
    void buildStatusBar();
    void saveLayout() const;
    void connectWorker();
    void onSnapshot(SnapshotPtr snapshot);
    void setHighDimensional(bool high);
    void updateProjectionShown();
    void onLoadingStarted(const QString& name);
    void onLoadingFinished();
    void orientGallery(const SnapshotPtr& snapshot);
    void onDiverged(const QString& message);
    void onFailed(const QString& message);
    void showError(const QString& title, const QString& message);
    ExportSettings exportSettings(QSize size, double scale, bool paper_style, bool include_gallery,
                                  bool include_charts) const;

    TrainingThread* training_ = nullptr;
    RegressionMode* regression_ = nullptr;
    // The panels of the classification training that the curve view hid, to show again after.
    std::vector<QDockWidget*> docks_hidden_for_regression_;
    BoundaryView* view_ = nullptr;
    ControlPanel* controls_ = nullptr;
    ExpertGallery* gallery_ = nullptr;
    MetricsCharts* charts_ = nullptr;
    EquationPanel* equations_ = nullptr;
    ReproduceDialog* reproduce_dialog_ = nullptr;
    ScenarioPanel* scenario_panel_ = nullptr;
    QDockWidget* scenario_dock_ = nullptr;
    QTabWidget* views_ = nullptr;
    RoutingView* routing_ = nullptr;
    RoutingView* routing_panel_ = nullptr;
    PlaneTools* plane_tools_ = nullptr;
    TimelineBar* timeline_ = nullptr;
    QDockWidget* gallery_dock_ = nullptr;
    QDockWidget* routing_dock_ = nullptr;
    bool docks_fitted_ = false;  // the side panels sized to the window once, when first shown
    bool high_dimensional_ = false;
    bool routing_dock_wanted_ = true;  // its state before data of many features hid it
    bool loading_ = false;
    QProgressBar* busy_ = nullptr;
    QLabel* epoch_label_ = nullptr;
    QLabel* rate_label_ = nullptr;
    QAction* phonetic_action_ = nullptr;
    // The View menu's switches and the figure option each shows (kept in step when a session
    // sets the options).
    std::vector<std::pair<QAction*, bool FigureOptions::*>> view_switches_;
    SessionController* sessions_ = nullptr;
    bool layout_persistent_ = false;
    SnapshotPtr last_;
    PresentationMode* presentation_ = nullptr;
    StallNotice stall_notice_;
    bool dialogs_suppressed_ = false;
    bool restore_controls_on_next_apply_ = false;
};

}  // namespace moelab
