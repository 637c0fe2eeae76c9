#include "compare_pane.h"

#include <QLabel>
#include <QTextDocument>
#include <QVBoxLayout>
#include <cmath>

#include "boundary_view.h"
#include "expert_colors.h"
#include "training_worker.h"

namespace moelab {

namespace {

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
    QMetaObject::invokeMethod(
        w, [w, config] { w->setConfig(config); }, Qt::QueuedConnection);
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
    return document.toPlainText();
}

QString ComparePane::numbersHtml(const Snapshot& snapshot) {
    const EpochMetrics& m = snapshot.latest;
    const double gap_points = 100.0 * m.top_expert_gap();
    const QString gap =
        std::isfinite(gap_points) ? tr("%1 pts").arg(gap_points, 0, 'f', 1) : tr("n/a");
    const int experts = std::max(1, snapshot.config.experts);
    QString html =
        tr("mixture <b>%1</b> · top expert alone %2 · <b>gap %3</b> · gate entropy %4 of %5 nats")
            .arg(percent(m.train_accuracy), percent(m.top_expert_accuracy), gap)
            .arg(m.gate_entropy, 0, 'f', 2)
            .arg(std::log(double(experts)), 0, 'f', 2);
    QStringList own;
    for (size_t i = 0; i < m.own_accuracy.size(); ++i) {
        const double value = m.own_accuracy[i];
        own << QStringLiteral("<span style=\"color:%1\">&#9632;</span>%2 %3")
                   .arg(expertColor(int(i)).name())
                   .arg(i)
                   .arg(std::isfinite(value) ? percent(value) : tr("none"));
    }
    if (!own.isEmpty())
        html +=
            QStringLiteral("<br>") +
            tr("each expert alone on its own cases: %1").arg(own.join(QStringLiteral(" &nbsp;")));
    return html;
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
