// The replay timeline in the window and on disk: the scrubber shows the plane of a stored epoch
// (drawn off the UI thread) and returns to the live training; the replay export writes a valid
// animated GIF (read back with giflib) or a folder of PNG frames, and a cancelled export leaves
// nothing behind.
#include <gif_lib.h>

#include <QDir>
#include <QFile>
#include <QImage>
#include <QLabel>
#include <QProgressDialog>
#include <QPushButton>
#include <QSet>
#include <QSlider>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <algorithm>
#include <functional>

#include "app_options.h"
#include "boundary_view.h"
#include "data/registry.h"
#include "expert_colors.h"
#include "main_window.h"
#include "replay_export.h"
#include "replay_export_dialog.h"
#include "replay_renderer.h"
#include "snapshot_builder.h"
#include "timeline_bar.h"
#include "training/timeline_recorder.h"
#include "training_worker.h"

using namespace moelab;

namespace {

constexpr int kTimeoutMs = 60000;

Config vowels(long epochs) {
    Config config;
    config.dataset.name = "vowels";
    config.experts = config.top_k = 4;
    config.learning_rate = 0.5;
    config.epochs = epochs;
    return config;
}

// A trained vowel model's live snapshot with its timeline, as the worker would publish it.
SnapshotPtr trainedSnapshot(long epochs) {
    const Config config = vowels(epochs);
    Trainer trainer(config, std::make_shared<const Dataset>(load_dataset(config.dataset)));
    TimelineRecorder recorder;
    recorder.reset(trainer, true);
    while (trainer.epoch() < epochs) {
        trainer.train_for(std::chrono::hours(1), recorder.clamp(trainer, epochs - trainer.epoch()));
        recorder.note(trainer, true);
    }
    auto live = snapshot_of(trainer);
    live->timeline = recorder.entries();
    return live;
}

struct GifFile {
    GifFileType* gif = nullptr;
    explicit GifFile(const QString& path) {
        int error = 0;
        gif = DGifOpenFileName(QFile::encodeName(path).constData(), &error);
        if (gif && DGifSlurp(gif) != GIF_OK) {
            DGifCloseFile(gif, &error);
            gif = nullptr;
        }
    }
    ~GifFile() {
        int error = 0;
        if (gif) DGifCloseFile(gif, &error);
    }
    // The picture after frames 0..last, as a viewer shows it: each frame's rectangle drawn over
    // the previous picture, its transparent pixels leaving that as it was. Palette colours.
    QImage picture(int last) const {
        QImage canvas(gif->SWidth, gif->SHeight, QImage::Format_RGB32);
        canvas.fill(Qt::white);
        for (int i = 0; i <= last; ++i) {
            GraphicsControlBlock control{};
            DGifSavedExtensionToGCB(gif, i, &control);
            const SavedImage& frame = gif->SavedImages[i];
            const GifImageDesc& box = frame.ImageDesc;
            for (int y = 0; y < box.Height; ++y)
                for (int x = 0; x < box.Width; ++x) {
                    const int index = frame.RasterBits[y * box.Width + x];
                    if (index == control.TransparentColor) continue;
                    const GifColorType c = gif->SColorMap->Colors[index];
                    canvas.setPixel(box.Left + x, box.Top + y, qRgb(c.Red, c.Green, c.Blue));
                }
        }
        return canvas;
    }
    int delay(int frame) const {
        GraphicsControlBlock control{};
        if (DGifSavedExtensionToGCB(gif, frame, &control) != GIF_OK) return -1;
        return control.DelayTime;
    }
};

}  // namespace

class TimelineTest : public QObject {
    Q_OBJECT

  private slots:
    void scrubberShowsTheStoredEpoch() {
        MainWindow window(vowels(400));
        window.setDialogsSuppressed(true);
        window.resize(1280, 720);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        TimelineBar* bar = window.timelineBar();
        QVERIFY(bar);
        QVERIFY(bar->isVisible());
        QVERIFY(QTest::qWaitFor([&] { return window.lastSnapshot() != nullptr; }, kTimeoutMs));
        long reached = -1;
        connect(window.worker(), &TrainingWorker::targetReached, this,
                [&](long epoch) { reached = epoch; });
        QMetaObject::invokeMethod(
            window.worker(), [w = window.worker()] { w->trainFor(400); }, Qt::QueuedConnection);
        QVERIFY(QTest::qWaitFor(
            [&] { return reached >= 400 && window.lastSnapshot()->epoch >= 400; }, kTimeoutMs));
        QTest::qWait(100);
        const SnapshotPtr live = window.lastSnapshot();
        QVERIFY(live->timeline);
        const TimelineEntries entries = *live->timeline;
        QVERIFY(entries.size() > 20);
        QCOMPARE(entries.front()->epoch, 0L);
        QCOMPARE(int(bar->entries().size()), int(entries.size()));
        QCOMPARE(bar->slider()->maximum(), int(entries.size()));  // the end is the live view
        QVERIFY(!bar->isScrubbing());
        QCOMPARE(window.boundaryView()->snapshot(), live);
        const QImage live_picture = window.boundaryView()->grab().toImage();

        // Epoch 8: the regions are still far from where they end.
        int index = 0;
        while (entries[size_t(index)]->epoch < 8) ++index;
        bar->slider()->setValue(index);
        QVERIFY(bar->isScrubbing());
        QVERIFY(QTest::qWaitFor(
            [&] {
                const SnapshotPtr shown = window.boundaryView()->snapshot();
                return shown && shown->epoch == entries[size_t(index)]->epoch;
            },
            kTimeoutMs));
        const SnapshotPtr shown = window.boundaryView()->snapshot();
        QCOMPARE(shown->model, entries[size_t(index)]->model);
        QVERIFY(shown->grid);
        QVERIFY(!shown->gate_tint.isNull());
        QVERIFY(shown->gate_tint != live->gate_tint);
        QCOMPARE(shown->latest.epoch, entries[size_t(index)]->metrics.epoch);
        QVERIFY(window.boundaryView()->grab().toImage() != live_picture);
        qInfo("replay frame drawn in %.2f ms (grid %dx%d)",
              bar->renderer()->lastRenderMilliseconds(), shown->grid->spec.width,
              shown->grid->spec.height);
        auto* label = bar->findChild<QLabel*>(QStringLiteral("timelineLabel"));
        QVERIFY(label->text().contains(QString::number(entries[size_t(index)]->epoch)));

        // "Live" brings the present back.
        bar->findChild<QPushButton*>(QStringLiteral("liveButton"))->click();
        QVERIFY(!bar->isScrubbing());
        QCOMPARE(window.boundaryView()->snapshot(), window.lastSnapshot());
        QCOMPARE(bar->slider()->value(), bar->slider()->maximum());

        // Replay runs through the stored epochs and ends live.
        bar->toggleReplay();
        QVERIFY(bar->isReplaying());
        QVERIFY(bar->isScrubbing());
        QCOMPARE(bar->slider()->value(), 0);
        bar->showEntry(bar->slider()->maximum() - 1);
        QVERIFY(QTest::qWaitFor([&] { return !bar->isReplaying(); }, kTimeoutMs));
        QVERIFY(!bar->isScrubbing());

        // A reset starts a new history: the timeline starts again at epoch 0.
        bar->showEntry(3);
        QVERIFY(bar->isScrubbing());
        QMetaObject::invokeMethod(
            window.worker(), [w = window.worker()] { w->reset(); }, Qt::QueuedConnection);
        QVERIFY(QTest::qWaitFor(
            [&] { return window.lastSnapshot()->epoch == 0 && bar->entries().size() == 1; },
            kTimeoutMs));
        QVERIFY(!bar->isScrubbing());
        window.shutdown();
    }

    // At a projector's 1280 x 720 and at 1920 x 1080 the scrubber is one low line under the plane,
    // which keeps its height. With MOELAB_SHOTS_DIR set, the window is saved live and scrubbed.
    void scrubberLeavesThePlaneItsHeight() {
        for (const QSize size : {QSize(1280, 720), QSize(1920, 1080)}) {
            MainWindow window(vowels(300));
            window.setDialogsSuppressed(true);
            window.resize(size);
            window.show();
            QVERIFY(QTest::qWaitForWindowExposed(&window));
            long reached = -1;
            connect(window.worker(), &TrainingWorker::targetReached, this,
                    [&](long epoch) { reached = epoch; });
            QVERIFY(QTest::qWaitFor([&] { return window.lastSnapshot() != nullptr; }, kTimeoutMs));
            QMetaObject::invokeMethod(
                window.worker(), [w = window.worker()] { w->trainFor(300); }, Qt::QueuedConnection);
            QVERIFY(QTest::qWaitFor(
                [&] { return reached >= 300 && window.lastSnapshot()->epoch >= 300; }, kTimeoutMs));
            QTest::qWait(200);
            TimelineBar* bar = window.timelineBar();
            QVERIFY(bar->height() <= 48);
            QVERIFY(window.boundaryView()->height() >= size.height() / 2);
            const QString shots = qEnvironmentVariable("MOELAB_SHOTS_DIR");
            const QString suffix = QStringLiteral("%1x%2").arg(size.width()).arg(size.height());
            if (!shots.isEmpty())
                window.grab().save(QDir(shots).filePath(QStringLiteral("timeline-live-") + suffix +
                                                        QStringLiteral(".png")));
            int index = 0;
            while (bar->entries()[size_t(index)]->epoch < 13) ++index;
            bar->showEntry(index);
            QVERIFY(QTest::qWaitFor([&] { return window.boundaryView()->snapshot()->epoch == 13; },
                                    kTimeoutMs));
            QTest::qWait(100);
            if (!shots.isEmpty())
                window.grab().save(QDir(shots).filePath(QStringLiteral("timeline-scrubbed-") +
                                                        suffix + QStringLiteral(".png")));
            window.shutdown();
        }
    }

    // The renderer draws each requested entry off the UI thread; how long a frame takes is
    // printed (a benchmark's number, not an assertion): at the view's resolution of a 1280 x 720
    // window, and on the coarser raster used while the slider is dragged.
    void rendererDrawsEachEntryAndReportsItsCost() {
        const SnapshotPtr trained = trainedSnapshot(300);
        auto live = std::make_shared<Snapshot>(*trained);
        const GridSpec full = grid_for_view(*live->dataset, QRectF(), QSize(640, 560), 1.5, 512);
        render_snapshot(*live, full, 2);
        GridSpec draft = full;
        draft.width /= 2;
        draft.height /= 2;
        ReplayRenderer renderer;
        for (const GridSpec& spec : {full, draft}) {
            std::vector<double> ms;
            for (const auto& entry : *live->timeline) {
                SnapshotPtr frame;
                auto connection = connect(&renderer, &ReplayRenderer::frameReady, this,
                                          [&](SnapshotPtr drawn) { frame = drawn; });
                renderer.request(live, entry, spec, 2.0);
                QVERIFY(QTest::qWaitFor([&] { return frame != nullptr; }, kTimeoutMs));
                disconnect(connection);
                QCOMPARE(frame->epoch, entry->epoch);
                QCOMPARE(frame->grid->spec.width, spec.width);
                ms.push_back(renderer.lastRenderMilliseconds());
            }
            std::sort(ms.begin(), ms.end());
            qInfo("replay frames on a %dx%d raster: median %.2f ms, slowest %.2f ms (%zu frames)",
                  spec.width, spec.height, ms[ms.size() / 2], ms.back(), ms.size());
        }
    }

    void gifExportIsAValidAnimation() {
        const SnapshotPtr live = trainedSnapshot(300);
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("replay.gif"));
        ReplaySettings settings;
        settings.size = QSize(480, 300);
        settings.frames = 12;
        int last_done = -1;
        const ReplayResult result =
            export_replay(path, *live, replay_timeline(*live), settings, [&](int done, int total) {
                last_done = done;
                return total == 12;
            });
        QVERIFY2(result.ok, qPrintable(result.error));
        QCOMPARE(result.frames, 12);
        QCOMPARE(last_done, 12);
        GifFile gif(path);
        QVERIFY(gif.gif);
        QCOMPARE(gif.gif->ImageCount, 12);
        QCOMPARE(gif.gif->SWidth, 480);
        QCOMPARE(gif.gif->SHeight, 300);
        QCOMPARE(gif.delay(0), settings.frame_delay_cs);
        QCOMPARE(gif.delay(11), settings.last_frame_delay_cs);
        // The first frame is the whole picture; the later ones the rectangles that changed.
        for (int i = 0; i < 12; ++i) {
            const GifImageDesc& box = gif.gif->SavedImages[i].ImageDesc;
            QVERIFY(box.Left >= 0 && box.Top >= 0);
            QVERIFY(box.Left + box.Width <= 480 && box.Top + box.Height <= 300);
            if (i == 0) QCOMPARE(box.Width * box.Height, 480 * 300);
        }
        // The training moves the picture: the first and last pictures differ.
        const QImage first = gif.picture(0);
        const QImage last = gif.picture(11);
        QVERIFY(first != last);
        // The experts' and classes' colours are in the palette exactly.
        const ColorMapObject* map = gif.gif->SColorMap;
        QVERIFY(map);
        auto in_palette = [&](const QColor& color) {
            for (int i = 0; i < map->ColorCount; ++i)
                if (map->Colors[i].Red == color.red() && map->Colors[i].Green == color.green() &&
                    map->Colors[i].Blue == color.blue())
                    return true;
            return false;
        };
        for (int i = 0; i < 4; ++i) QVERIFY(in_palette(expertColor(i)));
        QVERIFY(in_palette(classColor(0)));
        // Each picture is its frame of the PNG export, up to the palette's rounding: the shades
        // of the tints survive, and the rectangles and transparency add up to the whole frame.
        const QString folder = dir.filePath(QStringLiteral("frames"));
        QVERIFY(export_replay(folder, *live, replay_timeline(*live), settings).ok);
        for (const int i : {0, 5, 11}) {
            const QImage png =
                QImage(QDir(folder).filePath(
                           QStringLiteral("frame_%1.png").arg(i + 1, 4, 10, QLatin1Char('0'))))
                    .convertToFormat(QImage::Format_RGB32);
            const QImage shown = gif.picture(i);
            QCOMPARE(png.size(), shown.size());
            double error = 0;
            QSet<QRgb> colours;
            for (int y = 0; y < png.height(); ++y)
                for (int x = 0; x < png.width(); ++x) {
                    const QRgb a = png.pixel(x, y), b = shown.pixel(x, y);
                    error += std::abs(qRed(a) - qRed(b)) + std::abs(qGreen(a) - qGreen(b)) +
                             std::abs(qBlue(a) - qBlue(b));
                    colours.insert(b);
                }
            const double mean = error / (3.0 * png.width() * png.height());
            qInfo("frame %d: mean palette error %.2f levels, %lld colours", i, mean,
                  qint64(colours.size()));
            QVERIFY(mean < 4.0);
            QVERIFY(colours.size() > 64);
        }
    }

    void pngSequenceHasEveryFrame() {
        const SnapshotPtr live = trainedSnapshot(100);
        QTemporaryDir dir;
        const QString folder = dir.filePath(QStringLiteral("frames"));
        ReplaySettings settings;
        settings.size = QSize(400, 260);
        settings.frames = 7;
        const ReplayResult result = export_replay(folder, *live, replay_timeline(*live), settings);
        QVERIFY2(result.ok, qPrintable(result.error));
        const QStringList files =
            QDir(folder).entryList({QStringLiteral("*.png")}, QDir::Files, QDir::Name);
        QCOMPARE(files.size(), 7);
        QCOMPARE(files.front(), QStringLiteral("frame_0001.png"));
        QCOMPARE(files.back(), QStringLiteral("frame_0007.png"));
        const QImage first(QDir(folder).filePath(files.front()));
        const QImage last(QDir(folder).filePath(files.back()));
        QCOMPARE(first.size(), QSize(400, 260));
        QVERIFY(first != last);
    }

    // File > Export replay's export: on its own thread behind a progress dialog.
    void exportWithProgressDialog() {
        QWidget parent;
        const SnapshotPtr live = trainedSnapshot(60);
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("dialog.gif"));
        QString error;
        QVERIFY2(export_replay_with_progress(&parent, path, live, FigureOptions{}, &error),
                 qPrintable(error));
        GifFile gif(path);
        QVERIFY(gif.gif);
        QCOMPARE(gif.gif->ImageCount, std::min(60, int(replay_timeline(*live).size())));
        QVERIFY(!export_replay_with_progress(&parent, dir.filePath(QStringLiteral("no/such/x.gif")),
                                             live, FigureOptions{}, &error));
        QVERIFY(error.contains(QStringLiteral("no/such")));
    }

    // The dialog's Cancel stops the export on its thread and nothing is left behind.
    void progressDialogCancels() {
        QWidget parent;
        const SnapshotPtr live = trainedSnapshot(300);
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("cancelled.gif"));
        bool saw_progress = false;
        QTimer press;
        press.setInterval(20);
        connect(&press, &QTimer::timeout, this, [&] {
            auto* dialog = parent.findChild<QProgressDialog*>(QStringLiteral("replayProgress"));
            if (!dialog || dialog->maximum() <= 1) return;  // no frame count yet
            auto* cancel = dialog->findChild<QPushButton*>();
            if (!cancel) return;
            saw_progress = true;
            const QString shots = qEnvironmentVariable("MOELAB_SHOTS_DIR");
            if (!shots.isEmpty())
                dialog->grab().save(QDir(shots).filePath(QStringLiteral("timeline-progress.png")));
            cancel->click();
            press.stop();
        });
        press.start();
        QString error = QStringLiteral("unset");
        QVERIFY(!export_replay_with_progress(&parent, path, live, FigureOptions{}, &error));
        QVERIFY(saw_progress);
        QVERIFY(error.isEmpty());
        QCOMPARE(QDir(dir.path()).entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden),
                 QStringList());
    }

    void cancelLeavesNoPartialFile() {
        const SnapshotPtr live = trainedSnapshot(100);
        QTemporaryDir dir;
        ReplaySettings settings;
        settings.size = QSize(400, 260);
        settings.frames = 10;
        auto stop_at_three = [](int done, int) { return done < 3; };
        const QString gif = dir.filePath(QStringLiteral("cancelled.gif"));
        const ReplayResult gif_result =
            export_replay(gif, *live, replay_timeline(*live), settings, stop_at_three);
        QVERIFY(!gif_result.ok);
        QVERIFY(gif_result.cancelled);
        QVERIFY(gif_result.error.isEmpty());
        const QString folder = dir.filePath(QStringLiteral("cancelled"));
        const ReplayResult png_result =
            export_replay(folder, *live, replay_timeline(*live), settings, stop_at_three);
        QVERIFY(png_result.cancelled);
        // Nothing: no GIF, no temporary file of QSaveFile, no folder of frames.
        QCOMPARE(QDir(dir.path()).entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden),
                 QStringList());
        // An existing file survives a cancelled export over it.
        QFile old(gif);
        QVERIFY(old.open(QIODevice::WriteOnly));
        old.write("old");
        old.close();
        export_replay(gif, *live, replay_timeline(*live), settings, stop_at_three);
        QVERIFY(old.open(QIODevice::ReadOnly));
        QCOMPARE(old.readAll(), QByteArray("old"));
    }

    void headlessReplayFromTheCommandLine() {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("replay.gif"));
        const AppOptions options = parse_app_arguments(
            {QStringLiteral("--dataset"), QStringLiteral("vowels"), QStringLiteral("--epochs"),
             QStringLiteral("120"), QStringLiteral("--export-replay"), path,
             QStringLiteral("--replay-frames"), QStringLiteral("9"),
             QStringLiteral("--figure-size"), QStringLiteral("400x300")});
        QVERIFY(options.export_replay);
        QCOMPARE(options.replay_frames, 9);
        ReplayRequest request;
        request.path = *options.export_replay;
        request.settings.size = *options.figure_size;
        request.settings.frames = options.replay_frames;
        QCOMPARE(export_replay_headless(options.config, request), 0);
        GifFile gif(path);
        QVERIFY(gif.gif);
        QCOMPARE(gif.gif->ImageCount, 9);
        QCOMPARE(gif.gif->SWidth, 400);
        // Bad values are refused with a message naming the option.
        try {
            parse_app_arguments({QStringLiteral("--export-replay"), path,
                                 QStringLiteral("--replay-frames"), QStringLiteral("1")});
            QFAIL("--replay-frames 1 was accepted");
        } catch (const AppUsageError& error) {
            QVERIFY(QString::fromUtf8(error.what()).contains(QStringLiteral("--replay-frames")));
        }
    }
};

QTEST_MAIN(TimelineTest)
#include "test_timeline.moc"
