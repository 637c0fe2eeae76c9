#pragma once
// The replay scrubber under the plane: a slider over the training's timeline (the weights at
// log-spaced epochs, timeline.h) whose last position is the live training, the epoch shown, a
// button that replays the training from the start and one that returns to the live view.
// Dragging the slider shows the plane as it was at that epoch, drawn on the replay renderer's
// thread. The training goes on in the background meanwhile: the charts and the experts stay
// live, and "Live" (or the slider's end) brings the plane back to the present.
#include <QWidget>

#include "snapshot.h"

class QLabel;
class QPushButton;
class QSlider;
class QTimer;

namespace moelab {

class ReplayRenderer;

class TimelineBar : public QWidget {
    Q_OBJECT
  public:
    // `plane` is the widget the frames are drawn for (its width sets the stripes' scale).
    explicit TimelineBar(QWidget* plane, QWidget* parent = nullptr);
    ~TimelineBar() override;

    // Each live snapshot: the timeline it carries becomes the slider's range.
    void setLive(SnapshotPtr live);
    // True while the plane shows a stored epoch instead of the live training.
    bool isScrubbing() const { return shown_entry_ != nullptr; }
    // The entries the slider runs over (its maximum, one past the last, is the live view).
    const TimelineEntries& entries() const;
    QSlider* slider() const { return slider_; }
    // Shows entry `index` (or the live view at entries().size()).
    void showEntry(int index);
    bool isReplaying() const;
    ReplayRenderer* renderer() const { return renderer_; }

  public slots:
    void goLive();
    // Plays the stored epochs from the first (or from the slider's position) to the live view.
    void toggleReplay();

  signals:
    // A stored epoch's picture, ready to show.
    void frameShown(moelab::SnapshotPtr frame);
    // The plane should show the live training again.
    void liveShown();

  private:
    void onSliderMoved(int position);
    void requestFrame();
    void updateLabel();
    void advanceReplay();

    QWidget* plane_;
    QSlider* slider_;
    QLabel* label_;
    QPushButton* replay_button_;
    QPushButton* live_button_;
    QTimer* replay_timer_;
    ReplayRenderer* renderer_;
    SnapshotPtr live_;
    std::shared_ptr<const TimelineEntries> entries_;
    std::shared_ptr<const TimelineEntry> shown_entry_;  // null: live
    GridSpec requested_spec_;
};

}  // namespace moelab
