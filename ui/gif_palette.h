#pragma once
// A GIF's 256 colours for a whole replay: one palette for every frame, so a region's tint never
// flickers from frame to frame. Reserved entries keep the colours the figure must show exactly
// (the experts' and the classes' colours, black and white), and median cut over sample frames
// (each colour weighted by the pixels that show it) picks the rest: mostly the shades of the
// tints, which cover most of the picture, and the anti-aliased edges of lines and symbols.
#include <QColor>
#include <QImage>
#include <QRgb>
#include <cstdint>
#include <vector>

namespace moelab {

class GifPalette {
  public:
    static constexpr int kSize = 256;
    // The last entry shows no colour: the GIF writer marks with it the pixels a frame leaves as
    // the previous one showed them (transparent), so the colours are the other 255.
    static constexpr int kTransparent = kSize - 1;
    static constexpr int kColors = kSize - 1;

    // From sample frames (any format) and the colours that must be in it (the first kColors).
    GifPalette(const std::vector<QImage>& samples, const std::vector<QColor>& reserved);

    // Exactly kSize colours (unused entries repeat the last one; kTransparent is white).
    const std::vector<QRgb>& colors() const { return colors_; }
    // The nearest entry to an opaque colour (alpha ignored: frames are drawn on white).
    std::uint8_t index_of(QRgb color) const {
        return lookup_[((qRed(color) >> 3) << 10) | ((qGreen(color) >> 3) << 5) |
                       (qBlue(color) >> 3)];
    }
    // A frame as one palette index per pixel, row after row.
    std::vector<std::uint8_t> indexed(const QImage& frame) const;

  private:
    std::vector<QRgb> colors_;
    std::vector<std::uint8_t> lookup_;  // 15-bit colour -> index
};

}  // namespace moelab
