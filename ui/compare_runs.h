#pragma once
// Compare mode without anyone at the keyboard: the whole compare view (panes, overlay chart and
// each pane's numbers) as one PNG, a picture of the compare window with its controls, and the
// frames per second of every pane. Each needs a QApplication.
#include <QSize>
#include <QString>
#include <vector>

#include "headless_runs.h"
#include "training/config.h"

namespace moelab {

// Trains every pane `epochs` epochs (together, from the same initial weights) and writes the
// compare view without its run controls at request.size (times request.scale) as a PNG. Returns
// the exit code: 0, or 1 after printing one line to stderr.
int export_compare_figure(const std::vector<Config>& panes, long epochs,
                          const FigureRequest& request);

// The compare window with its controls at `window_size` after `epochs` epochs, as a PNG.
int screenshot_compare(const std::vector<Config>& panes, long epochs, const QString& path,
                       QSize window_size, bool phonetic = false);

// Plays every pane as fast as it goes for `seconds` in a window of `window_size` and prints, per
// pane, the snapshots shown and the frames painted per second, the epochs per second and the grid.
int measure_compare_fps(const std::vector<Config>& panes, double seconds, QSize window_size);

}  // namespace moelab
