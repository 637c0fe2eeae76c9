#include "replay_export.h"

#include <unistd.h>
#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>
#include <algorithm>
#include <cstdio>
#include <iostream>
#include <optional>

#include "data/registry.h"
#include "errors.h"
#include "expert_colors.h"
#include "figure_export.h"
#include "gif_palette.h"
#include "gif_writer.h"
#include "replay_frame.h"
#include "snapshot_builder.h"
#include "training/timeline_recorder.h"

namespace moelab {

namespace {

struct ReplayText {
    Q_DECLARE_TR_FUNCTIONS(ReplayText)
};

// Draws the frames of one replay: the figure of each entry at the export's size.
class FramePainter {
  public:
    FramePainter(const Snapshot& live, const ReplaySettings& settings)
        : live_(live), settings_(settings) {
        export_.size = settings.size;
        export_.scale = 1.0;
        export_.figure = settings.figure;
        // The whole data set, at the resolution --export-figure uses.
        if (live.dataset && live.dataset->dimensions() == 2) {
            spec_ = grid_for_view(*live.dataset, QRectF(), settings.size, 1.5, 768);
        } else if (live.projection) {
            spec_ = grid_for_view(live.projection->bounds, QRectF(), settings.size, 1.5, 768);
        }
    }

    QImage paint(const TimelineEntry& entry) {
        auto frame = replay_snapshot(live_, entry);
        if (spec_ && frame->model)
            renderer_.render(*frame, *spec_, 2, double(settings_.size.width()) / spec_->width);
        return render_image(*frame, export_);
    }

  private:
    const Snapshot& live_;
    const ReplaySettings& settings_;
    ExportSettings export_;
    std::optional<GridSpec> spec_;
    GridRenderer renderer_;
};

// The colours a frame must show exactly: white and black, the experts' colours (lines, and the
// lightened ones of the tints) and the classes' colours (the data points).
std::vector<QColor> reserved_colors(const Snapshot& live) {
    std::vector<QColor> colors{Qt::white, Qt::black};
    const int experts = std::max(1, live.config.experts);
    for (int i = 0; i < experts; ++i) colors.push_back(expertColor(i));
    const int classes = live.dataset ? std::max(1, live.dataset->classes()) : 0;
    for (int c = 0; c < classes; ++c) colors.push_back(classColor(c));
    return colors;
}

QString frame_name(int index) {
    return QStringLiteral("frame_%1.png").arg(index + 1, 4, 10, QLatin1Char('0'));
}

}  // namespace

bool is_gif_path(const QString& path) {
    return QFileInfo(path).suffix().compare(QStringLiteral("gif"), Qt::CaseInsensitive) == 0;
}

TimelineEntries replay_timeline(const Snapshot& live) {
    TimelineEntries entries = live.timeline ? *live.timeline : TimelineEntries{};
    if (live.model && (entries.empty() || entries.back()->epoch < live.epoch)) {
        auto now = std::make_shared<TimelineEntry>();
        now->epoch = live.epoch;
        now->model = live.model;
        now->metrics = live.latest;
        now->config = live.config;
        entries.push_back(std::move(now));
    }
    return entries;
}

ReplayResult export_replay(const QString& path, const Snapshot& live,
                           const TimelineEntries& entries, const ReplaySettings& settings,
                           const ReplayProgress& progress) {
    ReplayResult result;
    const TimelineEntries frames = replay_frames(entries, std::max(1, settings.frames));
    if (frames.empty()) {
        result.error = ReplayText::tr("Nothing to replay yet: train for an epoch first.");
        return result;
    }
    const int total = static_cast<int>(frames.size());
    FramePainter painter(live, settings);
    auto report = [&](int done) { return !progress || progress(done, total); };

    if (is_gif_path(path)) {
        // One palette for all frames, from a few of them: the first (the initial tints), the last
        // (the final regions) and two between.
        std::vector<QImage> samples;
        for (const int at : {0, total / 3, 2 * total / 3, total - 1}) {
            if (!samples.empty() && at == 0) continue;
            samples.push_back(painter.paint(*frames[size_t(at)]));
        }
        const GifPalette palette(samples, reserved_colors(live));
        samples.clear();
        QSaveFile file(path);
        if (!file.open(QIODevice::WriteOnly)) {
            result.error = ReplayText::tr("Cannot write %1: %2").arg(path, file.errorString());
            return result;
        }
        GifWriter gif(&file, settings.size, palette.colors(), GifPalette::kTransparent);
        for (int i = 0; i < total && gif.ok(); ++i) {
            if (!report(i)) {
                result.cancelled = true;
                file.cancelWriting();
                return result;
            }
            const QImage image = painter.paint(*frames[size_t(i)]);
            gif.addFrame(palette.indexed(image),
                         i + 1 == total ? settings.last_frame_delay_cs : settings.frame_delay_cs);
        }
        if (!gif.finish() || !gif.ok()) {
            file.cancelWriting();
            result.error = ReplayText::tr("Cannot write the GIF %1: %2").arg(path, gif.error());
            return result;
        }
        if (!file.commit()) {
            result.error = ReplayText::tr("Cannot write %1: %2").arg(path, file.errorString());
            return result;
        }
        report(total);
        result.files << path;
    } else {
        QDir folder(path);
        const bool existed = folder.exists();
        if (!existed && !QDir().mkpath(path)) {
            result.error = ReplayText::tr("Cannot create the folder %1.").arg(path);
            return result;
        }
        // Nothing of a cancelled or failed export stays: the frames written so far, and the
        // folder when it was made for them.
        auto undo = [&] {
            for (const QString& written : result.files) QFile::remove(written);
            result.files.clear();
            if (!existed) QDir().rmdir(path);
        };
        for (int i = 0; i < total; ++i) {
            if (!report(i)) {
                undo();
                result.cancelled = true;
                return result;
            }
            const QString name = folder.filePath(frame_name(i));
            QSaveFile file(name);
            const QImage image = painter.paint(*frames[size_t(i)]);
            if (!file.open(QIODevice::WriteOnly) || !image.save(&file, "PNG") || !file.commit()) {
                result.error = ReplayText::tr("Cannot write %1: %2").arg(name, file.errorString());
                undo();
                return result;
            }
            result.files << name;
        }
        report(total);
    }
    result.ok = true;
    result.frames = total;
    return result;
}

int export_replay_headless(const Config& config, const ReplayRequest& request) {
    auto complain = [](const QString& message) {
        std::cerr << "moelab: " << message.toStdString() << '\n';
    };
    std::shared_ptr<Snapshot> live;
    try {
        auto dataset = std::make_shared<const Dataset>(load_dataset(config.dataset));
        Trainer trainer(config, std::move(dataset));
        TimelineRecorder recorder;
        // Every stored epoch carries its own metrics, so each frame's caption is exact.
        recorder.reset(trainer, true);
        try {
            while (trainer.epoch() < config.epochs) {
                trainer.train_for(std::chrono::hours(24),
                                  recorder.clamp(trainer, config.epochs - trainer.epoch()));
                recorder.note(trainer, true);
            }
        } catch (const DivergenceError& error) {
            complain(QStringLiteral("training diverged at epoch %1 (%2); the replay ends with the "
                                    "last good model")
                         .arg(error.epoch())
                         .arg(QString::fromUtf8(error.what())));
        }
        recorder.record_latest(trainer);
        live = snapshot_of(trainer);
        live->timeline = recorder.entries();
        if (trainer.dataset().dimensions() != 2)
            live->projection = project_dataset(trainer.dataset(), trainer.split());
    } catch (const std::exception& error) {
        complain(QString::fromUtf8(error.what()));
        return 1;
    }
    ReplaySettings settings = request.settings;
    settings.figure.phonetic_orientation = request.phonetic;
    settings.figure.tint_by_class = request.tint_by_class;
    if (request.paper_style) settings.figure = paper_style(settings.figure);
    // A progress bar on a terminal; nothing in a script's log.
    const bool terminal = isatty(fileno(stderr));
    auto progress = [terminal](int done, int total) {
        if (!terminal) return true;
        constexpr int kWidth = 30;
        const int filled = total > 0 ? done * kWidth / total : kWidth;
        std::fprintf(stderr, "\rmoelab: replay [%s%s] %d/%d",
                     std::string(size_t(filled), '#').c_str(),
                     std::string(size_t(kWidth - filled), '.').c_str(), done, total);
        if (done == total) std::fputc('\n', stderr);
        return true;
    };
    const ReplayResult result =
        export_replay(request.path, *live, replay_timeline(*live), settings, progress);
    if (!result.ok) {
        complain(result.error);
        return 1;
    }
    return 0;
}

}  // namespace moelab
