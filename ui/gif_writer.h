#pragma once
// An animated GIF written with giflib to any QIODevice (a QSaveFile, for an atomic write): one
// global palette, looping for ever. The first frame is the whole picture; each later one only the
// rectangle that changed, its unchanged pixels transparent (drawn over the previous frame), which
// keeps a replay whose legend, axes and points stay put a fraction of the size.
#include <QIODevice>
#include <QRgb>
#include <QSize>
#include <QString>
#include <cstdint>
#include <vector>

struct GifFileType;

namespace moelab {

class GifWriter {
  public:
    // Writes the header, the palette (256 colours, entry `transparent` never a pixel's colour) and
    // the loop extension; error() says when that failed.
    GifWriter(QIODevice* device, QSize size, const std::vector<QRgb>& palette, int transparent);
    ~GifWriter();
    GifWriter(const GifWriter&) = delete;
    GifWriter& operator=(const GifWriter&) = delete;

    // One frame: size.width() x size.height() palette indices, row after row, shown for
    // `delay_centiseconds`.
    bool addFrame(const std::vector<std::uint8_t>& pixels, int delay_centiseconds);
    // Writes the trailer; the device then holds the whole GIF.
    bool finish();
    const QString& error() const { return error_; }
    bool ok() const { return error_.isEmpty(); }

  private:
    bool fail(const char* what, int code);

    QIODevice* device_;
    QSize size_;
    int transparent_;
    std::vector<std::uint8_t> previous_;  // the picture so far (empty before the first frame)
    GifFileType* gif_ = nullptr;
    QString error_;
};

}  // namespace moelab
