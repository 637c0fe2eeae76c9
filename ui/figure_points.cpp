#include "figure_points.h"

#include <QPaintEngine>
#include <QPainter>
#include <algorithm>
#include <array>
#include <cmath>

#include "expert_colors.h"

namespace moelab {

namespace {

// The glyph of a class symbol as an outline centred on (0, 0): filled for training points, stroked
// (hollow) for test points.
QPainterPath symbol_path(const QString& symbol, const QFont& font) {
    QPainterPath path;
    path.addText(0, 0, font, symbol);
    path.translate(-path.boundingRect().center());
    return path;
}

QPainterPath marker_path(int class_index, double r) {
    QPainterPath path;
    switch (class_index % 6) {
        case 0:
            path.addEllipse(QPointF(0, 0), r, r);
            break;
        case 1:
            path.addRect(QRectF(-r * 0.85, -r * 0.85, 1.7 * r, 1.7 * r));
            break;
        case 2:
            path.addPolygon(QPolygonF{{0, -1.15 * r}, {1.05 * r, 0.75 * r}, {-1.05 * r, 0.75 * r}});
            path.closeSubpath();
            break;
        case 3:
            path.addPolygon(QPolygonF{{0, -1.2 * r}, {1.2 * r, 0}, {0, 1.2 * r}, {-1.2 * r, 0}});
            path.closeSubpath();
            break;
        case 4:
            path.addPolygon(
                QPolygonF{{0, 1.15 * r}, {1.05 * r, -0.75 * r}, {-1.05 * r, -0.75 * r}});
            path.closeSubpath();
            break;
        default: {
            const double a = 0.35 * r;
            path.addPolygon(QPolygonF{{-a, -r},
                                      {a, -r},
                                      {a, -a},
                                      {r, -a},
                                      {r, a},
                                      {a, a},
                                      {a, r},
                                      {-a, r},
                                      {-a, a},
                                      {-r, a},
                                      {-r, -a},
                                      {-a, -a}});
            path.closeSubpath();
        }
    }
    return path;
}

// One class's marker as a small image at the device's resolution: stamping it is many times faster
// than filling an antialiased outline per point.
QImage point_sprite(const QPainterPath& shape, const QColor& color, bool hollow, bool glyph,
                    double unit, double device_scale) {
    const QRectF bounds = shape.boundingRect().adjusted(-3 * unit, -3 * unit, 3 * unit, 3 * unit);
    QImage sprite((bounds.size() * device_scale).toSize() + QSize(2, 2),
                  QImage::Format_ARGB32_Premultiplied);
    sprite.fill(Qt::transparent);
    sprite.setDevicePixelRatio(device_scale);
    QPainter painter(&sprite);
    painter.setRenderHint(QPainter::Antialiasing, true);
    paint_shape(painter, shape, -bounds.topLeft(), color, hollow, glyph, unit);
    return sprite;
}

}  // namespace

PointStyle point_style(const Dataset& dataset, const FigureOptions& options, double font_px) {
    PointStyle style;
    style.glyphs = is_vowel_data(dataset);
    // A serif face keeps [i] and [I] apart, as in the phonetic symbols of the paper.
    QFont glyph_font(QStringLiteral("DejaVu Serif"));
    glyph_font.setStyleHint(QFont::Serif);
    glyph_font.setPixelSize(std::max(8, static_cast<int>(std::lround(font_px * 1.05))));
    glyph_font.setWeight(QFont::Bold);
    for (int c = 0; c < dataset.classes(); ++c) {
        if (style.glyphs) {
            const QString symbol = c < static_cast<int>(dataset.class_symbols.size())
                                       ? QString::fromStdString(dataset.class_symbols[c])
                                       : QString::number(c);
            style.shapes.push_back(symbol_path(symbol, glyph_font));
        } else {
            style.shapes.push_back(marker_path(c, font_px * 0.3));
        }
        style.colors.push_back(options.paper_style ? QColor(Qt::black)
                                                   : dimmed(classColor(c), 0.85));
    }
    return style;
}

void paint_shape(QPainter& painter, const QPainterPath& shape, const QPointF& at,
                 const QColor& color, bool hollow, bool glyph, double unit) {
    painter.save();
    painter.translate(at);
    if (hollow) {
        painter.setPen(QPen(color, (glyph ? 0.9 : 1.4) * unit));
        painter.setBrush(glyph ? Qt::NoBrush : QBrush(QColor(255, 255, 255, 200)));
    } else {
        painter.setPen(glyph ? QPen(QColor(255, 255, 255, 150), 0.6 * unit)
                             : QPen(color.darker(160), 0.7 * unit));
        painter.setBrush(color);
    }
    painter.drawPath(shape);
    painter.restore();
}

void paint_points(QPainter& painter, const FigureGeometry& geometry, const Snapshot& snapshot,
                  const FigureOptions& options) {
    const Dataset& dataset = *snapshot.dataset;
    if (!has_plane(snapshot)) return;
    const int stride = point_stride(snapshot);
    const PointStyle style = point_style(dataset, options, geometry.fontPixels());
    const double unit = geometry.fontPixels() / 14.0;
    const QRectF visible = geometry.plot().adjusted(-20, -20, 20, 20);
    auto color_of = [&](int c, bool is_test) {
        return options.paper_style && is_test ? QColor(110, 110, 110) : style.colors[c];
    };
    // Raster targets (the screen, PNG) stamp sprites; vector targets (SVG) get true outlines.
    const bool raster =
        painter.paintEngine() && painter.paintEngine()->type() == QPaintEngine::Raster;
    const QTransform& device = painter.deviceTransform();
    const bool axis_aligned = device.m12() == 0 && device.m21() == 0;
    const bool stamp = raster && axis_aligned;
    std::vector<std::array<QImage, 2>> sprites;
    std::vector<std::array<QPointF, 2>> offsets;
    if (stamp) {
        const double scale = std::abs(device.m11());
        for (int c = 0; c < dataset.classes(); ++c) {
            std::array<QImage, 2> pair;
            std::array<QPointF, 2> offset;
            for (int hollow = 0; hollow < 2; ++hollow) {
                pair[hollow] = point_sprite(style.shapes[c], color_of(c, hollow), hollow,
                                            style.glyphs, unit, scale);
                const QRectF bounds = style.shapes[c].boundingRect().adjusted(-3 * unit, -3 * unit,
                                                                              3 * unit, 3 * unit);
                offset[hollow] = bounds.topLeft();
            }
            sprites.push_back(std::move(pair));
            offsets.push_back(offset);
        }
    }
    painter.save();
    // Test points last, on top, so the held-out cases stay visible.
    for (int pass = 0; pass < 2; ++pass) {
        const bool test_pass = pass == 1;
        if (test_pass && !options.show_test_points) break;
        for (int row = 0; row < dataset.size(); row += stride) {
            const bool is_test =
                row < static_cast<int>(dataset.is_test.size()) && dataset.is_test[row];
            if (is_test != test_pass) continue;
            const QPointF at = geometry.toScreen().map(plane_point(snapshot, row));
            if (!visible.contains(at)) continue;
            const int c = dataset.labels[row];
            if (stamp) {
                painter.drawImage(at + offsets[c][is_test], sprites[c][is_test]);
            } else {
                paint_shape(painter, style.shapes[c], at, color_of(c, is_test), is_test,
                            style.glyphs, unit);
            }
        }
    }
    painter.restore();
}

}  // namespace moelab
