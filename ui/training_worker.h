#pragma once
// The training worker: owns the core Trainer on its own thread (as the renderer in Qt's Mandelbrot
// example owns its computation), takes settings as queued messages, trains in short slices of
// mini-batches so those messages are handled within milliseconds even when one epoch takes
// seconds, evaluates full metrics a few chunks at a time between slices, and publishes immutable
// snapshots at most every ~16 ms.
#include <QElapsedTimer>
#include <QObject>
#include <QRectF>
#include <QSize>
#include <QString>
#include <QThread>
#include <atomic>
#include <chrono>
#include <memory>
#include <mutex>

#include "io/session_file.h"
#include "snapshot.h"
#include "training/metrics_schedule.h"
#include "training/timeline_recorder.h"
#include "training/trainer.h"
#include "worker_thread.h"

class QTimer;

namespace moelab {

class GridRenderer;

class TrainingWorker : public QObject {
    Q_OBJECT
  public:
    explicit TrainingWorker(QObject* parent = nullptr);
    ~TrainingWorker() override;

    // Thread-safe: makes the running epoch and slice return early (called before quitting).
    void requestStop();
    // Thread-safe: the UI has shown the last snapshot, so the next one may be sent. Until then the
    // worker holds back (for at most a quarter of a second), so a busy UI never drowns in
    // snapshots.
    void snapshotConsumed();

    // What a mark on the charts says of a change from `before` to `after`: the loss as its
    // equation ("eq. 3"), other knobs as "<label> <value>"; empty when no knob of a running
    // training changed.
    static QString changeLabel(const Config& before, const Config& after);

    // Called on the worker's thread (QMetaObject::invokeMethod with a lambda):
    // Writes the whole training, the knob marks and `view` to `path` as a session (atomically);
    // emits sessionSaved or sessionSaveFailed.
    void saveSession(const QString& path, const nlohmann::json& view);
    // Goes on from a saved training instead of the current one, paused, without retraining; the
    // current training stays when the saved one does not fit. Emits sessionRestored (after the
    // snapshot of the restored training) or sessionRestoreFailed.
    void restoreSession(std::shared_ptr<const moelab::Session> session, const QString& path);

  public slots:
    // A shape-preserving change applies between two steps; a shape or data change re-initialises.
    void setConfig(const moelab::Config& config);
    // Trains on points drawn on the plane (data/drawn_dataset.h) from now on, standardised with
    // `frame` (fixed while drawing, so the plane does not shift under the pen). When the features
    // and classes are those of the data trained on so far, the weights stay, so the boundaries
    // follow each edit; otherwise the model starts afresh.
    void setDrawnData(std::shared_ptr<const moelab::Dataset> data, moelab::Standardization frame);
    void setPlaying(bool playing);
    void stepEpoch();
    void reset();
    // Epochs per second; 0 = as fast as the machine goes.
    void setSpeed(double epochs_per_second);
    // The visible part of the plane (raw units; empty = around the data) and its size in pixels.
    void setViewport(const QRectF& data_rect, const QSize& pixels);
    // Whether the view shows the plane of a data set of more than two features (its projection):
    // only then is the model evaluated on that plane for each snapshot. (2-D data: always.)
    void setProjectionShown(bool shown);
    // Trains `epochs` more epochs as fast as possible, then pauses (emits targetReached).
    void trainFor(long epochs);
    // While playing, trains no further than epoch `epoch` and waits there (still playing) until
    // the limit is raised; -1 = no limit. Compare mode keeps its panes at the same epoch so.
    void setEpochLimit(long epoch);
    // Publishes a snapshot of the current model now.
    void publishNow();

  signals:
    void snapshotReady(moelab::SnapshotPtr snapshot);
    // The config now in effect (after a change, or the previous one when a change was refused).
    void configApplied(moelab::Config config);
    // The core reported NaN/Inf: training paused, the last good model is kept.
    void diverged(QString message);
    // A change could not be applied (unreadable data, value out of range); the old training goes
    // on.
    void failed(QString message);
    void runningChanged(bool running);
    void targetReached(long epoch);
    // A data set is being loaded (and, for more than two features, projected) on the worker's
    // thread: `name` as the config names it. loadingFinished follows, whether it worked or not.
    void loadingStarted(QString name);
    void loadingFinished();
    void sessionSaved(QString path);
    void sessionSaveFailed(QString message);
    void sessionRestored(QString path);
    void sessionRestoreFailed(QString message);

  private:
    void tick();
    void scheduleTick();
    // Trains until `budget` has passed or `epochs` more epochs ended; false when it diverged.
    bool trainSlice(std::chrono::milliseconds budget, long epochs);
    void resetHistory();
    // Starts (when the schedule says so, or with `current` when the metrics of this very epoch are
    // wanted), advances for a few milliseconds or finishes the interleaved evaluation of full
    // metrics; true when metrics were just recorded.
    bool advanceMetrics(bool current);
    // After an evaluation that took `evaluation_seconds`: cheap ones are left to the trainer.
    void chooseMetricsMode(double evaluation_seconds);
    void startTrainer(const Config& config, std::shared_ptr<const Dataset> dataset,
                      const QString& message);
    // `continues`: the trainer goes on with this history (continued_training.h), which stays.
    void installTrainer(std::unique_ptr<Trainer> trainer, const QString& message,
                        bool continues = false);
    void publish();
    void changeRunning(bool running);
    void resetSpeedClock();
    static QString describeChange(const Config& before, const Config& after);
    // Marks a change that keeps the weights on the charts' time axis (several in one epoch: one
    // mark), and what the mark says: the loss as its equation ("eq. 3"), other knobs as
    // "<label> <value>"; empty when nothing a knob holds changed.
    void markChange(const Config& before, const Config& after);
    // Marks an edit of the drawn points like a knob change (one mark per epoch, shared with the
    // knob changes of that epoch), and what such a mark says.
    void markDrawingEdit();
    static QString drawingEditLabel();

    Config config_;
    std::unique_ptr<Trainer> trainer_;
    std::mutex trainer_mutex_;  // guards replacing trainer_ against requestStop() from the UI
    std::atomic<bool> stop_requested_{false};
    std::atomic<bool> awaiting_consumer_{false};

    QTimer* tick_timer_ = nullptr;
    QTimer* publish_timer_ = nullptr;
    bool playing_ = false;
    double speed_ = 0;        // epochs per second, 0 = max
    long target_epoch_ = -1;  // trainFor(): pause when reached
    long epoch_limit_ = -1;   // setEpochLimit(): wait there while playing
    QElapsedTimer speed_clock_;
    long epochs_since_clock_ = 0;
    QElapsedTimer since_publish_;
    bool unpublished_ = false;
    long published_metrics_epoch_ = -1;  // the latest epoch whose metrics were published
    long published_loss_epoch_ = 0;      // and whose training loss was
    bool history_reset_ = true;
    std::vector<KnobChange> knob_changes_;  // this history's changes, oldest first
    Config change_base_;                    // the config before the last mark's changes
    // The configs on either side of each mark (kept for sessions, which word the marks again in
    // the reader's language); change_base_known_ is false after a mark read without them.
    std::vector<std::pair<Config, Config>> mark_configs_;
    bool change_base_known_ = true;
    long drawing_mark_epoch_ = -1;  // the epoch of the last drawing edit marked, -1 = none
    std::unique_ptr<MetricsTask> metrics_task_;
    std::unique_ptr<MetricsSchedule> metrics_schedule_;
    long metrics_epoch_ = -1;         // the epoch whose weights metrics_task_ evaluates
    bool automatic_metrics_ = false;  // the trainer records metrics every few epochs by itself
    QTimer* metrics_timer_ = nullptr;
    std::chrono::steady_clock::duration metrics_cost_{};
    QString message_;
    QRectF view_rect_;
    QSize view_pixels_{512, 512};
    // The plane of data of more than two features (null for 2-D data), and whether it is shown.
    std::shared_ptr<const PlaneProjection> projection_;
    std::weak_ptr<const Dataset> projected_dataset_;  // identity only: never keeps data alive
    bool projection_shown_ = false;
    // The pictures of the strongest cases last published, and the rows they show.
    std::weak_ptr<const Dataset> imaged_dataset_;
    std::vector<std::vector<int>> imaged_rows_;
    std::vector<std::vector<QImage>> case_images_;
    // Keeps the pictures' buffers between snapshots, and the last pictures while nothing changes.
    std::unique_ptr<GridRenderer> renderer_;
    // The weights at log-spaced epochs of this history, for the replay (timeline_recorder.h).
    TimelineRecorder timeline_;

    QElapsedTimer rate_clock_;
    long rate_epoch_ = 0;
    double epochs_per_second_ = 0;
};

// Owns a TrainingWorker on its own QThread; stop() (or the destructor) ends it cleanly.
class TrainingThread : public WorkerThread<TrainingWorker> {
  public:
    explicit TrainingThread(QObject* parent = nullptr);
};

}  // namespace moelab
