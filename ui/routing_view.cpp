#include "routing_view.h"

#include <QHelpEvent>
#include <QLocale>
#include <QPainter>
#include <QToolTip>
#include <algorithm>
#include <array>
#include <cmath>

#include "class_names.h"
#include "expert_colors.h"
#include "figure_points.h"

namespace moelab {

namespace {

// The shading of a share in [0, 1]: ColorBrewer's sequential "Blues", white to dark navy. One hue
// for every column, so equal shares look equally dark whatever the expert's colour (some expert
// colours are pale); the experts' colours head the columns.
QColor share_color(double share) {
    static constexpr std::array<QRgb, 5> stops{0xF7FBFF, 0xC6DBEF, 0x6BAED6, 0x2171B5, 0x08306B};
    const double t = std::clamp(share, 0.0, 1.0) * (stops.size() - 1);
    const auto k = std::min(static_cast<size_t>(t), stops.size() - 2);
    const double f = t - static_cast<double>(k);
    const QColor a(stops[k]), b(stops[k + 1]);
    auto mix = [f](int x, int y) { return static_cast<int>(std::lround(x + (y - x) * f)); };
    return QColor(mix(a.red(), b.red()), mix(a.green(), b.green()), mix(a.blue(), b.blue()));
}

QString percent(double share) {
    const double value = 100 * share;
    return QLocale().toString(value, 'f', value < 9.95 && value > 0 ? 1 : 0) + QLatin1Char('%');
}

QString bits(double value) {
    return std::isfinite(value) ? QLocale().toString(value, 'f', 2) : QStringLiteral("–");
}

}  // namespace

RoutingView::RoutingView(QWidget* parent) : QWidget(parent) {
    setObjectName(QStringLiteral("routingView"));
    setAttribute(Qt::WA_OpaquePaintEvent);
    setMouseTracking(false);
}

void RoutingView::setShowImages(bool show) {
    if (show == show_images_) return;
    show_images_ = show;
    ++generation_;
    update();
}

void RoutingView::setFontScale(double scale) {
    if (scale == font_scale_) return;
    font_scale_ = scale;
    ++generation_;  // laid out anew
    update();
}

int RoutingView::fontPixels() const {
    computeLayout();
    return layout_.font.pixelSize();
}

void RoutingView::setLoadingMessage(const QString& message) {
    if (message == loading_) return;
    loading_ = message;
    update();
}

void RoutingView::showSnapshot(SnapshotPtr snapshot) {
    if (!snapshot) return;
    snapshot_ = std::move(snapshot);
    ++generation_;
    class_labels_.clear();
    if (snapshot_->dataset)
        for (int c = 0; c < snapshot_->dataset->classes(); ++c)
            class_labels_ << class_label(*snapshot_->dataset, c);
    update();
}

bool RoutingView::hasTable() const {
    if (!snapshot_ || !snapshot_->dataset) return false;
    const Eigen::MatrixXd& routing = snapshot_->latest.routing;
    return routing.rows() == snapshot_->dataset->classes() && routing.cols() > 0 &&
           routing.sum() > 0;
}

int RoutingView::classCount() const {
    return hasTable() ? static_cast<int>(snapshot_->latest.routing.rows()) : 0;
}

int RoutingView::expertCount() const {
    return hasTable() ? static_cast<int>(snapshot_->latest.routing.cols()) : 0;
}

QString RoutingView::classLabel(int class_index) const {
    if (class_index == classCount()) return tr("All classes");
    return class_index >= 0 && class_index < class_labels_.size() ? class_labels_[class_index]
                                                                  : QString();
}

double RoutingView::count(int class_index, int expert) const {
    if (expert < 0 || expert >= expertCount() || class_index < 0 || class_index > classCount())
        return 0;
    const Eigen::MatrixXd& routing = snapshot_->latest.routing;
    return class_index == classCount() ? routing.col(expert).sum() : routing(class_index, expert);
}

double RoutingView::share(int class_index, int expert) const {
    if (expert < 0 || expert >= expertCount() || class_index < 0 || class_index > classCount())
        return 0;
    const Eigen::MatrixXd& routing = snapshot_->latest.routing;
    const double cases =
        class_index == classCount() ? routing.sum() : routing.row(class_index).sum();
    return cases > 0 ? count(class_index, expert) / cases : 0;
}

QString RoutingView::cellText(int class_index, int expert) const {
    const double s = share(class_index, expert);
    if (s < 0.005) return {};
    const QRect cell = cellRect(class_index, expert);  // lays the view out
    const QFontMetrics metrics(layout_.font);
    if (cell.height() < metrics.height()) return {};
    // "87%", or in a narrow column the number alone ("87"; the note under the table says they
    // are percentages).
    for (const QString& text :
         {percent(s), QLocale().toString(static_cast<int>(std::lround(100 * s)))})
        if (cell.width() >= metrics.horizontalAdvance(text) + 4) return text;
    return {};
}

QRect RoutingView::cellRect(int class_index, int expert) const {
    computeLayout();
    if (class_index < 0 || class_index >= static_cast<int>(layout_.cells.size())) return {};
    const auto& row = layout_.cells[static_cast<size_t>(class_index)];
    return expert >= 0 && expert < static_cast<int>(row.size()) ? row[static_cast<size_t>(expert)]
                                                                : QRect();
}

QStringList RoutingView::summary() const {
    if (!hasTable()) return {};
    const EpochMetrics& m = snapshot_->latest;
    QStringList pieces;
    pieces << tr("H(expert | class) = %1 bits").arg(bits(m.expert_given_class_entropy))
           << tr("H(class | expert) = %1 bits").arg(bits(m.class_given_expert_entropy))
           << tr("I(expert; class) = %1 bits").arg(bits(m.expert_class_information));
    QStringList dead;
    for (size_t i = 0; i < m.utilisation.size(); ++i)
        if (m.utilisation[i] < 0.01) dead << tr("E%1").arg(i);
    pieces << (dead.isEmpty() ? tr("Dead experts: none")
                              : tr("Dead experts: %1").arg(dead.join(QStringLiteral(", "))));
    pieces
        << tr("Dropped cases: %1").arg(QLocale().toString(static_cast<qlonglong>(m.dropped_cases)));
    pieces << tr("Load-balancing loss: %1")
                  .arg(std::isfinite(m.balance_loss) ? QLocale().toString(m.balance_loss, 'f', 3)
                                                     : QStringLiteral("–"));
    return pieces;
}

std::vector<int> RoutingView::shownCases(int expert) const {
    computeLayout();
    if (!snapshot_ || expert < 0 || expert >= static_cast<int>(layout_.images.size())) return {};
    const auto& strongest = snapshot_->latest.strongest_cases;
    if (expert >= static_cast<int>(strongest.size())) return {};
    const auto& rows = strongest[static_cast<size_t>(expert)];
    const size_t shown = std::min(rows.size(), layout_.images[static_cast<size_t>(expert)].size());
    return std::vector<int>(rows.begin(), rows.begin() + static_cast<std::ptrdiff_t>(shown));
}

QRect RoutingView::caseRect(int expert, int k) const {
    computeLayout();
    if (expert < 0 || expert >= static_cast<int>(layout_.images.size())) return {};
    const auto& rects = layout_.images[static_cast<size_t>(expert)];
    return k >= 0 && k < static_cast<int>(rects.size()) ? rects[static_cast<size_t>(k)] : QRect();
}

QImage RoutingView::caseImage(int expert, int k) const {
    if (!snapshot_ || expert < 0 || expert >= static_cast<int>(snapshot_->case_images.size()))
        return {};
    const auto& images = snapshot_->case_images[static_cast<size_t>(expert)];
    return k >= 0 && k < static_cast<int>(images.size()) ? images[static_cast<size_t>(k)]
                                                         : QImage();
}

void RoutingView::resizeEvent(QResizeEvent* event) {
    QWidget::resizeEvent(event);
    laid_out_for_ = QSize();
}

void RoutingView::computeLayout() const {
    const int classes = classCount(), experts = expertCount();
    int images = 0;
    if (show_images_ && snapshot_)
        for (const auto& list : snapshot_->case_images)
            images = std::max(images, static_cast<int>(list.size()));
    if (laid_out_for_ == size() && laid_out_generation_ == generation_) return;
    laid_out_for_ = size();
    laid_out_generation_ = generation_;
    Layout layout;
    const QStringList pieces = summary();
    // The largest font (readable from the back of a classroom) at which the summary, the table and
    // (with images) one row of images fit; the table never grows past what reads well.
    const int margin = std::clamp(std::min(width(), height()) / 60, 6, 16);
    layout.margin = margin;
    const int start_px = static_cast<int>(
        std::lround(std::clamp(std::min(width() / 36, height() / 24), 10, 24) * font_scale_));
    // In presentation mode (a scale above 1) the text comes first: the rows give up their padding
    // before the text shrinks.
    const bool may_compact = font_scale_ > 1.0;
    for (int px = start_px, compact = 0;;) {
        QFont font = this->font();
        font.setPixelSize(px);
        QFont bold = font;
        bold.setWeight(QFont::Bold);
        QFont small = font;
        small.setPixelSize(std::max(9, px * 85 / 100));
        const QFontMetrics metrics(font), bold_metrics(bold), small_metrics(small);
        layout.font = font;
        layout.bold = bold;
        layout.small = small;
        // The summary: its pieces flow like words, a wide gap between them.
        layout.summary_pieces.clear();
        const int gap = metrics.horizontalAdvance(QStringLiteral("MMM"));
        int x = margin, y = margin;
        const int line = metrics.height() + metrics.height() / 3;
        for (const QString& piece : pieces) {
            const int w = metrics.horizontalAdvance(piece);
            if (x > margin && x + w > width() - margin) {
                x = margin;
                y += line;
            }
            layout.summary_pieces.emplace_back(x, y, w, metrics.height());
            x += w + gap;
        }
        const int table_top = pieces.isEmpty() ? margin : y + line + metrics.height() / 2;
        // The label column: the widest class name after its marker.
        int label_width = bold_metrics.horizontalAdvance(tr("All classes"));
        for (int c = 0; c < classes; ++c)
            label_width = std::max(label_width, metrics.horizontalAdvance(classLabel(c)));
        const int marker = metrics.height();
        label_width += marker + 2 * metrics.averageCharWidth();
        const int header_height = metrics.height() * 3 / 2;
        const int cell_height = std::max(metrics.height() + 4,
                                         metrics.height() * (compact ? 5 : 8) / (compact ? 4 : 5));
        const int available = width() - 2 * margin - label_width;
        const int cell_width =
            experts > 0 ? std::min(available / experts,
                                   metrics.horizontalAdvance(QStringLiteral("100.0%")) + px)
                        : 0;
        const int table_bottom = table_top + header_height + (classes + 1) * cell_height + 4;
        const int note_bottom = table_bottom + small_metrics.height() + 4;
        int needed = note_bottom + margin;
        if (images > 0) needed += small_metrics.height() + 6 + 32;
        // Cells at least about as wide as a line is high: sixteen experts keep a readable table
        // of shaded cells (their numbers where they fit) rather than a tiny one.
        const bool fits = needed <= height() && cell_width >= metrics.height() * 3 / 2;
        if (!fits && px > 9) {
            if (may_compact && !compact) {
                compact = 1;
            } else {
                --px;
                compact = 0;
            }
            continue;
        }

        const int left = margin + label_width;
        layout.corner = QRect(margin, table_top, label_width - 4, header_height);
        layout.headers.clear();
        for (int i = 0; i < experts; ++i)
            layout.headers.emplace_back(left + i * cell_width, table_top, cell_width - 2,
                                        header_height - 3);
        layout.row_labels.clear();
        layout.cells.assign(size_t(classes + 1), {});
        for (int c = 0; c <= classes; ++c) {
            // "All classes" a little apart from the classes.
            const int top = table_top + header_height + c * cell_height + (c == classes ? 4 : 0);
            layout.row_labels.emplace_back(margin, top, label_width - 4, cell_height - 2);
            for (int i = 0; i < experts; ++i)
                layout.cells[size_t(c)].emplace_back(left + i * cell_width, top, cell_width - 2,
                                                     cell_height - 2);
        }
        layout.note = QRect(margin, table_bottom + 2, width() - 2 * margin, small_metrics.height());
        // The images: below the table, each expert's under its column.
        layout.images.assign(size_t(experts), {});
        if (images > 0) {
            const int title_top = note_bottom + 4;
            layout.images_title =
                QRect(margin, title_top, width() - 2 * margin, small_metrics.height());
            const int top = title_top + small_metrics.height() + 6;
            const int room = height() - margin - top;
            int across =
                std::max(1, static_cast<int>(std::lround(cell_width / (54.0 * font_scale_))));
            int side = std::min((cell_width - 2 - 2 * (across - 1)) / across,
                                static_cast<int>(std::lround(84 * font_scale_)));
            // Where not one row of that size fits (large text), one row of smaller images.
            if (side > room && room >= 32) {
                side = room;
                across = std::max(1, cell_width / (side + 2));
            }
            if (side >= 14) {
                const int rows = std::max(0, (room + 2) / (side + 2));
                const int shown = std::min(images, across * rows);
                for (int i = 0; i < experts; ++i)
                    for (int k = 0; k < shown; ++k)
                        layout.images[size_t(i)].emplace_back(
                            left + i * cell_width + (k % across) * (side + 2),
                            top + (k / across) * (side + 2), side, side);
            }
        }
        break;
    }
    layout_ = std::move(layout);
}

void RoutingView::paintEvent(QPaintEvent*) {
    QPainter painter(this);
    painter.fillRect(rect(), Qt::white);
    painter.setRenderHint(QPainter::Antialiasing, true);
    painter.setRenderHint(QPainter::TextAntialiasing, true);
    auto message = [&](const QString& text) {
        QFont font = this->font();
        font.setPixelSize(static_cast<int>(
            std::lround(std::clamp(std::min(width(), height()) / 28, 12, 24) * font_scale_)));
        painter.setFont(font);
        painter.setPen(QColor(90, 90, 90));
        painter.drawText(rect().adjusted(20, 20, -20, -20), Qt::AlignCenter | Qt::TextWordWrap,
                         text);
    };
    if (!loading_.isEmpty()) {
        message(loading_);
        return;
    }
    if (!hasTable()) {
        message(snapshot_ ? tr("The routing table appears after the first evaluation of the "
                               "training cases.")
                          : tr("Loading the data..."));
        return;
    }
    computeLayout();
    const int classes = classCount(), experts = expertCount();
    const QColor text(30, 30, 30), muted(100, 100, 100);

    painter.setFont(layout_.font);
    painter.setPen(text);
    const QStringList pieces = summary();
    for (int k = 0; k < pieces.size() && k < static_cast<int>(layout_.summary_pieces.size()); ++k)
        painter.drawText(layout_.summary_pieces[size_t(k)], Qt::AlignLeft | Qt::AlignVCenter,
                         pieces[k]);

    // The corner says how to read the table; the experts head the columns in their colours.
    painter.setFont(layout_.small);
    painter.setPen(muted);
    painter.drawText(layout_.corner, Qt::AlignRight | Qt::AlignVCenter, tr("class \\ expert"));
    const auto& utilisation = snapshot_->latest.utilisation;
    for (int i = 0; i < experts; ++i) {
        const QRect header = layout_.headers[size_t(i)];
        const bool dead = size_t(i) < utilisation.size() && utilisation[size_t(i)] < 0.01;
        const QColor color = dead ? lightened(expertColor(i), 0.7) : expertColor(i);
        painter.setPen(Qt::NoPen);
        painter.setBrush(color);
        painter.drawRoundedRect(header, 3, 3);
        painter.setFont(layout_.bold);
        painter.setPen(dead ? muted : textColorOn(color));
        // The number alone where the name does not fit (sixteen narrow columns).
        QString name = tr("E%1").arg(i);
        if (QFontMetrics(layout_.bold).horizontalAdvance(name) > header.width() - 2)
            name = QString::number(i);
        painter.drawText(header, Qt::AlignCenter, name);
    }

    const PointStyle style = point_style(*snapshot_->dataset, FigureOptions{},
                                         QFontMetricsF(layout_.font).height() * 0.9);
    for (int c = 0; c <= classes; ++c) {
        const QRect label = layout_.row_labels[size_t(c)];
        const bool all = c == classes;
        if (!all && c < static_cast<int>(style.shapes.size())) {
            const double unit = layout_.font.pixelSize() / 14.0;
            paint_shape(painter, style.shapes[size_t(c)],
                        QPointF(label.left() + label.height() * 0.45, label.center().y() + 0.5),
                        style.colors[size_t(c)], false, style.glyphs, unit);
        }
        painter.setFont(all ? layout_.bold : layout_.font);
        painter.setPen(text);
        painter.drawText(label.adjusted(label.height(), 0, 0, 0), Qt::AlignLeft | Qt::AlignVCenter,
                         classLabel(c));
        // The row's largest share in bold: where most of the class goes.
        int best = 0;
        for (int i = 1; i < experts; ++i)
            if (share(c, i) > share(c, best)) best = i;
        for (int i = 0; i < experts; ++i) {
            const QRect cell = layout_.cells[size_t(c)][size_t(i)];
            const QColor fill = share_color(share(c, i));
            painter.fillRect(cell, fill);
            const QString value = cellText(c, i);
            if (value.isEmpty()) continue;
            painter.setFont(i == best ? layout_.bold : layout_.font);
            painter.setPen(textColorOn(fill));
            painter.drawText(cell, Qt::AlignCenter, value);
        }
    }
    painter.setFont(layout_.small);
    painter.setPen(muted);
    painter.drawText(layout_.note, Qt::AlignLeft | Qt::AlignVCenter,
                     tr("Each row: where the gate's first choice sends that class's training "
                        "cases, in percent."));

    // Each expert's strongest cases under its column, framed in its colour.
    bool any_image = false;
    for (int i = 0; i < experts; ++i) {
        const auto& rects = layout_.images[size_t(i)];
        for (int k = 0; k < static_cast<int>(rects.size()); ++k) {
            const QImage image = caseImage(i, k);
            if (image.isNull()) continue;
            any_image = true;
            painter.setRenderHint(QPainter::SmoothPixmapTransform, true);
            painter.drawImage(rects[size_t(k)], image);
            painter.setPen(QPen(expertColor(i), 2));
            painter.setBrush(Qt::NoBrush);
            painter.drawRect(QRectF(rects[size_t(k)]).adjusted(-1, -1, 1, 1));
        }
    }
    if (any_image) {
        painter.setFont(layout_.small);
        painter.setPen(muted);
        painter.drawText(layout_.images_title, Qt::AlignLeft | Qt::AlignVCenter,
                         tr("Below each expert: the training images its gate weight is highest "
                            "for"));
    }
}

bool RoutingView::event(QEvent* event) {
    if (event->type() == QEvent::ToolTip && hasTable()) {
        auto* help = static_cast<QHelpEvent*>(event);
        const QPoint at = help->pos();
        const QLocale locale;
        for (int c = 0; c <= classCount(); ++c)
            for (int i = 0; i < expertCount(); ++i)
                if (cellRect(c, i).contains(at)) {
                    QToolTip::showText(
                        help->globalPos(),
                        tr("%1 → expert %2: %3 of %4 training cases (%5)")
                            .arg(classLabel(c))
                            .arg(i)
                            .arg(locale.toString(count(c, i), 'f', 0))
                            .arg(locale.toString(c == classCount()
                                                     ? snapshot_->latest.routing.sum()
                                                     : snapshot_->latest.routing.row(c).sum(),
                                                 'f', 0))
                            .arg(percent(share(c, i))),
                        this, cellRect(c, i));
                    return true;
                }
        for (int i = 0; i < expertCount(); ++i) {
            const std::vector<int> rows = shownCases(i);
            for (int k = 0; k < static_cast<int>(rows.size()); ++k)
                if (caseRect(i, k).contains(at)) {
                    const int row = rows[size_t(k)];
                    const Dataset& dataset = *snapshot_->dataset;
                    QToolTip::showText(
                        help->globalPos(),
                        tr("Expert %1, strongest case %2: training image %3, %4")
                            .arg(i)
                            .arg(k + 1)
                            .arg(row)
                            .arg(row < dataset.size() ? class_label(dataset, dataset.labels[row])
                                                      : QString()),
                        this, caseRect(i, k));
                    return true;
                }
        }
        const QStringList pieces = summary();
        const QStringList explanations{
            tr("How many bits the expert still leaves open once the class is known: 0 when each "
               "class goes to a single expert."),
            tr("How many bits the class still leaves open once the expert is known: 0 when each "
               "expert sees a single class."),
            tr("What knowing the expert tells about the class, in bits: high when the experts "
               "specialise in classes."),
            tr("Experts whose mean gate weight is below 1%: the gate no longer uses them."),
            tr("Training cases an expert at its capacity turned away."),
            tr("N times the sum over experts of (share of cases routed to it) x (its mean gate "
               "weight): 1 when the load is even."),
        };
        for (int k = 0; k < pieces.size() && k < static_cast<int>(layout_.summary_pieces.size());
             ++k)
            if (layout_.summary_pieces[size_t(k)].contains(at) && k < explanations.size()) {
                QToolTip::showText(help->globalPos(), explanations[k], this,
                                   layout_.summary_pieces[size_t(k)]);
                return true;
            }
    }
    return QWidget::event(event);
}

}  // namespace moelab
