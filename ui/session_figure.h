#pragma once
// `moelab FILE.moelab --export-figure OUT.png`: a saved session's figure without a window, drawn
// as the session's view showed it (style, switches, zoomed window), from the saved weights (no
// training).
#include <QString>

#include "headless_runs.h"

namespace moelab {

// The request's paper style, phonetic orientation, class tint and highlighted expert add to the
// session's own view. Returns the exit code: 0, or 1 after printing one line to stderr.
int export_session_figure_headless(const QString& session_path, const FigureRequest& request);

}  // namespace moelab
