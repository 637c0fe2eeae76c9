#pragma once
// moelab --export-figure for a regression set: trains on this thread and writes the curve figure.
#include "headless_runs.h"
#include "training/config.h"

namespace moelab {

// True when the config names a regression set (data/registry.h).
bool is_regression_config(const Config& config);

struct RegressionPicture;

// Writes `picture` as request asks. Returns the exit code: 0, or 1 after printing one line.
int write_regression_figure(const RegressionPicture& picture, const FigureRequest& request);

// Returns the exit code: 0, or 1 after printing one line to stderr.
int export_regression_figure_headless(const Config& config, const FigureRequest& request);

// moelab --screenshot for a regression set: opens the main window (size `window_size`), trains
// `epochs` epochs in its regression mode and saves a picture of the whole window.
int screenshot_regression_window(const Config& config, long epochs, const QString& path,
                                 QSize window_size);

}  // namespace moelab
