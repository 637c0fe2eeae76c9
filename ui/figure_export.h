#pragma once
// Writes the figure to files (PNG at any scale, SVG) and to the clipboard, optionally with the
// expert gallery and the metric charts beside it. Files are written atomically (QSaveFile).
#include <QImage>
#include <QSize>
#include <QString>

#include "figure_painter.h"
#include "snapshot.h"

class QPainter;
class QWidget;

namespace moelab {

struct ExportSettings {
    QSize size{1600, 1000};  // logical pixels; the PNG has size * scale pixels
    double scale = 1.0;      // 3 or more for print
    FigureOptions figure;
    QWidget* gallery = nullptr;  // drawn to the right of the figure when set
    QWidget* charts = nullptr;   // likewise, below the gallery
};

// The figure a paper-style export uses: black on white, vowel symbols, labelled lines, no tint.
FigureOptions paper_style(FigureOptions options);

// Paints the figure (and the widgets in `settings`) into a painter whose target is settings.size.
void paint_composite(QPainter& painter, const Snapshot& snapshot, const ExportSettings& settings);

// The figure as an image of settings.size * settings.scale pixels.
QImage render_image(const Snapshot& snapshot, const ExportSettings& settings);

// Writes a PNG, or an SVG when `path` ends in .svg. On failure returns false and says why in
// `error`.
bool export_figure(const QString& path, const Snapshot& snapshot, const ExportSettings& settings,
                   QString* error);

// Copies the figure to the clipboard as an image.
void copy_figure_to_clipboard(const Snapshot& snapshot, const ExportSettings& settings);

}  // namespace moelab
