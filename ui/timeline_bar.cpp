#include "timeline_bar.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QSlider>
#include <QTimer>
#include <algorithm>
#include <cmath>

#include "replay_renderer.h"

namespace moelab {

namespace {

// A replay runs through its frames at about eight a second: slow enough to follow a boundary.
constexpr int kReplayFrameMs = 120;
// While the slider is dragged or the replay runs, frames are drawn on a coarser raster (as the
// live view while training runs: the tint is stretched, the contours interpolated) so each takes
// a few milliseconds; the frame the slider stops on is drawn again at the view's resolution.
constexpr double kDraftCells = 40'000;

GridSpec draft_of(GridSpec spec) {
    const double cells = double(spec.width) * double(spec.height);
    if (cells <= kDraftCells) return spec;
    const double shrink = std::sqrt(kDraftCells / cells);
    spec.width = std::max(32, int(std::lround(spec.width * shrink)));
    spec.height = std::max(32, int(std::lround(spec.height * shrink)));
    return spec;
}

const TimelineEntries& no_entries() {
    static const TimelineEntries empty;
    return empty;
}

bool same_spec(const GridSpec& a, const GridSpec& b) {
    return a.x_min == b.x_min && a.x_max == b.x_max && a.y_min == b.y_min && a.y_max == b.y_max &&
           a.width == b.width && a.height == b.height;
}

}  // namespace

TimelineBar::TimelineBar(QWidget* plane, QWidget* parent)
    : QWidget(parent),
      plane_(plane),
      slider_(new QSlider(Qt::Horizontal)),
      label_(new QLabel),
      replay_button_(new QPushButton(tr("Replay"))),
      live_button_(new QPushButton(tr("Live"))),
      replay_timer_(new QTimer(this)),
      renderer_(new ReplayRenderer(this)) {
    setObjectName(QStringLiteral("timelineBar"));
    slider_->setObjectName(QStringLiteral("timelineSlider"));
    label_->setObjectName(QStringLiteral("timelineLabel"));
    replay_button_->setObjectName(QStringLiteral("replayButton"));
    live_button_->setObjectName(QStringLiteral("liveButton"));
    slider_->setRange(0, 0);
    slider_->setToolTip(
        tr("Drag to see the plane as it was at earlier epochs (kept at "
           "log-spaced epochs); the right end is the live training"));
    replay_button_->setToolTip(tr("Play the training again from its first epoch"));
    replay_button_->setCheckable(true);
    live_button_->setToolTip(tr("Show the live training again"));
    replay_timer_->setInterval(kReplayFrameMs);
    // One line, as low as a button: the plane keeps almost all of the height.
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(6, 2, 6, 2);
    layout->addWidget(new QLabel(tr("Timeline")));
    layout->addWidget(slider_, 1);
    label_->setMinimumWidth(label_->fontMetrics().horizontalAdvance(tr("Epoch %1").arg(999999)) +
                            8);
    layout->addWidget(label_);
    layout->addWidget(replay_button_);
    layout->addWidget(live_button_);
    setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Fixed);

    connect(slider_, &QSlider::valueChanged, this, &TimelineBar::onSliderMoved);
    connect(slider_, &QSlider::sliderReleased, this, &TimelineBar::requestFrame);
    connect(live_button_, &QPushButton::clicked, this, &TimelineBar::goLive);
    connect(replay_button_, &QPushButton::clicked, this, &TimelineBar::toggleReplay);
    connect(replay_timer_, &QTimer::timeout, this, &TimelineBar::advanceReplay);
    connect(renderer_, &ReplayRenderer::frameReady, this, [this](SnapshotPtr frame) {
        // A frame drawn for an entry no longer chosen (the slider moved on, or went live) is
        // dropped.
        if (!shown_entry_ || !frame || frame->epoch != shown_entry_->epoch) return;
        emit frameShown(frame);
    });
    updateLabel();
}

TimelineBar::~TimelineBar() = default;

const TimelineEntries& TimelineBar::entries() const {
    return entries_ ? *entries_ : no_entries();
}

bool TimelineBar::isReplaying() const {
    return replay_timer_->isActive();
}

void TimelineBar::setLive(SnapshotPtr live) {
    if (!live) return;
    live_ = live;
    if (live->timeline != entries_) {
        entries_ = live->timeline;
        const int count = static_cast<int>(entries().size());
        int position = count;  // live
        if (shown_entry_) {
            // Keep the epoch on screen: entries are only ever added or thinned out, so the shown
            // one is found again (or, thinned out, the last one before it). A new history (fewer
            // epochs than the one shown) returns to the live view.
            const auto& list = entries();
            const auto after = std::upper_bound(
                list.begin(), list.end(), shown_entry_->epoch,
                [](long epoch, const auto& entry) { return epoch < entry->epoch; });
            position = static_cast<int>(after - list.begin()) - 1;
            if (position < 0 || live->history_reset) position = count;
        }
        const QSignalBlocker block(slider_);
        slider_->setRange(0, count);
        slider_->setValue(position);
        slider_->setPageStep(std::max(1, count / 10));
        onSliderMoved(position);
    } else if (shown_entry_ && live->grid && !same_spec(live->grid->spec, requested_spec_)) {
        // The view zoomed, panned or resized: the stored epoch again, in the new window.
        requestFrame();
    }
    updateLabel();
}

void TimelineBar::showEntry(int index) {
    slider_->setValue(std::clamp(index, 0, slider_->maximum()));
    onSliderMoved(slider_->value());
}

void TimelineBar::onSliderMoved(int position) {
    const auto& list = entries();
    std::shared_ptr<const TimelineEntry> chosen;
    if (position >= 0 && position < static_cast<int>(list.size())) chosen = list[size_t(position)];
    const bool was_scrubbing = isScrubbing();
    if (chosen == shown_entry_) {
        updateLabel();
        return;
    }
    shown_entry_ = chosen;
    if (shown_entry_) {
        requestFrame();
    } else if (was_scrubbing) {
        replay_timer_->stop();
        replay_button_->setChecked(false);
        emit liveShown();
    }
    updateLabel();
}

void TimelineBar::requestFrame() {
    if (!live_ || !shown_entry_) return;
    requested_spec_ = live_->grid ? live_->grid->spec : GridSpec{};
    const bool draft = slider_->isSliderDown() || isReplaying();
    const GridSpec spec = draft ? draft_of(requested_spec_) : requested_spec_;
    const double cell_pixels = double(std::max(1, plane_->width())) / std::max(1, spec.width);
    renderer_->request(live_, shown_entry_, spec, cell_pixels);
}

void TimelineBar::goLive() {
    replay_timer_->stop();
    replay_button_->setChecked(false);
    showEntry(slider_->maximum());
}

void TimelineBar::toggleReplay() {
    if (isReplaying()) {
        replay_timer_->stop();
        replay_button_->setChecked(false);
        requestFrame();  // the frame it stopped on, at full resolution
        return;
    }
    if (entries().empty()) {
        replay_button_->setChecked(false);
        return;
    }
    replay_button_->setChecked(true);
    // From the start, unless the teacher has stopped somewhere on the way.
    if (!isScrubbing()) showEntry(0);
    replay_timer_->start();
}

void TimelineBar::advanceReplay() {
    if (slider_->value() >= slider_->maximum()) {
        goLive();
        return;
    }
    showEntry(slider_->value() + 1);
    if (!isScrubbing()) {
        replay_timer_->stop();
        replay_button_->setChecked(false);
    }
}

void TimelineBar::updateLabel() {
    const bool scrubbing = isScrubbing();
    live_button_->setEnabled(scrubbing);
    slider_->setEnabled(!entries().empty());
    if (scrubbing) {
        label_->setText(tr("Epoch %1").arg(shown_entry_->epoch));
    } else {
        label_->setText(tr("Live"));
    }
}

}  // namespace moelab
