#pragma once
// `moelab FILE.moelab --export-figure OUT.png`: a saved session's figure without a window, drawn
// as the session's view showed it (style, switches, zoomed window), from the saved weights (no
// training), or a regression session's curve figure (regression_figure.h); and `--screenshot
// OUT.png`: the whole window with the session open.
#include <QSize>
#include <QString>

#include "headless_runs.h"

namespace moelab {

// The request's paper style, phonetic orientation, class tint and highlighted expert add to the
// session's own view. Returns the exit code: 0, or 1 after printing one line to stderr.
int export_session_figure_headless(const QString& session_path, const FigureRequest& request);

// `moelab FILE.moelab --screenshot OUT.png`: opens the session in the main window (size
// `window_size`) and saves a picture of the whole window. Needs a QApplication. Returns the exit
// code: 0, or 1 after printing the reason to stderr.
int screenshot_session(const QString& session_path, const QString& path, QSize window_size);

}  // namespace moelab
