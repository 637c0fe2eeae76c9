#pragma once
// Writes the figure to files (PNG at any scale, SVG) and to the clipboard, optionally with the
// expert gallery and the metric charts beside it. Files are written atomically (QSaveFile).
#include <QImage>
#include <QSize>
#include <QString>
#include <vector>

#include "figure_layout.h"
#include "figure_painter.h"
#include "snapshot.h"

class QFont;
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

// Where the parts of a composite export go (issue 10). Landscape: the plane at the left, its plot
// as near square as the height allows, the expert tiles and the charts in a column to its right;
// portrait: the plane on top, tiles and charts side by side below. Text grows with the figure:
// the plane's font and the widgets' scale follow the figure's size, so a 1920 x 1080 slide has
// chart axis text of about 18 pixels and a 3840 x 2160 one twice that.
struct CompositeLayout {
    QRectF figure;                   // the plane's figure (with its axes and legend)
    QRectF gallery, charts;          // empty when not included
    double figure_font_scale = 1.0;  // FigureOptions::font_scale for the figure
    double widget_scale = 1.0;       // figure pixels per widget pixel
};
CompositeLayout composite_layout(const Snapshot& snapshot, const ExportSettings& settings);

// The pixel size of a widget's text drawn at `widget_scale`: the font's pixels times the scale.
double widget_text_pixels(const QFont& font, double widget_scale);

// The options the plane's figure of an export is painted with: the settings' figure, its font
// grown with the export, and, without tiles or charts beside it (a figure-only slide), its plot
// kept square and centred with the legend beside it rather than stretched across the width.
FigureOptions composite_figure_options(const ExportSettings& settings,
                                       const CompositeLayout& layout);

// Paints the figure (and the widgets in `settings`) into a painter whose target is settings.size;
// `report`, when given, receives where the figure's plot, legend and labels went.
void paint_composite(QPainter& painter, const Snapshot& snapshot, const ExportSettings& settings,
                     FigureReport* report = nullptr);

// The figure as an image of settings.size * settings.scale pixels.
QImage render_image(const Snapshot& snapshot, const ExportSettings& settings);

// Writes a PNG, or an SVG when `path` ends in .svg. On failure returns false and says why in
// `error`.
bool export_figure(const QString& path, const Snapshot& snapshot, const ExportSettings& settings,
                   QString* error);

// Copies the figure to the clipboard as an image.
void copy_figure_to_clipboard(const Snapshot& snapshot, const ExportSettings& settings);

}  // namespace moelab
