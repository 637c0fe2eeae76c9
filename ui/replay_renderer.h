#pragma once
// Draws the pictures of timeline entries on a thread of its own, so that dragging the timeline's
// slider never blocks the UI thread: a request replaces one not yet started (only the latest
// position of the slider is drawn), and the finished frame comes back as a queued signal, as the
// training worker's snapshots do.
#include <QObject>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>

#include "snapshot.h"

namespace moelab {

class ReplayRenderer : public QObject {
    Q_OBJECT
  public:
    explicit ReplayRenderer(QObject* parent = nullptr);
    ~ReplayRenderer() override;

    // Draws `entry` as `live` would show it: its data, its plane and its window, on raster `spec`
    // (live.grid's, or a coarser one of the same window; without live.grid only the points are
    // drawn), a cell `cell_pixels` screen pixels wide. Thread-safe.
    void request(SnapshotPtr live, std::shared_ptr<const TimelineEntry> entry, const GridSpec& spec,
                 double cell_pixels);
    // How long the last frame took to draw (milliseconds).
    double lastRenderMilliseconds() const;

  signals:
    // Emitted on the renderer's thread; connections to UI objects are queued.
    void frameReady(moelab::SnapshotPtr frame);

  private:
    struct Request {
        SnapshotPtr live;
        std::shared_ptr<const TimelineEntry> entry;
        GridSpec spec;
        double cell_pixels = 2.0;
    };
    void run();

    mutable std::mutex mutex_;
    std::condition_variable wake_;
    std::optional<Request> pending_;
    bool stopping_ = false;
    double last_ms_ = 0;
    std::thread thread_;
};

}  // namespace moelab
