#pragma once
// The main window's regression mode: while the config names a regression set (piecewise-linear,
// sine, step) the controls drive a RegressionWorker on its own thread and the centre shows the
// curve view; otherwise everything goes to the classification worker as before. The window keeps
// only small hooks (main_window.cpp); the routing lives here.
#include <QObject>
#include <QSize>
#include <QString>

#include "regression_view.h"
#include "regression_worker.h"
#include "training/config.h"

namespace moelab {

class ControlPanel;
class TrainingWorker;

class RegressionMode : public QObject {
    Q_OBJECT
  public:
    explicit RegressionMode(QObject* parent = nullptr);
    ~RegressionMode() override;

    RegressionView* view() const { return view_; }
    RegressionWorker* worker() const { return thread_->worker(); }
    bool active() const { return active_; }

    // True (and the regression worker takes the config) when `config` names a regression set;
    // false otherwise, after leaving regression mode if it was on.
    bool takeConfig(const Config& config);
    // Play, step and reset of `controls` go to the regression worker while the mode is on, to
    // `classification` otherwise.
    void connectControls(ControlPanel* controls, TrainingWorker* classification);
    // The current picture as PNG or SVG; false with `error` set when there is none or it cannot
    // be written.
    bool exportFigure(const QString& path, QSize size, double scale, QString* error) const;
    // The current picture to the clipboard, at twice `size` in pixels.
    void copyFigure(QSize size) const;
    void shutdown() { thread_->stop(); }
    // While the mode is on: the regression training starts again from its first weights.
    void restart();
    // The worker has restored a session's regression training (RegressionWorker::restoreSession):
    // the mode comes on and the curve view shows its picture.
    void showRestored(RegressionPicturePtr picture);

  signals:
    void activeChanged(bool active);
    // After each picture: for the status bar and the controls' epoch.
    void pictureShown(long epoch, bool running);
    void failed(QString message);
    void diverged(QString message);

  private:
    void setActive(bool active);

    RegressionThread* thread_;
    RegressionView* view_;
    bool active_ = false;
};

}  // namespace moelab
