#include "compare_runs.h"

#include <sys/resource.h>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QPainter>
#include <cmath>
#include <cstdio>
#include <functional>

#include "boundary_view.h"
#include "compare_chart.h"
#include "compare_pane.h"
#include "compare_view.h"
#include "figure_export.h"
#include "headless_support.h"
#include "training_worker.h"

namespace moelab {

namespace {

using headless::complain;
using headless::save_png;
using headless::settle;
using headless::wait_until;

bool every_pane(const CompareView& view, const std::function<bool(const Snapshot&)>& test) {
    for (const ComparePane* pane : view.panes())
        if (!pane->lastSnapshot() || !test(*pane->lastSnapshot())) return false;
    return true;
}

// Opens the view, trains every pane `epochs` epochs and waits until every pane shows the still
// picture of that epoch. False (after saying why) when it did not get there.
bool train_view(CompareView& view, long epochs) {
    view.show();
    // The first pictures, then a moment for the views to ask for rasters of their own size.
    if (!wait_until([&] { return every_pane(view, [](const Snapshot&) { return true; }); },
                    60'000)) {
        complain(QStringLiteral("the panes did not start (data not loaded in a minute)"));
        return false;
    }
    settle(200);
    bool trained = false;
    QObject::connect(&view, &CompareView::trainedFor, &view, [&] { trained = true; });
    bool diverged = false;
    for (ComparePane* pane : view.panes())
        QObject::connect(pane->worker(), &TrainingWorker::diverged, &view,
                         [&, pane](const QString& message) {
                             complain(pane->title() + QStringLiteral(": ") + message);
                             diverged = true;
                         });
    view.trainAllFor(epochs);
    if (!wait_until([&] { return trained || diverged; }, 10 * 60 * 1000)) {
        complain(QStringLiteral("training did not finish in ten minutes"));
        return false;
    }
    // A diverged pane keeps its last good model, which the picture shows.
    wait_until(
        [&] {
            return every_pane(view, [&](const Snapshot& s) {
                return !s.running && (s.epoch == epochs || diverged);
            });
        },
        10'000);
    settle(300);  // the still pictures painted, the chart redrawn
    view.chart()->refreshNow();
    settle(100);
    return true;
}

// CPU time of the whole process (every thread) so far.
double process_cpu_seconds() {
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return usage.ru_utime.tv_sec + usage.ru_stime.tv_sec +
           (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

// The panes of a picture: unless asked otherwise, full metrics about 400 times over the run, so
// every accuracy curve is drawn from evenly spaced epochs (the live schedule, which weighs the
// evaluation's cost on a busy machine, may leave long gaps in a run trained at full speed).
std::vector<Config> with_even_metrics(std::vector<Config> panes, long epochs) {
    for (Config& pane : panes)
        if (pane.metrics_every <= 0) pane.metrics_every = std::max(1L, epochs / 400);
    return panes;
}

}  // namespace

int export_compare_figure(const std::vector<Config>& panes, long epochs,
                          const FigureRequest& request) {
    if (QFileInfo(request.path).suffix().compare(QStringLiteral("png"), Qt::CaseInsensitive) != 0) {
        complain(QStringLiteral("a compare figure is written as PNG; %1 does not end in .png")
                     .arg(request.path));
        return 1;
    }
    CompareView view(with_even_metrics(panes, epochs));
    view.setControlsVisible(false);
    for (ComparePane* pane : view.panes()) {
        BoundaryView* plane = pane->view();
        plane->setPhoneticOrientation(request.phonetic);
        plane->setTintByClass(request.tint_by_class);
        plane->setHighlightedExpert(request.highlighted_expert);
        if (request.paper_style) plane->setOptions(paper_style(plane->options()));
    }
    view.resize(request.size);
    if (!train_view(view, epochs)) return 1;
    const double scale = std::max(0.1, request.scale);
    QImage image(QSize(int(std::lround(request.size.width() * scale)),
                       int(std::lround(request.size.height() * scale))),
                 QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::white);
    {
        QPainter painter(&image);
        painter.scale(scale, scale);
        view.render(&painter, QPoint(), QRegion(), QWidget::DrawChildren);
    }
    view.shutdown();
    return save_png(image, request.path) ? 0 : 1;
}

int screenshot_compare(const std::vector<Config>& panes, long epochs, const QString& path,
                       QSize window_size, bool phonetic) {
    CompareView view(with_even_metrics(panes, epochs));
    for (ComparePane* pane : view.panes()) pane->view()->setPhoneticOrientation(phonetic);
    view.resize(window_size);
    if (!train_view(view, epochs)) return 1;
    const QImage shot = view.grab().toImage();
    view.shutdown();
    return save_png(shot, path) ? 0 : 1;
}

int measure_compare_fps(const std::vector<Config>& panes, double seconds, QSize window_size) {
    CompareView view(panes);
    view.resize(window_size);
    view.show();
    // Two phases: at the pace a class watches (the compare view's default speed), then as fast as
    // the panes go, where training and drawing compete for the same cores.
    const struct Phase {
        const char* name;
        double speed;
    } phases[] = {{"default_speed", CompareView::defaultSpeed()}, {"max_speed", 0.0}};
    if (std::FILE* load = std::fopen("/proc/loadavg", "r")) {
        char text[64] = {};
        if (std::fgets(text, sizeof text, load)) std::printf("loadavg_before %s", text);
        std::fclose(load);
    }
    std::printf("panes %zu\nwindow %dx%d\n", view.panes().size(), view.width(), view.height());
    view.setSpeed(phases[0].speed);
    view.play();
    settle(1000);  // data loaded, first frames painted, caches warm
    for (const Phase& phase : phases) {
        view.setSpeed(phase.speed);
        settle(500);
        struct Count {
            long shown, painted, epoch;
            double paint_ms;
        };
        std::vector<Count> first;
        for (const ComparePane* pane : view.panes())
            first.push_back({pane->shownCount(), pane->view()->paintCount(),
                             pane->lastSnapshot() ? pane->lastSnapshot()->epoch : 0,
                             pane->view()->paintMilliseconds()});
        const double cpu_before = process_cpu_seconds();
        QElapsedTimer clock;
        clock.start();
        settle(static_cast<int>(seconds * 1000));
        const double elapsed = clock.elapsed() / 1000.0;
        const double cpu = process_cpu_seconds() - cpu_before;
        std::printf("phase %s (%.0f epochs/s asked, 0 = max)\n", phase.name, phase.speed);
        double slowest = 1e300;
        long frames = 0;
        for (size_t i = 0; i < view.panes().size(); ++i) {
            const ComparePane* pane = view.panes()[i];
            const auto last = pane->lastSnapshot();
            const long shown = pane->shownCount() - first[i].shown;
            const long painted = pane->view()->paintCount() - first[i].painted;
            const double paint_ms = pane->view()->paintMilliseconds() - first[i].paint_ms;
            const double epochs = ((last ? last->epoch : 0) - first[i].epoch) / elapsed;
            QString grid = QStringLiteral("none");
            if (last && last->grid)
                grid = QStringLiteral("%1x%2")
                           .arg(last->grid->spec.width)
                           .arg(last->grid->spec.height);
            std::printf(
                "  pane %zu '%s': snapshots_per_second %.1f paints_per_second %.1f "
                "paint_ms_mean %.1f epochs_per_second %.0f grid %s view %dx%d\n",
                i, pane->title().toStdString().c_str(), shown / elapsed, painted / elapsed,
                painted > 0 ? paint_ms / painted : 0.0, epochs, grid.toStdString().c_str(),
                pane->view()->width(), pane->view()->height());
            slowest = std::min(slowest, shown / elapsed);
            frames += shown;
        }
        std::printf(
            "  slowest_pane_fps %.1f\n  process_cpu_cores %.2f\n  cpu_ms_per_frame %.1f\n"
            "  chunk_epochs %ld\n",
            slowest, cpu / elapsed, frames > 0 ? 1000 * cpu / frames : 0.0, view.chunkEpochs());
    }
    view.shutdown();
    return 0;
}

}  // namespace moelab
