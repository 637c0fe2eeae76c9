#include "box_plot.h"

#include <QCoreApplication>
#include <QFile>
#include <QPainter>
#include <QTextStream>
#include <algorithm>
#include <cmath>
#include <iostream>
#include <stdexcept>

namespace moelab {

namespace {

// Marked with QT_TRANSLATE_NOOP where used, so that lupdate collects them.
QString text(const char* source) {
    return QCoreApplication::translate("moelab::BoxPlot", source);
}

// The q-quantile of sorted values, interpolating linearly between order statistics.
double quantile(const std::vector<double>& sorted, double q) {
    const double position = q * double(sorted.size() - 1);
    const size_t below = size_t(std::floor(position));
    const size_t above = std::min(below + 1, sorted.size() - 1);
    return sorted[below] + (position - double(below)) * (sorted[above] - sorted[below]);
}

// A round step giving about `ticks` ticks up to `top`.
double tick_step(double top, int ticks) {
    const double raw = top / ticks;
    const double power = std::pow(10.0, std::floor(std::log10(raw)));
    for (double factor : {1.0, 2.0, 5.0, 10.0})
        if (raw <= factor * power) return factor * power;
    return 10 * power;
}

}  // namespace

std::vector<BoxPlotSeries> read_runs_csv(const QString& path, const QString& column) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly | QIODevice::Text))
        throw std::runtime_error("cannot read '" + path.toStdString() + "'");
    QTextStream in(&file);
    const QStringList header = in.readLine().split(QLatin1Char(','));
    const qsizetype system = header.indexOf(QStringLiteral("system"));
    const qsizetype value = header.indexOf(column);
    if (system < 0 || value < 0)
        throw std::runtime_error("'" + path.toStdString() + "' has no columns system and " +
                                 column.toStdString());
    std::vector<BoxPlotSeries> series;
    while (!in.atEnd()) {
        const QString line = in.readLine();
        if (line.isEmpty()) continue;
        const QStringList fields = line.split(QLatin1Char(','));
        if (fields.size() != header.size())
            throw std::runtime_error("'" + path.toStdString() + "': a row of " +
                                     std::to_string(fields.size()) + " fields, expected " +
                                     std::to_string(header.size()));
        auto it = std::find_if(series.begin(), series.end(),
                               [&](const BoxPlotSeries& s) { return s.name == fields[system]; });
        if (it == series.end())
            it = series.insert(series.end(), BoxPlotSeries{fields[system], {}, 0});
        bool ok = false;
        const double number = fields[value].toDouble(&ok);
        if (ok && std::isfinite(number))
            it->values.push_back(number);
        else
            ++it->missing;
    }
    return series;
}

QImage draw_box_plot(const std::vector<BoxPlotSeries>& series, QSize size) {
    QImage image(size, QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::white);
    QPainter painter(&image);
    painter.setRenderHint(QPainter::Antialiasing);
    const QRectF plot(90, 60, size.width() - 120, size.height() - 120);

    double top = 1;
    for (const BoxPlotSeries& s : series)
        for (double v : s.values) top = std::max(top, v);
    const double step = tick_step(top * 1.05, 6);
    top = std::ceil(top * 1.05 / step) * step;
    auto y_of = [&](double v) { return plot.bottom() - v / top * plot.height(); };

    QFont font = painter.font();
    font.setPixelSize(16);
    painter.setFont(font);
    painter.setPen(Qt::black);
    painter.drawText(
        QRectF(0, 10, size.width(), 36), Qt::AlignCenter,
        text(QT_TRANSLATE_NOOP("moelab::BoxPlot",
                               "Epochs until the training accuracy stays at the criterion")));
    font.setPixelSize(13);
    painter.setFont(font);
    // The axis and its ticks.
    painter.setPen(QPen(QColor(200, 200, 200), 1));
    for (double v = 0; v <= top + step / 2; v += step) {
        painter.drawLine(QPointF(plot.left(), y_of(v)), QPointF(plot.right(), y_of(v)));
    }
    painter.setPen(Qt::black);
    for (double v = 0; v <= top + step / 2; v += step)
        painter.drawText(QRectF(0, y_of(v) - 10, plot.left() - 8, 20),
                         Qt::AlignRight | Qt::AlignVCenter, QString::number(v));
    painter.drawLine(plot.bottomLeft(), plot.topLeft());
    painter.drawLine(plot.bottomLeft(), plot.bottomRight());
    painter.save();
    painter.translate(22, plot.center().y());
    painter.rotate(-90);
    painter.drawText(QRectF(-100, -12, 200, 24), Qt::AlignCenter,
                     text(QT_TRANSLATE_NOOP("moelab::BoxPlot", "epochs")));
    painter.restore();

    const double slot = plot.width() / double(std::max<size_t>(1, series.size()));
    for (size_t i = 0; i < series.size(); ++i) {
        const BoxPlotSeries& s = series[i];
        const double x = plot.left() + slot * (double(i) + 0.5);
        const double half = std::min(60.0, slot * 0.25);
        QString label = s.name;
        if (s.missing > 0)
            label += QLatin1Char('\n') +
                     text(QT_TRANSLATE_NOOP("moelab::BoxPlot", "%1 never")).arg(s.missing);
        painter.setPen(Qt::black);
        painter.drawText(QRectF(x - slot / 2, plot.bottom() + 6, slot, 44),
                         Qt::AlignHCenter | Qt::AlignTop, label);
        if (s.values.empty()) continue;
        std::vector<double> sorted = s.values;
        std::sort(sorted.begin(), sorted.end());
        const double q1 = quantile(sorted, 0.25), median = quantile(sorted, 0.5),
                     q3 = quantile(sorted, 0.75);
        painter.setPen(QPen(Qt::black, 1.5));
        painter.drawLine(QPointF(x, y_of(sorted.front())), QPointF(x, y_of(q1)));
        painter.drawLine(QPointF(x, y_of(q3)), QPointF(x, y_of(sorted.back())));
        for (double end : {sorted.front(), sorted.back()})
            painter.drawLine(QPointF(x - half / 2, y_of(end)), QPointF(x + half / 2, y_of(end)));
        painter.setBrush(QColor(225, 225, 225));
        painter.drawRect(QRectF(QPointF(x - half, y_of(q3)), QPointF(x + half, y_of(q1))));
        painter.setPen(QPen(Qt::black, 3));
        painter.drawLine(QPointF(x - half, y_of(median)), QPointF(x + half, y_of(median)));
        // Every run, spread sideways by a fixed pattern so that equal values stay visible.
        painter.setPen(Qt::NoPen);
        painter.setBrush(QColor(0, 0, 0, 150));
        for (size_t r = 0; r < s.values.size(); ++r) {
            const double offset = (double((r * 7) % 11) / 10.0 - 0.5) * half * 0.8;
            painter.drawEllipse(QPointF(x + half * 1.6 + offset, y_of(s.values[r])), 2.5, 2.5);
        }
    }
    return image;
}

int export_box_plot(const QString& csv, const QString& png, QSize size) {
    try {
        const QImage image =
            draw_box_plot(read_runs_csv(csv, QStringLiteral("stable_crossing")), size);
        if (!image.save(png, "PNG"))
            throw std::runtime_error("cannot write '" + png.toStdString() + "'");
    } catch (const std::exception& error) {
        std::cerr << "moelab: " << error.what() << "\n";
        return 1;
    }
    return 0;
}

}  // namespace moelab
