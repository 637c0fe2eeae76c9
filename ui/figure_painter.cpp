#include "figure_painter.h"

#include <QCoreApplication>
#include <QFontMetricsF>
#include <QPaintEngine>
#include <QPainterPath>
#include <algorithm>
#include <array>
#include <cmath>
#include <functional>
#include <limits>
#include <optional>

#include "expert_colors.h"
#include "figure_layout.h"
#include "figure_legend.h"
#include "figure_points.h"
#include "label_placement.h"
#include "number_format.h"

namespace moelab {

namespace {

// Gives the free functions below a translation context.
struct FigureText {
    Q_DECLARE_TR_FUNCTIONS(FigureText)
};

QString loss_label(LossType loss) {
    switch (loss) {
        case LossType::Cooperative:
            return FigureText::tr("cooperative (eq. 1)");
        case LossType::Competitive:
            return FigureText::tr("competitive (eq. 2)");
        case LossType::CompetitiveLog:
            return FigureText::tr("competitive log-likelihood (eq. 3)");
        case LossType::MixtureNll:
            return FigureText::tr("mixture NLL");
    }
    return {};
}

QString feature_name(const Snapshot& snapshot, int feature) {
    if (snapshot.projection) {
        return FigureText::tr("PC %1 (%2 of the variance)")
            .arg(feature + 1)
            .arg(format_percent(snapshot.projection->pca.explained(feature)));
    }
    const Dataset& dataset = *snapshot.dataset;
    if (feature < static_cast<int>(dataset.feature_names.size()))
        return QString::fromStdString(dataset.feature_names[feature]);
    return FigureText::tr("x%1").arg(feature + 1);
}

// A circle around each case an expert at its capacity turned away: red, thick, with a white
// halo, larger than any marker, so the point inside stays visible and readable.
void paint_dropped(QPainter& painter, const FigureGeometry& geometry, const Snapshot& snapshot) {
    const auto& rows = snapshot.latest.dropped_rows;
    if (rows.empty() || !snapshot.dataset) return;
    const double unit = geometry.fontPixels() / 14.0;
    const double radius = dropped_marker_radius(geometry.fontPixels());
    const QRectF visible = geometry.plot().adjusted(-20, -20, 20, 20);
    painter.save();
    painter.setBrush(Qt::NoBrush);
    const QPen halo(QColor(255, 255, 255, 220), 4.6 * unit);
    const QPen ring(dropped_color(), 2.4 * unit);
    for (const QPen& pen : {halo, ring}) {
        painter.setPen(pen);
        for (const int row : rows) {
            if (row < 0 || row >= snapshot.dataset->size()) continue;
            const QPointF at = geometry.toScreen().map(plane_point(snapshot, row));
            if (visible.contains(at)) painter.drawEllipse(at, radius, radius);
        }
    }
    painter.restore();
}

// Round tick values covering [lo, hi], about `count` of them (steps of 1, 2 or 5 times 10^k).
std::vector<double> nice_ticks(double lo, double hi, int count) {
    std::vector<double> ticks;
    if (!(hi > lo) || count < 1) return ticks;
    const double raw = (hi - lo) / count;
    const double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
    const double normalized = raw / magnitude;
    const double step = (normalized < 1.5 ? 1
                         : normalized < 3 ? 2
                         : normalized < 7 ? 5
                                          : 10) *
                        magnitude;
    if (!std::isfinite(step) || step <= 0) return ticks;
    for (double v = std::ceil(lo / step) * step; v <= hi + step * 1e-9 && ticks.size() < 100;
         v += step) {
        ticks.push_back(std::abs(v) < step * 1e-9 ? 0.0 : v);
    }
    return ticks;
}

// An expert's colour dark enough to read as a thin line or as text on white and on its own tint.
QColor ink(int expert) {
    QColor color = expertColor(expert);
    auto luminance = [](const QColor& c) {
        return 0.2126 * c.redF() + 0.7152 * c.greenF() + 0.0722 * c.blueF();
    };
    while (luminance(color) > 0.38) color = dimmed(color, 0.85);
    return color;
}

// The line in target coordinates, without vertices closer than a pixel to the previous one: the
// contours come at raster resolution, and stroking invisible segments is most of a frame's cost.
QPolygonF to_polygon(const Polyline& line, const QTransform& to_screen) {
    QPolygonF polygon;
    polygon.reserve(static_cast<qsizetype>(line.size()));
    for (size_t k = 0; k < line.size(); ++k) {
        const QPointF p = to_screen.map(QPointF(line[k].x, line[k].y));
        const bool last = k + 1 == line.size();
        if (!polygon.isEmpty() && !last) {
            const QPointF d = p - polygon.back();
            if (d.x() * d.x() + d.y() * d.y() < 1.0) continue;
        }
        polygon << p;
    }
    return polygon;
}

double polygon_length(const QPolygonF& polygon) {
    double length = 0;
    for (qsizetype k = 1; k < polygon.size(); ++k) {
        length +=
            std::hypot(polygon[k].x() - polygon[k - 1].x(), polygon[k].y() - polygon[k - 1].y());
    }
    return length;
}

// A labelled line waiting for a place for its label.
struct LineLabel {
    QString text;
    QColor color;                       // text and frame
    std::vector<QPolygonF> candidates;  // the line's pieces, longest first
    double opacity = 1.0;
    QString short_text;  // where the whole text finds no free place
};

// The labels drawn, and those that found no free place (label_placement.h).
struct LabelsDrawn {
    std::vector<QRectF> boxes;
    QStringList left_out;
};

// Puts each label on its line where it overlaps no label placed before it nor the legend and
// stays in the plot; a label with no such place is left out, not drawn over another.
LabelsDrawn place_line_labels(QPainter& painter, const std::vector<LineLabel>& labels,
                              const QRectF& plot, const QFont& font, bool paper_style,
                              const std::optional<QRectF>& obstacle) {
    painter.setFont(font);
    const QFontMetricsF metrics(font, painter.device());
    std::vector<LabelRequest> requests;
    requests.reserve(labels.size());
    for (const auto& label : labels)
        requests.push_back({label.text, label.candidates, label.short_text});
    std::vector<QRectF> obstacles;
    if (obstacle) obstacles.push_back(*obstacle);
    const std::vector<LabelPlacement> placements = place_labels(requests, plot, metrics, obstacles);
    LabelsDrawn drawn;
    for (size_t k = 0; k < labels.size(); ++k) {
        const LineLabel& label = labels[k];
        if (!placements[k].box) {
            // Only a line the plot shows misses its label (a line outside the window has none).
            const bool shown = std::any_of(
                label.candidates.begin(), label.candidates.end(), [&](const QPolygonF& piece) {
                    return std::any_of(piece.begin(), piece.end(),
                                       [&](const QPointF& p) { return plot.contains(p); });
                });
            if (shown) drawn.left_out << label.text;
            continue;
        }
        const QRectF& box = *placements[k].box;
        drawn.boxes.push_back(box);
        painter.save();
        painter.setOpacity(label.opacity);
        painter.setPen(QPen(label.color, paper_style ? 0.0 : 1.2));
        painter.setBrush(QColor(255, 255, 255, paper_style ? 255 : 235));
        if (paper_style) painter.setPen(Qt::NoPen);
        const double radius = box.height() * 0.3;
        painter.drawRoundedRect(box, radius, radius);
        painter.setPen(label.color);
        painter.drawText(box, Qt::AlignCenter,
                         placements[k].shortened ? label.short_text : label.text);
        painter.restore();
    }
    return drawn;
}

// Draws a polyline with a white halo under it, so it stands out on any tint.
void draw_line(QPainter& painter, const QPolygonF& polygon, const QPen& pen, bool halo) {
    if (halo) {
        QPen under(QColor(255, 255, 255, 170), pen.widthF() + 2.5, Qt::SolidLine, Qt::FlatCap,
                   Qt::MiterJoin);
        painter.setPen(under);
        painter.drawPolyline(polygon);
    }
    painter.setPen(pen);
    painter.drawPolyline(polygon);
}

std::vector<QPolygonF> longest_first(const std::vector<Polyline>& lines,
                                     const QTransform& to_screen) {
    std::vector<QPolygonF> polygons;
    for (const auto& line : lines) {
        if (line.size() > 1) polygons.push_back(to_polygon(line, to_screen));
    }
    std::vector<std::pair<double, size_t>> lengths;
    for (size_t k = 0; k < polygons.size(); ++k)
        lengths.emplace_back(polygon_length(polygons[k]), k);
    std::sort(lengths.begin(), lengths.end(), std::greater<>());
    std::vector<QPolygonF> sorted;
    sorted.reserve(polygons.size());
    for (const auto& entry : lengths) sorted.push_back(std::move(polygons[entry.second]));
    return sorted;
}

void paint_regions(QPainter& painter, const FigureGeometry& geometry, const Snapshot& snapshot,
                   const FigureOptions& options) {
    const QImage& image = options.tint_by_class ? snapshot.class_tint : snapshot.gate_tint;
    if (image.isNull() || !snapshot.grid) return;
    const GridSpec& spec = snapshot.grid->spec;
    // Pixel (col, row) of the image covers one grid cell; row 0 is y_min.
    const QTransform image_to_data((spec.x_max - spec.x_min) / spec.width, 0, 0,
                                   (spec.y_max - spec.y_min) / spec.height, spec.x_min, spec.y_min);
    painter.save();
    painter.setRenderHint(QPainter::SmoothPixmapTransform, true);
    painter.setWorldTransform(image_to_data * geometry.toScreen(), true);
    painter.drawImage(QPointF(0, 0), image);
    painter.restore();
}

LabelsDrawn paint_lines(QPainter& painter, const FigureGeometry& geometry, const Snapshot& snapshot,
                        const FigureOptions& options, const QFont& label_font,
                        const std::optional<QRectF>& legend) {
    const QTransform& to_screen = geometry.toScreen();
    const bool paper = options.paper_style;
    const double unit = geometry.fontPixels() / 14.0;  // line widths grow with the figure
    std::vector<LineLabel> labels;
    painter.save();
    painter.setBrush(Qt::NoBrush);

    if (options.tint_by_class && options.show_regions && !paper) {
        const QPen pen(QColor(0, 0, 0, 120), 1.0 * unit, Qt::SolidLine, Qt::FlatCap, Qt::MiterJoin);
        for (const auto& boundary : snapshot.mixture_boundaries)
            for (const auto& line : boundary.lines)
                draw_line(painter, to_polygon(line, to_screen), pen, false);
    }

    if (options.show_gate_lines) {
        const QColor color = paper ? QColor(Qt::black) : QColor(45, 45, 45);
        QPen pen(color, (paper ? 1.6 : 2.0) * unit, Qt::CustomDashLine, Qt::FlatCap, Qt::MiterJoin);
        pen.setDashPattern(paper ? QList<qreal>{5, 3} : QList<qreal>{6, 2, 1.5, 2});
        for (const auto& boundary : snapshot.gate_boundaries) {
            LineLabel label{FigureText::tr("Gate %1:%2").arg(boundary.a).arg(boundary.b), color,
                            longest_first(boundary.lines, to_screen), 1.0,
                            FigureText::tr("G%1:%2").arg(boundary.a).arg(boundary.b)};
            for (const auto& polygon : label.candidates) draw_line(painter, polygon, pen, !paper);
            labels.push_back(std::move(label));
        }
    }

    if (options.show_expert_lines) {
        const int experts = static_cast<int>(snapshot.expert_boundaries.size());
        const int highlighted = options.highlighted_expert;
        for (int i = 0; i < experts; ++i) {
            const ExpertBoundary& boundary = snapshot.expert_boundaries[i];
            if (!boundary.used) continue;
            const bool faded = highlighted >= 0 && highlighted != i;
            const double boost = highlighted == i ? 1.6 : 1.0;
            QColor color = paper ? QColor(Qt::black) : ink(i);
            QColor faint = paper ? QColor(150, 150, 150) : expertColor(i);
            faint.setAlphaF(paper ? 1.0 : 0.75);
            if (faded) {
                color.setAlphaF(0.3);
                faint.setAlphaF(0.2);
            }
            QPen elsewhere(faint, 1.2 * unit * boost, Qt::CustomDashLine, Qt::FlatCap,
                           Qt::MiterJoin);
            elsewhere.setDashPattern({4, 3});
            for (const auto& line : boundary.elsewhere)
                draw_line(painter, to_polygon(line, to_screen), elsewhere, false);
            const QPen owned(color, 2.6 * unit * boost, Qt::SolidLine, Qt::FlatCap, Qt::MiterJoin);
            auto pieces = longest_first(boundary.owned, to_screen);
            for (const auto& polygon : pieces) draw_line(painter, polygon, owned, !paper && !faded);
            if (pieces.empty()) pieces = longest_first(boundary.elsewhere, to_screen);
            LineLabel label{FigureText::tr("Expert %1").arg(i), paper ? QColor(Qt::black) : ink(i),
                            std::move(pieces), faded ? 0.45 : 1.0, FigureText::tr("E%1").arg(i)};
            // The highlighted expert's label is placed first, so it gets the best spot.
            if (highlighted == i)
                labels.insert(labels.begin(), std::move(label));
            else
                labels.push_back(std::move(label));
        }
    }
    painter.restore();
    return place_line_labels(painter, labels, geometry.plot(), label_font, paper, legend);
}

void paint_axes(QPainter& painter, const FigureGeometry& geometry, const Snapshot& snapshot,
                const FigureInk& colors, const QFont& font) {
    const QRectF& plot = geometry.plot();
    const QRectF& data = geometry.data();
    painter.save();
    painter.setFont(font);
    const QFontMetricsF metrics(font, painter.device());
    painter.setPen(QPen(colors.frame, 1.0));
    painter.setBrush(Qt::NoBrush);
    painter.drawRect(plot);

    // Which feature each axis shows: the phonetic orientation puts F2 (feature 1) along x.
    const int bottom_feature = geometry.phonetic() ? 1 : 0;
    const int left_feature = geometry.phonetic() ? 0 : 1;
    auto range = [&](int feature) {
        return feature == 0 ? std::pair{data.left(), data.right()}
                            : std::pair{data.top(), data.bottom()};
    };
    auto screen_of = [&](int feature, double value) {
        return feature == 0 ? geometry.map(value, data.center().y())
                            : geometry.map(data.center().x(), value);
    };
    const double tick = geometry.fontPixels() * 0.35;
    auto label_of = [](double v) { return QString::number(v, 'g', 6); };

    const auto [bx0, bx1] = range(bottom_feature);
    for (double v :
         nice_ticks(bx0, bx1,
                    std::max(2, static_cast<int>(plot.width() / (geometry.fontPixels() * 4.5))))) {
        const double x = screen_of(bottom_feature, v).x();
        painter.drawLine(QPointF(x, plot.bottom()), QPointF(x, plot.bottom() + tick));
        const QString text = label_of(v);
        const double w = metrics.horizontalAdvance(text);
        painter.drawText(QPointF(x - w / 2, plot.bottom() + tick + metrics.ascent() + 2), text);
    }
    const auto [ly0, ly1] = range(left_feature);
    double widest = 0;
    for (double v :
         nice_ticks(ly0, ly1,
                    std::max(2, static_cast<int>(plot.height() / (geometry.fontPixels() * 3))))) {
        const double y = screen_of(left_feature, v).y();
        painter.drawLine(QPointF(plot.left() - tick, y), QPointF(plot.left(), y));
        const QString text = label_of(v);
        const double w = metrics.horizontalAdvance(text);
        widest = std::max(widest, w);
        painter.drawText(QPointF(plot.left() - tick - 3 - w, y + metrics.ascent() / 2 - 1), text);
    }

    painter.setPen(colors.text);
    QString bottom_title = feature_name(snapshot, bottom_feature);
    QString left_title = feature_name(snapshot, left_feature);
    if (geometry.phonetic()) {
        bottom_title = FigureText::tr("%1, decreasing").arg(bottom_title);
        left_title = FigureText::tr("%1, increasing downward").arg(left_title);
    }
    const double title_y = plot.bottom() + tick + metrics.height() * 2.1;
    painter.drawText(
        QRectF(plot.left(), title_y - metrics.ascent(), plot.width(), metrics.height()),
        Qt::AlignHCenter | Qt::AlignTop, bottom_title);
    painter.save();
    const double title_x = plot.left() - tick - 3 - widest - metrics.height() * 0.6;
    painter.translate(title_x, plot.center().y());
    painter.rotate(-90);
    painter.drawText(QRectF(-plot.height() / 2, -metrics.height(), plot.height(), metrics.height()),
                     Qt::AlignHCenter | Qt::AlignBottom, left_title);
    painter.restore();
    painter.restore();
}

QString caption_left(const Snapshot& snapshot) {
    const auto& m = snapshot.latest;
    QString text = FigureText::tr("Epoch %1   train %2   test %3   loss %4")
                       .arg(format_count(snapshot.epoch))
                       .arg(format_percent(m.train_accuracy))
                       .arg(format_percent(m.test_accuracy))
                       .arg(m.loss, 0, 'g', 4);
    return text;
}

QString caption_right(const Snapshot& snapshot) {
    const Config& c = snapshot.config;
    const QString routing = c.dense() ? FigureText::tr("dense gate")
                                      : FigureText::tr("top-%1 gate").arg(c.routed_experts());
    return FigureText::tr("%1 · N = %2 · %3").arg(loss_label(c.loss)).arg(c.experts).arg(routing);
}

// options.notice in a framed box across the foot of the plot, in the caption's font, so a class
// reads it as part of the figure (and an export keeps it).
void paint_notice(QPainter& painter, const QRectF& plot, const QString& text, const QFont& font,
                  const FigureInk& colors, double font_px) {
    const double pad = font_px * 0.5;
    const QRectF room = plot.adjusted(pad * 2, pad * 2, -pad * 2, -pad * 2);
    const QFontMetricsF metrics(font, painter.device());
    const QRectF needed = metrics.boundingRect(QRectF(0, 0, room.width() - 2 * pad, room.height()),
                                               Qt::TextWordWrap | Qt::AlignLeft, text);
    const QRectF box(room.left(), room.bottom() - needed.height() - 2 * pad, room.width(),
                     needed.height() + 2 * pad);
    painter.save();
    painter.setPen(QPen(QColor(150, 90, 0), std::max(1.0, font_px / 10.0)));
    painter.setBrush(QColor(255, 248, 225, 240));
    painter.drawRoundedRect(box, pad, pad);
    painter.setFont(font);
    painter.setPen(colors.text);
    painter.drawText(box.adjusted(pad, pad, -pad, -pad), Qt::TextWordWrap | Qt::AlignLeft, text);
    painter.restore();
}

void paint_message(QPainter& painter, const QRectF& target, const QString& text, double font_px) {
    painter.save();
    QFont font;
    font.setPixelSize(static_cast<int>(font_px * 1.2));
    painter.setFont(font);
    painter.setPen(QColor(90, 90, 90));
    painter.drawText(target.adjusted(20, 20, -20, -20), Qt::AlignCenter | Qt::TextWordWrap, text);
    painter.restore();
}

}  // namespace

QString format_percent(double fraction) {
    if (!std::isfinite(fraction)) return FigureText::tr("n/a");
    return QStringLiteral("%1%").arg(100.0 * fraction, 0, 'f', 1);
}

FigureInk figure_ink(const FigureOptions& options) {
    if (options.paper_style)
        return {Qt::white, Qt::black, Qt::black, QColor(90, 90, 90), Qt::black};
    return {Qt::white, QColor(70, 70, 70), QColor(30, 30, 30), QColor(100, 100, 100),
            QColor(40, 40, 40)};
}

double figure_font_pixels(const QRectF& target, double font_scale) {
    const double base = std::clamp(std::min(target.width(), target.height()) / 46.0, 10.0, 18.0);
    return base * std::max(0.25, font_scale);
}

bool is_vowel_data(const Dataset& dataset) {
    return dataset.name.find("vowel") != std::string::npos && !dataset.class_symbols.empty() &&
           dataset.dimensions() == 2;
}

bool has_plane(const Snapshot& snapshot) {
    return snapshot.dataset && (snapshot.dataset->dimensions() == 2 ||
                                (snapshot.projection &&
                                 snapshot.projection->points.rows() == snapshot.dataset->size()));
}

QPointF plane_point(const Snapshot& snapshot, int row) {
    if (snapshot.projection)
        return QPointF(snapshot.projection->points(row, 0), snapshot.projection->points(row, 1));
    return QPointF(snapshot.dataset->features(row, 0), snapshot.dataset->features(row, 1));
}

int point_stride(const Snapshot& snapshot) {
    constexpr int most_points = 6000;
    const int cases = snapshot.dataset ? snapshot.dataset->size() : 0;
    return std::max(1, (cases + most_points - 1) / most_points);
}

QColor dropped_color() {
    return QColor(220, 20, 20);
}

double dropped_marker_radius(double font_px) {
    return font_px * 0.62;
}

QRectF default_data_rect(const Snapshot& snapshot) {
    if (snapshot.projection) return snapshot.projection->bounds;
    if (snapshot.grid) {
        const GridSpec& s = snapshot.grid->spec;
        if (snapshot.dataset) {
            const GridSpec around = grid_around(*snapshot.dataset, 2, 2);
            return QRectF(QPointF(around.x_min, around.y_min), QPointF(around.x_max, around.y_max));
        }
        return QRectF(QPointF(s.x_min, s.y_min), QPointF(s.x_max, s.y_max));
    }
    if (snapshot.dataset && snapshot.dataset->dimensions() >= 2) {
        const GridSpec around = grid_around(*snapshot.dataset, 2, 2);
        return QRectF(QPointF(around.x_min, around.y_min), QPointF(around.x_max, around.y_max));
    }
    return QRectF(-1, -1, 2, 2);
}

FigureGeometry::FigureGeometry(const QRectF& target, const QRectF& data_rect, bool phonetic,
                               double font_px, bool with_caption)
    : data_(data_rect.normalized()), phonetic_(phonetic), font_px_(font_px) {
    const double top = with_caption ? font_px * 2.4 : font_px * 0.9;
    plot_ = target.adjusted(font_px * 5.6, top, -font_px * 1.0, -font_px * 3.6);
    if (plot_.width() < 10) plot_.setWidth(10);
    if (plot_.height() < 10) plot_.setHeight(10);
    const double w = plot_.width(), h = plot_.height();
    const double dx = std::max(1e-12, data_.width()), dy = std::max(1e-12, data_.height());
    if (!phonetic_) {
        // x grows to the right, y grows upward.
        to_screen_ = QTransform(w / dx, 0, 0, -h / dy, plot_.left() - data_.left() * w / dx,
                                plot_.bottom() + data_.top() * h / dy);
    } else {
        // Feature 1 (F2) along x, decreasing to the right; feature 0 (F1) along y, growing
        // downward.
        to_screen_ = QTransform(0, h / dx, -w / dy, 0, plot_.right() + data_.top() * w / dy,
                                plot_.top() - data_.left() * h / dx);
    }
    to_data_ = to_screen_.inverted();
}

FigureGeometry paint_figure(QPainter& painter, const QRectF& target, const Snapshot& snapshot,
                            const FigureOptions& options, FigureReport* report) {
    const double font_px = figure_font_pixels(target, options.font_scale);
    const FigureInk colors = figure_ink(options);
    painter.save();
    painter.setRenderHint(QPainter::Antialiasing, true);
    painter.setRenderHint(QPainter::TextAntialiasing, true);
    painter.fillRect(target, colors.background);

    if (!has_plane(snapshot)) {
        const QString text =
            snapshot.dataset
                ? FigureText::tr("This data set has %1 features; the plane view needs 2.")
                      .arg(snapshot.dataset->dimensions())
                : FigureText::tr("Waiting for the first model...");
        paint_message(painter, target, text, font_px);
        painter.restore();
        return FigureGeometry(target, QRectF(-1, -1, 2, 2), false, font_px, false);
    }

    QFont font;
    font.setPixelSize(static_cast<int>(std::lround(font_px)));
    QFont small = font;
    small.setPixelSize(static_cast<int>(std::lround(font_px * 0.88)));
    QFont label_font = font;
    label_font.setWeight(QFont::DemiBold);

    // Where the plot and the legend go (figure_layout.h): the legend covers no data point and
    // keeps its place while the experts learn.
    const FigureLayout layout =
        figure_layout(target, snapshot, options, font_px, small, painter.device());
    const FigureGeometry& geometry = layout.geometry;
    const LegendLayout& legend = layout.legend;
    const QRectF& plot = geometry.plot();
    const bool over_plot = legend.where == LegendLayout::Where::Corner;

    painter.save();
    painter.setClipRect(plot);
    if (options.show_regions && !options.paper_style)
        paint_regions(painter, geometry, snapshot, options);
    if (options.show_points) paint_points(painter, geometry, snapshot, options);
    paint_dropped(painter, geometry, snapshot);
    const LabelsDrawn labels =
        paint_lines(painter, geometry, snapshot, options, label_font,
                    over_plot ? std::optional<QRectF>(legend.frame) : std::nullopt);
    painter.restore();

    paint_axes(painter, geometry, snapshot, colors, font);
    QRectF legend_drawn;
    if (legend.where != LegendLayout::Where::None) {
        std::vector<LegendRow> rows = legend_rows(snapshot, options);
        if (!labels.left_out.isEmpty())
            rows.push_back({LegendRow::Note, left_out_labels_note(int(labels.left_out.size()))});
        const QFontMetricsF metrics(legend.font, painter.device());
        const LegendColumns columns =
            legend_columns(rows, metrics, legend.max_column_height, legend.column_per_group);
        const QSizeF size = legend_columns_size(columns, metrics, legend.column_gap);
        const double pad = over_plot ? legend.pad : 0.0;
        // Over the plot the legend keeps to its corner's sides inside the room reserved there.
        QRectF drawn(legend.frame.topLeft(), size + QSizeF(2 * pad, 2 * pad));
        if (legend.right_aligned) drawn.moveRight(legend.frame.right());
        if (legend.bottom_aligned) drawn.moveBottom(legend.frame.bottom());
        legend_drawn = drawn;
        if (over_plot) {
            painter.save();
            painter.setPen(QPen(QColor(0, 0, 0, 90), 1.0));
            painter.setBrush(QColor(255, 255, 255, 230));
            painter.drawRoundedRect(drawn, pad, pad);
            painter.restore();
        }
        double x = drawn.left() + pad;
        for (const auto& column : columns) {
            const double width = legend_width(column, metrics);
            paint_legend(painter,
                         QRectF(x, drawn.top() + pad, width, legend_height(column, metrics)),
                         column, snapshot, options, legend.font, colors, legend.font_px);
            x += width + legend.column_gap;
        }
    }
    if (report) {
        report->plot = plot;
        report->legend = legend;
        report->legend_drawn = legend_drawn;
        report->label_boxes = labels.boxes;
        report->left_out_labels = labels.left_out;
    }
    if (!options.notice.isEmpty())
        paint_notice(painter, plot, options.notice, small, colors, font_px);
    if (options.show_caption) {
        painter.setFont(font);
        painter.setPen(colors.text);
        const QRectF& used = layout.used;
        const QRectF caption(plot.left(), used.top(), used.right() - plot.left() - font_px * 0.5,
                             plot.top() - used.top());
        const QString left = caption_left(snapshot);
        // The model's description (loss, N, routing) beside the numbers where it fits, else on
        // a second line above the plot: every window size and every exported figure says which
        // loss trained what is shown.
        const QString right = caption_right(snapshot);
        const QFontMetricsF small_metrics(small, painter.device());
        const double room =
            caption.width() - QFontMetricsF(font, painter.device()).horizontalAdvance(left);
        if (small_metrics.horizontalAdvance(right) + font_px * 2 < room) {
            painter.drawText(caption, Qt::AlignLeft | Qt::AlignVCenter, left);
            painter.setFont(small);
            painter.setPen(colors.muted);
            painter.drawText(caption, Qt::AlignRight | Qt::AlignVCenter, right);
        } else {
            const double second_line = small_metrics.height();
            painter.drawText(caption.adjusted(0, 0, 0, -second_line),
                             Qt::AlignLeft | Qt::AlignVCenter, left);
            painter.setFont(small);
            painter.setPen(colors.muted);
            painter.drawText(QRectF(caption.left(), caption.bottom() - second_line, caption.width(),
                                    second_line),
                             Qt::AlignLeft | Qt::AlignVCenter,
                             small_metrics.elidedText(right, Qt::ElideRight, caption.width()));
        }
    }
    painter.restore();
    return geometry;
}

}  // namespace moelab
