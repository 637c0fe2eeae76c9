#include "session_controller.h"

#include <QAction>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QMenu>
#include <QMessageBox>
#include <QSettings>
#include <QStatusBar>
#include <QTabWidget>
#include <memory>

#include "boundary_view.h"
#include "control_panel.h"
#include "io/session_file.h"
#include "main_window.h"
#include "regression_mode.h"
#include "thread_handoff.h"
#include "training_worker.h"

namespace moelab {

namespace {

const QString kRecentKey = QStringLiteral("sessions/recent");

}  // namespace

SessionController::SessionController(MainWindow* window) : QObject(window), window_(window) {
    TrainingWorker* worker = window_->worker();
    connect(worker, &TrainingWorker::sessionSaved, this, &SessionController::onSaved);
    connect(worker, &TrainingWorker::sessionSaveFailed, this,
            [this](const QString& message) { fail(tr("Cannot save the session"), message); });
    connect(worker, &TrainingWorker::sessionRestored, this, &SessionController::onRestored);
    connect(worker, &TrainingWorker::sessionRestoreFailed, this, [this](const QString& message) {
        pending_open_.clear();
        fail(tr("Cannot open the session"), message);
    });
    // A regression set's training is saved and opened by the regression worker the same way.
    if (RegressionMode* regression = window_->regressionMode()) {
        RegressionWorker* curve = regression->worker();
        connect(curve, &RegressionWorker::sessionSaved, this, &SessionController::onSaved);
        connect(curve, &RegressionWorker::sessionSaveFailed, this,
                [this](const QString& message) { fail(tr("Cannot save the session"), message); });
        connect(curve, &RegressionWorker::sessionRestored, this,
                [this, regression](const QString& path, RegressionPicturePtr picture) {
                    if (path != pending_open_) return;
                    regression->showRestored(std::move(picture));
                    onRestored(path);
                });
        connect(curve, &RegressionWorker::sessionRestoreFailed, this,
                [this](const QString& message) {
                    pending_open_.clear();
                    fail(tr("Cannot open the session"), message);
                });
    }
}

void SessionController::addActions(QMenu* file) {
    QAction* open_action =
        file->addAction(tr("&Open session..."), QKeySequence::Open, this, &SessionController::open);
    open_action->setObjectName(QStringLiteral("openSessionAction"));
    recent_menu_ = file->addMenu(tr("Open &recent"));
    recent_menu_->setObjectName(QStringLiteral("recentSessionsMenu"));
    connect(recent_menu_, &QMenu::aboutToShow, this, &SessionController::fillRecentMenu);
    fillRecentMenu();
    QAction* save_action =
        file->addAction(tr("&Save session"), QKeySequence::Save, this, &SessionController::save);
    save_action->setObjectName(QStringLiteral("saveSessionAction"));
    QAction* save_as =
        file->addAction(tr("Save session &as..."), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_S),
                        this, &SessionController::saveAs);
    save_as->setObjectName(QStringLiteral("saveSessionAsAction"));
}

QStringList SessionController::recentFiles() const {
    return QSettings().value(kRecentKey).toStringList();
}

void SessionController::remember(const QString& path) {
    const QString absolute = QFileInfo(path).absoluteFilePath();
    QStringList recent = recentFiles();
    recent.removeAll(absolute);
    recent.prepend(absolute);
    while (recent.size() > kMaxRecentFiles) recent.removeLast();
    QSettings().setValue(kRecentKey, recent);
    fillRecentMenu();
}

void SessionController::forget(const QString& path) {
    QStringList recent = recentFiles();
    recent.removeAll(QFileInfo(path).absoluteFilePath());
    recent.removeAll(path);
    QSettings().setValue(kRecentKey, recent);
    fillRecentMenu();
}

void SessionController::fillRecentMenu() {
    if (!recent_menu_) return;
    recent_menu_->clear();
    const QStringList recent = recentFiles();
    for (int i = 0; i < recent.size(); ++i) {
        const QString& path = recent[i];
        // &1 ... &8: the number opens it from the keyboard.
        QAction* action = recent_menu_->addAction(
            QStringLiteral("&%1 %2").arg(i + 1).arg(QFileInfo(path).fileName()), this,
            [this, path] { openFile(path); });
        action->setToolTip(path);
        action->setStatusTip(path);
    }
    recent_menu_->setEnabled(!recent.isEmpty());
}

SessionView SessionController::currentView() const {
    SessionView view;
    view.figure = window_->boundaryView()->options();
    view.figure.data_rect = QRectF();
    view.zoom = window_->boundaryView()->zoomRect();
    view.central_tab = window_->centralTabs()->currentIndex();
    view.window_state = window_->saveState();
    view.advanced_controls = window_->controlPanel()->isAdvancedExpanded();
    view.epochs_per_second = window_->controlPanel()->epochsPerSecond();
    return view;
}

void SessionController::applyView(const SessionView& view) {
    if (!view.window_state.isEmpty()) window_->restoreState(view.window_state);
    if (view.advanced_controls)
        window_->controlPanel()->setAdvancedExpanded(*view.advanced_controls);
    window_->controlPanel()->setEpochsPerSecond(
        view.epochs_per_second.value_or(ControlPanel::defaultEpochsPerSecond()));
    BoundaryView* plane = window_->boundaryView();
    plane->setOptions(view.figure);
    plane->setZoom(view.zoom);
    QTabWidget* tabs = window_->centralTabs();
    if (view.central_tab >= 0 && view.central_tab < tabs->count() &&
        tabs->isTabVisible(view.central_tab))
        tabs->setCurrentIndex(view.central_tab);
}

void SessionController::save() {
    if (current_path_.isEmpty()) {
        saveAs();
    } else {
        saveTo(current_path_);
    }
}

void SessionController::saveAs() {
    QString suggested = current_path_;
    if (suggested.isEmpty()) suggested = tr("lesson") + QString::fromLatin1(kSessionSuffix);
    QString path = QFileDialog::getSaveFileName(window_, tr("Save session"), suggested,
                                                tr("MoE Lab sessions (*.moelab)"));
    if (path.isEmpty()) return;
    if (QFileInfo(path).suffix().isEmpty()) path += QString::fromLatin1(kSessionSuffix);
    saveTo(path);
}

void SessionController::saveTo(const QString& path) {
    const nlohmann::json view = view_to_json(currentView());
    // The training on screen: the regression in the curve view, else the classification.
    if (window_->regressionMode() && window_->regressionMode()->active()) {
        RegressionWorker* curve = window_->regressionMode()->worker();
        post_to(
            curve, [curve, path, view] { curve->saveSession(path, view); }, Qt::QueuedConnection);
        return;
    }
    TrainingWorker* worker = window_->worker();
    if (!worker) return;
    post_to(
        worker, [worker, path, view] { worker->saveSession(path, view); }, Qt::QueuedConnection);
}

void SessionController::onSaved(const QString& path) {
    current_path_ = path;
    remember(path);
    window_->setWindowFilePath(path);
    window_->statusBar()->showMessage(tr("Session saved to %1").arg(path), 8000);
    emit sessionSaved(path);
}

void SessionController::open() {
    const QString path = QFileDialog::getOpenFileName(
        window_, tr("Open session"),
        current_path_.isEmpty() ? QString() : QFileInfo(current_path_).path(),
        tr("MoE Lab sessions (*.moelab);;All files (*)"));
    if (!path.isEmpty()) openFile(path);
}

void SessionController::openFile(const QString& path) {
    if (!pending_open_.isEmpty()) {
        fail(tr("Cannot open the session"),
             tr("The session %1 is still being opened.").arg(pending_open_));
        return;
    }
    QFile file(path);
    if (!file.exists()) {
        if (recentFiles().contains(QFileInfo(path).absoluteFilePath())) {
            forget(path);
            fail(tr("Cannot open the session"),
                 tr("The session %1 no longer exists; it has been removed from the recent "
                    "files.")
                     .arg(path));
        } else {
            fail(tr("Cannot open the session"), tr("The session %1 does not exist.").arg(path));
        }
        return;
    }
    if (!file.open(QIODevice::ReadOnly)) {
        fail(tr("Cannot open the session"), tr("Cannot read %1: %2").arg(path, file.errorString()));
        return;
    }
    const QByteArray bytes = file.readAll();
    auto session = std::make_shared<Session>();
    try {
        *session = load_session(std::string_view(bytes.constData(), size_t(bytes.size())),
                                path.toStdString());
        pending_view_ = view_from_json(session->view, currentView());
    } catch (const std::exception& error) {
        // The view reader names only the entry; the file's name goes in front.
        QString message = QString::fromUtf8(error.what());
        if (!message.contains(path))
            message = tr("Cannot open the session '%1': %2").arg(path, message);
        fail(tr("Cannot open the session"), message);
        return;
    }
    pending_config_ = session->config();
    std::shared_ptr<const Session> shared = std::move(session);
    if (shared->kind == SessionKind::Regression) {
        RegressionMode* regression = window_->regressionMode();
        if (!regression || !regression->worker()) return;
        RegressionWorker* curve = regression->worker();
        pending_open_ = path;
        post_to(
            curve, [curve, shared, path] { curve->restoreSession(shared, path); },
            Qt::QueuedConnection);
        return;
    }
    TrainingWorker* worker = window_->worker();
    if (!worker) return;
    pending_open_ = path;
    post_to(
        worker, [worker, shared, path] { worker->restoreSession(shared, path); },
        Qt::QueuedConnection);
}

void SessionController::onRestored(const QString& path) {
    if (path != pending_open_) return;
    pending_open_.clear();
    // The worker runs the saved training; its first snapshot (or, for a regression, its picture)
    // has been shown (it came first).
    window_->controlPanel()->setConfig(pending_config_);
    window_->controlPanel()->setRunning(false);
    applyView(pending_view_);
    current_path_ = path;
    remember(path);
    window_->setWindowFilePath(path);
    window_->statusBar()->showMessage(tr("Opened %1").arg(path), 8000);
    emit sessionOpened(path);
}

void SessionController::fail(const QString& title, const QString& message) {
    window_->statusBar()->showMessage(message, 15000);
    emit failed(message);
    if (window_->dialogsSuppressed()) return;
    auto* box = new QMessageBox(QMessageBox::Warning, title, message, QMessageBox::Ok, window_);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setModal(false);
    box->show();
}

}  // namespace moelab
