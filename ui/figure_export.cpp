#include "figure_export.h"

#include <QClipboard>
#include <QCoreApplication>
#include <QFileInfo>
#include <QGuiApplication>
#include <QPainter>
#include <QSaveFile>
#include <QSvgGenerator>
#include <QWidget>
#include <cmath>

#include "number_format.h"

namespace moelab {

namespace {

struct ExportText {
    Q_DECLARE_TR_FUNCTIONS(ExportText)
};

// Draws a widget as it looks on screen, scaled to fit `box` and centred in it.
void paint_widget(QPainter& painter, QWidget* widget, const QRectF& box) {
    if (!widget || widget->width() <= 0 || widget->height() <= 0) return;
    const double scale = std::min(box.width() / widget->width(), box.height() / widget->height());
    const QSizeF drawn(widget->width() * scale, widget->height() * scale);
    painter.save();
    painter.translate(box.center() - QPointF(drawn.width() / 2, drawn.height() / 2));
    painter.scale(scale, scale);
    widget->render(&painter, QPoint(), QRegion(), QWidget::DrawChildren);
    painter.restore();
}

}  // namespace

FigureOptions paper_style(FigureOptions options) {
    options.paper_style = true;
    options.show_regions = false;
    options.tint_by_class = false;
    options.highlighted_expert = -1;
    return options;
}

void paint_composite(QPainter& painter, const Snapshot& snapshot, const ExportSettings& settings) {
    const QRectF whole(QPointF(0, 0), QSizeF(settings.size));
    painter.fillRect(whole, Qt::white);
    const bool beside = settings.gallery || settings.charts;
    QRectF figure = whole;
    if (beside) figure.setWidth(whole.width() * 0.62);
    paint_figure(painter, figure, snapshot, settings.figure);
    if (!beside) return;
    QRectF column(figure.right(), whole.top(), whole.right() - figure.right(), whole.height());
    column.adjust(8, 8, -8, -8);
    if (settings.gallery && settings.charts) {
        const QRectF top(column.topLeft(), QSizeF(column.width(), column.height() * 0.45));
        paint_widget(painter, settings.gallery, top);
        paint_widget(painter, settings.charts,
                     QRectF(QPointF(column.left(), top.bottom() + 8), column.bottomRight()));
    } else {
        paint_widget(painter, settings.gallery ? settings.gallery : settings.charts, column);
    }
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
