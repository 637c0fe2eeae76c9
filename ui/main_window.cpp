#include "main_window.h"

#include <QAbstractSlider>
#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QDockWidget>
#include <QFileDialog>
#include <QFileInfo>
#include <QKeyEvent>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QScreen>
#include <QScrollArea>
#include <QScrollBar>
#include <QSettings>
#include <QSignalBlocker>
#include <QStatusBar>
#include <QTabBar>
#include <QTabWidget>
#include <QVBoxLayout>
#include <cmath>

#include "boundary_view.h"
#include "compare_view.h"
#include "control_panel.h"
#include "equation_panel.h"
#include "expert_gallery.h"
#include "export_dialog.h"
#include "metrics_charts.h"
#include "number_format.h"
#include "plane_tools.h"
#include "presentation_mode.h"
#include "regression_headless.h"
#include "regression_mode.h"
#include "replay_export_dialog.h"
#include "reproduce_dialog.h"
#include "routing_view.h"
#include "scenario_panel.h"
#include "session_controller.h"
#include "settings_dialog.h"
#include "shortcuts.h"
#include "thread_handoff.h"
#include "timeline_bar.h"
#include "training/scenarios.h"
#include "training_worker.h"

// The icon is compiled into the static moelab_ui library, whose resources a program must register;
// doing it here serves the app and the tests alike. (Q_INIT_RESOURCE must not be in a namespace.)
static void registerResources() {
    Q_INIT_RESOURCE(moelab);
}

namespace moelab {

namespace {

// The central tabs.
constexpr int kRoutingTab = 0;
constexpr int kPlaneTab = 1;
constexpr int kCurveTab = 2;  // regression sets (regression_mode.h)

}  // namespace

MainWindow::MainWindow(const Config& config, QWidget* parent)
    : QMainWindow(parent), training_(new TrainingThread(this)) {
    registerResources();
    setWindowTitle(tr("MoE Lab: adaptive mixtures of local experts"));
    setWindowIcon(QIcon(QStringLiteral(":/icons/moelab.svg")));
    // The centre: the plane, and for data of more than two features the routing table first
    // (the plane then shows the projection on the first two principal components).
    view_ = new BoundaryView;
    routing_ = new RoutingView;
    routing_->setObjectName(QStringLiteral("routingView"));
    views_ = new QTabWidget;
    views_->setObjectName(QStringLiteral("centralTabs"));
    views_->setDocumentMode(true);
    views_->addTab(routing_, tr("Routing table"));
    views_->addTab(view_, tr("Plane"));
    regression_ = new RegressionMode(this);
    views_->addTab(regression_->view(), tr("Curve"));
    views_->setTabVisible(kRoutingTab, false);
    views_->setTabVisible(kCurveTab, false);
    views_->tabBar()->setVisible(false);
    views_->setCurrentIndex(kPlaneTab);
    // The replay scrubber under the plane: one line, the plane keeps its height.
    timeline_ = new TimelineBar(view_);
    auto* centre = new QWidget;
    auto* centre_layout = new QVBoxLayout(centre);
    centre_layout->setContentsMargins(0, 0, 0, 0);
    centre_layout->setSpacing(0);
    centre_layout->addWidget(views_, 1);
    centre_layout->addWidget(timeline_);
    setCentralWidget(centre);
    buildDocks();
    presentation_ = new PresentationMode(this, controls_, view_);
    presentation_->setScale(load_app_settings().presentation_scale);
    presentation_->setRoutingView(routing_);
    buildMenus();
    buildStatusBar();
    connectWorker();

    controls_->setConfig(config);
    applyConfig(config);
    const double speed = controls_->epochsPerSecond();
    post_to(
        worker(), [w = worker(), speed] { w->setSpeed(speed); }, Qt::QueuedConnection);
    // 1440 x 900, or the screen's free area when it is smaller (a 1280 x 720 projector).
    QSize size(1440, 900);
    if (const QScreen* shown_on = screen())
        size = size.boundedTo(shown_on->availableGeometry().size());
    resize(size);
}

void MainWindow::restoreLayout() {
    layout_persistent_ = true;
    const QSettings settings;
    const QByteArray geometry = settings.value(QStringLiteral("window/geometry")).toByteArray();
    const QByteArray state = settings.value(QStringLiteral("window/state")).toByteArray();
    if (!geometry.isEmpty()) restoreGeometry(geometry);
    // The user's own dock sizes replace the fitting done on the first show.
    if (!state.isEmpty() && restoreState(state)) docks_fitted_ = true;
}

void MainWindow::saveLayout() const {
    if (!layout_persistent_) return;
    QSettings settings;
    settings.setValue(QStringLiteral("window/geometry"), saveGeometry());
    settings.setValue(QStringLiteral("window/state"), saveState());
}

void MainWindow::showEvent(QShowEvent* event) {
    QMainWindow::showEvent(event);
    if (docks_fitted_) return;
    docks_fitted_ = true;
    // Once, at the size the window opens with: the side panels take what they need and the plane
    // stays the largest thing (at 1280 x 720 about half the width). Later the user's own dock
    // sizes are kept.
    const int right = std::clamp(width() * 26 / 100, 260, 480);
    resizeDocks({gallery_dock_}, {right}, Qt::Horizontal);
    if (QDockWidget* controls = findChild<QDockWidget*>(QStringLiteral("controls")))
        resizeDocks({controls}, {controls->minimumSizeHint().width()}, Qt::Horizontal);
}

MainWindow::~MainWindow() {
    shutdown();
}

TrainingWorker* MainWindow::worker() const {
    return training_->worker();
}

void MainWindow::shutdown() {
    regression_->shutdown();
    training_->stop();
}

void MainWindow::closeEvent(QCloseEvent* event) {
    saveLayout();
    shutdown();
    event->accept();
}

bool MainWindow::eventFilter(QObject* watched, QEvent* event) {
    // A focused slider keeps its arrow keys: Right moves it rather than stepping the training.
    if (event->type() == QEvent::ShortcutOverride && qobject_cast<QAbstractSlider*>(watched)) {
        const int key = static_cast<QKeyEvent*>(event)->key();
        if (key == Qt::Key_Right || key == Qt::Key_Left) {
            event->accept();
            return true;
        }
    }
    return QMainWindow::eventFilter(watched, event);
}

void MainWindow::buildDocks() {
    setDockNestingEnabled(true);
    controls_ = new ControlPanel;
    auto* scroll = new QScrollArea;
    scroll->setWidget(controls_);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    // Wide enough for every control without a horizontal scroll bar.
    scroll->setMinimumWidth(controls_->sizeHint().width() +
                            scroll->verticalScrollBar()->sizeHint().width());
    auto* controls_dock = new QDockWidget(tr("Controls"), this);
    controls_dock->setObjectName(QStringLiteral("controls"));
    controls_dock->setWidget(scroll);
    addDockWidget(Qt::LeftDockWidgetArea, controls_dock);

    gallery_ = new ExpertGallery;
    auto* gallery_dock = new QDockWidget(tr("Experts"), this);
    gallery_dock_ = gallery_dock;
    gallery_dock->setObjectName(QStringLiteral("gallery"));
    gallery_dock->setWidget(gallery_);
    addDockWidget(Qt::RightDockWidgetArea, gallery_dock);

    // The routing table of 2-D data, a tab beside the experts: one click shows it while the plane
    // keeps its size (a projector at 1280 x 720 has no room for both at once).
    routing_panel_ = new RoutingView;
    routing_panel_->setObjectName(QStringLiteral("routingPanel"));
    routing_panel_->setShowImages(false);
    routing_dock_ = new QDockWidget(tr("Routing"), this);
    routing_dock_->setObjectName(QStringLiteral("routing"));
    routing_dock_->setWidget(routing_panel_);
    addDockWidget(Qt::RightDockWidgetArea, routing_dock_);

    charts_ = new MetricsCharts;
    auto* charts_dock = new QDockWidget(tr("Learning curves"), this);
    charts_dock->setObjectName(QStringLiteral("charts"));
    charts_dock->setWidget(charts_);
    addDockWidget(Qt::RightDockWidgetArea, charts_dock);
    splitDockWidget(gallery_dock, charts_dock, Qt::Vertical);
    tabifyDockWidget(gallery_dock, routing_dock_);

    // The loss and its gradients as formulas, a tab beside the experts and the routing table.
    equations_ = new EquationPanel;
    auto* equations_dock = new QDockWidget(tr("Equations"), this);
    equations_dock->setObjectName(QStringLiteral("equations"));
    equations_dock->setWidget(equations_);
    addDockWidget(Qt::RightDockWidgetArea, equations_dock);
    tabifyDockWidget(gallery_dock, equations_dock);

    // A guided scenario's explanation; shown when one is opened (Scenarios menu).
    scenario_panel_ = new ScenarioPanel;
    scenario_dock_ = new QDockWidget(tr("Scenario"), this);
    scenario_dock_->setObjectName(QStringLiteral("scenario"));
    scenario_dock_->setWidget(scenario_panel_);
    addDockWidget(Qt::RightDockWidgetArea, scenario_dock_);
    tabifyDockWidget(gallery_dock, scenario_dock_);
    scenario_dock_->hide();
    gallery_dock->raise();
    resizeDocks({gallery_dock, charts_dock}, {330, 520}, Qt::Vertical);
    plane_tools_ = new PlaneTools(this);
}

void MainWindow::buildMenus() {
    QMenu* file = menuBar()->addMenu(tr("&File"));
    sessions_ = new SessionController(this);
    sessions_->addActions(file);
    file->addSeparator();
    file->addAction(tr("&Open CSV..."), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_O), this,
                    &MainWindow::openCsv);
    file->addSeparator();
    file->addAction(tr("&Export figure..."), QKeySequence(tr("Ctrl+E")), this,
                    &MainWindow::exportFigureInteractively);
    file->addAction(tr("&Copy figure"), QKeySequence(tr("Ctrl+Shift+C")), this,
                    &MainWindow::copyFigure);
    file->addAction(tr("Export &metrics CSV..."), this, &MainWindow::exportMetricsCsv);
    file->addAction(tr("Export re&play..."), this, &MainWindow::exportReplayInteractively);
    file->addSeparator();
    file->addAction(tr("&Settings..."), QKeySequence::Preferences, this, &MainWindow::openSettings)
        ->setObjectName(QStringLiteral("settingsAction"));
    file->addSeparator();
    file->addAction(tr("&Quit"), QKeySequence::Quit, this, &QWidget::close);

    // Space, Right and R drive the training from anywhere in the window, whichever panels are
    // open (a presenter at the front of the room): window shortcuts, which a text field still
    // takes for typing and a focused slider for its arrows (eventFilter).
    QMenu* run = menuBar()->addMenu(tr("&Run"));
    auto press = [this](const char* button) {
        if (auto* target = controls_->findChild<QPushButton*>(QLatin1String(button)))
            target->click();
    };
    QAction* play = run->addAction(tr("&Play / pause"), this, [press] { press("playButton"); });
    play->setObjectName(QStringLiteral("playAction"));
    play->setShortcut(QKeySequence(Qt::Key_Space));
    QAction* step = run->addAction(tr("&Step one epoch"), this, [press] { press("stepButton"); });
    step->setObjectName(QStringLiteral("stepAction"));
    step->setShortcut(QKeySequence(Qt::Key_Right));
    QAction* reset = run->addAction(tr("&Reset"), this, [press] { press("resetButton"); });
    reset->setObjectName(QStringLiteral("resetAction"));
    reset->setShortcut(QKeySequence(Qt::Key_R));
    for (QAction* action : {play, step, reset}) {
        action->setShortcutContext(Qt::WindowShortcut);
        addAction(action);  // also while the menu bar is hidden (presentation mode)
    }
    install_model_shortcuts(this, controls_, run);
    for (QAbstractSlider* slider : findChildren<QAbstractSlider*>())
        slider->installEventFilter(this);

    QMenu* view = menuBar()->addMenu(tr("&View"));
    auto toggle = [&](const QString& text, bool FigureOptions::*option, auto slot) {
        QAction* action = view->addAction(text);
        action->setCheckable(true);
        action->setChecked(view_->options().*option);
        connect(action, &QAction::toggled, view_, slot);
        view_switches_.emplace_back(action, option);
        return action;
    };
    toggle(tr("&Gate regions"), &FigureOptions::show_regions, &BoundaryView::setShowRegions);
    toggle(tr("Tint by predicted &class"), &FigureOptions::tint_by_class,
           &BoundaryView::setTintByClass);
    toggle(tr("&Expert boundaries"), &FigureOptions::show_expert_lines,
           &BoundaryView::setShowExpertLines);
    toggle(tr("Gate &boundaries"), &FigureOptions::show_gate_lines,
           &BoundaryView::setShowGateLines);
    toggle(tr("Data &points"), &FigureOptions::show_points, &BoundaryView::setShowPoints);
    toggle(tr("&Test points"), &FigureOptions::show_test_points, &BoundaryView::setShowTestPoints);
    toggle(tr("&Legend"), &FigureOptions::show_legend, &BoundaryView::setShowLegend);
    phonetic_action_ =
        toggle(tr("&Phonetic orientation (F2 across, F1 down)"),
               &FigureOptions::phonetic_orientation, &BoundaryView::setPhoneticOrientation);
    toggle(tr("Pape&r style"), &FigureOptions::paper_style, &BoundaryView::setPaperStyle);
    // Options set all at once (an opened session) show in the menu too.
    connect(view_, &BoundaryView::optionsChanged, this, [this](const FigureOptions& options) {
        for (const auto& [action, option] : view_switches_) {
            const QSignalBlocker quiet(action);
            action->setChecked(options.*option);
        }
    });
    view->addAction(tr("&Reset zoom"), QKeySequence(tr("Ctrl+0")), view_, &BoundaryView::resetZoom);
    // Compare mode trains its own panes from this window's settings; this training pauses
    // meanwhile, so the panes have the machine.
    QAction* compare = view->addAction(tr("&Compare..."), this, [this] {
        if (regression_->active()) {
            showError(tr("Compare"), tr("Compare mode shows classifications side by side; a "
                                        "regression set is shown in the curve view. Change "
                                        "the loss and press Reset to compare eq. 1 and eq. 3 "
                                        "here."));
            return;
        }
        if (TrainingWorker* w = worker())
            post_to(
                w, [w] { w->setPlaying(false); }, Qt::QueuedConnection);
        open_compare(this, controls_->config());
    });
    compare->setObjectName(QStringLiteral("compareAction"));
    view->addSeparator();
    view->addAction(presentation_->toggleAction());
    view->addSeparator();
    for (QDockWidget* dock : findChildren<QDockWidget*>())
        view->addAction(dock->toggleViewAction());

    plane_tools_->buildMenu(menuBar(), nullptr);

    QMenu* experiments = menuBar()->addMenu(tr("E&xperiments"));
    QAction* reproduce = experiments->addAction(tr("&Reproduce the paper (Table 1)..."), this,
                                                &MainWindow::openReproduceDialog);
    reproduce->setObjectName(QStringLiteral("reproduceAction"));
    // Guided scenarios: a stored setting (or two panes of compare mode) and what to watch.
    QMenu* scenarios = menuBar()->addMenu(tr("&Scenarios"));
    for (const ScenarioSetup& setup : scenario_setups()) {
        const std::string name = setup.name;
        QAction* action = scenarios->addAction(scenario_text(name).title, this,
                                               [this, name] { openScenario(name); });
        action->setObjectName(QStringLiteral("scenario_") + QString::fromStdString(name));
    }

    QMenu* help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&About MoE Lab"), this, &MainWindow::about);
    help->addAction(tr("About &Qt"), qApp, &QApplication::aboutQt);
}

QWidget* MainWindow::openScenario(const std::string& name) {
    const ScenarioSetup* setup = find_scenario(name);
    if (!setup) return nullptr;
    if (setup->panes.size() > 1) {
        // Compare mode has the machine meanwhile, as View > Compare.
        if (TrainingWorker* w = worker())
            post_to(
                w, [w] { w->setPlaying(false); }, Qt::QueuedConnection);
        auto* window = new ScenarioCompareWindow(*setup, this);
        window->resize(size());
        window->show();
        return window;
    }
    // One pane: this window trains it from epoch 0, its explanation in the Scenario panel.
    Config config = setup->panes.front();
    config.epochs = controls_->config().epochs;
    controls_->setConfig(config);
    applyConfig(config);
    if (regression_->active())
        regression_->restart();
    else if (TrainingWorker* w = worker())
        post_to(
            w, [w] { w->reset(); }, Qt::QueuedConnection);
    view_->setPaperStyle(setup->paper_style);
    view_->setPhoneticOrientation(setup->phonetic);
    scenario_panel_->setScenario(name);
    scenario_dock_->show();
    scenario_dock_->raise();
    return this;
}

void MainWindow::openReproduceDialog() {
    // One dialog, kept while the window lives: its runs go on when it is hidden behind the window.
    if (!reproduce_dialog_) reproduce_dialog_ = new ReproduceDialog(this);
    reproduce_dialog_->show();
    reproduce_dialog_->raise();
    reproduce_dialog_->activateWindow();
}

void MainWindow::buildStatusBar() {
    // Turns while a data set loads on the worker's thread (Fashion-MNIST: a second or two); the
    // window stays responsive meanwhile.
    busy_ = new QProgressBar;
    busy_->setObjectName(QStringLiteral("loadingIndicator"));
    busy_->setRange(0, 0);
    busy_->setMaximumWidth(160);
    busy_->setVisible(false);
    statusBar()->addPermanentWidget(busy_);
    epoch_label_ = new QLabel(tr("Epoch %1").arg(format_count(0)));
    epoch_label_->setObjectName(QStringLiteral("statusEpochLabel"));
    rate_label_ = new QLabel(tr("paused"));
    epoch_label_->setMinimumWidth(110);
    rate_label_->setMinimumWidth(130);
    statusBar()->addPermanentWidget(epoch_label_);
    statusBar()->addPermanentWidget(rate_label_);
}

void MainWindow::connectWorker() {
    TrainingWorker* w = worker();
    // The worker lives on its own thread: every connection below is queued, none blocks.
    // applyConfig sends a regression set's config to the regression mode instead, and the
    // mode routes play, step and reset to the worker in effect.
    connect(controls_, &ControlPanel::configChanged, this, &MainWindow::applyConfig);
    regression_->connectControls(controls_, w);
    connect(regression_, &RegressionMode::activeChanged, this, [this](bool active) {
        views_->setTabVisible(kCurveTab, active);
        // The experts, routing, learning-curve and inspector panels show the classification
        // training: hidden while the curve view is on, shown again as they were after.
        if (active) {
            for (QDockWidget* dock :
                 {gallery_dock_, routing_dock_, findChild<QDockWidget*>(QStringLiteral("charts")),
                  findChild<QDockWidget*>(QStringLiteral("inspector"))}) {
                if (!dock || dock->isHidden()) continue;
                dock->hide();
                docks_hidden_for_regression_.push_back(dock);
            }
        } else {
            for (QDockWidget* dock : docks_hidden_for_regression_) dock->show();
            docks_hidden_for_regression_.clear();
        }
        views_->setCurrentIndex(active ? kCurveTab : (high_dimensional_ ? kRoutingTab : kPlaneTab));
    });
    connect(regression_, &RegressionMode::pictureShown, this, [this](long epoch, bool running) {
        controls_->setEpoch(epoch);
        epoch_label_->setText(tr("Epoch %1").arg(format_count(epoch)));
        rate_label_->setText(running ? tr("training") : tr("paused"));
    });
    connect(regression_, &RegressionMode::failed, this, &MainWindow::onFailed);
    // An opened classification session: the curve view gives way to it. An opened regression
    // session is on in the curve view already: its config goes where applyConfig sends it.
    connect(sessions_, &SessionController::sessionOpened, this, [this] {
        const Config config = controls_->config();
        if (is_regression_config(config))
            applyConfig(config);
        else
            regression_->takeConfig(config);
    });
    connect(regression_, &RegressionMode::diverged, this, &MainWindow::onDiverged);
    connect(controls_, &ControlPanel::speedChanged, w, &TrainingWorker::setSpeed);
    connect(controls_, &ControlPanel::openCsvRequested, this, &MainWindow::openCsv);
    connect(view_, &BoundaryView::viewportChanged, w, &TrainingWorker::setViewport);

    connect(w, &TrainingWorker::snapshotReady, this, &MainWindow::onSnapshot);
    connect(w, &TrainingWorker::diverged, this, &MainWindow::onDiverged);
    connect(w, &TrainingWorker::failed, this, &MainWindow::onFailed);
    // After a refused change the worker reports the config it kept: show that one again, so the
    // controls never claim a setting that is not in effect. (Only then: during a drag, late
    // replies would pull the sliders back.)
    connect(w, &TrainingWorker::configApplied, this, [this](const Config& kept) {
        if (!restore_controls_on_next_apply_) return;
        restore_controls_on_next_apply_ = false;
        controls_->setConfig(kept);
    });
    connect(w, &TrainingWorker::runningChanged, controls_, &ControlPanel::setRunning);
    connect(w, &TrainingWorker::loadingStarted, this, &MainWindow::onLoadingStarted);
    connect(w, &TrainingWorker::loadingFinished, this, &MainWindow::onLoadingFinished);
    connect(views_, &QTabWidget::currentChanged, this, &MainWindow::updateProjectionShown);
    // The timeline replays the plane: shown with it. While it shows a stored epoch the training
    // goes on and the charts stay live; the plane shows the live training again at its end.
    connect(views_, &QTabWidget::currentChanged, this,
            [this] { timeline_->setVisible(views_->currentWidget() == view_); });
    connect(timeline_, &TimelineBar::frameShown, view_, &BoundaryView::showSnapshot);
    connect(timeline_, &TimelineBar::liveShown, this, [this] {
        if (last_) view_->showSnapshot(last_);
    });

    connect(gallery_, &ExpertGallery::expertClicked, view_, &BoundaryView::setHighlightedExpert);
    connect(view_, &BoundaryView::optionsChanged, this, [this](const FigureOptions& options) {
        gallery_->setSelectedExpert(options.highlighted_expert);
        orientGallery(last_);
    });
}

void MainWindow::applyConfig(const Config& config) {
    TrainingWorker* w = worker();
    if (!w) return;
    if (regression_->takeConfig(config)) {
        equations_->setConfig(config);
        // The classification training waits meanwhile.
        post_to(
            w, [w] { w->setPlaying(false); }, Qt::QueuedConnection);
        return;
    }
    post_to(
        w, [w, config] { w->setConfig(config); }, Qt::QueuedConnection);
}

void MainWindow::onSnapshot(SnapshotPtr snapshot) {
    if (!snapshot) return;
    last_ = snapshot;
    if (snapshot->dataset) setHighDimensional(snapshot->dataset->dimensions() != 2);
    timeline_->setLive(snapshot);
    if (!timeline_->isScrubbing()) view_->showSnapshot(snapshot);
    // Only the routing table on screen repaints; the other keeps the snapshot for when it shows.
    routing_->showSnapshot(snapshot);
    routing_panel_->showSnapshot(snapshot);
    orientGallery(snapshot);
    gallery_->showSnapshot(snapshot);
    charts_->showSnapshot(snapshot);
    // In the curve view the equations, the controls and the status bar follow the regression
    // (applyConfig, pictureShown); the paused classification training may still publish (its
    // first snapshot after the window opened a regression session).
    if (!regression_->active()) {
        equations_->setConfig(snapshot->config);
        controls_->setEpoch(snapshot->epoch);
        epoch_label_->setText(tr("Epoch %1").arg(format_count(snapshot->epoch)));
        rate_label_->setText(
            snapshot->running
                ? tr("%1 epochs/s").arg(format_count(std::llround(snapshot->epochs_per_second)))
                : tr("paused"));
    }
    if (!snapshot->message.isEmpty()) statusBar()->showMessage(snapshot->message, 8000);
    presentation_->showSnapshot(snapshot);
    // A stall of linear experts is said on the figure (and so in presentation mode and exports)
    // and once in the status bar.
    if (const QString& notice = stall_notice_.update(*snapshot);
        notice != view_->options().notice) {
        FigureOptions options = view_->options();
        options.notice = notice;
        view_->setOptions(options);
        if (!notice.isEmpty()) statusBar()->showMessage(notice, 20000);
    }
    if (snapshot->dataset) phonetic_action_->setEnabled(is_vowel_data(*snapshot->dataset));
    // Ready for the next one; the views repaint at the event loop's pace. (A snapshot may still
    // arrive after the worker has been stopped.)
    if (TrainingWorker* w = worker()) w->snapshotConsumed();
    emit snapshotShown(snapshot);
}

void MainWindow::setHighDimensional(bool high) {
    if (high == high_dimensional_) return;
    high_dimensional_ = high;
    views_->setTabVisible(kRoutingTab, high);
    views_->tabBar()->setVisible(high);
    views_->setTabText(kPlaneTab, high ? tr("Projection (PCA)") : tr("Plane"));
    // The routing table moves to the centre and back; its dock keeps what the teacher chose.
    if (high) {
        routing_dock_wanted_ = !routing_dock_->isHidden();
        routing_dock_->hide();
        routing_dock_->toggleViewAction()->setEnabled(false);
        views_->setCurrentIndex(kRoutingTab);
    } else {
        routing_dock_->toggleViewAction()->setEnabled(true);
        if (routing_dock_wanted_) {
            routing_dock_->show();
            gallery_dock_->raise();
        }
        views_->setCurrentIndex(kPlaneTab);
    }
    updateProjectionShown();
}

void MainWindow::updateProjectionShown() {
    TrainingWorker* w = worker();
    if (!w) return;
    const bool shown = high_dimensional_ && views_->currentIndex() == kPlaneTab;
    post_to(
        w, [w, shown] { w->setProjectionShown(shown); }, Qt::QueuedConnection);
}

void MainWindow::onLoadingStarted(const QString& name) {
    loading_ = true;
    const QString text = tr("Loading %1...").arg(ControlPanel::datasetTitle(name.toStdString()));
    busy_->setVisible(true);
    statusBar()->showMessage(text);
    view_->setLoadingMessage(text);
    routing_->setLoadingMessage(text);
    routing_panel_->setLoadingMessage(text);
}

void MainWindow::onLoadingFinished() {
    loading_ = false;
    busy_->setVisible(false);
    statusBar()->clearMessage();
    view_->setLoadingMessage({});
    routing_->setLoadingMessage({});
    routing_panel_->setLoadingMessage({});
}

void MainWindow::orientGallery(const SnapshotPtr& snapshot) {
    // The small panels turn with the main view, but only data drawn as vowels turns at all.
    const bool vowels = snapshot && snapshot->dataset && is_vowel_data(*snapshot->dataset);
    gallery_->setPhoneticOrientation(vowels && view_->options().phonetic_orientation);
}

void MainWindow::onDiverged(const QString& message) {
    controls_->setRunning(false);
    statusBar()->showMessage(message, 15000);
    emit divergenceReported(message);
    showError(tr("Training diverged"), message);
}

void MainWindow::onFailed(const QString& message) {
    restore_controls_on_next_apply_ = true;
    statusBar()->showMessage(message, 15000);
    showError(tr("Cannot apply the change"), message);
}

void MainWindow::showError(const QString& title, const QString& message) {
    if (dialogs_suppressed_) return;
    // Not modal: training and the window go on while the message is read.
    auto* box = new QMessageBox(QMessageBox::Warning, title, message, QMessageBox::Ok, this);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setModal(false);
    box->show();
}

void MainWindow::openCsv() {
    const QString path = QFileDialog::getOpenFileName(this, tr("Open a CSV data set"), QString(),
                                                      tr("CSV files (*.csv);;All files (*)"));
    if (path.isEmpty()) return;
    Config config = controls_->config();
    config.dataset.name = "csv:" + path.toStdString();
    controls_->setConfig(config);
    applyConfig(config);
    statusBar()->showMessage(tr("Loading %1...").arg(QFileInfo(path).fileName()), 5000);
}

ExportSettings MainWindow::exportSettings(QSize size, double scale, bool paper_style,
                                          bool include_gallery, bool include_charts) const {
    ExportSettings settings;
    settings.size = size;
    settings.scale = scale;
    settings.figure = view_->options();
    settings.figure.data_rect = view_->visibleData();
    if (paper_style) settings.figure = moelab::paper_style(settings.figure);
    if (include_gallery) settings.gallery = gallery_;
    if (include_charts) settings.charts = charts_;
    return settings;
}

bool MainWindow::exportFigure(const QString& path, QSize size, double scale, bool paper_style,
                              bool include_gallery, bool include_charts, QString* error) {
    if (regression_->active()) return regression_->exportFigure(path, size, scale, error);
    if (!last_) {
        if (error) *error = tr("There is no model to draw yet.");
        return false;
    }
    if (include_charts) charts_->refreshNow();
    return export_figure(path, *last_,
                         exportSettings(size, scale, paper_style, include_gallery, include_charts),
                         error);
}

void MainWindow::exportFigureInteractively() {
    ExportDialog dialog(this);
    dialog.setSize(view_->size().expandedTo(QSize(800, 600)));
    if (dialog.exec() != QDialog::Accepted) return;
    const bool svg = dialog.svg();
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Export figure"), svg ? tr("moelab-figure.svg") : tr("moelab-figure.png"),
        svg ? tr("SVG drawings (*.svg)") : tr("PNG images (*.png)"));
    if (path.isEmpty()) return;
    QString error;
    if (exportFigure(path, dialog.figureSize(), dialog.scale(), dialog.paperStyle(),
                     dialog.includeGallery(), dialog.includeCharts(), &error)) {
        statusBar()->showMessage(tr("Figure written to %1").arg(path), 8000);
    } else {
        showError(tr("Export failed"), error);
    }
}

void MainWindow::copyFigure() {
    if (regression_->active()) {
        regression_->copyFigure(views_->size());
        statusBar()->showMessage(tr("Figure copied to the clipboard"), 5000);
        return;
    }
    if (!last_) return;
    copy_figure_to_clipboard(*last_, exportSettings(view_->size(), 2.0, false, false, false));
    statusBar()->showMessage(tr("Figure copied to the clipboard"), 5000);
}

void MainWindow::exportMetricsCsv() {
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Export metrics"), tr("moelab-metrics.csv"), tr("CSV files (*.csv)"));
    if (path.isEmpty()) return;
    QString error;
    if (charts_->exportCsv(path, &error)) {
        statusBar()->showMessage(tr("Metrics written to %1").arg(path), 8000);
    } else {
        showError(tr("Export failed"), error);
    }
}

void MainWindow::openSettings() {
    SettingsDialog dialog(load_app_settings(), this);
    if (dialog.exec() != QDialog::Accepted) return;
    applySettings(dialog.settings());
}

void MainWindow::applySettings(const AppSettings& settings) {
    save_app_settings(settings);
    setExpertPalette(settings.palette);
    presentation_->setScale(settings.presentation_scale);
    // Every view that colours experts repaints; the worker re-draws its tints for the next one.
    for (QWidget* shown : {static_cast<QWidget*>(view_), static_cast<QWidget*>(gallery_),
                           static_cast<QWidget*>(routing_), static_cast<QWidget*>(routing_panel_)})
        shown->update();
    charts_->refreshNow();
    if (TrainingWorker* w = worker())
        post_to(
            w, [w] { w->publishNow(); }, Qt::QueuedConnection);
    if (resolved_language(settings.language) != language_in_effect() && !dialogs_suppressed_)
        offer_restart_for_language(this);
}

void MainWindow::exportReplayInteractively() {
    // The training goes on meanwhile; the replay ends with the picture on screen now.
    const QString path = export_replay_interactively(this, last_, view_->options());
    if (!path.isEmpty()) statusBar()->showMessage(tr("Replay written to %1").arg(path), 8000);
}

void MainWindow::about() {
    QMessageBox::about(
        this, tr("About MoE Lab"),
        tr("<h3>MoE Lab</h3><p>Watch a mixture of experts learn: each expert's decision boundary "
           "and the gate's regions move while it trains.</p><p>After R. A. Jacobs, M. I. Jordan, "
           "S. J. Nowlan and G. E. Hinton, <i>Adaptive Mixtures of Local Experts</i>, Neural "
           "Computation 3, 79-87 (1991). Vowel data: Peterson &amp; Barney (1952).</p>"));
}

}  // namespace moelab
