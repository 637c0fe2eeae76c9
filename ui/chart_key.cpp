#include "chart_key.h"

#include <QFontMetricsF>
#include <QPainter>
#include <QResizeEvent>
#include <algorithm>
#include <cmath>

namespace moelab {

namespace {
constexpr double margin = 4;  // left and right of the key
}

ChartKey::ChartKey(QWidget* parent) : QWidget(parent) {
    QSizePolicy policy(QSizePolicy::Preferred, QSizePolicy::Fixed);
    policy.setHeightForWidth(true);
    setSizePolicy(policy);
    // White like the chart above it.
    setAutoFillBackground(true);
    QPalette colors = palette();
    colors.setColor(QPalette::Window, Qt::white);
    colors.setColor(QPalette::WindowText, QColor(40, 40, 40));
    setPalette(colors);
}

void ChartKey::setEntries(std::vector<Entry> entries) {
    entries_ = std::move(entries);
    updateGeometry();
    update();
}

double ChartKey::swatchWidth() const {
    return QFontMetricsF(font()).height() * 1.6;
}

double ChartKey::lineHeight() const {
    return QFontMetricsF(font()).height() * 1.25;
}

std::vector<QRectF> ChartKey::textRects(int width) const {
    const QFontMetricsF metrics(font());
    const double swatch = swatchWidth() + 4;
    const double spacing = metrics.height() * 0.9;
    const double line = lineHeight();
    std::vector<QRectF> rects;
    // Centred rows: entries go on a row while they fit, then a new row starts.
    std::vector<std::vector<double>> rows(1);  // entry widths per row
    double x = 0;
    for (const Entry& entry : entries_) {
        const double needed = swatch + metrics.horizontalAdvance(entry.text);
        const double start = rows.back().empty() ? 0 : x + spacing;
        if (!rows.back().empty() && start + needed > width - 2 * margin) {
            rows.emplace_back();
            x = 0;
        } else {
            x = start;
        }
        rows.back().push_back(needed);
        x += needed;
    }
    double y = 1;
    for (const auto& row : rows) {
        double total = 0;
        for (double w : row) total += w;
        total += spacing * double(std::max<size_t>(1, row.size()) - 1);
        double left = std::max(margin, (width - total) / 2);
        for (double w : row) {
            const double text_width = w - swatch;
            rects.emplace_back(left + swatch, y, text_width, line);
            left += w + spacing;
        }
        y += line;
    }
    return rects;
}

int ChartKey::heightForWidth(int width) const {
    if (entries_.empty()) return 0;
    const auto rects = textRects(width);
    return static_cast<int>(std::ceil(rects.back().bottom() + 2));
}

QSize ChartKey::sizeHint() const {
    const int width = 160;
    return {width, heightForWidth(width)};
}

QSize ChartKey::minimumSizeHint() const {
    return {40, static_cast<int>(std::ceil(lineHeight() + 3))};
}

void ChartKey::resizeEvent(QResizeEvent* event) {
    QWidget::resizeEvent(event);
    // A layout that ignores height-for-width still gets the height the rows need.
    const int needed = heightForWidth(event->size().width());
    if (needed != laid_out_height_) {
        laid_out_height_ = needed;
        setFixedHeight(needed);
    }
}

void ChartKey::paintEvent(QPaintEvent*) {
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing, true);
    const auto rects = textRects(width());
    const double swatch = swatchWidth();
    for (size_t k = 0; k < rects.size() && k < entries_.size(); ++k) {
        const QRectF& text = rects[k];
        const double y = text.center().y();
        QPen pen = entries_[k].pen;
        pen.setCapStyle(Qt::FlatCap);
        painter.setPen(pen);
        painter.drawLine(QPointF(text.left() - swatch - 4, y), QPointF(text.left() - 4, y));
        painter.setPen(palette().color(QPalette::WindowText));
        painter.drawText(text, Qt::AlignLeft | Qt::AlignVCenter, entries_[k].text);
    }
}

}  // namespace moelab
