#include "regression_figure.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QFontMetricsF>
#include <QPainterPath>
#include <QSaveFile>
#include <QSvgGenerator>
#include <algorithm>
#include <cmath>

#include "expert_colors.h"
#include "number_format.h"

namespace moelab {

namespace {

struct RegressionText {
    Q_DECLARE_TR_FUNCTIONS(RegressionText)
};

QString loss_label(LossType loss) {
    switch (loss) {
        case LossType::Cooperative:
            return RegressionText::tr(
                "eq. 1, cooperative: E = 1/2 (y - \u03a3 p\u1d62 o\u1d62)\u00b2");
        case LossType::Competitive:
            return RegressionText::tr(
                "eq. 2, competitive: E = \u03a3 p\u1d62 1/2 (y - o\u1d62)\u00b2");
        case LossType::CompetitiveLog:
        case LossType::MixtureNll:
            break;
    }
    return RegressionText::tr(
        "eq. 3, competitive-log: E = -log \u03a3 p\u1d62 exp(-1/2 (y - o\u1d62)\u00b2)");
}

QString number(double value) {
    return std::isfinite(value) ? QString::number(value, 'f', 3) : QStringLiteral("-");
}

// One line of text in `rect`: in the painter's font, or smaller (to 70 %) when it does not fit,
// then elided.
void draw_fitted(QPainter& painter, const QRectF& rect, const QString& text) {
    QFont font = painter.font();
    const double full = font.pixelSize();
    for (double factor = 1.0; factor >= 0.7; factor -= 0.05) {
        font.setPixelSize(std::max(1, int(std::lround(full * factor))));
        if (QFontMetricsF(font).horizontalAdvance(text) <= rect.width()) break;
    }
    painter.setFont(font);
    const QString shown = QFontMetricsF(font).elidedText(text, Qt::ElideRight, rect.width());
    painter.drawText(rect, Qt::AlignLeft | Qt::AlignVCenter, shown);
}

// Maps raw (x, y) to pixels of `plot`.
struct Axes {
    QRectF plot;
    double x_low, x_high, y_low, y_high;
    QPointF at(double x, double y) const {
        return {plot.left() + (x - x_low) / (x_high - x_low) * plot.width(),
                plot.bottom() - (y - y_low) / (y_high - y_low) * plot.height()};
    }
};

// Round tick values spanning [low, high], about `count` of them.
std::vector<double> ticks(double low, double high, int count) {
    const double raw = (high - low) / std::max(count, 1);
    const double power = std::pow(10.0, std::floor(std::log10(raw)));
    double step = power;
    for (double factor : {1.0, 2.0, 5.0, 10.0})
        if (raw <= factor * power) {
            step = factor * power;
            break;
        }
    std::vector<double> values;
    for (double v = std::ceil(low / step) * step; v <= high + 1e-9 * step; v += step)
        values.push_back(std::abs(v) < 1e-12 ? 0.0 : v);
    return values;
}

void draw_frame(QPainter& painter, const Axes& axes, const std::vector<double>& y_ticks,
                bool x_labels, double font_px) {
    painter.setPen(QPen(QColor(225, 225, 225), 1));
    const QFontMetricsF metrics(painter.font());
    for (double y : y_ticks) {
        const QPointF p = axes.at(axes.x_low, y);
        painter.drawLine(QPointF(axes.plot.left(), p.y()), QPointF(axes.plot.right(), p.y()));
    }
    const std::vector<double> x_ticks = ticks(axes.x_low, axes.x_high, 8);
    for (double x : x_ticks) {
        const QPointF p = axes.at(x, axes.y_low);
        painter.drawLine(QPointF(p.x(), axes.plot.top()), QPointF(p.x(), axes.plot.bottom()));
    }
    painter.setPen(QPen(QColor(90, 90, 90), 1));
    painter.drawRect(axes.plot);
    for (double y : y_ticks) {
        const QString text = QString::number(y, 'g', 3);
        const QPointF p = axes.at(axes.x_low, y);
        painter.drawText(
            QRectF(axes.plot.left() - 6 - 4 * font_px, p.y() - font_px, 4 * font_px, 2 * font_px),
            Qt::AlignRight | Qt::AlignVCenter, text);
    }
    if (!x_labels) return;
    for (double x : x_ticks) {
        const QPointF p = axes.at(x, axes.y_low);
        painter.drawText(
            QRectF(p.x() - 3 * font_px, axes.plot.bottom() + 2, 6 * font_px, metrics.height()),
            Qt::AlignHCenter | Qt::AlignTop, QString::number(x, 'g', 3));
    }
}

// The polyline of column `expert` of `values` over the curve's x, only the points where `keep`.
template <typename Keep>
void draw_runs(QPainter& painter, const Axes& axes, const RegressionCurve& curve,
               const Eigen::MatrixXd& values, int expert, Keep keep) {
    QPainterPath path;
    bool open = false;
    const size_t n = curve.x.size();
    for (size_t k = 0; k < n; ++k) {
        if (!keep(k)) {
            open = false;
            continue;
        }
        const QPointF p = axes.at(curve.x[k], values(Eigen::Index(k), expert));
        if (open) {
            path.lineTo(p);
        } else {
            path.moveTo(p);
            open = true;
        }
    }
    painter.drawPath(path);
}

}  // namespace

std::shared_ptr<RegressionPicture> picture_of(const RegressionTrainer& trainer,
                                              const Config& config, int curve_points) {
    auto picture = std::make_shared<RegressionPicture>();
    const Dataset& data = trainer.dataset();
    for (int c = 0; c < data.size(); ++c) {
        picture->x.push_back(double(data.features(c, 0)));
        picture->y.push_back(data.targets[size_t(c)]);
        picture->is_test.push_back(!data.is_test.empty() && data.is_test[size_t(c)]);
    }
    picture->curve = trainer.curve(curve_points);
    picture->metrics = trainer.evaluate();
    picture->loss = config.loss;
    picture->dataset = QString::fromStdString(config.dataset.name);
    return picture;
}

void paint_regression_figure(QPainter& painter, const QRectF& area,
                             const RegressionPicture& picture) {
    painter.save();
    painter.setRenderHint(QPainter::Antialiasing, true);
    painter.fillRect(area, Qt::white);
    QFont font = painter.font();
    const double font_px = std::clamp(area.height() / 48.0, 10.0, 22.0);
    font.setPixelSize(int(std::lround(font_px)));
    painter.setFont(font);
    const QFontMetricsF metrics(font);
    const double line = metrics.height();
    const double margin = font_px;
    const RegressionCurve& curve = picture.curve;
    const int experts = int(curve.outputs.cols());

    // Caption: the loss as its equation, then the numbers of the lesson.
    painter.setPen(Qt::black);
    QRectF text_area(area.left() + margin, area.top() + margin * 0.5, area.width() - 2 * margin,
                     line);
    QFont bold = font;
    bold.setBold(true);
    painter.setFont(bold);
    draw_fitted(painter, text_area,
                RegressionText::tr("%1, %2").arg(picture.dataset, loss_label(picture.loss)));
    painter.setFont(font);
    text_area.translate(0, line);
    const RegressionMetrics& m = picture.metrics;
    draw_fitted(painter, text_area,
                RegressionText::tr("Epoch %1   training RMSE: mixture %2, top expert alone %3   "
                                   "gate entropy %4")
                    .arg(format_count(m.epoch), number(m.train_rmse),
                         number(m.train_top_expert_rmse), number(m.gate_entropy)));
    painter.setFont(font);

    // The legend's entries, laid out in as many rows as the width needs.
    const double width = std::max(2.0, font_px * 0.22);
    struct LegendEntry {
        QPen pen;
        QString text;
        QPointF at;
    };
    std::vector<LegendEntry> legend;
    legend.push_back({QPen(QColor(20, 20, 20, 150), width * 2.6),
                      RegressionText::tr("mixture \u03a3 p\u1d62 o\u1d62"),
                      {}});
    for (int i = 0; i < experts; ++i)
        legend.push_back({QPen(expertColor(i).darker(115), width * 1.6),
                          RegressionText::tr("expert %1 (solid where p\u1d62 > %2)")
                              .arg(i + 1)
                              .arg(kSolidGateWeight),
                          {}});
    int legend_rows = 1;
    {
        double x = 0;
        const double room = area.width() - 2 * margin;
        for (LegendEntry& entry : legend) {
            const double needed = 2.4 * font_px + metrics.horizontalAdvance(entry.text);
            if (x > 0 && x + needed > room) {
                x = 0;
                ++legend_rows;
            }
            entry.at = QPointF(x, legend_rows - 1);
            x += needed + 1.5 * font_px;
        }
    }

    // Panels: the curve above, the gate strip below, a legend line at the bottom.
    const double left = area.left() + margin + 4 * font_px;
    const double right = area.right() - margin;
    const double top = text_area.bottom() + line * 0.6;
    const double legend_height = line * (0.4 + 1.1 * legend_rows);
    const double bottom = area.bottom() - margin * 0.5 - legend_height - line;
    const double strip_height = std::max(3 * line, (bottom - top) * 0.24);
    const double gap = line * 0.8;
    const QRectF curve_rect(left, top, right - left, bottom - top - strip_height - gap);
    const QRectF strip_rect(left, curve_rect.bottom() + gap, right - left, strip_height);
    if (curve_rect.height() < 20 || curve.x.size() < 2) {
        painter.restore();
        return;
    }

    double x_low = curve.x.front(), x_high = curve.x.back();
    if (!(x_high > x_low)) x_high = x_low + 1;
    const double x_pad = 0.02 * (x_high - x_low);
    x_low -= x_pad;
    x_high += x_pad;
    double y_low = 0, y_high = 0;
    if (!picture.y.empty()) {
        y_low = *std::min_element(picture.y.begin(), picture.y.end());
        y_high = *std::max_element(picture.y.begin(), picture.y.end());
    }
    for (double v : curve.mixture) {
        y_low = std::min(y_low, v);
        y_high = std::max(y_high, v);
    }
    if (!(y_high > y_low)) y_high = y_low + 1;
    // Room for the experts' lines beyond the data, but not without bound.
    const double y_pad = 0.25 * (y_high - y_low);
    y_low -= y_pad;
    y_high += y_pad;
    const Axes axes{curve_rect, x_low, x_high, y_low, y_high};
    draw_frame(painter, axes, ticks(y_low, y_high, 6), false, font_px);

    painter.save();
    painter.setClipRect(curve_rect);
    // The data.
    const double dot = std::max(2.0, font_px * 0.22);
    for (size_t c = 0; c < picture.x.size(); ++c) {
        const QPointF p = axes.at(picture.x[c], picture.y[c]);
        if (picture.is_test[c]) {
            painter.setPen(QPen(QColor(120, 120, 120), 1));
            painter.setBrush(Qt::NoBrush);
        } else {
            painter.setPen(Qt::NoPen);
            painter.setBrush(QColor(110, 110, 110, 170));
        }
        painter.drawEllipse(p, dot, dot);
    }
    painter.setBrush(Qt::NoBrush);
    // The mixture's prediction, thick and under the experts' lines so a line that lies on it
    // shows.
    Eigen::MatrixXd mixture(Eigen::Index(curve.mixture.size()), 1);
    for (size_t k = 0; k < curve.mixture.size(); ++k)
        mixture(Eigen::Index(k), 0) = curve.mixture[k];
    painter.setPen(QPen(QColor(20, 20, 20, 150), width * 2.6, Qt::SolidLine, Qt::RoundCap));
    draw_runs(painter, axes, curve, mixture, 0, [](size_t) { return true; });
    // Each expert's line: faint everywhere, solid where the gate gives it more than half.
    for (int i = 0; i < experts; ++i) {
        QColor faint = expertColor(i);
        faint.setAlpha(110);
        painter.setPen(QPen(faint, width * 0.6, Qt::DashLine, Qt::FlatCap));
        draw_runs(painter, axes, curve, curve.outputs, i, [](size_t) { return true; });
        painter.setPen(QPen(expertColor(i).darker(115), width * 1.6, Qt::SolidLine, Qt::RoundCap));
        draw_runs(painter, axes, curve, curve.outputs, i,
                  [&](size_t k) { return curve.gate(Eigen::Index(k), i) > kSolidGateWeight; });
    }
    painter.restore();

    // The gate strip: p_i(x), with the line p = 1/2 above which a line is drawn solid.
    const Axes gate_axes{strip_rect, x_low, x_high, 0.0, 1.0};
    draw_frame(painter, gate_axes, {0.0, 0.5, 1.0}, true, font_px);
    painter.save();
    painter.setClipRect(strip_rect.adjusted(0, -width, 0, width));
    painter.setPen(QPen(QColor(150, 150, 150), 1, Qt::DashLine));
    painter.drawLine(gate_axes.at(x_low, kSolidGateWeight), gate_axes.at(x_high, kSolidGateWeight));
    for (int i = 0; i < experts; ++i) {
        painter.setPen(QPen(expertColor(i).darker(115), width * 1.2, Qt::SolidLine, Qt::RoundCap));
        draw_runs(painter, gate_axes, curve, curve.gate, i, [](size_t) { return true; });
    }
    painter.restore();
    painter.setPen(Qt::black);
    painter.save();
    painter.translate(area.left() + margin * 0.4, strip_rect.center().y());
    painter.rotate(-90);
    painter.drawText(QRectF(-strip_rect.height() / 2, -line / 2, strip_rect.height(), line),
                     Qt::AlignCenter, RegressionText::tr("gate p\u1d62(x)"));
    painter.restore();
    painter.save();
    painter.translate(area.left() + margin * 0.4, curve_rect.center().y());
    painter.rotate(-90);
    painter.drawText(QRectF(-curve_rect.height() / 2, -line / 2, curve_rect.height(), line),
                     Qt::AlignCenter, QStringLiteral("y"));
    painter.restore();

    // The legend.
    const double legend_top = area.bottom() - margin * 0.5 - legend_height + 0.2 * line;
    for (const LegendEntry& entry : legend) {
        const double x = area.left() + margin + entry.at.x();
        const double y = legend_top + (entry.at.y() + 0.5) * 1.1 * line;
        painter.setPen(entry.pen);
        painter.drawLine(QPointF(x, y), QPointF(x + 2 * font_px, y));
        painter.setPen(Qt::black);
        painter.drawText(QRectF(x + 2.4 * font_px, y - line / 2,
                                metrics.horizontalAdvance(entry.text) + 2, line),
                         Qt::AlignLeft | Qt::AlignVCenter, entry.text);
    }
    painter.restore();
}

QImage render_regression_image(const RegressionPicture& picture, QSize size, double scale) {
    QImage image(size * scale, QImage::Format_ARGB32_Premultiplied);
    image.setDevicePixelRatio(scale);
    image.fill(Qt::white);
    QPainter painter(&image);
    paint_regression_figure(painter, QRectF(QPointF(0, 0), QSizeF(size)), picture);
    painter.end();
    return image;
}

bool export_regression_figure(const QString& path, const RegressionPicture& picture, QSize size,
                              double scale, QString* error) {
    auto fail = [&](const QString& why) {
        if (error) *error = why;
        return false;
    };
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return fail(RegressionText::tr("Cannot write %1: %2").arg(path, file.errorString()));
    if (QFileInfo(path).suffix().compare(QStringLiteral("svg"), Qt::CaseInsensitive) == 0) {
        QSvgGenerator svg;
        svg.setOutputDevice(&file);
        svg.setSize(size);
        svg.setViewBox(QRectF(QPointF(0, 0), QSizeF(size)));
        svg.setTitle(RegressionText::tr("MoE Lab regression figure"));
        QPainter painter;
        if (!painter.begin(&svg)) return fail(RegressionText::tr("Cannot start the SVG writer."));
        paint_regression_figure(painter, QRectF(QPointF(0, 0), QSizeF(size)), picture);
        painter.end();
    } else if (!render_regression_image(picture, size, scale).save(&file, "PNG")) {
        file.cancelWriting();
        return fail(RegressionText::tr("Cannot encode the PNG image for %1.").arg(path));
    }
    if (!file.commit())
        return fail(RegressionText::tr("Cannot write %1: %2").arg(path, file.errorString()));
    return true;
}

}  // namespace moelab
