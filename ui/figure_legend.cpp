#include "figure_legend.h"

#include <QCoreApplication>
#include <QPainter>
#include <QStringList>
#include <algorithm>
#include <cmath>
#include <limits>

#include "class_names.h"
#include "expert_colors.h"
#include "figure_points.h"

namespace moelab {

namespace {

// The translation context the legend shares with the rest of the figure.
struct FigureText {
    Q_DECLARE_TR_FUNCTIONS(FigureText)
};

double legend_line(const QFontMetricsF& metrics) {
    return metrics.height() * 1.35;
}

// A note of one or more lines: a translation says where a long one breaks.
void add_note(std::vector<LegendRow>& rows, const QString& text) {
    for (const QString& line : text.split(QLatin1Char('\n')))
        rows.push_back({LegendRow::Note, line});
}

// A noisy gate: what the tint and the lines show (the tint the routing under this picture's draw,
// the lines the clean gate), and how many training cases the noise of training re-routes.
void add_noise_rows(std::vector<LegendRow>& rows, const Snapshot& snapshot,
                    const FigureOptions& options, bool reserve) {
    const bool drawn =
        snapshot.grid && snapshot.grid->noisy && options.show_regions && !options.tint_by_class;
    const EpochMetrics& m = snapshot.latest;
    // The reserve counts on the counts a noisy gate's training brings.
    const bool counted =
        std::isfinite(m.noise_first_choice_flips) || (reserve && snapshot.config.noisy_gate);
    if (!drawn && !counted) return;
    rows.push_back({LegendRow::Heading, FigureText::tr("Noisy gate")});
    if (drawn) {
        add_note(rows, FigureText::tr("tint: the gate's choice under\nthis frame's noise draw"));
        if (options.show_gate_lines)
            add_note(rows, FigureText::tr("lines: the gate without noise"));
    }
    if (!counted) return;
    const double first_flips = reserve ? 1.0 : m.noise_first_choice_flips;
    add_note(rows, FigureText::tr("noise changes the first choice\nof %1 of cases")
                       .arg(format_percent(first_flips)));
    // Top-K with 1 < K < N: the set can change where the first choice does not.
    const int routed = snapshot.config.routed_experts();
    if (routed > 1 && routed < snapshot.config.experts &&
        (reserve || std::isfinite(m.noise_routed_set_flips)))
        add_note(rows, FigureText::tr("and the top-%1 set of %2")
                           .arg(routed)
                           .arg(format_percent(reserve ? 1.0 : m.noise_routed_set_flips)));
}

}  // namespace

std::vector<LegendRow> legend_rows(const Snapshot& snapshot, const FigureOptions& options,
                                   bool reserve) {
    std::vector<LegendRow> rows;
    const Dataset& dataset = *snapshot.dataset;
    rows.push_back({LegendRow::Heading, FigureText::tr("Classes")});
    for (int c = 0; c < dataset.classes(); ++c)
        rows.push_back({LegendRow::Class, class_label(dataset, c), c});
    if (options.show_points) {
        rows.push_back({LegendRow::Note, options.show_test_points
                                             ? FigureText::tr("filled: train, hollow: test")
                                             : FigureText::tr("training points")});
        const int stride = point_stride(snapshot);
        if (stride > 1)
            rows.push_back({LegendRow::Note, FigureText::tr("drawn: 1 case in %1").arg(stride)});
    }
    // Only when an expert at its capacity turned cases away (the reserve: whenever one may).
    if (!snapshot.latest.dropped_rows.empty() || (reserve && snapshot.config.capacity_factor > 0)) {
        const qlonglong dropped =
            reserve ? std::max<qlonglong>(
                          99999, static_cast<qlonglong>(snapshot.latest.dropped_rows.size()))
                    : static_cast<qlonglong>(snapshot.latest.dropped_rows.size());
        rows.push_back(
            {LegendRow::Dropped, FigureText::tr("dropped at capacity (%1)").arg(dropped)});
    }
    if (options.paper_style) {
        rows.push_back({LegendRow::Heading, FigureText::tr("Lines")});
        rows.push_back({LegendRow::Line, FigureText::tr("expert, where it leads"), -1, false,
                        QPen(Qt::black, 2.0)});
        QPen faint(QColor(150, 150, 150), 1.2, Qt::CustomDashLine);
        faint.setDashPattern({4, 3});
        rows.push_back({LegendRow::Line, FigureText::tr("expert, elsewhere"), -1, false, faint});
        QPen gate(Qt::black, 1.6, Qt::CustomDashLine);
        gate.setDashPattern({5, 3});
        rows.push_back({LegendRow::Line, FigureText::tr("gate"), -1, false, gate});
        if (reserve && (options.show_gate_lines || options.show_expert_lines))
            rows.push_back({LegendRow::Note, left_out_labels_note(99)});
        return rows;
    }
    rows.push_back({LegendRow::Heading, FigureText::tr("Experts, gate share")});
    const auto& utilisation = snapshot.latest.utilisation;
    QStringList unused;
    // The reserve lists every expert with the widest share: the room the legend may need later
    // in the training, so it keeps its place while experts gain and lose regions.
    const int experts = reserve ? std::max(snapshot.config.experts,
                                           static_cast<int>(snapshot.expert_boundaries.size()))
                                : static_cast<int>(snapshot.expert_boundaries.size());
    for (int i = 0; i < experts; ++i) {
        if (reserve) {
            rows.push_back({LegendRow::Expert,
                            FigureText::tr("Expert %1  %2").arg(i).arg(format_percent(1.0)), i});
            continue;
        }
        const ExpertBoundary& boundary = snapshot.expert_boundaries[i];
        if (!boundary.used && !boundary.routed) {
            unused << QString::number(i);
            continue;
        }
        const QString share =
            i < static_cast<int>(utilisation.size()) ? format_percent(utilisation[i]) : QString();
        // An expert only ever second (or K-th) choice shows in the stripes, paler.
        rows.push_back({LegendRow::Expert, FigureText::tr("Expert %1  %2").arg(i).arg(share), i,
                        !boundary.used});
    }
    // The experts that are no point's choice on the plane share a note, three numbers a line
    // (with sixteen experts the legend stays short and narrow). Not "unused": such an expert may
    // still get much of the gate's weight, only never the largest share anywhere, which is what
    // gives a region. The reserve holds its widest first line.
    if (reserve && experts > 1) {
        QStringList widest;
        for (int i = std::max(0, experts - 3); i < experts; ++i) widest << QString::number(i);
        unused = widest;
    }
    if (!unused.isEmpty()) {
        QString list;
        for (qsizetype k = 0; k < unused.size(); ++k) {
            if (k > 0) list += k % 3 == 0 ? QStringLiteral(",\n") : QStringLiteral(", ");
            list += unused[k];
        }
        add_note(rows, (unused.size() == 1 ? FigureText::tr("Expert %1: no region (never first)")
                                           : FigureText::tr("Experts %1: no region (never first)"))
                           .arg(list));
    }
    if (options.show_regions && snapshot.grid) {
        const int routed = snapshot.grid->routed;
        if (options.tint_by_class) {
            rows.push_back({LegendRow::Note, FigureText::tr("shade: the mixture's class")});
        } else if (routed > 1) {
            rows.push_back(
                {LegendRow::Stripes, FigureText::tr("stripes: the K = %1 experts").arg(routed)});
            rows.push_back({LegendRow::Note, FigureText::tr("stripe width: gate weight")});
        } else if (!snapshot.grid->noisy) {
            // (With noise the noise's rows below say what the shade shows.)
            rows.push_back({LegendRow::Note, FigureText::tr("shade: the gate's first choice")});
        }
        if (snapshot.projection)
            rows.push_back({LegendRow::Note, FigureText::tr("(on the plane through the mean)")});
    }
    add_noise_rows(rows, snapshot, options, reserve);
    if (reserve && (options.show_gate_lines || options.show_expert_lines))
        rows.push_back({LegendRow::Note, left_out_labels_note(99)});
    return rows;
}

QString left_out_labels_note(int count) {
    return count == 1 ? FigureText::tr("1 line label left out: no room")
                      : FigureText::tr("%1 line labels left out: no room").arg(count);
}

double legend_width(const std::vector<LegendRow>& rows, const QFontMetricsF& metrics) {
    double widest = 0;
    for (const auto& row : rows) widest = std::max(widest, metrics.horizontalAdvance(row.text));
    return widest + metrics.height() * 2.4;
}

double legend_height(const std::vector<LegendRow>& rows, const QFontMetricsF& metrics) {
    double height = 0;
    for (size_t k = 0; k < rows.size(); ++k) {
        height += legend_line(metrics);
        if (k > 0 && rows[k].kind == LegendRow::Heading) height += legend_line(metrics) * 0.35;
    }
    return height;
}

LegendColumns legend_columns(const std::vector<LegendRow>& rows, const QFontMetricsF& metrics,
                             double max_height, bool column_per_group) {
    LegendColumns columns(1);
    for (const LegendRow& row : rows) {
        if (column_per_group && row.kind == LegendRow::Heading && !columns.back().empty())
            columns.emplace_back();
        auto& column = columns.back();
        column.push_back(row);
        if (column.size() > 1 && legend_height(column, metrics) > max_height + 0.5) {
            column.pop_back();
            std::vector<LegendRow> next{row};
            // A heading goes with the rows under it.
            if (!column.empty() && column.back().kind == LegendRow::Heading) {
                next.insert(next.begin(), column.back());
                column.pop_back();
            }
            if (column.empty())
                column = std::move(next);
            else
                columns.push_back(std::move(next));
        }
    }
    return columns;
}

QSizeF legend_columns_size(const LegendColumns& columns, const QFontMetricsF& metrics, double gap) {
    double width = 0, height = 0;
    for (const auto& column : columns) {
        width += legend_width(column, metrics);
        height = std::max(height, legend_height(column, metrics));
    }
    return {width + gap * double(std::max<size_t>(1, columns.size()) - 1), height};
}

// The corner of the plot where a box of `size` hides the fewest data points.
LegendCorner emptiest_corner(const FigureGeometry& geometry, const Snapshot& snapshot, QSizeF size,
                             double inset, double marker_half) {
    const Dataset& dataset = *snapshot.dataset;
    const QRectF inner = geometry.plot().adjusted(inset, inset, -inset, -inset);
    const QRectF corners[] = {
        QRectF(QPointF(inner.right() - size.width(), inner.top()), size),
        QRectF(inner.topLeft(), size),
        QRectF(QPointF(inner.right() - size.width(), inner.bottom() - size.height()), size),
        QRectF(QPointF(inner.left(), inner.bottom() - size.height()), size),
    };
    // Only the data points count: they do not move while training, so neither does the legend
    // (counting the boundaries made it jump between corners as they moved). Ties keep the
    // earlier corner, top right first.
    LegendCorner best{corners[0], std::numeric_limits<int>::max()};
    const int stride = point_stride(snapshot);
    for (const QRectF& corner : corners) {
        int hidden = 0;
        for (int row = 0; row < dataset.size(); row += stride) {
            const QPointF at = geometry.toScreen().map(plane_point(snapshot, row));
            // A marker is hidden as soon as the box covers any of it.
            hidden += marker_half > 0
                          ? corner.intersects(QRectF(at - QPointF(marker_half, marker_half),
                                                     QSizeF(2 * marker_half, 2 * marker_half)))
                          : corner.contains(at);
        }
        if (hidden < best.hidden_points) best = {corner, hidden};
    }
    return best;
}

void paint_legend(QPainter& painter, const QRectF& area, const std::vector<LegendRow>& rows,
                  const Snapshot& snapshot, const FigureOptions& options, const QFont& font,
                  const FigureInk& colors, double font_px) {
    painter.save();
    painter.setFont(font);
    const QFontMetricsF metrics(font, painter.device());
    const double line = legend_line(metrics);
    const PointStyle style = point_style(*snapshot.dataset, options, font_px);
    const double swatch = metrics.height() * 1.6;
    double y = area.top();
    QFont heading = font;
    heading.setWeight(QFont::Bold);
    for (const auto& row : rows) {
        if (y + line > area.bottom() + 1) break;
        const QPointF centre(area.left() + swatch / 2, y + line / 2);
        const QRectF text_box(area.left() + swatch + 4, y, area.width() - swatch - 4, line);
        switch (row.kind) {
            case LegendRow::Heading:
                if (y > area.top()) y += line * 0.35;
                painter.setFont(heading);
                painter.setPen(colors.text);
                painter.drawText(QRectF(area.left(), y, area.width(), line), Qt::AlignVCenter,
                                 row.text);
                painter.setFont(font);
                break;
            case LegendRow::Class:
                paint_shape(painter, style.shapes[row.index], centre, style.colors[row.index],
                            false, style.glyphs, font_px / 14.0);
                painter.setPen(colors.text);
                painter.drawText(text_box, Qt::AlignVCenter, row.text);
                break;
            case LegendRow::Expert: {
                const QColor color = expertColor(row.index);
                const QRectF box(centre.x() - swatch * 0.4, centre.y() - line * 0.3, swatch * 0.8,
                                 line * 0.6);
                painter.setPen(
                    QPen(dimmed(color, 0.7), options.highlighted_expert == row.index ? 2.5 : 1.0));
                painter.setBrush(row.muted ? lightened(color, 0.75) : lightened(color, 0.35));
                painter.drawRect(box);
                painter.setPen(row.muted ? colors.muted : colors.text);
                painter.drawText(text_box, Qt::AlignVCenter, row.text);
                break;
            }
            case LegendRow::Line:
                painter.setPen(row.pen);
                painter.drawLine(QPointF(area.left(), centre.y()),
                                 QPointF(area.left() + swatch, centre.y()));
                painter.setPen(colors.text);
                painter.drawText(text_box, Qt::AlignVCenter, row.text);
                break;
            case LegendRow::Stripes: {
                // Diagonal stripes of the first two experts' colours, as on the plane.
                const QRectF box(centre.x() - swatch * 0.4, centre.y() - line * 0.32, swatch * 0.8,
                                 line * 0.64);
                painter.save();
                painter.setClipRect(box);
                painter.setPen(Qt::NoPen);
                const double band = box.height() / 2.2;
                for (int k = -4; k < 8; ++k) {
                    QPolygonF stripe;
                    const double x = box.left() + k * band;
                    stripe << QPointF(x, box.bottom()) << QPointF(x + band, box.bottom())
                           << QPointF(x + band + box.height(), box.top())
                           << QPointF(x + box.height(), box.top());
                    painter.setBrush(lightened(expertColor(k & 1), 0.3));
                    painter.drawPolygon(stripe);
                }
                painter.restore();
                painter.setPen(QPen(QColor(0, 0, 0, 90), 1.0));
                painter.setBrush(Qt::NoBrush);
                painter.drawRect(box);
                painter.setPen(colors.text);
                painter.drawText(text_box, Qt::AlignVCenter, row.text);
                break;
            }
            case LegendRow::Dropped: {
                const double unit = font_px / 14.0;
                const double radius = std::min(dropped_marker_radius(font_px), line * 0.4);
                painter.setBrush(Qt::NoBrush);
                painter.setPen(QPen(dropped_color(), 2.4 * unit));
                painter.drawEllipse(centre, radius, radius);
                painter.setPen(colors.text);
                painter.drawText(text_box, Qt::AlignVCenter, row.text);
                break;
            }
            case LegendRow::Note:
                painter.setPen(colors.muted);
                painter.drawText(QRectF(area.left(), y, area.width(), line), Qt::AlignVCenter,
                                 row.text);
                break;
        }
        y += line;
    }
    painter.restore();
}

}  // namespace moelab
