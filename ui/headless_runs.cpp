#include "headless_runs.h"

#include <QElapsedTimer>
#include <cstdio>
#include <optional>

#include "boundary_view.h"
#include "data/registry.h"
#include "errors.h"
#include "figure_export.h"
#include "headless_support.h"
#include "main_window.h"
#include "metrics_charts.h"
#include "regression_headless.h"
#include "snapshot_builder.h"
#include "thread_handoff.h"
#include "training/trainer.h"
#include "training_worker.h"

namespace moelab {

using headless::complain;
using headless::save_png;
using headless::settle;
using headless::wait_until;

int export_figure_headless(const Config& config, const FigureRequest& request) {
    if (is_regression_config(config)) return export_regression_figure_headless(config, request);
    std::shared_ptr<Snapshot> snapshot;
    try {
        auto dataset = std::make_shared<const Dataset>(load_dataset(config.dataset));
        Trainer trainer(config, std::move(dataset));
        try {
            trainer.train(config.epochs);
        } catch (const DivergenceError& error) {
            // The trainer keeps the last good weights: draw those, but say so.
            complain(
                QStringLiteral("training diverged at epoch %1 (%2); drawing the last good model")
                    .arg(error.epoch())
                    .arg(QString::fromUtf8(error.what())));
        }
        snapshot = snapshot_of(trainer);
        std::optional<GridSpec> spec;
        if (trainer.dataset().dimensions() == 2) {
            spec = grid_for_view(trainer.dataset(), QRectF(), request.size, 1.5, 768);
        } else {
            // Data of more features: the plane of its first two principal components.
            snapshot->projection = project_dataset(trainer.dataset(), trainer.split());
            spec = grid_for_view(snapshot->projection->bounds, QRectF(), request.size, 1.5, 768);
        }
        render_snapshot(*snapshot, *spec, trainer.threads(),
                        double(request.size.width()) / spec->width);
    } catch (const std::exception& error) {
        complain(QString::fromUtf8(error.what()));
        return 1;
    }
    ExportSettings settings;
    settings.size = request.size;
    settings.scale = request.scale;
    settings.figure.phonetic_orientation = request.phonetic;
    settings.figure.tint_by_class = request.tint_by_class;
    settings.figure.highlighted_expert = request.highlighted_expert;
    if (request.paper_style) {
        settings.figure = paper_style(settings.figure);
        settings.figure.show_caption = false;
    }
    QString error;
    if (!export_figure(request.path, *snapshot, settings, &error)) {
        complain(error);
        return 1;
    }
    return 0;
}

int screenshot_window(const Config& config, long epochs, const QString& path, QSize window_size,
                      bool phonetic) {
    if (is_regression_config(config))
        return screenshot_regression_window(config, epochs, path, window_size);
    MainWindow window(config);
    window.setDialogsSuppressed(true);
    window.boundaryView()->setPhoneticOrientation(phonetic);
    window.resize(window_size);
    window.show();
    TrainingWorker* worker = window.worker();
    bool done = false;
    QString failure;
    QObject::connect(worker, &TrainingWorker::targetReached, &window, [&] { done = true; });
    QObject::connect(worker, &TrainingWorker::diverged, &window, [&](const QString& message) {
        complain(message);
        done = true;
    });
    QObject::connect(worker, &TrainingWorker::failed, &window, [&](const QString& message) {
        failure = message;
        done = true;
    });
    post_to(
        worker, [worker, epochs] { worker->trainFor(epochs); }, Qt::QueuedConnection);
    if (!wait_until([&] { return done; }, 10 * 60 * 1000)) {
        complain(QStringLiteral("training did not finish in ten minutes"));
        return 1;
    }
    if (!failure.isEmpty()) {
        complain(failure);
        return 1;
    }
    // Let the last snapshot reach every view and the charts redraw before the picture is taken.
    settle(300);
    window.charts()->refreshNow();
    settle(100);
    const QImage shot = window.grab().toImage();
    window.shutdown();
    return save_png(shot, path) ? 0 : 1;
}

int measure_view_fps(const Config& config, double seconds, QSize window_size) {
    MainWindow window(config);
    window.setDialogsSuppressed(true);
    window.resize(window_size);
    window.show();
    TrainingWorker* worker = window.worker();
    post_to(
        worker,
        [worker] {
            worker->setSpeed(0);
            worker->setPlaying(true);
        },
        Qt::QueuedConnection);
    settle(1000);  // data loaded, first frames painted, caches warm
    const long first_paint = window.boundaryView()->paintCount();
    const double first_paint_ms = window.boundaryView()->paintMilliseconds();
    const long first_epoch = window.lastSnapshot() ? window.lastSnapshot()->epoch : 0;
    QElapsedTimer clock;
    clock.start();
    settle(static_cast<int>(seconds * 1000));
    const double elapsed = clock.elapsed() / 1000.0;
    const long frames = window.boundaryView()->paintCount() - first_paint;
    const double paint_ms = window.boundaryView()->paintMilliseconds() - first_paint_ms;
    const auto last = window.lastSnapshot();
    const long epochs = (last ? last->epoch : 0) - first_epoch;
    QString grid = QStringLiteral("none");
    if (last && last->grid)
        grid = QStringLiteral("%1x%2").arg(last->grid->spec.width).arg(last->grid->spec.height);
    window.shutdown();
    std::printf(
        "view_fps %.1f\nview_paint_ms_mean %.1f\nepochs_per_second %.0f\nframes %ld\nseconds "
        "%.2f\ngrid %s\nview %dx%d\n",
        frames / elapsed, frames > 0 ? paint_ms / frames : 0.0, epochs / elapsed, frames, elapsed,
        grid.toStdString().c_str(), window.boundaryView()->width(),
        window.boundaryView()->height());
    return 0;
}

}  // namespace moelab
