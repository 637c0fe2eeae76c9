#include "regression_mode.h"

#include <QClipboard>
#include <QGuiApplication>

#include "control_panel.h"
#include "regression_headless.h"
#include "thread_handoff.h"
#include "training_worker.h"

namespace moelab {

RegressionMode::RegressionMode(QObject* parent)
    : QObject(parent), thread_(new RegressionThread(this)), view_(new RegressionView) {
    RegressionWorker* w = thread_->worker();
    connect(w, &RegressionWorker::pictureReady, this, [this](RegressionPicturePtr picture) {
        if (!active_ || !picture) return;
        view_->showPicture(picture);
        emit pictureShown(picture->metrics.epoch, picture->running);
    });
    connect(w, &RegressionWorker::failed, this, &RegressionMode::failed);
    connect(w, &RegressionWorker::diverged, this, &RegressionMode::diverged);
}

RegressionMode::~RegressionMode() {
    thread_->stop();
}

void RegressionMode::setActive(bool active) {
    if (active == active_) return;
    active_ = active;
    emit activeChanged(active);
}

bool RegressionMode::takeConfig(const Config& config) {
    RegressionWorker* w = worker();
    if (!is_regression_config(config) || !w) {
        if (active_ && w)
            post_to(
                w, [w] { w->setPlaying(false); }, Qt::QueuedConnection);
        setActive(false);
        return false;
    }
    setActive(true);
    post_to(
        w, [w, config] { w->setConfig(config); }, Qt::QueuedConnection);
    return true;
}

void RegressionMode::connectControls(ControlPanel* controls, TrainingWorker* classification) {
    // Each press goes to the worker of the mode in effect; both live on their own threads, so
    // every call is queued.
    auto route = [this, classification](auto regression_call, auto classification_call) {
        if (active_) {
            if (RegressionWorker* w = worker())
                post_to(
                    w, [w, regression_call] { regression_call(w); }, Qt::QueuedConnection);
        } else if (classification) {
            post_to(
                classification,
                [classification, classification_call] { classification_call(classification); },
                Qt::QueuedConnection);
        }
    };
    connect(controls, &ControlPanel::playToggled, this, [route](bool playing) {
        route([playing](RegressionWorker* w) { w->setPlaying(playing); },
              [playing](TrainingWorker* w) { w->setPlaying(playing); });
    });
    connect(controls, &ControlPanel::stepRequested, this, [route] {
        route([](RegressionWorker* w) { w->stepEpoch(); },
              [](TrainingWorker* w) { w->stepEpoch(); });
    });
    connect(controls, &ControlPanel::resetRequested, this, [route] {
        route([](RegressionWorker* w) { w->reset(); }, [](TrainingWorker* w) { w->reset(); });
    });
    if (RegressionWorker* w = worker()) {
        connect(w, &RegressionWorker::runningChanged, controls, [this, controls](bool running) {
            if (active_) controls->setRunning(running);
        });
        // The speed applies to both trainings (the classification worker has its own connection).
        connect(controls, &ControlPanel::speedChanged, w, &RegressionWorker::setSpeed);
        const double speed = controls->epochsPerSecond();
        post_to(
            w, [w, speed] { w->setSpeed(speed); }, Qt::QueuedConnection);
    }
}

void RegressionMode::restart() {
    RegressionWorker* w = worker();
    if (!active_ || !w) return;
    post_to(
        w, [w] { w->reset(); }, Qt::QueuedConnection);
}

void RegressionMode::showRestored(RegressionPicturePtr picture) {
    if (!picture) return;
    setActive(true);
    view_->showPicture(picture);
    emit pictureShown(picture->metrics.epoch, picture->running);
}

void RegressionMode::copyFigure(QSize size) const {
    if (!view_->picture()) return;
    if (QClipboard* clipboard = QGuiApplication::clipboard())
        clipboard->setImage(render_regression_image(*view_->picture(), size, 2.0));
}

bool RegressionMode::exportFigure(const QString& path, QSize size, double scale,
                                  QString* error) const {
    if (!view_->picture()) {
        if (error) *error = tr("There is no model to draw yet.");
        return false;
    }
    return export_regression_figure(path, *view_->picture(), size, scale, error);
}

}  // namespace moelab
