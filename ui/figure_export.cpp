#include "figure_export.h"

#include <QChart>
#include <QChartView>
#include <QClipboard>
#include <QCoreApplication>
#include <QFileInfo>
#include <QFontInfo>
#include <QGuiApplication>
#include <QLayout>
#include <QPainter>
#include <QSaveFile>
#include <QSvgGenerator>
#include <QWidget>
#include <algorithm>
#include <cmath>
#include <limits>

#include "figure_layout.h"
#include "metrics_charts.h"

#include "number_format.h"

namespace moelab {

namespace {

struct ExportText {
    Q_DECLARE_TR_FUNCTIONS(ExportText)
};

// Draws a widget into `box` at `scale` figure pixels per widget pixel: the widget is laid out at
// box / scale for the drawing (its text then has the size the figure asks for) and gets its own
// size back afterwards.
void paint_widget(QPainter& painter, QWidget* widget, const QRectF& box, double scale) {
    if (!widget || box.isEmpty() || scale <= 0) return;
    const QSize own = widget->size();
    const QSize laid_out(std::max(1, static_cast<int>(box.width() / scale)),
                         std::max(1, static_cast<int>(box.height() / scale)));
    const QSize drawn_size = laid_out.expandedTo(widget->minimumSizeHint());
    auto lay_out = [widget](QSize size) {
        widget->resize(size);
        // Twice: a chart key that wraps onto another line at this width asks for a new layout.
        // Only the widget's own layouts: the dock's would give it back its size at once.
        for (int pass = 0; pass < 2; ++pass) {
            if (widget->layout()) widget->layout()->activate();
            QCoreApplication::sendPostedEvents(widget, QEvent::LayoutRequest);
            for (QWidget* child : widget->findChildren<QWidget*>())
                QCoreApplication::sendPostedEvents(child, QEvent::LayoutRequest);
        }
        // The charts choose their tick spacing for their width, then lay their axes out anew
        // (else Qt draws the new labels in the old labels' room, cut to "0....").
        if (auto* charts = qobject_cast<MetricsCharts*>(widget)) charts->refreshNow();
        for (QChartView* view : widget->findChildren<QChartView*>())
            QCoreApplication::sendPostedEvents(view->chart(), QEvent::LayoutRequest);
    };
    lay_out(drawn_size);
    const double fit =
        std::min({scale, box.width() / drawn_size.width(), box.height() / drawn_size.height()});
    painter.save();
    painter.translate(box.center() -
                      QPointF(drawn_size.width() * fit / 2, drawn_size.height() * fit / 2));
    painter.scale(fit, fit);
    widget->render(&painter, QPoint(), QRegion(), QWidget::DrawChildren);
    painter.restore();
    lay_out(own);
}

// The share of the whole (of its width in landscape, of its height in portrait) the figure takes,
// at most `most_percent`: the smallest that gives a plot within 10% of square its largest size
// (a larger share only stretches the plot along one side); where no share gives a square plot,
// the one with the largest square inside the plot.
double square_plot_share(const Snapshot& snapshot, const FigureOptions& options, QSizeF whole,
                         bool landscape, int most_percent = 75) {
    QImage probe(1, 1, QImage::Format_ARGB32_Premultiplied);  // a raster device for font metrics
    double square_best = -1, square_side = 0, any_best = 0.6, any_side = 0;
    for (int percent = 40; percent <= most_percent; ++percent) {
        const double share = percent / 100.0;
        const QRectF target(0, 0, whole.width() * (landscape ? share : 1.0),
                            whole.height() * (landscape ? 1.0 : share));
        const double font_px = figure_font_pixels(target, options.font_scale);
        QFont small;
        small.setPixelSize(static_cast<int>(std::lround(font_px * 0.88)));
        const QRectF plot =
            figure_layout(target, snapshot, options, font_px, small, &probe).geometry.plot();
        const double side = std::min(plot.width(), plot.height());
        const double aspect = plot.width() / std::max(1.0, plot.height());
        if (aspect > 1 / 1.1 && aspect < 1.1 && side > square_side * 1.005) {
            square_best = share;
            square_side = side;
        }
        if (side > any_side * 1.005) {
            any_best = share;
            any_side = side;
        }
    }
    return square_best > 0 ? square_best : any_best;
}

}  // namespace

double widget_text_pixels(const QFont& font, double widget_scale) {
    const double pixels = font.pixelSize() > 0 ? font.pixelSize() : QFontInfo(font).pixelSize();
    return pixels * widget_scale;
}

CompositeLayout composite_layout(const Snapshot& snapshot, const ExportSettings& settings) {
    CompositeLayout layout;
    const QRectF whole(QPointF(0, 0), QSizeF(settings.size));
    // Text grows with the figure beyond the 1080 pixels of a full-HD slide's height.
    const double shorter = std::min(whole.width(), whole.height());
    layout.figure_font_scale = settings.figure.font_scale * std::max(1.0, shorter / 1080.0);
    layout.figure = whole;
    const bool beside = settings.gallery || settings.charts;
    if (!beside) return layout;
    FigureOptions options = settings.figure;
    options.font_scale = layout.figure_font_scale;
    const double gap = shorter * 0.01;
    QRectF rest;
    if (whole.width() >= whole.height()) {
        // At most 70% of the width: the two columns of charts keep room for their text.
        layout.figure.setWidth(whole.width() *
                               square_plot_share(snapshot, options, whole.size(), true, 70));
        rest = QRectF(QPointF(layout.figure.right() + gap, whole.top() + gap),
                      QPointF(whole.right() - gap, whole.bottom() - gap));
    } else {
        // At most 62% of the height, so the tiles and charts below keep room to be read; the
        // figure then narrows (centred) until its plot is square.
        layout.figure.setHeight(
            whole.height() *
            std::min(0.62, square_plot_share(snapshot, options, whole.size(), false)));
        const double width =
            whole.width() * square_plot_share(snapshot, options, layout.figure.size(), true, 100);
        layout.figure = QRectF(whole.center().x() - width / 2, 0, width, layout.figure.height());
        rest = QRectF(QPointF(whole.left() + gap, layout.figure.bottom() + gap),
                      QPointF(whole.right() - gap, whole.bottom() - gap));
    }
    // The widgets' text as large as the plane's: the charts' axis labels (0.85 of the widget
    // font) come out at the figure's font size.
    const double font_px = figure_font_pixels(layout.figure, options.font_scale);
    const QFont widget_font = (settings.charts ? settings.charts : settings.gallery)->font();
    layout.widget_scale = font_px / std::max(1.0, 0.85 * widget_text_pixels(widget_font, 1.0));
    const bool landscape = whole.width() >= whole.height();
    if (settings.gallery && settings.charts) {
        if (landscape) {
            // As tall as its square tiles need at the column's width, at most 40%: the charts
            // take the rest. Tiles a fifth smaller than the largest possible are worth it where
            // they need fewer rows (four experts in one row rather than two by two).
            const int experts = std::max(1, snapshot.config.experts);
            const double most = rest.height() * 0.4;
            auto side_for = [&](int columns) {
                const int rows = (experts + columns - 1) / columns;
                return std::pair{std::min(rest.width() / columns, most / rows), rows};
            };
            double best_side = 0;
            for (int columns = 1; columns <= experts; ++columns)
                best_side = std::max(best_side, side_for(columns).first);
            double height = most;
            for (int columns = 1; columns <= experts; ++columns) {
                const auto [side, rows] = side_for(columns);
                if (side >= 0.8 * best_side) height = std::min(height, rows * side + gap);
            }
            layout.gallery = QRectF(rest.topLeft(), QSizeF(rest.width(), height));
            layout.charts =
                QRectF(QPointF(rest.left(), layout.gallery.bottom() + gap), rest.bottomRight());
        } else {
            layout.gallery = QRectF(rest.topLeft(), QSizeF(rest.width() * 0.4, rest.height()));
            layout.charts =
                QRectF(QPointF(layout.gallery.right() + gap, rest.top()), rest.bottomRight());
        }
    } else if (settings.gallery) {
        layout.gallery = rest;
    } else {
        layout.charts = rest;
    }
    // Where the charts' box is small (a portrait figure) their text shrinks rather than the four
    // charts squeeze below the size at which Qt cuts their labels to "...".
    if (!layout.charts.isEmpty()) {
        const QSizeF readable(400, 340);  // widget pixels
        layout.widget_scale =
            std::min({layout.widget_scale, layout.charts.width() / readable.width(),
                      layout.charts.height() / readable.height()});
    }
    return layout;
}

FigureOptions paper_style(FigureOptions options) {
    options.paper_style = true;
    options.show_regions = false;
    options.tint_by_class = false;
    options.highlighted_expert = -1;
    return options;
}

FigureOptions composite_figure_options(const ExportSettings& settings,
                                       const CompositeLayout& layout) {
    FigureOptions options = settings.figure;
    options.font_scale = layout.figure_font_scale;
    if (!settings.gallery && !settings.charts) options.square_plot = true;
    return options;
}

void paint_composite(QPainter& painter, const Snapshot& snapshot, const ExportSettings& settings,
                     FigureReport* report) {
    const QRectF whole(QPointF(0, 0), QSizeF(settings.size));
    painter.fillRect(whole, Qt::white);
    const CompositeLayout layout = composite_layout(snapshot, settings);
    paint_figure(painter, layout.figure, snapshot, composite_figure_options(settings, layout),
                 report);
    paint_widget(painter, settings.gallery, layout.gallery, layout.widget_scale);
    paint_widget(painter, settings.charts, layout.charts, layout.widget_scale);
}

QImage render_image(const Snapshot& snapshot, const ExportSettings& settings) {
    const double scale = std::max(0.1, settings.scale);
    const QSize pixels(static_cast<int>(std::lround(settings.size.width() * scale)),
                       static_cast<int>(std::lround(settings.size.height() * scale)));
    QImage image(pixels, QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::white);
    QPainter painter(&image);
    painter.scale(scale, scale);
    paint_composite(painter, snapshot, settings);
    painter.end();
    return image;
}

bool export_figure(const QString& path, const Snapshot& snapshot, const ExportSettings& settings,
                   QString* error) {
    auto fail = [&](const QString& why) {
        if (error) *error = why;
        return false;
    };
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        return fail(ExportText::tr("Cannot write %1: %2").arg(path, file.errorString()));
    }
    if (QFileInfo(path).suffix().compare(QStringLiteral("svg"), Qt::CaseInsensitive) == 0) {
        QSvgGenerator svg;
        svg.setOutputDevice(&file);
        svg.setSize(settings.size);
        svg.setViewBox(QRectF(QPointF(0, 0), QSizeF(settings.size)));
        svg.setTitle(ExportText::tr("MoE Lab figure"));
        svg.setDescription(
            ExportText::tr("Mixture of experts at epoch %1").arg(format_count(snapshot.epoch)));
        QPainter painter;
        if (!painter.begin(&svg)) return fail(ExportText::tr("Cannot start the SVG writer."));
        paint_composite(painter, snapshot, settings);
        painter.end();
    } else {
        const QImage image = render_image(snapshot, settings);
        if (!image.save(&file, "PNG")) {
            file.cancelWriting();
            return fail(ExportText::tr("Cannot encode the PNG image for %1.").arg(path));
        }
    }
    if (!file.commit()) {
        return fail(ExportText::tr("Cannot write %1: %2").arg(path, file.errorString()));
    }
    return true;
}

void copy_figure_to_clipboard(const Snapshot& snapshot, const ExportSettings& settings) {
    if (QClipboard* clipboard = QGuiApplication::clipboard()) {
        clipboard->setImage(render_image(snapshot, settings));
    }
}

}  // namespace moelab
