#pragma once
// An animated GIF written with giflib to any QIODevice (a QSaveFile, for an atomic write): one
// global palette, frames of the whole picture with their delays, looping for ever.
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
    // Writes the header, the palette (256 colours) and the loop extension; error() says when that
    // failed.
    GifWriter(QIODevice* device, QSize size, const std::vector<QRgb>& palette);
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
    GifFileType* gif_ = nullptr;
    QString error_;
};

}  // namespace moelab
