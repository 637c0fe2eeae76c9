#include "figure_layout.h"

#include <QFontMetricsF>
#include <algorithm>
#include <cmath>
#include <functional>

#include "figure_legend.h"
#include "figure_points.h"

namespace moelab {

QRectF figure_data_rect(const Snapshot& snapshot, const FigureOptions& options) {
    return options.data_rect.isValid() && !options.data_rect.isEmpty()
               ? options.data_rect
               : default_data_rect(snapshot);
}

double marker_half_extent(const Snapshot& snapshot, const FigureOptions& options, double font_px) {
    const PointStyle style = point_style(*snapshot.dataset, options, font_px);
    const double unit = font_px / 14.0;
    double half = 0;
    for (const QPainterPath& shape : style.shapes) {
        const QRectF bounds = shape.boundingRect();
        half = std::max({half, -bounds.left(), bounds.right(), -bounds.top(), bounds.bottom()});
    }
    half += 1.5 * unit;  // the outline
    if (snapshot.config.capacity_factor > 0)
        half = std::max(half, dropped_marker_radius(font_px) + 2.4 * unit);
    return half;
}

double legend_min_font_pixels(double font_px) {
    return std::max(12.0, std::round(font_px * 0.88));
}

namespace {

// `area` made smaller (narrower, or shorter) until the plot FigureGeometry lays out in it is
// square: the plot's margins are fixed, so one step is exact.
QRectF squared_area(QRectF area, const std::function<FigureGeometry(const QRectF&)>& geometry_in) {
    const QRectF plot = geometry_in(area).plot();
    const double excess = plot.width() - plot.height();
    if (excess > 0)
        area.setRight(area.right() - excess);
    else
        area.setBottom(area.bottom() + excess);
    return area;
}

}  // namespace

FigureLayout figure_layout(const QRectF& target, const Snapshot& snapshot,
                           const FigureOptions& options, double font_px, const QFont& legend_font,
                           const QPaintDevice* device) {
    const bool phonetic = options.phonetic_orientation && is_vowel_data(*snapshot.dataset);
    const QRectF data_rect = figure_data_rect(snapshot, options);
    const std::function<FigureGeometry(const QRectF&)> geometry_in = [&](const QRectF& area) {
        return FigureGeometry(area, data_rect, phonetic, font_px, options.show_caption);
    };
    // The room a plot may take: all of `area`, or (square_plot) the part of it that keeps the
    // plot square.
    auto room_for_plot = [&](const QRectF& area) {
        return options.square_plot ? squared_area(area, geometry_in) : area;
    };
    const QRectF whole_area = room_for_plot(target);
    const FigureGeometry whole = geometry_in(whole_area);
    // A square plot leaves room over; the figure (plot, its axes and the legend beside or below
    // it) is centred in the target, the caption spanning it.
    auto centred = [&](QRectF area, LegendLayout legend) {
        FigureLayout layout{geometry_in(area), legend, target};
        if (!options.square_plot) return layout;
        QRectF used = area;
        if (legend.where == LegendLayout::Where::Beside ||
            legend.where == LegendLayout::Where::Below)
            used = used.united(legend.frame);
        used.setRight(std::min(target.right(), used.right() + font_px * 0.5));
        used = used.intersected(target);
        const QPointF shift((target.right() - used.right()) / 2,
                            (target.bottom() - used.bottom()) / 2);
        area.translate(shift);
        legend.frame.translate(shift);
        return FigureLayout{geometry_in(area), legend, used.translated(shift)};
    };
    LegendLayout legend;
    // The legend's text at its readable size (legend_min_font_pixels): never shrunk below it.
    legend.font = legend_font;
    const double legend_px =
        std::max(legend_min_font_pixels(font_px),
                 legend_font.pixelSize() > 0 ? double(legend_font.pixelSize()) : font_px * 0.88);
    legend.font.setPixelSize(static_cast<int>(std::lround(legend_px)));
    legend.font_px = font_px;
    legend.pad = font_px * 0.5;
    legend.column_gap = font_px * 1.2;
    if (!options.show_legend || target.width() <= font_px * 24) return centred(whole_area, legend);

    const std::vector<LegendRow> reserve = legend_rows(snapshot, options, true);
    const QFontMetricsF metrics(legend.font, device);
    auto square_side = [](const FigureGeometry& g) {
        return std::min(g.plot().width(), g.plot().height());
    };

    // Beside the plot, in as many columns as its height needs.
    const double tall = whole.plot().height();
    const LegendColumns beside_columns = legend_columns(reserve, metrics, tall);
    const QSizeF beside_size = legend_columns_size(beside_columns, metrics, legend.column_gap);
    QRectF beside_area = target;
    beside_area.setRight(target.right() - beside_size.width() - font_px * 0.8);
    beside_area = room_for_plot(beside_area);
    const FigureGeometry beside = geometry_in(beside_area);
    const bool beside_fits = beside_size.width() < target.width() * 0.5;

    // Below the plot (under the axis title), in the fewest lines whose columns fit the width.
    const double wide = target.right() - whole.plot().left() - font_px * 0.5;
    const double line = legend_height({LegendRow{}}, metrics);
    LegendColumns below_columns;
    QSizeF below_size;
    double below_split = 0;  // the tallest column
    do {
        below_split += line;
        below_columns = legend_columns(reserve, metrics, below_split, true);
        below_size = legend_columns_size(below_columns, metrics, legend.column_gap);
    } while (below_size.width() > wide && below_split <= legend_height(reserve, metrics));
    QRectF below_area = target;
    below_area.setBottom(target.bottom() - below_size.height() - font_px * 0.6);
    below_area = room_for_plot(below_area);
    const FigureGeometry below = geometry_in(below_area);

    // Over the plot's emptiest corner, where the legend at its readable size takes at most a
    // fifth of the plot (a larger one would hide the boundaries under it) and hides no point.
    const QSizeF corner_size(legend_width(reserve, metrics), legend_height(reserve, metrics));
    const double share = corner_size.width() * corner_size.height() /
                         std::max(1.0, whole.plot().width() * whole.plot().height());
    const LegendCorner corner =
        emptiest_corner(whole, snapshot, corner_size + QSizeF(2 * legend.pad, 2 * legend.pad),
                        font_px * 0.4, marker_half_extent(snapshot, options, font_px));
    const bool corner_fits = share <= 0.2 && corner.box.width() < whole.plot().width() &&
                             corner.box.height() < whole.plot().height();

    // A wide figure keeps the legend in a column to the right; otherwise over a corner that
    // hides no point; else beside or below, whichever leaves the plot the larger square.
    const bool landscape = target.width() > target.height() * 1.3;
    if (!(landscape && beside_fits) && corner.hidden_points == 0 && corner_fits) {
        legend.where = LegendLayout::Where::Corner;
        legend.frame = corner.box;
        legend.max_column_height = corner_size.height();
        legend.right_aligned = corner.box.center().x() > whole.plot().center().x();
        legend.bottom_aligned = corner.box.center().y() > whole.plot().center().y();
        if (!options.square_plot) return {whole, legend, target};
        // Centred, the corner's room moves with its plot.
        const FigureLayout moved = centred(whole_area, LegendLayout{});
        legend.frame.translate(moved.geometry.plot().topLeft() - whole.plot().topLeft());
        return {moved.geometry, legend, moved.used};
    }
    if (beside_fits && square_side(beside) + 1 >= square_side(below)) {
        legend.where = LegendLayout::Where::Beside;
        legend.frame =
            QRectF(QPointF(beside_area.right() + font_px * 0.6, beside.plot().top()), beside_size);
        legend.max_column_height = tall;
        return centred(beside_area, legend);
    }
    legend.where = LegendLayout::Where::Below;
    legend.frame =
        QRectF(QPointF(below.plot().left(), below_area.bottom() + font_px * 0.3), below_size);
    legend.max_column_height = below_split;
    legend.column_per_group = true;
    return centred(below_area, legend);
}

}  // namespace moelab
