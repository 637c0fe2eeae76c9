#pragma once
// Compare mode (issue 9): two to four trainings side by side on the same data, from the same
// initial weights and seed, differing in the knobs chosen per pane (cooperative eq. 1 against
// competitive log-likelihood eq. 3 by default). Each pane has its own worker and plane; one chart
// overlays their loss and accuracy; Play, Step, Reset and the speed drive every pane together.
//
// Lockstep: each worker trains freely, but only up to a shared epoch limit, which is kept one
// window ahead of the slowest pane (the window: about a quarter of a second of its training). So
// the panes never drift more than one window apart while playing, the slowest never waits, they
// pause at the very same epoch (Pause lets every pane reach the current limit, then stops them),
// and step from there together.
#include <QElapsedTimer>
#include <QWidget>
#include <vector>

#include "snapshot.h"
#include "training/config.h"

class QGridLayout;
class QLabel;
class QPushButton;
class QSlider;
class QSplitter;

namespace moelab {

class CompareChart;
class ComparePane;

class CompareView : public QWidget {
    Q_OBJECT
  public:
    // One pane per config (2 to 4); each starts training at once, paused at epoch 0.
    explicit CompareView(const std::vector<Config>& configs, QWidget* parent = nullptr);
    ~CompareView() override;

    const std::vector<ComparePane*>& panes() const { return panes_; }
    CompareChart* chart() const { return chart_; }
    bool isPlaying() const { return playing_; }
    // The epoch of each pane's last shown snapshot.
    std::vector<long> paneEpochs() const;
    // How many epochs the limit now runs ahead of the slowest pane.
    long chunkEpochs() const { return chunk_; }
    // The grid the panes are laid out in (rows, columns).
    QSize paneGrid() const { return grid_; }
    // Hides the run controls (a figure shows the panes and the chart only).
    void setControlsVisible(bool visible);
    // The speed the panes start at (epochs per second): the control panel's default.
    static double defaultSpeed();
    // The pane colours, one per pane, also used for their curves.
    static QColor paneColor(int index);

  public slots:
    void play();
    void pause();
    void setPlaying(bool playing);
    void step();
    void reset();
    // Epochs per second of every pane; 0 = as fast as the machine goes.
    void setSpeed(double epochs_per_second);
    // Trains every pane `epochs` more epochs as fast as possible, then pauses them (emits
    // trainedFor when the last one is there). For figures and checks.
    void trainAllFor(long epochs);
    // Stops every worker's thread (also done on close and by the destructor); safe twice.
    void shutdown();

  signals:
    void trainedFor();
    void playingChanged(bool playing);

  protected:
    void closeEvent(QCloseEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;
    bool eventFilter(QObject* watched, QEvent* event) override;

  private:
    QWidget* buildControls();
    void arrangePanes();
    void onPaneSnapshot(size_t index, const SnapshotPtr& snapshot);
    // Raises the limit once every pane has reached it, or ends a pause there.
    void advanceLockstep();
    void sendLimit(long limit);
    void stopAll();
    void updateControls();
    long maxEpoch() const;

    std::vector<ComparePane*> panes_;
    std::vector<long> epochs_;
    std::vector<bool> halted_;  // diverged: paused by its worker, waited for no longer
    CompareChart* chart_ = nullptr;
    QWidget* controls_ = nullptr;
    QWidget* pane_area_ = nullptr;
    QGridLayout* pane_grid_ = nullptr;
    QSplitter* splitter_ = nullptr;
    QPushButton* play_button_ = nullptr;
    QPushButton* step_button_ = nullptr;
    QPushButton* reset_button_ = nullptr;
    QSlider* speed_slider_ = nullptr;
    QLabel* speed_label_ = nullptr;
    QLabel* epoch_label_ = nullptr;
    QSize grid_;
    bool splitter_dragged_ = false;

    bool playing_ = false;
    bool pausing_ = false;  // Pause pressed: stop once every pane reached the limit
    bool step_after_pause_ = false;
    long limit_ = 0;
    long chunk_ = 10;
    QElapsedTimer rate_clock_;  // the slowest pane's pace, measured twice a second
    long rate_epoch_ = 0;
    double speed_ = 0;
    int awaiting_targets_ = 0;  // trainAllFor(): panes not yet there
};

// Opens compare mode for `base` (the main window's current config): a dialog chooses the panes
// and their knobs, then a compare window opens beside `parent`. Returns the window (null when the
// dialog was cancelled); it deletes itself when closed.
CompareView* open_compare(QWidget* parent, const Config& base);

}  // namespace moelab
