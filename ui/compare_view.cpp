#include "compare_view.h"

#include <QAction>
#include <QCloseEvent>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QResizeEvent>
#include <QSlider>
#include <QSplitter>
#include <QVBoxLayout>
#include <algorithm>
#include <cmath>
#include <limits>

#include "compare_chart.h"
#include "compare_pane.h"
#include "compare_panes.h"
#include "compare_setup_dialog.h"
#include "control_panel.h"
#include "thread_handoff.h"
#include "training_worker.h"

namespace moelab {

namespace {

// How far ahead of the slowest pane the others may train, in seconds of its training: short
// enough that the panes look level, long enough that a message's round trip never stalls it.
constexpr double window_seconds = 0.25;
constexpr long min_chunk = 2;
constexpr long max_chunk = 100'000;
// The speed the panes start at: the control panel's default (100 epochs per second).
constexpr double initial_speed = 100;

template <typename Slot>
void on_worker(ComparePane* pane, Slot slot) {
    if (TrainingWorker* w = pane->worker())
        post_to(
            w, [w, slot] { slot(w); }, Qt::QueuedConnection);
}

}  // namespace

double CompareView::defaultSpeed() {
    return initial_speed;
}

QColor CompareView::paneColor(int index) {
    // Dark, saturated and apart from each other: lines on a white chart, swatches in the titles.
    static const QColor colors[] = {QColor(0x1f, 0x5f, 0xb4), QColor(0xd6, 0x27, 0x28),
                                    QColor(0x2c, 0x8c, 0x2c), QColor(0x8c, 0x4f, 0xb0)};
    return colors[std::clamp(index, 0, 3)];
}

CompareView::CompareView(const std::vector<Config>& configs, QWidget* parent) : QWidget(parent) {
    setObjectName(QStringLiteral("compareView"));
    setWindowTitle(tr("MoE Lab: compare"));
    chart_ = new CompareChart;
    pane_area_ = new QWidget;
    pane_area_->setObjectName(QStringLiteral("comparePanes"));
    pane_grid_ = new QGridLayout(pane_area_);
    pane_grid_->setContentsMargins(0, 0, 0, 0);
    pane_grid_->setSpacing(6);
    pane_area_->installEventFilter(this);
    const size_t count = std::min<size_t>(configs.size(), kMaxComparePanes);
    for (size_t i = 0; i < count; ++i) {
        const QString title = pane_title(configs, i);
        const QColor color = paneColor(int(i));
        auto* pane = new ComparePane(configs[i], title, color, pane_area_);
        pane->setObjectName(QStringLiteral("comparePane%1").arg(i));
        panes_.push_back(pane);
        chart_->addPane(title, color);
        connect(pane, &ComparePane::snapshotShown, this,
                [this, i](const SnapshotPtr& snapshot) { onPaneSnapshot(i, snapshot); });
        TrainingWorker* w = pane->worker();
        connect(w, &TrainingWorker::diverged, this, [this, i] {
            halted_[i] = true;
            advanceLockstep();
        });
        connect(w, &TrainingWorker::targetReached, this, [this] {
            if (awaiting_targets_ > 0 && --awaiting_targets_ == 0) emit trainedFor();
        });
        on_worker(pane, [](TrainingWorker* worker) { worker->setSpeed(initial_speed); });
    }
    epochs_.assign(panes_.size(), 0);
    halted_.assign(panes_.size(), false);
    speed_ = initial_speed;

    splitter_ = new QSplitter(Qt::Vertical);
    splitter_->addWidget(pane_area_);
    splitter_->addWidget(chart_);
    splitter_->setChildrenCollapsible(false);
    // Until someone drags it, the chart takes a fixed share of the height (resizeEvent).
    connect(splitter_, &QSplitter::splitterMoved, this, [this] { splitter_dragged_ = true; });
    controls_ = buildControls();
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->setSpacing(4);
    layout->addWidget(controls_);
    layout->addWidget(splitter_, 1);
    arrangePanes();
    updateControls();
}

CompareView::~CompareView() {
    shutdown();
}

QWidget* CompareView::buildControls() {
    auto* box = new QWidget;
    play_button_ = new QPushButton;
    play_button_->setObjectName(QStringLiteral("comparePlay"));
    play_button_->setCheckable(true);
    step_button_ = new QPushButton(tr("Step"));
    step_button_->setObjectName(QStringLiteral("compareStep"));
    step_button_->setToolTip(tr("Every pane trains one epoch"));
    reset_button_ = new QPushButton(tr("Reset"));
    reset_button_->setObjectName(QStringLiteral("compareReset"));
    reset_button_->setToolTip(tr("Every pane back to the same initial weights; epoch 0"));
    speed_slider_ = new QSlider(Qt::Horizontal);
    speed_slider_->setObjectName(QStringLiteral("compareSpeed"));
    speed_slider_->setRange(0, ControlPanel::speedPosition(0));
    speed_slider_->setValue(ControlPanel::speedPosition(initial_speed));
    speed_slider_->setMaximumWidth(220);
    speed_slider_->setToolTip(tr("Epochs per second of every pane, up to as fast as they go"));
    speed_label_ = new QLabel;
    speed_label_->setMinimumWidth(90);
    epoch_label_ = new QLabel;
    epoch_label_->setObjectName(QStringLiteral("compareEpoch"));
    QFont bold = epoch_label_->font();
    bold.setBold(true);
    epoch_label_->setFont(bold);
    epoch_label_->setToolTip(
        tr("The panes train in lockstep: none runs more than about a quarter second of training "
           "ahead of the slowest, and Pause stops them all at the same epoch, so their pictures "
           "and curves are of the same epochs."));
    auto* row = new QHBoxLayout(box);
    row->setContentsMargins(0, 0, 0, 0);
    row->addWidget(play_button_);
    row->addWidget(step_button_);
    row->addWidget(reset_button_);
    row->addSpacing(12);
    row->addWidget(new QLabel(tr("Speed")));
    row->addWidget(speed_slider_);
    row->addWidget(speed_label_);
    row->addStretch(1);
    row->addWidget(epoch_label_);

    connect(play_button_, &QPushButton::clicked, this, &CompareView::setPlaying);
    connect(step_button_, &QPushButton::clicked, this, &CompareView::step);
    connect(reset_button_, &QPushButton::clicked, this, &CompareView::reset);
    connect(speed_slider_, &QSlider::valueChanged, this,
            [this](int position) { setSpeed(ControlPanel::speedAt(position)); });

    // Space, Right and R as in the main window.
    auto shortcut = [this](QKeySequence key, QPushButton* button) {
        auto* action = new QAction(this);
        action->setShortcut(key);
        action->setShortcutContext(Qt::WindowShortcut);
        connect(action, &QAction::triggered, button, &QPushButton::click);
        addAction(action);
    };
    shortcut(QKeySequence(Qt::Key_Space), play_button_);
    shortcut(QKeySequence(Qt::Key_Right), step_button_);
    shortcut(QKeySequence(Qt::Key_R), reset_button_);
    return box;
}

void CompareView::setControlsVisible(bool visible) {
    controls_->setVisible(visible);
}

std::vector<long> CompareView::paneEpochs() const {
    return epochs_;
}

long CompareView::maxEpoch() const {
    return epochs_.empty() ? 0 : *std::max_element(epochs_.begin(), epochs_.end());
}

void CompareView::updateControls() {
    play_button_->setChecked(playing_ && !pausing_);
    play_button_->setText(playing_ && !pausing_ ? tr("Pause") : tr("Play"));
    const double speed = ControlPanel::speedAt(speed_slider_->value());
    speed_label_->setText(speed > 0 ? tr("%1 epochs/s").arg(speed) : tr("max"));
    const auto [low, high] = std::minmax_element(epochs_.begin(), epochs_.end());
    if (low == epochs_.end() || *low == *high)
        epoch_label_->setText(tr("Epoch %1").arg(low == epochs_.end() ? 0 : *low));
    else
        epoch_label_->setText(tr("Epochs %1 to %2").arg(*low).arg(*high));
}

void CompareView::sendLimit(long limit) {
    for (ComparePane* pane : panes_)
        on_worker(pane, [limit](TrainingWorker* w) { w->setEpochLimit(limit); });
}

void CompareView::setPlaying(bool playing) {
    if (playing)
        play();
    else
        pause();
}

void CompareView::play() {
    if (playing_ && !pausing_) return;
    pausing_ = false;
    step_after_pause_ = false;
    if (!playing_) {
        playing_ = true;
        std::fill(halted_.begin(), halted_.end(), false);
        if (speed_ > 0) chunk_ = std::max(min_chunk, std::lround(speed_ * window_seconds));
        limit_ = maxEpoch() + chunk_;
        sendLimit(limit_);
        rate_clock_.start();
        rate_epoch_ = *std::min_element(epochs_.begin(), epochs_.end());
        for (ComparePane* pane : panes_)
            on_worker(pane, [](TrainingWorker* w) { w->setPlaying(true); });
    }
    updateControls();
    emit playingChanged(true);
}

void CompareView::pause() {
    if (!playing_ || pausing_) return;
    // Every pane trains up to the current limit, then all stop there (advanceLockstep).
    pausing_ = true;
    updateControls();
    emit playingChanged(false);
    advanceLockstep();
}

void CompareView::stopAll() {
    for (ComparePane* pane : panes_)
        on_worker(pane, [](TrainingWorker* w) { w->setPlaying(false); });
    playing_ = false;
    pausing_ = false;
    updateControls();
}

void CompareView::step() {
    if (playing_) {
        // Pause at the shared limit first, then step from there together.
        step_after_pause_ = true;
        pause();
        return;
    }
    for (ComparePane* pane : panes_) on_worker(pane, [](TrainingWorker* w) { w->stepEpoch(); });
}

void CompareView::reset() {
    const bool was_playing = playing_ && !pausing_;
    playing_ = false;
    pausing_ = false;
    step_after_pause_ = false;
    awaiting_targets_ = 0;
    for (ComparePane* pane : panes_)
        on_worker(pane, [](TrainingWorker* w) {
            w->setPlaying(false);
            w->setEpochLimit(-1);
            w->reset();
        });
    std::fill(epochs_.begin(), epochs_.end(), 0);
    std::fill(halted_.begin(), halted_.end(), false);
    updateControls();
    if (was_playing) emit playingChanged(false);
}

void CompareView::setSpeed(double epochs_per_second) {
    speed_ = std::max(0.0, epochs_per_second);
    const double speed = speed_;
    for (ComparePane* pane : panes_)
        on_worker(pane, [speed](TrainingWorker* w) { w->setSpeed(speed); });
    const int position = ControlPanel::speedPosition(speed_);
    if (speed_slider_->value() != position) {
        const QSignalBlocker block(speed_slider_);
        speed_slider_->setValue(position);
    }
    updateControls();
}

void CompareView::trainAllFor(long epochs) {
    if (playing_) stopAll();
    awaiting_targets_ = int(panes_.size());
    for (ComparePane* pane : panes_)
        on_worker(pane, [epochs](TrainingWorker* w) {
            w->setEpochLimit(-1);
            w->trainFor(epochs);
        });
}

void CompareView::onPaneSnapshot(size_t index, const SnapshotPtr& snapshot) {
    epochs_[index] = snapshot->epoch;
    chart_->showSnapshot(int(index), snapshot);
    advanceLockstep();
    updateControls();
}

void CompareView::advanceLockstep() {
    if (!playing_) return;
    long slowest = std::numeric_limits<long>::max();
    for (size_t i = 0; i < panes_.size(); ++i)
        if (!halted_[i]) slowest = std::min(slowest, epochs_[i]);
    if (slowest == std::numeric_limits<long>::max() || pausing_) {
        // Paused (or every pane diverged): stop once every pane is at the limit.
        if (slowest != std::numeric_limits<long>::max() && slowest < limit_) return;
        stopAll();
        if (step_after_pause_) {
            step_after_pause_ = false;
            step();
        }
        return;
    }
    // The window ahead of the slowest pane: what it trains in window_seconds at its measured pace
    // (or at the asked speed), so that it never waits for a message while the fastest stays at
    // most that far ahead. A pane that had to wait all the same widens the window.
    if (rate_clock_.elapsed() >= 500) {
        const double rate = double(slowest - rate_epoch_) * 1000.0 / rate_clock_.restart();
        rate_epoch_ = slowest;
        const double pace = speed_ > 0 ? speed_ : rate;
        chunk_ = std::max(chunk_ / 2, std::lround(pace * window_seconds));
    }
    if (slowest >= limit_) chunk_ = chunk_ * 3 / 2 + 1;
    chunk_ = std::clamp(chunk_, min_chunk, max_chunk);
    if (slowest + chunk_ > limit_) {
        limit_ = slowest + chunk_;
        sendLimit(limit_);
    }
}

void CompareView::arrangePanes() {
    // The grid whose cells give the planes the most room: 1 x 2, 2 x 2, and on wide windows
    // 1 x 3 or 1 x 4. A plane with its legend reads best a little wider than high.
    const int count = int(panes_.size());
    if (count == 0) return;
    const QSize area = pane_area_->size().isEmpty() ? QSize(1200, 600) : pane_area_->size();
    QSize best(1, count);
    double best_score = -1;
    for (int columns = 1; columns <= count; ++columns) {
        const int rows = (count + columns - 1) / columns;
        if ((rows - 1) * columns >= count) continue;  // an empty row
        const double cell_w = double(area.width()) / columns, cell_h = double(area.height()) / rows;
        const double score = std::min(cell_w, cell_h * 1.3);
        if (score > best_score + 1e-9) {
            best_score = score;
            best = QSize(columns, rows);
        }
    }
    const QSize grid(best.height(), best.width());  // (rows, columns)
    if (grid == grid_) return;
    grid_ = grid;
    for (ComparePane* pane : panes_) pane_grid_->removeWidget(pane);
    for (int i = 0; i < count; ++i)
        pane_grid_->addWidget(panes_[size_t(i)], i / best.width(), i % best.width());
    for (int r = 0; r < 4; ++r) pane_grid_->setRowStretch(r, r < best.height() ? 1 : 0);
    for (int c = 0; c < 4; ++c) pane_grid_->setColumnStretch(c, c < best.width() ? 1 : 0);
}

void CompareView::resizeEvent(QResizeEvent* event) {
    QWidget::resizeEvent(event);
    if (splitter_dragged_) return;
    const int height = splitter_->height();
    const int chart = std::clamp(height * 30 / 100, 180, 420);
    splitter_->setSizes({std::max(1, height - chart), chart});
}

bool CompareView::eventFilter(QObject* watched, QEvent* event) {
    if (watched == pane_area_ && event->type() == QEvent::Resize) arrangePanes();
    return QWidget::eventFilter(watched, event);
}

void CompareView::shutdown() {
    for (ComparePane* pane : panes_) pane->shutdown();
}

void CompareView::closeEvent(QCloseEvent* event) {
    shutdown();
    event->accept();
}

CompareView* open_compare(QWidget* parent, const Config& base) {
    CompareSetupDialog dialog(base, parent);
    if (dialog.exec() != QDialog::Accepted) return nullptr;
    auto* view = new CompareView(dialog.configs(), parent);
    view->setWindowFlag(Qt::Window);
    view->setAttribute(Qt::WA_DeleteOnClose);
    view->resize(parent ? parent->size() : QSize(1440, 900));
    view->show();
    return view;
}

}  // namespace moelab
