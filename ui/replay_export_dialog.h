#pragma once
// File > Export replay...: asks where (an animated GIF, or a folder of PNG frames), then draws the
// frames on a thread of its own behind a cancellable progress dialog, so the window stays live.
#include <QString>

#include "figure_painter.h"
#include "snapshot.h"

class QWidget;

namespace moelab {

// Asks for the file and writes the replay of `live`'s training so far. Returns the path written,
// or an empty string when cancelled or failed (a failure is shown in a message box).
QString export_replay_interactively(QWidget* parent, const SnapshotPtr& live,
                                    const FigureOptions& figure);

// Writes the replay to `path` on a thread while a progress dialog (a child of `parent`) shows the
// frames done; the dialog's Cancel stops it and removes what was written. `error` says why it
// failed (empty after a cancel).
bool export_replay_with_progress(QWidget* parent, const QString& path, const SnapshotPtr& live,
                                 const FigureOptions& figure, QString* error);

}  // namespace moelab
