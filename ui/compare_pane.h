#pragma once
// One pane of compare mode: its own training worker on its own thread, its plane (the boundary
// view: gate regions, expert and gate lines, data), a title naming the knobs that set it apart,
// and the entanglement numbers (issue 9) of its latest metrics: the mixture's accuracy, the gate's
// top expert alone and the gap between them, the gate's entropy, and each expert alone on the
// cases the gate gives it most weight.
#include <QColor>
#include <QWidget>

#include "snapshot.h"
#include "training/config.h"

class QLabel;

namespace moelab {

class BoundaryView;
class TrainingThread;
class TrainingWorker;

class ComparePane : public QWidget {
    Q_OBJECT
  public:
    // Starts the pane's worker on `config`; `title` names the pane, `color` marks its curves.
    ComparePane(const Config& config, const QString& title, const QColor& color,
                QWidget* parent = nullptr);
    ~ComparePane() override;

    // Null once shut down.
    TrainingWorker* worker() const;
    BoundaryView* view() const { return view_; }
    const Config& config() const { return config_; }
    QString title() const { return title_; }
    QColor color() const { return color_; }
    SnapshotPtr lastSnapshot() const { return last_; }
    // Snapshots shown since construction: the frames-per-second measure counts them.
    long shownCount() const { return shown_; }
    // The numbers line as plain text (tests read it).
    QString numbersText() const;
    // Stops the worker's thread (also done by the destructor); safe to call twice.
    void shutdown();

    // The numbers of a snapshot's latest metrics, as rich text with each expert in its colour.
    static QString numbersHtml(const Snapshot& snapshot);

  signals:
    void snapshotShown(moelab::SnapshotPtr snapshot);

  protected:
    void resizeEvent(QResizeEvent* event) override;

  private:
    void onSnapshot(SnapshotPtr snapshot);

    Config config_;
    QString title_;
    QColor color_;
    TrainingThread* training_ = nullptr;
    BoundaryView* view_ = nullptr;
    QLabel* title_label_ = nullptr;
    QLabel* numbers_ = nullptr;
    SnapshotPtr last_;
    long shown_ = 0;
};

}  // namespace moelab
