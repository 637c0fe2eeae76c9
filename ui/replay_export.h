#pragma once
// The training replayed as an animation: the timeline's epochs drawn with the figure painter of
// --export-figure (so every frame's caption names the epoch, the loss, N and K), written as an
// animated GIF (giflib, one palette for all frames) or as a folder of numbered PNG files. Files are
// written atomically: a cancelled or failed export leaves no partial file behind.
#include <QSize>
#include <QString>
#include <QStringList>
#include <functional>

#include "figure_painter.h"
#include "snapshot.h"
#include "training/config.h"

namespace moelab {

struct ReplaySettings {
    QSize size{960, 600};  // pixels of every frame
    FigureOptions figure;
    int frames = 60;                // at most; fewer when the timeline holds fewer epochs
    int frame_delay_cs = 12;        // GIF: hundredths of a second per frame
    int last_frame_delay_cs = 250;  // the final picture stays a little longer
};

// A GIF for a path ending in .gif (any case); any other path is a folder for PNG files.
bool is_gif_path(const QString& path);

// The timeline of `live` with `live` itself as its last entry (when it is later than the last
// stored epoch): what a replay of the training so far shows.
TimelineEntries replay_timeline(const Snapshot& live);

// After each frame: (frames done, frames in all); return false to cancel.
using ReplayProgress = std::function<bool(int done, int total)>;

struct ReplayResult {
    bool ok = false;
    bool cancelled = false;
    QString error;  // empty when ok or cancelled
    int frames = 0;
    QStringList files;  // what was written
};

// Draws `entries` (thinned to settings.frames, evenly over the list) for `live`'s data and writes
// them to `path`: a GIF, or `path`/frame_0001.png, ... Runs on any thread (it paints into images
// only).
ReplayResult export_replay(const QString& path, const Snapshot& live,
                           const TimelineEntries& entries, const ReplaySettings& settings,
                           const ReplayProgress& progress = {});

struct ReplayRequest {
    QString path;
    ReplaySettings settings;
    bool paper_style = false;
    bool phonetic = false;
    bool tint_by_class = false;
};

// Trains config.epochs epochs on this thread (no window), keeping the timeline, and writes the
// replay; a progress bar on stderr when it is a terminal. Returns the exit code: 0, or 1 after
// one line on stderr.
int export_replay_headless(const Config& config, const ReplayRequest& request);

}  // namespace moelab
