// What the screen must do in front of a class (issue 10): the legend covers no data point at any
// window or export size, keeps its place while the experts learn and never shrinks its text below
// a readable size; line labels never overlap and stay inside the plot; a composite export lays the
// plane out as a square with the tiles and charts beside (landscape) or below (portrait), its text
// growing with the figure, and a figure-only slide keeps its plot square rather than stretched. Set
// MOELAB_SHOTS to a folder to keep the pictures drawn here.
#include <QChart>
#include <QChartView>
#include <QComboBox>
#include <QDir>
#include <QImage>
#include <QPainter>
#include <QTemporaryDir>
#include <QTest>
#include <QValueAxis>

#include "boundary_view.h"
#include "data/registry.h"
#include "expert_gallery.h"
#include "export_dialog.h"
#include "figure_export.h"
#include "figure_layout.h"
#include "figure_painter.h"
#include "label_placement.h"
#include "main_window.h"
#include "metrics_charts.h"
#include "snapshot_builder.h"
#include "training/trainer.h"
#include "training_worker.h"

using moelab::FigureReport;
using moelab::Snapshot;

namespace {

moelab::Config configFor(const std::string& dataset, int experts) {
    moelab::Config config;
    config.dataset.name = dataset;
    config.experts = config.top_k = experts;
    config.learning_rate = 0.5;
    if (dataset == "xor" || dataset == "spiral") config.expert_hidden = {8};
    return config;
}

// A snapshot after `epochs` epochs, with its plane rendered as a headless export renders it.
std::shared_ptr<Snapshot> trained(const moelab::Config& config, long epochs) {
    auto dataset = std::make_shared<const moelab::Dataset>(moelab::load_dataset(config.dataset));
    moelab::Trainer trainer(config, dataset);
    trainer.train(epochs);
    auto snapshot = moelab::snapshot_of(trainer);
    // The whole history, for the charts of a composite export.
    const moelab::History& history = trainer.history();
    snapshot->new_history = history.metrics.points();
    for (std::size_t i = 0; i < history.epoch_loss.size(); ++i)
        snapshot->new_losses.push_back({history.loss_epoch(i), history.epoch_loss[i]});
    snapshot->history_reset = true;
    const moelab::GridSpec spec =
        moelab::grid_for_view(trainer.dataset(), QRectF(), QSize(800, 600), 1.5, 384);
    moelab::render_snapshot(*snapshot, spec, 2, 800.0 / spec.width);
    return snapshot;
}

struct Painted {
    QImage image;
    FigureReport report;
    std::optional<moelab::FigureGeometry> geometry;
};

Painted paint(const Snapshot& snapshot, QSize size, const QString& shot = {}) {
    Painted painted;
    painted.image = QImage(size, QImage::Format_ARGB32_Premultiplied);
    QPainter painter(&painted.image);
    painted.geometry = moelab::paint_figure(painter, QRectF(QPointF(0, 0), QSizeF(size)), snapshot,
                                            {}, &painted.report);
    painter.end();
    const QString folder = qEnvironmentVariable("MOELAB_SHOTS");
    if (!folder.isEmpty() && !shot.isEmpty())
        painted.image.save(QDir(folder).filePath(shot + QStringLiteral(".png")));
    return painted;
}

// The data points whose marker the legend's room touches.
int pointsUnderLegend(const Snapshot& snapshot, const Painted& painted) {
    const auto& geometry = *painted.geometry;
    const QRectF frame = painted.report.legend.frame;
    const double half = moelab::marker_half_extent(snapshot, {}, geometry.fontPixels());
    int hidden = 0;
    for (int row = 0; row < snapshot.dataset->size(); row += moelab::point_stride(snapshot)) {
        const QPointF at = geometry.toScreen().map(moelab::plane_point(snapshot, row));
        if (!geometry.plot().contains(at)) continue;  // not drawn
        const QRectF marker(at - QPointF(half, half), QSizeF(2 * half, 2 * half));
        hidden += frame.intersects(marker.intersected(geometry.plot()));
    }
    return hidden;
}

// The size of the main view in a window of `window` pixels.
QSize liveViewSize(QSize window) {
    moelab::MainWindow main(configFor("vowels", 4));
    main.setDialogsSuppressed(true);
    main.resize(window);
    main.show();
    QTest::qWait(50);
    const QSize size = main.boundaryView()->size();
    main.shutdown();
    return size;
}

}  // namespace

class FigureLayoutTest : public QObject {
    Q_OBJECT

  private slots:
    void theLegendCoversNoDataPoint() {
        std::vector<QSize> sizes{liveViewSize({1280, 720}),
                                 liveViewSize({1920, 1080}),
                                 QSize(1600, 1000),
                                 QSize(1920, 1080),
                                 QSize(900, 600),
                                 QSize(800, 1000),
                                 QSize(600, 640)};
        for (const QSize& size : sizes)
            QVERIFY2(size.width() > 300, qPrintable(QString::number(size.width())));
        for (const char* name : {"xor", "spiral", "vowels", "two-vowels"}) {
            const auto snapshot = trained(configFor(name, 4), 30);
            for (const QSize& size : sizes) {
                const QString where = QStringLiteral("%1 at %2x%3")
                                          .arg(QLatin1String(name))
                                          .arg(size.width())
                                          .arg(size.height());
                const Painted painted = paint(*snapshot, size,
                                              QStringLiteral("screen-legend-%1-%2x%3")
                                                  .arg(QLatin1String(name))
                                                  .arg(size.width())
                                                  .arg(size.height()));
                const auto& legend = painted.report.legend;
                QVERIFY2(legend.where != moelab::LegendLayout::Where::None, qPrintable(where));
                QCOMPARE(pointsUnderLegend(*snapshot, painted), 0);
                // The legend drawn lies inside its room, and its room inside the figure.
                QVERIFY2(legend.frame.adjusted(-1, -1, 1, 1).contains(painted.report.legend_drawn),
                         qPrintable(where));
                QVERIFY2(QRectF(QPointF(0, 0), QSizeF(size)).contains(legend.frame),
                         qPrintable(where));
                if (legend.where != moelab::LegendLayout::Where::Corner)
                    QVERIFY2(!legend.frame.intersects(painted.geometry->plot()), qPrintable(where));
            }
        }
    }

    void theLegendTextStaysReadableWithEightExperts() {
        // Eight experts in a 1280 x 720 window: a corner that cannot hold the legend at its
        // readable size (legend_min_font_pixels, at least 12 pixels) sends it beside or below the
        // plot rather than shrinking its text; it still covers no data point.
        for (const QSize window : {QSize(1280, 720), QSize(1920, 1080)}) {
            const QSize size = liveViewSize(window);
            for (const char* name : {"vowels", "spiral", "xor"}) {
                const auto snapshot = trained(configFor(name, 8), 40);
                const Painted painted = paint(*snapshot, size,
                                              QStringLiteral("readable-legend-%1-8-%2x%3")
                                                  .arg(QLatin1String(name))
                                                  .arg(window.width())
                                                  .arg(window.height()));
                const auto& legend = painted.report.legend;
                const double axis_px = painted.geometry->fontPixels();
                const QString where = QStringLiteral(
                                          "%1 in a %2x%3 window (view %4x%5): legend "
                                          "%6 px, axis %7 px, placed %8")
                                          .arg(QLatin1String(name))
                                          .arg(window.width())
                                          .arg(window.height())
                                          .arg(size.width())
                                          .arg(size.height())
                                          .arg(legend.font.pixelSize())
                                          .arg(axis_px)
                                          .arg(int(legend.where));
                qInfo("%s", qPrintable(where));
                QVERIFY2(legend.where != moelab::LegendLayout::Where::None, qPrintable(where));
                QVERIFY2(legend.font.pixelSize() >= 12, qPrintable(where));
                QVERIFY2(
                    legend.font.pixelSize() >= std::lround(moelab::legend_min_font_pixels(axis_px)),
                    qPrintable(where));
                QCOMPARE(pointsUnderLegend(*snapshot, painted), 0);
                QVERIFY2(QRectF(QPointF(0, 0), QSizeF(size)).contains(legend.frame),
                         qPrintable(where));
                QVERIFY2(legend.frame.adjusted(-1, -1, 1, 1).contains(painted.report.legend_drawn),
                         qPrintable(where));
            }
        }
    }

    void theLegendKeepsItsPlaceWhileTraining() {
        // The spiral's experts gain and lose regions between these epochs; the legend's room
        // and the plot stay where they were.
        const auto config = configFor("spiral", 6);
        for (const QSize size : {QSize(640, 600), QSize(1600, 1000)}) {
            const Painted early = paint(*trained(config, 2), size);
            const Painted late = paint(*trained(config, 80), size);
            QCOMPARE(late.report.legend.frame, early.report.legend.frame);
            QCOMPARE(late.geometry->plot(), early.geometry->plot());
        }
    }

    void aLegendOverPointsGoesBelowATallPlot() {
        // xor has points in every corner: in a figure taller than wide the legend goes under the
        // plot (which keeps its width), in a wide one beside it.
        const auto snapshot = trained(configFor("xor", 4), 5);
        const Painted tall = paint(*snapshot, QSize(600, 700));
        QCOMPARE(tall.report.legend.where, moelab::LegendLayout::Where::Below);
        QVERIFY(tall.report.legend.frame.top() > tall.geometry->plot().bottom());
        const Painted wide = paint(*snapshot, QSize(1400, 700));
        QCOMPARE(wide.report.legend.where, moelab::LegendLayout::Where::Beside);
        QVERIFY(wide.report.legend.frame.left() > wide.geometry->plot().right());
    }

    void lineLabelsNeverOverlap() {
        // Eight experts on the vowels: many gate lines meet near one point.
        const auto snapshot = trained(configFor("vowels", 8), 200);
        int labelled = 0;
        for (const auto& boundary : snapshot->gate_boundaries) labelled += !boundary.lines.empty();
        for (const auto& boundary : snapshot->expert_boundaries) labelled += boundary.used;
        QVERIFY(labelled >= 8);
        for (const QSize size : {QSize(600, 560), QSize(800, 600), QSize(1600, 1000)}) {
            const Painted painted = paint(
                *snapshot, size,
                QStringLiteral("screen-labels-vowels8-%1x%2").arg(size.width()).arg(size.height()));
            const auto& boxes = painted.report.label_boxes;
            QVERIFY(boxes.size() >= 6);
            if (!painted.report.left_out_labels.isEmpty())
                qInfo() << size << "left out:" << painted.report.left_out_labels;
            for (size_t a = 0; a < boxes.size(); ++a) {
                QVERIFY(painted.geometry->plot().contains(boxes[a]));
                if (painted.report.legend.where == moelab::LegendLayout::Where::Corner)
                    QVERIFY(!boxes[a].intersects(painted.report.legend.frame));
                for (size_t b = a + 1; b < boxes.size(); ++b)
                    QVERIFY2(!boxes[a].intersects(boxes[b]),
                             qPrintable(QStringLiteral("labels %1 and %2 at %3x%4")
                                            .arg(a)
                                            .arg(b)
                                            .arg(size.width())
                                            .arg(size.height())));
            }
        }
    }

    void aLabelWithNoFreePlaceIsLeftOut() {
        // Three labels on one short line: the first takes the middle, the second moves beside
        // or along it, and one whose every place is taken is left out, not drawn over another.
        QFont font;
        font.setPixelSize(14);
        const QFontMetricsF metrics(font);
        const QRectF plot(0, 0, 400, 300);
        const QPolygonF line{QPointF(150, 150), QPointF(250, 150)};
        std::vector<moelab::LabelRequest> requests(3,
                                                   {QStringLiteral("Gate 0:2"), {line}, QString()});
        // A wall around the line's neighbourhood but for room for two labels.
        const std::vector<QRectF> walls{QRectF(0, 0, 400, 100), QRectF(0, 185, 400, 115)};
        const auto placed = moelab::place_labels(requests, plot, metrics, walls);
        QVERIFY(placed[0].box && placed[1].box);
        QVERIFY(!placed[0].box->intersects(*placed[1].box));
        QVERIFY(!placed[2].box);
        for (int k = 0; k < 2; ++k)
            for (const QRectF& wall : walls) QVERIFY(!placed[k].box->intersects(wall));

        // Room for the short form only: the label is placed shortened.
        const std::vector<QRectF> tight{QRectF(0, 0, 170, 300), QRectF(230, 0, 170, 300),
                                        QRectF(0, 0, 400, 130), QRectF(0, 170, 400, 130)};
        const QPolygonF short_line{QPointF(180, 150), QPointF(220, 150)};
        QVERIFY(metrics.horizontalAdvance(QStringLiteral("Gate 0:2")) > 60);
        const auto shortened = moelab::place_labels(
            {{QStringLiteral("Gate 0:2"), {short_line}, QStringLiteral("G0:2")}}, plot, metrics,
            tight);
        QVERIFY(shortened[0].box);
        QVERIFY(shortened[0].shortened);
        const auto without = moelab::place_labels(
            {{QStringLiteral("Gate 0:2"), {short_line}, QString()}}, plot, metrics, tight);
        QVERIFY(!without[0].box);
    }

    void theExportDialogOffersSlideSizes() {
        moelab::ExportDialog dialog;
        auto* preset = dialog.findChild<QComboBox*>(QStringLiteral("sizePreset"));
        QVERIFY(preset);
        QCOMPARE(preset->currentIndex(), 0);  // 1600 x 1000: no preset
        const int slide = preset->findData(QSize(1920, 1080));
        const int slide_4k = preset->findData(QSize(3840, 2160));
        QVERIFY(slide > 0 && slide_4k > 0);
        preset->setCurrentIndex(slide_4k);
        emit preset->activated(slide_4k);
        QCOMPARE(dialog.figureSize(), QSize(3840, 2160));
        // A size typed by hand that happens to be a slide shows its preset, any other none.
        dialog.setSize(QSize(1920, 1080));
        QCOMPARE(preset->currentIndex(), slide);
        dialog.setSize(QSize(1000, 1000));
        QCOMPARE(preset->currentIndex(), 0);
        const QString folder = qEnvironmentVariable("MOELAB_SHOTS");
        if (!folder.isEmpty())
            dialog.grab().save(QDir(folder).filePath(QStringLiteral("screen-export-dialog.png")));
    }

    void theWindowExportsASlideWithTilesAndCharts() {
        // The real path: the docked gallery and charts drawn at the slide's scale, and given
        // their own size back afterwards.
        for (const auto& [name, experts] :
             std::vector<std::pair<std::string, int>>{{"vowels", 8}, {"spiral", 6}, {"xor", 4}}) {
            moelab::MainWindow window(configFor(name, experts));
            window.setDialogsSuppressed(true);
            window.resize(1280, 720);
            window.show();
            long reached = -1;
            connect(window.worker(), &moelab::TrainingWorker::targetReached, &window,
                    [&](long epoch) { reached = epoch; });
            QMetaObject::invokeMethod(
                window.worker(), [w = window.worker()] { w->trainFor(120); }, Qt::QueuedConnection);
            QVERIFY(QTest::qWaitFor(
                [&] {
                    return reached >= 120 && window.lastSnapshot() &&
                           window.lastSnapshot()->epoch >= 120;
                },
                60000));
            QTest::qWait(200);
            const QSize charts_size = window.charts()->size();
            const QSize gallery_size = window.gallery()->size();
            QTemporaryDir folder;
            const QString path = folder.filePath(QStringLiteral("slide.png"));
            QString error;
            QVERIFY2(window.exportFigure(path, QSize(1920, 1080), 1.0, false, true, true, &error),
                     qPrintable(error));
            QCOMPARE(window.charts()->size(), charts_size);
            QCOMPARE(window.gallery()->size(), gallery_size);
            const QImage image(path);
            QCOMPARE(image.size(), QSize(1920, 1080));
            // The plane's plot in that export: near square, as tall as the slide allows.
            moelab::ExportSettings settings;
            settings.size = QSize(1920, 1080);
            settings.figure = window.boundaryView()->options();
            settings.figure.data_rect = window.boundaryView()->visibleData();
            settings.gallery = window.gallery();
            settings.charts = window.charts();
            const auto layout = moelab::composite_layout(*window.lastSnapshot(), settings);
            QImage probe(1, 1, QImage::Format_ARGB32_Premultiplied);
            moelab::FigureOptions options = settings.figure;
            options.font_scale = layout.figure_font_scale;
            const double font_px = moelab::figure_font_pixels(layout.figure, options.font_scale);
            QFont small;
            small.setPixelSize(int(std::lround(font_px * 0.88)));
            const QRectF plot = moelab::figure_layout(layout.figure, *window.lastSnapshot(),
                                                      options, font_px, small, &probe)
                                    .geometry.plot();
            const double aspect = plot.width() / plot.height();
            QVERIFY2(aspect > 0.9 && aspect < 1.1, qPrintable(QStringLiteral("%1: plot %2x%3")
                                                                  .arg(QString::fromStdString(name))
                                                                  .arg(plot.width())
                                                                  .arg(plot.height())));
            QVERIFY(plot.height() > 700);
            const QString shots = qEnvironmentVariable("MOELAB_SHOTS");
            if (!shots.isEmpty())
                image.save(QDir(shots).filePath(QStringLiteral("screen-export-window-%1-%2.png")
                                                    .arg(QString::fromStdString(name))
                                                    .arg(experts)));
            window.shutdown();
        }
    }

    void aFigureOnlySlideKeepsItsPlotSquare() {
        // Without tiles or charts, a 16:9 slide's plot is square (not stretched across the
        // width), as tall as the slide allows, and the legend goes in the room beside it.
        for (const int experts : {4, 8}) {
            const auto snapshot = trained(configFor("vowels", experts), 60);
            for (const QSize size : {QSize(1920, 1080), QSize(3840, 2160)}) {
                moelab::ExportSettings settings;
                settings.size = size;
                QImage image(size, QImage::Format_ARGB32_Premultiplied);
                FigureReport report;
                QPainter painter(&image);
                moelab::paint_composite(painter, *snapshot, settings, &report);
                painter.end();
                const QRectF plot = report.plot;
                const QString where = QStringLiteral("%1 experts at %2x%3: plot %4x%5")
                                          .arg(experts)
                                          .arg(size.width())
                                          .arg(size.height())
                                          .arg(plot.width())
                                          .arg(plot.height());
                QVERIFY2(std::abs(plot.width() - plot.height()) <= 1.0, qPrintable(where));
                QVERIFY2(plot.height() > size.height() * 0.8, qPrintable(where));
                QCOMPARE(report.legend.where, moelab::LegendLayout::Where::Beside);
                QVERIFY2(!report.legend.frame.intersects(plot), qPrintable(where));
                QVERIFY2(QRectF(QPointF(0, 0), QSizeF(size)).contains(report.legend.frame),
                         qPrintable(where));
                // The figure is centred: as much room left of the axis labels (5.6 font
                // heights) as right of the legend (half a font height), and the room is there.
                const double font_px = report.legend.font_px;
                const double left_room = plot.left() - 5.6 * font_px;
                const double right_room =
                    size.width() - report.legend.frame.right() - 0.5 * font_px;
                QVERIFY2(std::abs(left_room - right_room) < 2.0, qPrintable(where));
                QVERIFY2(right_room > 0.05 * size.width(), qPrintable(where));
                const QString folder = qEnvironmentVariable("MOELAB_SHOTS");
                if (!folder.isEmpty())
                    image.save(QDir(folder).filePath(QStringLiteral("figure-only-%1-%2x%3.png")
                                                         .arg(experts)
                                                         .arg(size.width())
                                                         .arg(size.height())));
            }
        }
    }

    void theWindowExportsAFigureOnlySlideWithASquarePlot() {
        // The export dialog's slide presets (and --figure-size slide) without tiles or charts:
        // the picture the window writes is the one whose layout has a square plot.
        moelab::MainWindow window(configFor("vowels", 8));
        window.setDialogsSuppressed(true);
        window.resize(1280, 720);
        window.show();
        QVERIFY(QTest::qWaitFor([&] { return window.lastSnapshot() != nullptr; }, 30000));
        QTest::qWait(200);
        QTemporaryDir folder;
        for (const bool paper : {false, true}) {
            const QString path = folder.filePath(QStringLiteral("slide.png"));
            QString error;
            QVERIFY2(window.exportFigure(path, QSize(1920, 1080), 1.0, paper, false, false, &error),
                     qPrintable(error));
            const QImage written = QImage(path).convertToFormat(QImage::Format_ARGB32);
            moelab::ExportSettings settings;
            settings.size = QSize(1920, 1080);
            settings.figure = window.boundaryView()->options();
            settings.figure.data_rect = window.boundaryView()->visibleData();
            if (paper) settings.figure = moelab::paper_style(settings.figure);
            QImage expected(settings.size, QImage::Format_ARGB32_Premultiplied);
            expected.fill(Qt::white);
            FigureReport report;
            QPainter painter(&expected);
            moelab::paint_composite(painter, *window.lastSnapshot(), settings, &report);
            painter.end();
            QCOMPARE(written, expected.convertToFormat(QImage::Format_ARGB32));
            QVERIFY2(std::abs(report.plot.width() - report.plot.height()) <= 1.0,
                     qPrintable(QStringLiteral("plot %1x%2")
                                    .arg(report.plot.width())
                                    .arg(report.plot.height())));
            QVERIFY(report.plot.height() > 1080 * 0.8);
        }
        window.shutdown();
    }

    void compositeExportsLayOutThePlaneAsASquare() {
        const auto snapshot = trained(configFor("vowels", 4), 60);
        moelab::ExpertGallery gallery;
        moelab::MetricsCharts charts;
        gallery.resize(300, 300);
        charts.resize(charts.minimumSizeHint().expandedTo(QSize(320, 400)));
        gallery.resize(gallery.minimumSizeHint().expandedTo(QSize(300, 300)));
        // Shown, as in the window: hidden widgets put off their resize events.
        gallery.show();
        charts.show();
        gallery.showSnapshot(snapshot);
        charts.showSnapshot(snapshot);
        charts.refreshNow();
        QChartView* view = charts.findChild<QChartView*>(QStringLiteral("lossChartView"));
        QVERIFY(view);
        const QFont axis_font = view->chart()->axes(Qt::Horizontal).front()->labelsFont();
        double axis_px_1080 = 0;
        for (const QSize size : {QSize(1920, 1080), QSize(3840, 2160), QSize(1080, 1440)}) {
            moelab::ExportSettings settings;
            settings.size = size;
            settings.gallery = &gallery;
            settings.charts = &charts;
            const auto layout = moelab::composite_layout(*snapshot, settings);
            const QString where = QStringLiteral("%1x%2").arg(size.width()).arg(size.height());
            // The plot inside the plane's figure, as the painter lays it out.
            QImage probe(1, 1, QImage::Format_ARGB32_Premultiplied);
            moelab::FigureOptions options;
            options.font_scale = layout.figure_font_scale;
            const double font_px = moelab::figure_font_pixels(layout.figure, options.font_scale);
            QFont small;
            small.setPixelSize(int(std::lround(font_px * 0.88)));
            const QRectF plot =
                moelab::figure_layout(layout.figure, *snapshot, options, font_px, small, &probe)
                    .geometry.plot();
            const double aspect = plot.width() / plot.height();
            QVERIFY2(aspect > 0.9 && aspect < 1.1,
                     qPrintable(where + QStringLiteral(" aspect %1").arg(aspect)));
            const double plot_area = plot.width() * plot.height();
            QVERIFY2(plot_area > layout.gallery.width() * layout.gallery.height(),
                     qPrintable(where));
            QVERIFY2(plot_area > layout.charts.width() * layout.charts.height(), qPrintable(where));
            // Landscape: tiles and charts to the right of the plane; portrait: below it.
            if (size.width() > size.height()) {
                QVERIFY(layout.gallery.left() >= layout.figure.right());
                QVERIFY(layout.charts.left() >= layout.figure.right());
                QVERIFY2(plot.height() > size.height() * 0.8, qPrintable(where));
            } else {
                QVERIFY(layout.gallery.top() >= layout.figure.bottom());
                QVERIFY(layout.charts.top() >= layout.figure.bottom());
                QVERIFY2(plot.width() > size.width() * 0.5,
                         qPrintable(where + QStringLiteral(" plot %1x%2 in figure %3x%4")
                                                .arg(plot.width())
                                                .arg(plot.height())
                                                .arg(layout.figure.width())
                                                .arg(layout.figure.height())));
            }
            // The charts' axis text is slide-readable and grows with the figure.
            const double axis_px = moelab::widget_text_pixels(axis_font, layout.widget_scale);
            if (size == QSize(1920, 1080)) {
                axis_px_1080 = axis_px;
                QVERIFY2(axis_px >= 17.5, qPrintable(QString::number(axis_px)));
            }
            if (size == QSize(3840, 2160))
                QVERIFY2(std::abs(axis_px / axis_px_1080 - 2.0) < 0.15,
                         qPrintable(QString::number(axis_px / axis_px_1080)));
            // The picture itself: drawn whole, and the widgets keep their own size afterwards.
            const QSize own = charts.size();
            const QImage image = moelab::render_image(*snapshot, settings);
            QCOMPARE(image.size(), size);
            QCOMPARE(charts.size(), own);
            const QString folder = qEnvironmentVariable("MOELAB_SHOTS");
            if (!folder.isEmpty())
                image.save(
                    QDir(folder).filePath(QStringLiteral("screen-export-%1.png").arg(where)));
        }
    }
};

QTEST_MAIN(FigureLayoutTest)
#include "test_figure_layout.moc"
