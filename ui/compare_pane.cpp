#include "compare_pane.h"

#include <QLabel>
#include <QTextDocument>
#include <QVBoxLayout>
#include <algorithm>
#include <cmath>

#include <sys/resource.h>
#include <unistd.h>

#include "boundary_view.h"
#include "expert_colors.h"
#include "thread_handoff.h"
#include "training_worker.h"

namespace moelab {

namespace {

// How much less CPU weight a pane's training thread has than the window's (nice 5: a third).
constexpr int kTrainingNiceness = 5;

QString percent(double fraction) {
    return std::isfinite(fraction) ? QStringLiteral("%1%").arg(100.0 * fraction, 0, 'f', 1)
                                   : ComparePane::tr("n/a");
}

}  // namespace

ComparePane::ComparePane(const Config& config, const QString& title, const QColor& color,
                         QWidget* parent)
    : QWidget(parent),
      config_(config),
      title_(title),
      color_(color),
      training_(new TrainingThread(this)) {
    view_ = new BoundaryView;
    view_->setMinimumSize(200, 150);
    title_label_ = new QLabel;
    title_label_->setObjectName(QStringLiteral("paneTitle"));
    title_label_->setTextFormat(Qt::RichText);
    // The swatch is the colour of this pane's curves in the overlay chart.
    title_label_->setText(QStringLiteral("<span style=\"color:%1\">&#9632;</span> <b>%2</b>")
                              .arg(color.name(), title.toHtmlEscaped()));
    numbers_ = new QLabel;
    numbers_->setObjectName(QStringLiteral("paneNumbers"));
    numbers_->setTextFormat(Qt::RichText);
    numbers_->setWordWrap(true);
    numbers_->setToolTip(
        tr("Gap: the mixture's training accuracy minus that of the gate's top expert alone on "
           "every case (large under eq. 1, where the experts learn each other's residuals; small "
           "under eq. 3). Gate entropy: mean over the training cases, in nats (log N = a gate "
           "that does not choose). Own cases: each expert alone on the cases the gate gives it "
           "most weight."));
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(2, 2, 2, 2);
    layout->setSpacing(2);
    layout->addWidget(title_label_);
    layout->addWidget(view_, 1);
    layout->addWidget(numbers_);

    TrainingWorker* w = training_->worker();
    // Queued: the worker lives on its own thread. The view asks for a raster of its own size.
    connect(view_, &BoundaryView::viewportChanged, w, &TrainingWorker::setViewport);
    connect(w, &TrainingWorker::snapshotReady, this, &ComparePane::onSnapshot);
    post_to(
        w,
        [w, config] {
            // Four trainings as fast as they go would leave the window's thread a fifth of the
            // cores and the panes a third of their frames; a little less priority for the
            // training (Linux: per-thread niceness) keeps the pictures coming. Best effort.
            setpriority(PRIO_PROCESS, static_cast<id_t>(gettid()), kTrainingNiceness);
            w->setConfig(config);
        },
        Qt::QueuedConnection);
}

ComparePane::~ComparePane() {
    shutdown();
}

TrainingWorker* ComparePane::worker() const {
    return training_->worker();
}

void ComparePane::shutdown() {
    training_->stop();
}

QString ComparePane::numbersText() const {
    QTextDocument document;
    document.setHtml(numbers_->text());
    return document.toPlainText().replace(QChar::Nbsp, QLatin1Char(' '));
}

QString ComparePane::numbersHtml(const Snapshot& snapshot) {
    const EpochMetrics& m = snapshot.latest;
    const double gap_points = 100.0 * m.top_expert_gap();
    const QString gap =
        std::isfinite(gap_points) ? tr("%1 pts").arg(gap_points, 0, 'f', 1) : tr("n/a");
    const int experts = std::max(1, snapshot.config.experts);
    // Each item stays on one line (non-breaking spaces); lines break between items only.
    auto item = [](const QString& text) {
        return text.toHtmlEscaped().replace(QLatin1Char(' '), QStringLiteral("&nbsp;"));
    };
    QStringList items{
        QStringLiteral("<b>%1</b>").arg(item(tr("mixture %1").arg(percent(m.train_accuracy)))),
        item(tr("top expert alone %1").arg(percent(m.top_expert_accuracy))),
        QStringLiteral("<b>%1</b>").arg(item(tr("gap %1").arg(gap))),
        item(tr("gate entropy %1 of %2 nats")
                 .arg(m.gate_entropy, 0, 'f', 2)
                 .arg(std::log(double(experts)), 0, 'f', 2))};
    QString html = items.join(QStringLiteral(" · "));
    QStringList own;
    for (size_t i = 0; i < m.own_accuracy.size(); ++i) {
        const double value = m.own_accuracy[i];
        own << QStringLiteral("<span style=\"color:%1\">&#9632;</span>%2")
                   .arg(expertColor(int(i)).name(),
                        item(QStringLiteral("%1 %2").arg(i).arg(
                            std::isfinite(value) ? percent(value) : tr("none"))));
    }
    if (!own.isEmpty())
        html += QStringLiteral("<br>") + item(tr("alone on own cases:")) + QLatin1Char(' ') +
                own.join(QLatin1Char(' '));
    return html;
}

void ComparePane::resizeEvent(QResizeEvent* event) {
    QWidget::resizeEvent(event);
    // A narrow pane gives its plane to the data: the legend would cover a third of it, and the
    // title, the numbers and the chart name what the colours are.
    const bool legend = view_->width() >= 420 && view_->height() >= 300;
    if (legend != view_->options().show_legend) view_->setShowLegend(legend);
    // The title and the numbers grow with the pane, as the figure's own text does, so that a
    // wide pane on a projector reads from the back of the room.
    const int pixels = std::clamp(width() / 45, 12, 17);
    for (QLabel* label : {title_label_, numbers_}) {
        if (label->font().pixelSize() == pixels) continue;
        QFont font = label->font();
        font.setPixelSize(pixels);
        label->setFont(font);
    }
}

void ComparePane::onSnapshot(SnapshotPtr snapshot) {
    if (!snapshot) return;
    last_ = snapshot;
    ++shown_;
    view_->showSnapshot(snapshot);
    const QString html = numbersHtml(*snapshot);
    if (html != numbers_->text()) numbers_->setText(html);
    // Ready for the next one. (A snapshot may still arrive after the worker has stopped.)
    if (TrainingWorker* w = worker()) w->snapshotConsumed();
    emit snapshotShown(snapshot);
}

}  // namespace moelab
