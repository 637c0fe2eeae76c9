#include "expert_gallery.h"

#include <QHelpEvent>
#include <QLocale>
#include <QMouseEvent>
#include <QPainter>
#include <QToolTip>
#include <algorithm>
#include <cmath>

#include "expert_colors.h"

namespace moelab {

namespace {

constexpr int tile_spacing = 6;
constexpr int frame_width = 3;
constexpr int max_image_resolution = 128;
constexpr double region_lightening = 0.3;
// Even an expert with no gate weight keeps a trace of its regions, so a student can see what an
// idle expert would say.
constexpr double min_brightness = 0.25;

}  // namespace

ExpertGallery::ExpertGallery(QWidget* parent) : QWidget(parent) {
    setObjectName(QStringLiteral("expertGallery"));
    setMouseTracking(false);
    setAttribute(Qt::WA_OpaquePaintEvent, false);
    setToolTip(
        tr("Each expert's own class regions, darker where the gate gives it less weight. "
           "Click one to highlight it."));
}

QSize ExpertGallery::sizeHint() const {
    return {4 * 110 + 5 * tile_spacing, 110 + 2 * tile_spacing};
}
QSize ExpertGallery::minimumSizeHint() const {
    return {120, 60};
}

void ExpertGallery::showSnapshot(SnapshotPtr snapshot) {
    if (!snapshot) return;
    snapshot_ = std::move(snapshot);
    int experts = snapshot_->config.experts;
    if (snapshot_->grid)
        experts = snapshot_->grid->experts;
    else if (!snapshot_->latest.utilisation.empty())
        experts = static_cast<int>(snapshot_->latest.utilisation.size());
    const bool count_changed = experts != expertCount();
    if (count_changed) tiles_.assign(static_cast<size_t>(std::max(experts, 0)), Tile{});
    const auto& latest = snapshot_->latest;
    for (size_t i = 0; i < tiles_.size(); ++i) {
        tiles_[i].utilisation = i < latest.utilisation.size() ? latest.utilisation[i] : 0;
        tiles_[i].top_share = i < latest.top_share.size() ? latest.top_share[i] : 0;
        tiles_[i].own_accuracy = i < latest.own_accuracy.size()
                                     ? latest.own_accuracy[i]
                                     : std::numeric_limits<double>::quiet_NaN();
    }
    if (count_changed) computeLayout();
    if (selected_ >= expertCount()) {
        selected_ = -1;
        emit expertClicked(-1);
    }
    // A paused worker re-publishes the same grid (a viewport change, a config echo): the images
    // are already right.
    if (count_changed || snapshot_->grid.get() != imaged_grid_ ||
        imageResolution() != imaged_resolution_)
        rebuildImages();
    update();
}

void ExpertGallery::setPhoneticOrientation(bool phonetic) {
    if (phonetic == phonetic_) return;
    phonetic_ = phonetic;
    rebuildImages();
    update();
}

void ExpertGallery::setSelectedExpert(int expert) {
    const int wanted = expert >= 0 && expert < expertCount() ? expert : -1;
    if (wanted == selected_) return;
    selected_ = wanted;
    update();
}

QRect ExpertGallery::tileRect(int expert) const {
    if (expert < 0 || expert >= static_cast<int>(tile_rects_.size())) return {};
    return tile_rects_[static_cast<size_t>(expert)];
}

QImage ExpertGallery::tileImage(int expert) const {
    if (expert < 0 || expert >= expertCount()) return {};
    return tiles_[static_cast<size_t>(expert)].image;
}

int ExpertGallery::imageResolution() const {
    // As many image pixels as the panel shows (on high-DPI screens too), never more than needed.
    const int side = tile_rects_.empty() ? 64 : tile_rects_.front().width();
    return std::clamp(static_cast<int>(side * devicePixelRatioF()), 8, max_image_resolution);
}

void ExpertGallery::rebuildImages() {
    imaged_grid_ = snapshot_ ? snapshot_->grid.get() : nullptr;
    imaged_resolution_ = imageResolution();
    if (!snapshot_ || !snapshot_->grid) {
        for (auto& tile : tiles_) tile.image = QImage();
        return;
    }
    const GridEvaluation& grid = *snapshot_->grid;
    const int grid_width = grid.spec.width, grid_height = grid.spec.height;
    const int experts = grid.experts;
    if (grid_width <= 0 || grid_height <= 0) return;
    const int resolution = imageResolution();
    // Downsample by picking the nearest cell: a 256 x 256 grid becomes a panel of at most
    // 128 x 128 pixels without averaging labels, which would invent classes.
    const int image_width = std::min(resolution, phonetic_ ? grid_height : grid_width);
    const int image_height = std::min(resolution, phonetic_ ? grid_width : grid_height);
    // The grid cell under each image pixel, computed once for all experts. Grid row 0 is the
    // bottom of the plane (y_min), image row 0 the top.
    auto nearest = [](int pixel, int pixels, int cells) {
        return (2 * pixel + 1) * cells / (2 * pixels);
    };
    std::vector<size_t> cell_of_pixel(size_t(image_width) * size_t(image_height));
    for (int y = 0; y < image_height; ++y)
        for (int x = 0; x < image_width; ++x) {
            // Phonetic: the second feature across, decreasing to the right; the first feature
            // down, increasing downward (as the boundary view draws the vowels).
            const int column = phonetic_ ? nearest(y, image_height, grid_width)
                                         : nearest(x, image_width, grid_width);
            const int row = phonetic_ ? grid_height - 1 - nearest(x, image_width, grid_height)
                                      : grid_height - 1 - nearest(y, image_height, grid_height);
            cell_of_pixel[size_t(y) * size_t(image_width) + size_t(x)] =
                size_t(row) * size_t(grid_width) + size_t(column);
        }
    std::vector<QRgb> region(static_cast<size_t>(std::max(grid.classes, 1)));
    for (size_t c = 0; c < region.size(); ++c)
        region[c] = lightened(classColor(static_cast<int>(c)), region_lightening).rgb();
    const bool have_probabilities = grid.gate_probabilities.size() >=
                                    size_t(grid_width) * size_t(grid_height) * size_t(experts);

    for (int i = 0; i < expertCount(); ++i) {
        Tile& tile = tiles_[static_cast<size_t>(i)];
        if (i >= static_cast<int>(grid.expert.size()) ||
            grid.expert[static_cast<size_t>(i)].label.size() < size_t(grid_width) * grid_height) {
            tile.image = QImage();
            continue;
        }
        const auto& labels = grid.expert[static_cast<size_t>(i)].label;
        if (tile.image.width() != image_width || tile.image.height() != image_height)
            tile.image = QImage(image_width, image_height, QImage::Format_RGB32);
        for (int y = 0; y < image_height; ++y) {
            auto* line = reinterpret_cast<QRgb*>(tile.image.scanLine(y));
            const size_t* cells = cell_of_pixel.data() + size_t(y) * size_t(image_width);
            for (int x = 0; x < image_width; ++x) {
                const size_t cell = cells[x];
                const int label = labels[cell];
                const QRgb base = label < static_cast<int>(region.size())
                                      ? region[static_cast<size_t>(label)]
                                      : qRgb(128, 128, 128);
                const double gate_weight =
                    have_probabilities ? grid.gate_probabilities[cell * size_t(experts) + size_t(i)]
                                       : 1.0;
                const double brightness = min_brightness + (1 - min_brightness) * gate_weight;
                line[x] = qRgb(static_cast<int>(qRed(base) * brightness),
                               static_cast<int>(qGreen(base) * brightness),
                               static_cast<int>(qBlue(base) * brightness));
            }
        }
    }
}

void ExpertGallery::computeLayout() {
    tile_rects_.clear();
    const int n = expertCount();
    if (n == 0) return;
    const int available_width = width() - tile_spacing;
    const int available_height = height() - tile_spacing;
    // The column count that gives the largest square panels.
    int best_columns = 1, best_side = 0;
    for (int columns = 1; columns <= n; ++columns) {
        const int rows = (n + columns - 1) / columns;
        const int side =
            std::min(available_width / columns, available_height / rows) - tile_spacing;
        if (side > best_side) {
            best_side = side;
            best_columns = columns;
        }
    }
    best_side = std::max(best_side, 8);
    const int rows = (n + best_columns - 1) / best_columns;
    const int used_width = best_columns * (best_side + tile_spacing) + tile_spacing;
    const int used_height = rows * (best_side + tile_spacing) + tile_spacing;
    const int left = std::max(0, (width() - used_width) / 2) + tile_spacing;
    const int top = std::max(0, (height() - used_height) / 2) + tile_spacing;
    for (int i = 0; i < n; ++i) {
        const int row = i / best_columns, column = i % best_columns;
        tile_rects_.emplace_back(left + column * (best_side + tile_spacing),
                                 top + row * (best_side + tile_spacing), best_side, best_side);
    }
}

void ExpertGallery::resizeEvent(QResizeEvent* event) {
    QWidget::resizeEvent(event);
    const int old_resolution = imageResolution();
    computeLayout();
    if (imageResolution() != old_resolution) rebuildImages();
}

int ExpertGallery::tileAt(const QPoint& position) const {
    for (size_t i = 0; i < tile_rects_.size(); ++i)
        if (tile_rects_[i].contains(position)) return static_cast<int>(i);
    return -1;
}

void ExpertGallery::mousePressEvent(QMouseEvent* event) {
    if (event->button() != Qt::LeftButton) {
        QWidget::mousePressEvent(event);
        return;
    }
    const int hit = tileAt(event->position().toPoint());
    // A second click on the highlighted expert (or a click between panels) clears the highlight.
    const int selection = hit == selected_ ? -1 : hit;
    if (selection == selected_) return;
    selected_ = selection;
    update();
    emit expertClicked(selected_);
}

double ExpertGallery::ownAccuracy(int expert) const {
    if (expert < 0 || expert >= expertCount()) return std::numeric_limits<double>::quiet_NaN();
    return tiles_[static_cast<size_t>(expert)].own_accuracy;
}

bool ExpertGallery::event(QEvent* event) {
    if (event->type() == QEvent::ToolTip) {
        auto* help = static_cast<QHelpEvent*>(event);
        const int expert = tileAt(help->pos());
        if (expert >= 0) {
            const Tile& tile = tiles_[static_cast<size_t>(expert)];
            const QLocale locale;
            QString text =
                tr("Expert %1\nMean gate weight: %2 %\nFirst choice of the gate for %3 % of the "
                   "training cases")
                    .arg(expert)
                    .arg(locale.toString(100 * tile.utilisation, 'f', 1))
                    .arg(locale.toString(100 * tile.top_share, 'f', 1));
            if (std::isfinite(tile.own_accuracy))
                text += QLatin1Char('\n') +
                        tr("Alone, right on %1 % of those cases (under eq. 1 experts lean on each "
                           "other and this stays low)")
                            .arg(locale.toString(100 * tile.own_accuracy, 'f', 1));
            QToolTip::showText(help->globalPos(), text, this, tileRect(expert));
            return true;
        }
    }
    return QWidget::event(event);
}

bool ExpertGallery::drawStrongestCases(QPainter& painter, int expert, const QRect& inner) const {
    // Without a plane (data of many features while the routing table is shown), an expert is
    // shown by the training images it weighs most: 2 x 2 of them, or one.
    if (!snapshot_ || expert >= static_cast<int>(snapshot_->case_images.size())) return false;
    const auto& images = snapshot_->case_images[static_cast<size_t>(expert)];
    if (images.empty()) return false;
    painter.fillRect(inner, Qt::black);
    const int per_side = images.size() >= 4 ? 2 : 1;
    const int side = std::min(inner.width(), inner.height()) / per_side;
    const int left = inner.left() + (inner.width() - per_side * side) / 2;
    const int top = inner.top() + (inner.height() - per_side * side) / 2;
    for (int k = 0; k < per_side * per_side; ++k)
        painter.drawImage(
            QRect(left + (k % per_side) * side, top + (k / per_side) * side, side, side),
            images[static_cast<size_t>(k)]);
    return true;
}

void ExpertGallery::paintEvent(QPaintEvent*) {
    QPainter painter(this);
    painter.fillRect(rect(), palette().window());
    if (tiles_.empty()) {
        painter.setPen(palette().color(QPalette::PlaceholderText));
        painter.drawText(rect(), Qt::AlignCenter,
                         tr("The experts appear here once training starts."));
        return;
    }
    painter.setRenderHint(QPainter::SmoothPixmapTransform);
    QFont small = font();
    small.setPointSizeF(std::max(7.0, small.pointSizeF() * 0.85));
    painter.setFont(small);
    const QLocale locale;
    for (int i = 0; i < expertCount() && i < static_cast<int>(tile_rects_.size()); ++i) {
        const Tile& tile = tiles_[static_cast<size_t>(i)];
        const QRect outer = tile_rects_[static_cast<size_t>(i)];
        const QRect inner = outer.adjusted(frame_width, frame_width, -frame_width, -frame_width);
        const QColor color = expertColor(i);
        const bool dim_for_selection = selected_ >= 0 && selected_ != i;

        if (!tile.image.isNull())
            painter.drawImage(inner, tile.image);
        else if (!drawStrongestCases(painter, i, inner))
            painter.fillRect(inner, lightened(color, 0.7));

        // Utilisation as a bar along the bottom, and as a number.
        const int bar_height = std::max(3, inner.height() / 14);
        const QRect bar(inner.left(), inner.bottom() - bar_height + 1,
                        static_cast<int>(inner.width() * std::clamp(tile.utilisation, 0.0, 1.0)),
                        bar_height);
        painter.fillRect(inner.left(), bar.top(), inner.width(), bar_height, QColor(0, 0, 0, 90));
        painter.fillRect(bar, color);

        // Its gate share above; below, how often it is right alone where it is the first choice
        // (entanglement: under eq. 1 an expert can be poor alone while the blend is right).
        const QString caption =
            tr("E%1  %2 %").arg(i).arg(locale.toString(100 * tile.utilisation, 'f', 0));
        const int caption_height = painter.fontMetrics().height() + 2;
        const QRect caption_rect(inner.left(), inner.top(), inner.width(), caption_height);
        painter.fillRect(caption_rect, QColor(255, 255, 255, 190));
        painter.setPen(Qt::black);
        painter.drawText(caption_rect.adjusted(3, 0, -3, 0), Qt::AlignLeft | Qt::AlignVCenter,
                         caption);
        if (std::isfinite(tile.own_accuracy) && inner.height() > 3 * caption_height) {
            const QString alone =
                tr("alone %1 %").arg(locale.toString(100 * tile.own_accuracy, 'f', 0));
            const QRect alone_rect(
                inner.left(), bar.top() - caption_height,
                std::min(inner.width(), painter.fontMetrics().horizontalAdvance(alone) + 6),
                caption_height);
            painter.fillRect(alone_rect, QColor(255, 255, 255, 190));
            painter.drawText(alone_rect.adjusted(3, 0, -3, 0), Qt::AlignLeft | Qt::AlignVCenter,
                             alone);
        }

        if (dim_for_selection) painter.fillRect(outer, QColor(255, 255, 255, 120));
        const int pen_width = i == selected_ ? frame_width + 2 : frame_width;
        painter.setPen(QPen(i == selected_ ? palette().color(QPalette::Highlight) : color,
                            pen_width, Qt::SolidLine, Qt::SquareCap, Qt::MiterJoin));
        painter.setBrush(Qt::NoBrush);
        const int half = pen_width / 2;
        painter.drawRect(outer.adjusted(half, half, -half - (pen_width % 2 ? 0 : 1),
                                        -half - (pen_width % 2 ? 0 : 1)));
        if (i == selected_) {
            painter.setPen(QPen(color, 2));
            painter.drawRect(inner.adjusted(1, 1, -1, -1));
        }
    }
}

}  // namespace moelab
