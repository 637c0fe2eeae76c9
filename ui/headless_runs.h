#pragma once
// The desktop app's non-interactive modes, for scripts, tests and the evidence of a change:
// a figure without a window, a screenshot of the whole window, and the view's frame rate.
#include <QSize>
#include <QString>

#include "training/config.h"

namespace moelab {

struct FigureRequest {
    QString path;            // .png or .svg
    QSize size{1600, 1000};  // logical pixels
    double scale = 1.0;      // PNG pixels per logical pixel
    bool paper_style = false;
    bool phonetic = false;       // vowels: F2 across (decreasing), F1 down
    bool tint_by_class = false;  // shade by the mixture's predicted class instead of the gate
    int highlighted_expert = -1;
};

// Trains config.epochs epochs on this thread (no window) and writes the figure. Returns the exit
// code: 0, or 1 after printing one line to stderr.
int export_figure_headless(const Config& config, const FigureRequest& request);

// Opens the main window (size `window_size`), trains `epochs` epochs, waits for the views to show
// the result and saves a picture of the whole window. Needs a QApplication.
// A divergence ends the training early; the picture then shows the last good model.
int screenshot_window(const Config& config, long epochs, const QString& path, QSize window_size,
                      bool phonetic = false);

// Opens the main window, trains as fast as possible for `seconds` and prints how many frames per
// second the main view painted meanwhile. Needs a QApplication.
int measure_view_fps(const Config& config, double seconds, QSize window_size);

}  // namespace moelab
