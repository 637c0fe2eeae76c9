#pragma once
// What the app's unattended modes (--export-figure, --screenshot, --bench-fps, --compare and
// sessions drawn from the command line) share: one line to stderr, waiting on the event loop,
// and a picture written atomically.
#include <QImage>
#include <QString>
#include <functional>

namespace moelab::headless {

// "moelab: <message>" on stderr.
void complain(const QString& message);
// Runs the event loop until `done()` or `timeout_ms` pass; returns done().
bool wait_until(const std::function<bool()>& done, int timeout_ms);
// Runs the event loop (sleeping between events, not spinning) for `milliseconds`.
void settle(int milliseconds);
// Writes `image` as a PNG through QSaveFile; false after complaining.
bool save_png(const QImage& image, const QString& path);

}  // namespace moelab::headless
