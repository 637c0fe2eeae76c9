#include "plane_tools.h"

#include <QActionGroup>
#include <QButtonGroup>
#include <QComboBox>
#include <QDialog>
#include <QDialogButtonBox>
#include <QDockWidget>
#include <QFileDialog>
#include <QFormLayout>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QRadioButton>
#include <QSaveFile>
#include <QSpinBox>
#include <QStatusBar>
#include <QToolBar>
#include <QVBoxLayout>

#include "boundary_view.h"
#include "class_names.h"
#include "control_panel.h"
#include "draw_tool.h"
#include "drawn_data.h"
#include "expert_colors.h"
#include "inspect_tool.h"
#include "main_window.h"
#include "point_inspector.h"
#include "thread_handoff.h"
#include "training_worker.h"

namespace moelab {

namespace {

constexpr int kMinDrawnClasses = 2;
constexpr int kMaxDrawnClasses = 6;

QIcon classSwatch(int label) {
    QPixmap pixmap(12, 12);
    pixmap.fill(classColor(label));
    return QIcon(pixmap);
}

}  // namespace

PlaneTools::PlaneTools(MainWindow* window)
    : QObject(window),
      window_(window),
      drawn_(new DrawnData(this)),
      inspect_(new InspectTool(this)),
      draw_(new DrawTool(drawn_, this)),
      inspector_(new PointInspector) {
    inspector_->setObjectName(QStringLiteral("pointInspector"));
    dock_ = new QDockWidget(tr("Inspector"), window);
    dock_->setObjectName(QStringLiteral("inspector"));
    dock_->setWidget(inspector_);
    window->addDockWidget(Qt::RightDockWidgetArea, dock_);
    // A tab beside the learning curves, the tallest panel: the table shows every expert at
    // 1280 x 720 without taking room from the plane.
    if (auto* charts = window->findChild<QDockWidget*>(QStringLiteral("charts"))) {
        window->tabifyDockWidget(charts, dock_);
        charts->raise();
    }
    connect(inspect_, &InspectTool::pointChanged, inspector_, &PointInspector::setPoint);
    // Pinning a point is asking about it: the panel comes to the front.
    connect(inspect_, &InspectTool::pointChanged, this, [this](auto, bool pinned) {
        if (pinned) dock_->raise();
    });

    toolbar_ = new QToolBar(tr("Mouse tool"), window);
    toolbar_->setObjectName(QStringLiteral("mouseTools"));
    toolbar_->setMovable(false);
    auto* group = new QActionGroup(this);
    inspect_action_ = toolbar_->addAction(tr("Inspect"));
    inspect_action_->setObjectName(QStringLiteral("inspectTool"));
    inspect_action_->setToolTip(
        tr("Inspect: hover or click a point of the plane to see the gate, the experts, the "
           "responsibilities and the gradient there (the Inspector panel)."));
    draw_action_ = toolbar_->addAction(tr("Draw"));
    draw_action_->setObjectName(QStringLiteral("drawTool"));
    draw_action_->setToolTip(
        tr("Draw your own data: click adds a point of the selected class, right-click removes "
           "one, drag moves one. It trains as you draw."));
    for (QAction* action : {inspect_action_, draw_action_}) {
        action->setCheckable(true);
        group->addAction(action);
    }
    inspect_action_->setChecked(true);
    connect(inspect_action_, &QAction::triggered, this, &PlaneTools::useInspect);
    connect(draw_action_, &QAction::triggered, this, [this] {
        if (has_drawing_) {
            window_->boundaryView()->setTool(draw_);
            updateClassChoices();
        } else {
            startDrawingInteractively();
        }
    });
    toolbar_->addSeparator();
    draw_class_ = new QComboBox;
    draw_class_->setObjectName(QStringLiteral("drawClass"));
    draw_class_->setToolTip(tr("The class of the points you add"));
    auto* class_label = new QLabel(tr(" Class: "));
    QAction* label_action = toolbar_->addWidget(class_label);
    draw_class_action_ = toolbar_->addWidget(draw_class_);
    connect(draw_class_action_, &QAction::changed, label_action,
            [label_action, this] { label_action->setVisible(draw_class_action_->isVisible()); });
    connect(draw_class_, &QComboBox::currentIndexChanged, this,
            [this](int index) { draw_->setCurrentClass(index); });

    QUndoStack* undo = drawn_->undoStack();
    undo_action_ = undo->createUndoAction(this, tr("&Undo"));
    undo_action_->setShortcut(QKeySequence::Undo);
    undo_action_->setObjectName(QStringLiteral("undoDrawing"));
    redo_action_ = undo->createRedoAction(this, tr("&Redo"));
    redo_action_->setShortcuts({QKeySequence(tr("Ctrl+Shift+Z")), QKeySequence::Redo});
    redo_action_->setObjectName(QStringLiteral("redoDrawing"));
    toolbar_->addAction(undo_action_);
    toolbar_->addAction(redo_action_);
    window->addToolBar(Qt::TopToolBarArea, toolbar_);
    // Shortcuts of actions in a toolbar work window-wide.
    window->addAction(undo_action_);
    window->addAction(redo_action_);

    connect(drawn_, &DrawnData::changed, this, &PlaneTools::sendDrawing);
    connect(window, &MainWindow::snapshotShown, this, &PlaneTools::showSnapshot);
    window->boundaryView()->setTool(inspect_);
    updateClassChoices();
}

void PlaneTools::buildMenu(QMenuBar* bar, QAction* before) {
    auto* menu = new QMenu(tr("&Data"), bar);
    QAction* draw =
        menu->addAction(tr("&Draw your own data..."), this, &PlaneTools::startDrawingInteractively);
    draw->setObjectName(QStringLiteral("drawOwnData"));
    save_action_ = menu->addAction(tr("&Save drawn data as CSV..."), this,
                                   &PlaneTools::saveDrawnCsvInteractively);
    save_action_->setObjectName(QStringLiteral("saveDrawnData"));
    save_action_->setEnabled(false);
    menu->addSeparator();
    menu->addAction(undo_action_);
    menu->addAction(redo_action_);
    bar->insertMenu(before, menu);
}

bool PlaneTools::drawing() const {
    return window_->boundaryView()->tool() == draw_;
}

void PlaneTools::useInspect() {
    inspect_action_->setChecked(true);
    window_->boundaryView()->setTool(inspect_);
    dock_->show();
    dock_->raise();
    updateClassChoices();
}

void PlaneTools::stopDrawing() {
    useInspect();
}

void PlaneTools::updateClassChoices() {
    const bool on = drawing();
    draw_class_action_->setVisible(on);
    undo_action_->setVisible(has_drawing_);
    redo_action_->setVisible(has_drawing_);
    if (save_action_) save_action_->setEnabled(has_drawing_);
    const QSignalBlocker blocker(draw_class_);
    draw_class_->clear();
    for (int c = 0; c < drawn_->classes(); ++c)
        draw_class_->addItem(classSwatch(c),
                             QString::fromStdString(drawn_->classNames()[size_t(c)]));
    draw_class_->setCurrentIndex(std::min(draw_->currentClass(), drawn_->classes() - 1));
}

bool PlaneTools::startDrawing(bool from_current_data, int classes, QString* error) {
    auto fail = [error](const QString& why) {
        if (error) *error = why;
        return false;
    };
    if (!last_ || !last_->dataset) return fail(tr("There is no data on the plane yet."));
    const Dataset& current = *last_->dataset;
    if (current.dimensions() != 2) {
        return fail(tr("Drawing needs data of two features; %1 has %2.")
                        .arg(ControlPanel::datasetTitle(current.name))
                        .arg(current.dimensions()));
    }
    frame_ = last_->standardization;
    if (from_current_data) {
        drawn_->reset(drawn_points_of(current), current.class_names, current.feature_names);
    } else {
        classes = std::clamp(classes, kMinDrawnClasses, kMaxDrawnClasses);
        drawn_->reset({}, numbered_class_names(classes), current.feature_names);
    }
    has_drawing_ = true;
    draw_action_->setChecked(true);
    draw_->setCurrentClass(0);
    window_->boundaryView()->setTool(draw_);
    updateClassChoices();
    window_->statusBar()->showMessage(
        tr("Draw: click adds a point, right-click removes one, drag moves one; Ctrl+Z undoes."),
        10000);
    return true;
}

void PlaneTools::startDrawingInteractively() {
    QDialog dialog(window_);
    dialog.setWindowTitle(tr("Draw your own data"));
    auto* layout = new QVBoxLayout(&dialog);
    auto* empty = new QRadioButton(tr("Start from an empty plane"));
    auto* current = new QRadioButton(tr("Start from the current data"));
    empty->setChecked(true);
    auto* classes = new QSpinBox;
    classes->setRange(kMinDrawnClasses, kMaxDrawnClasses);
    classes->setValue(2);
    auto* form = new QFormLayout;
    form->addRow(tr("Classes:"), classes);
    connect(empty, &QRadioButton::toggled, classes, &QWidget::setEnabled);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);
    connect(buttons, &QDialogButtonBox::accepted, &dialog, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);
    layout->addWidget(empty);
    layout->addLayout(form);
    layout->addWidget(current);
    layout->addWidget(buttons);
    const bool accepted = !window_->dialogsSuppressed() && dialog.exec() == QDialog::Accepted;
    QString error;
    if (!accepted || !startDrawing(current->isChecked(), classes->value(), &error)) {
        if (!error.isEmpty()) QMessageBox::warning(window_, tr("Cannot draw here"), error);
        // The toolbar shows the tool in use.
        (drawing() ? draw_action_ : inspect_action_)->setChecked(true);
    }
}

void PlaneTools::sendDrawing() {
    if (drawn_->size() == 0) return;  // nothing to train on yet; the last model stays
    std::shared_ptr<const Dataset> data;
    try {
        data = drawn_->dataset();
    } catch (const std::exception& failure) {
        window_->statusBar()->showMessage(QString::fromUtf8(failure.what()), 8000);
        return;
    }
    drawn_data_seen_ = false;
    if (TrainingWorker* w = window_->worker()) {
        const Standardization frame = frame_;
        post_to(
            w, [w, data, frame] { w->setDrawnData(data, frame); }, Qt::QueuedConnection);
    }
    // The panel names the drawn data, so its later changes (the loss, the rate) keep training it.
    Config config = window_->controlPanel()->config();
    if (config.dataset.name != kDrawnDatasetName) {
        config.dataset.name = kDrawnDatasetName;
        window_->controlPanel()->setConfig(config);
    }
}

void PlaneTools::showSnapshot(SnapshotPtr snapshot) {
    last_ = snapshot;
    inspector_->showSnapshot(snapshot);
    if (!snapshot || !snapshot->dataset) return;
    const bool drawn = snapshot->dataset->name == kDrawnDatasetName;
    if (drawn) drawn_data_seen_ = true;
    // Another data set was chosen after the drawn one arrived: the drawing is over.
    if (!drawn && drawn_data_seen_) {
        drawn_data_seen_ = false;
        has_drawing_ = false;
        if (drawing()) useInspect();
        updateClassChoices();
    }
}

bool PlaneTools::saveDrawnCsv(const QString& path, QString* error) {
    std::string text;
    try {
        text = dataset_csv_text(*drawn_->dataset());
    } catch (const std::exception& failure) {
        if (error) *error = QString::fromUtf8(failure.what());
        return false;
    }
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) ||
        file.write(text.data(), qint64(text.size())) != qint64(text.size()) || !file.commit()) {
        if (error) *error = tr("Could not write %1: %2").arg(path, file.errorString());
        return false;
    }
    return true;
}

void PlaneTools::saveDrawnCsvInteractively() {
    const QString path = QFileDialog::getSaveFileName(
        window_, tr("Save drawn data as CSV"), tr("drawn-data.csv"), tr("CSV files (*.csv)"));
    if (path.isEmpty()) return;
    QString error;
    if (saveDrawnCsv(path, &error)) {
        window_->statusBar()->showMessage(tr("Drawn data written to %1").arg(path), 8000);
    } else if (!window_->dialogsSuppressed()) {
        QMessageBox::warning(window_, tr("Cannot save the drawn data"), error);
    }
}

}  // namespace moelab
