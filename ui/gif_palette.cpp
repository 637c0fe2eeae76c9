#include "gif_palette.h"

#include <algorithm>
#include <array>
#include <limits>

namespace moelab {

namespace {

// A colour reduced to 5 bits a channel (the lookup's resolution), and back to the middle of its
// cell.
int key_of(QRgb color) {
    return ((qRed(color) >> 3) << 10) | ((qGreen(color) >> 3) << 5) | (qBlue(color) >> 3);
}
std::array<int, 3> channels_of(int key) {
    return {(key >> 10) & 31, (key >> 5) & 31, key & 31};
}

struct Bin {
    int key;
    std::uint64_t count;
};

// A box of median cut: bins[begin, end).
struct Box {
    size_t begin, end;
    std::uint64_t count;
    int channel;  // the channel of widest range
    int range;    // that range
};

Box make_box(const std::vector<Bin>& bins, size_t begin, size_t end) {
    Box box{begin, end, 0, 0, 0};
    std::array<int, 3> low{31, 31, 31}, high{0, 0, 0};
    for (size_t i = begin; i < end; ++i) {
        box.count += bins[i].count;
        const auto c = channels_of(bins[i].key);
        for (int k = 0; k < 3; ++k) {
            low[k] = std::min(low[k], c[k]);
            high[k] = std::max(high[k], c[k]);
        }
    }
    for (int k = 0; k < 3; ++k) {
        if (high[k] - low[k] > box.range) {
            box.range = high[k] - low[k];
            box.channel = k;
        }
    }
    return box;
}

QRgb mean_color(const std::vector<Bin>& bins, const Box& box) {
    double sum[3] = {0, 0, 0};
    double total = 0;
    for (size_t i = box.begin; i < box.end; ++i) {
        const auto c = channels_of(bins[i].key);
        const double w = double(bins[i].count);
        for (int k = 0; k < 3; ++k) sum[k] += w * (c[k] * 8 + 4);
        total += w;
    }
    auto channel = [&](int k) { return std::clamp(int(sum[k] / total + 0.5), 0, 255); };
    return qRgb(channel(0), channel(1), channel(2));
}

// Median cut: the box with most pixels times its widest range is split at its weighted median
// along that range, until `wanted` boxes or none can be split.
std::vector<QRgb> median_cut(std::vector<Bin> bins, int wanted) {
    std::vector<QRgb> colors;
    if (bins.empty() || wanted <= 0) return colors;
    std::vector<Box> boxes{make_box(bins, 0, bins.size())};
    while (static_cast<int>(boxes.size()) < wanted) {
        auto widest = std::max_element(boxes.begin(), boxes.end(), [](const Box& a, const Box& b) {
            return double(a.count) * a.range < double(b.count) * b.range;
        });
        if (widest->range == 0 || widest->end - widest->begin < 2) break;
        const Box box = *widest;
        const int shift = 10 - 5 * box.channel;
        std::sort(bins.begin() + std::ptrdiff_t(box.begin), bins.begin() + std::ptrdiff_t(box.end),
                  [shift](const Bin& a, const Bin& b) {
                      return ((a.key >> shift) & 31) < ((b.key >> shift) & 31);
                  });
        std::uint64_t half = 0;
        size_t split = box.begin + 1;
        for (size_t i = box.begin; i < box.end - 1; ++i) {
            half += bins[i].count;
            split = i + 1;
            if (half * 2 >= box.count) break;
        }
        *widest = make_box(bins, box.begin, split);
        boxes.push_back(make_box(bins, split, box.end));
    }
    for (const Box& box : boxes) colors.push_back(mean_color(bins, box));
    return colors;
}

int distance(QRgb a, QRgb b) {
    // Weighted as the eye weighs the channels (green most), cheaply.
    const int dr = qRed(a) - qRed(b), dg = qGreen(a) - qGreen(b), db = qBlue(a) - qBlue(b);
    return 3 * dr * dr + 4 * dg * dg + 2 * db * db;
}

}  // namespace

GifPalette::GifPalette(const std::vector<QImage>& samples, const std::vector<QColor>& reserved) {
    for (const QColor& color : reserved) {
        if (static_cast<int>(colors_.size()) >= kColors) break;
        const QRgb rgb = color.rgb();
        if (std::find(colors_.begin(), colors_.end(), rgb) == colors_.end()) colors_.push_back(rgb);
    }
    std::vector<std::uint64_t> histogram(1 << 15, 0);
    for (const QImage& sample : samples) {
        const QImage rgb = sample.convertToFormat(QImage::Format_RGB32);
        for (int y = 0; y < rgb.height(); ++y) {
            const auto* line = reinterpret_cast<const QRgb*>(rgb.constScanLine(y));
            for (int x = 0; x < rgb.width(); ++x) ++histogram[size_t(key_of(line[x]))];
        }
    }
    std::vector<Bin> bins;
    for (int key = 0; key < (1 << 15); ++key)
        if (histogram[size_t(key)]) bins.push_back({key, histogram[size_t(key)]});
    for (QRgb color : median_cut(std::move(bins), kColors - static_cast<int>(colors_.size())))
        colors_.push_back(color);
    if (colors_.empty()) colors_.push_back(qRgb(255, 255, 255));
    while (static_cast<int>(colors_.size()) < kColors) colors_.push_back(colors_.back());
    colors_.push_back(qRgb(255, 255, 255));  // kTransparent

    lookup_.resize(1 << 15);
    for (int key = 0; key < (1 << 15); ++key) {
        const auto c = channels_of(key);
        const QRgb color = qRgb(c[0] * 8 + 4, c[1] * 8 + 4, c[2] * 8 + 4);
        int best = 0, best_distance = std::numeric_limits<int>::max();
        for (int i = 0; i < kColors; ++i) {
            const int d = distance(color, colors_[size_t(i)]);
            if (d < best_distance) {
                best_distance = d;
                best = i;
            }
        }
        lookup_[size_t(key)] = static_cast<std::uint8_t>(best);
    }
}

std::vector<std::uint8_t> GifPalette::indexed(const QImage& frame) const {
    const QImage rgb = frame.convertToFormat(QImage::Format_RGB32);
    std::vector<std::uint8_t> pixels(size_t(rgb.width()) * size_t(rgb.height()));
    for (int y = 0; y < rgb.height(); ++y) {
        const auto* line = reinterpret_cast<const QRgb*>(rgb.constScanLine(y));
        std::uint8_t* out = &pixels[size_t(y) * size_t(rgb.width())];
        for (int x = 0; x < rgb.width(); ++x) out[x] = index_of(line[x]);
    }
    return pixels;
}

}  // namespace moelab
