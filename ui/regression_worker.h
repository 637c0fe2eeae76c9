#pragma once
// The worker of a regression training: owns a RegressionTrainer on its own thread, trains in short
// slices so messages are handled within milliseconds, and publishes immutable pictures
// (regression_figure.h) at most about thirty times a second. The UI thread never trains.
#include <QElapsedTimer>
#include <QObject>
#include <QString>
#include <QThread>
#include <atomic>
#include <memory>
#include <nlohmann/json.hpp>

#include "io/session_file.h"
#include "regression_figure.h"
#include "training/config.h"
#include "training/regression_trainer.h"
#include "worker_thread.h"

class QTimer;

namespace moelab {

class RegressionWorker : public QObject {
    Q_OBJECT
  public:
    explicit RegressionWorker(QObject* parent = nullptr);
    ~RegressionWorker() override;
    // Thread-safe: makes the running slice return early.
    void requestStop() { stop_.store(true); }

  public slots:
    // Starts afresh when the data, the model's shape or its seed change; otherwise keeps the
    // weights (the loss, the learning rate and the optimizer's knobs apply from the next step).
    void setConfig(const moelab::Config& config);
    void setPlaying(bool playing);
    void stepEpoch();
    void reset();
    // Trains `epochs` more epochs as fast as possible, then pauses (emits targetReached).
    void trainFor(long epochs);
    // Epochs per second while playing; 0 = as fast as the machine goes.
    void setSpeed(double epochs_per_second);
    // Writes the whole regression training and `view` to `path` as a session (atomically);
    // emits sessionSaved or sessionSaveFailed.
    void saveSession(const QString& path, const nlohmann::json& view);
    // Goes on exactly where the session's regression training stopped, paused; the current
    // training stays when the saved one does not fit its data. Emits sessionRestored with the
    // picture of the restored training, or sessionRestoreFailed.
    void restoreSession(std::shared_ptr<const moelab::Session> session, const QString& path);

  signals:
    void pictureReady(moelab::RegressionPicturePtr picture);
    void failed(QString message);
    void diverged(QString message);
    void runningChanged(bool running);
    void targetReached(long epoch);
    void sessionSaved(QString path);
    void sessionSaveFailed(QString message);
    void sessionRestored(QString path, moelab::RegressionPicturePtr picture);
    void sessionRestoreFailed(QString message);

  private:
    void tick();
    void publish();
    std::shared_ptr<RegressionPicture> currentPicture() const;
    bool trainOne();  // false after a divergence (paused, reported)
    void setRunning(bool running);
    void restartSpeedClock();

    Config config_;
    std::unique_ptr<RegressionTrainer> trainer_;
    QTimer* timer_ = nullptr;
    QElapsedTimer since_publish_;
    bool running_ = false;
    long target_ = -1;  // trainFor's epoch, or -1
    double speed_ = 0;  // epochs per second, 0 = unlimited
    QElapsedTimer speed_clock_;
    long epoch_at_speed_clock_ = 0;
    std::atomic<bool> stop_{false};
};

// The thread a RegressionWorker lives on.
class RegressionThread : public WorkerThread<RegressionWorker> {
  public:
    explicit RegressionThread(QObject* parent = nullptr);
};

}  // namespace moelab

Q_DECLARE_METATYPE(moelab::RegressionPicturePtr)
