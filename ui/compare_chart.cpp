#include "compare_chart.h"

#include <QChart>
#include <QChartView>
#include <QLegendMarker>
#include <QLineSeries>
#include <QTimer>
#include <QVBoxLayout>
#include <QValueAxis>
#include <algorithm>
#include <cmath>

namespace moelab {

namespace {

constexpr int refresh_interval_ms =
    200;  // the curves move smoothly enough at five redraws a second

// Every `stride`-th of `count` points (a power of two, so the points kept stay the same ones while
// the history grows), and always the last.
size_t stride_for(size_t count) {
    size_t stride = 1;
    while ((count + stride - 1) / stride + 1 > size_t(CompareChart::max_points_per_series))
        stride *= 2;
    return stride;
}

QFont scaled(QFont font, double factor) {
    font.setPointSizeF(std::max(6.5, font.pointSizeF() * factor));
    return font;
}

}  // namespace

CompareChart::CompareChart(QWidget* parent) : QWidget(parent) {
    setObjectName(QStringLiteral("compareChart"));
    chart_ = new QChart;
    chart_->setTitle(tr("Loss (solid, left axis) and training accuracy (dashed, right axis)"));
    chart_->setTitleFont(scaled(chart_->titleFont(), 0.95));
    chart_->setMargins(QMargins(4, 2, 4, 2));
    chart_->legend()->setAlignment(Qt::AlignRight);
    chart_->legend()->setFont(scaled(chart_->legend()->font(), 0.95));
    epoch_axis_ = new QValueAxis;
    epoch_axis_->setTitleText(tr("Epoch"));
    epoch_axis_->setLabelFormat(QStringLiteral("%.0f"));
    loss_axis_ = new QValueAxis;
    loss_axis_->setTitleText(tr("Loss"));
    loss_axis_->setLabelFormat(QStringLiteral("%.3g"));
    accuracy_axis_ = new QValueAxis;
    accuracy_axis_->setTitleText(tr("Accuracy (%)"));
    accuracy_axis_->setLabelFormat(QStringLiteral("%.0f"));
    accuracy_axis_->setRange(0, 100);
    accuracy_axis_->setTickCount(6);
    // One grid is enough: the loss axis draws it.
    accuracy_axis_->setGridLineVisible(false);
    for (QValueAxis* axis : {epoch_axis_, loss_axis_, accuracy_axis_}) {
        axis->setLabelsFont(scaled(axis->labelsFont(), 0.85));
        axis->setTitleFont(scaled(axis->titleFont(), 0.85));
    }
    chart_->addAxis(epoch_axis_, Qt::AlignBottom);
    chart_->addAxis(loss_axis_, Qt::AlignLeft);
    chart_->addAxis(accuracy_axis_, Qt::AlignRight);
    epoch_axis_->setRange(0, 1);
    loss_axis_->setRange(0, 1);

    view_ = new QChartView(chart_);
    view_->setObjectName(QStringLiteral("compareChartView"));
    view_->setRenderHint(QPainter::Antialiasing);
    view_->setMinimumHeight(140);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(view_);

    refresh_timer_ = new QTimer(this);
    refresh_timer_->setInterval(refresh_interval_ms);
    connect(refresh_timer_, &QTimer::timeout, this, [this] {
        if (dirty_) refresh();
    });
    refresh_timer_->start();
}

int CompareChart::addPane(const QString& title, const QColor& color) {
    Pane pane;
    pane.loss_series = new QLineSeries;
    pane.loss_series->setName(title);
    pane.loss_series->setPen(QPen(color, 2));
    pane.accuracy_series = new QLineSeries;
    pane.accuracy_series->setName(tr("%1, accuracy").arg(title));
    pane.accuracy_series->setPen(QPen(color, 2, Qt::DashLine));
    for (QLineSeries* series : {pane.loss_series, pane.accuracy_series}) {
        chart_->addSeries(series);
        series->attachAxis(epoch_axis_);
    }
    pane.loss_series->attachAxis(loss_axis_);
    pane.accuracy_series->attachAxis(accuracy_axis_);
    // The legend names each pane once, by its solid line; the title says what the dashes are.
    for (QLegendMarker* marker : chart_->legend()->markers(pane.accuracy_series))
        marker->setVisible(false);
    panes_.push_back(pane);
    return paneCount() - 1;
}

QLineSeries* CompareChart::lossSeries(int index) const {
    return index >= 0 && index < paneCount() ? panes_[size_t(index)].loss_series : nullptr;
}

QLineSeries* CompareChart::accuracySeries(int index) const {
    return index >= 0 && index < paneCount() ? panes_[size_t(index)].accuracy_series : nullptr;
}

void CompareChart::showSnapshot(int index, SnapshotPtr snapshot) {
    if (!snapshot || index < 0 || index >= paneCount()) return;
    Pane& pane = panes_[size_t(index)];
    if (snapshot->history_reset) {
        pane.losses.clear();
        pane.accuracy.clear();
    }
    if (!snapshot->new_losses.empty()) {
        // An epoch published again replaces what was there.
        const long first = snapshot->new_losses.front().epoch;
        while (!pane.losses.empty() && pane.losses.back().epoch >= first) pane.losses.pop_back();
        pane.losses.insert(pane.losses.end(), snapshot->new_losses.begin(),
                           snapshot->new_losses.end());
    }
    for (const EpochMetrics& metrics : snapshot->new_history) {
        while (!pane.accuracy.empty() && pane.accuracy.back().first >= metrics.epoch)
            pane.accuracy.pop_back();
        pane.accuracy.emplace_back(metrics.epoch, metrics.train_accuracy);
    }
    dirty_ = true;
}

void CompareChart::refreshNow() {
    refresh();
}

void CompareChart::refresh() {
    dirty_ = false;
    double last_epoch = 1, loss_max = 0;
    for (Pane& pane : panes_) {
        QList<QPointF> loss, accuracy;
        const size_t points = pane.losses.size();
        const size_t loss_stride = stride_for(points);
        auto add_loss = [&](size_t i) {
            const LossPoint& point = pane.losses[i];
            if (!std::isfinite(point.loss)) return;
            loss.append({double(point.epoch), point.loss});
            loss_max = std::max(loss_max, point.loss);
        };
        for (size_t i = 0; i < points; i += loss_stride) add_loss(i);
        if (points > 0 && (points - 1) % loss_stride != 0) add_loss(points - 1);
        const size_t rows = pane.accuracy.size();
        const size_t stride = stride_for(rows);
        auto add_accuracy = [&](size_t i) {
            const auto [epoch, value] = pane.accuracy[i];
            if (std::isfinite(value)) accuracy.append({double(epoch), 100 * value});
        };
        for (size_t i = 0; i < rows; i += stride) add_accuracy(i);
        if (rows > 0 && (rows - 1) % stride != 0) add_accuracy(rows - 1);
        pane.loss_series->replace(loss);
        pane.accuracy_series->replace(accuracy);
        if (points > 0) last_epoch = std::max(last_epoch, double(pane.losses.back().epoch));
        if (rows > 0) last_epoch = std::max(last_epoch, double(pane.accuracy.back().first));
    }
    epoch_axis_->setRange(0, last_epoch);
    epoch_axis_->setTickCount(5);
    epoch_axis_->applyNiceNumbers();
    loss_axis_->setRange(0, loss_max > 0 ? loss_max * 1.05 : 1);
    loss_axis_->setTickCount(6);
    loss_axis_->applyNiceNumbers();
    accuracy_axis_->setRange(0, 100);
}

}  // namespace moelab
