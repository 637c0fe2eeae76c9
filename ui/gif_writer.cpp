#include "gif_writer.h"

#include <gif_lib.h>

#include <algorithm>
#include <cstring>

namespace moelab {

namespace {

int write_to_device(GifFileType* gif, const GifByteType* bytes, int length) {
    auto* device = static_cast<QIODevice*>(gif->UserData);
    return static_cast<int>(device->write(reinterpret_cast<const char*>(bytes), length));
}

}  // namespace

GifWriter::GifWriter(QIODevice* device, QSize size, const std::vector<QRgb>& palette)
    : device_(device), size_(size) {
    int code = 0;
    gif_ = EGifOpen(device_, write_to_device, &code);
    if (!gif_) {
        fail("EGifOpen", code);
        return;
    }
    // Delays and the loop need GIF89a.
    EGifSetGifVersion(gif_, true);
    std::vector<GifColorType> colors(256);
    for (size_t i = 0; i < colors.size(); ++i) {
        const QRgb c =
            palette.empty() ? qRgb(255, 255, 255) : palette[std::min(i, palette.size() - 1)];
        colors[i] =
            GifColorType{GifByteType(qRed(c)), GifByteType(qGreen(c)), GifByteType(qBlue(c))};
    }
    ColorMapObject* map = GifMakeMapObject(256, colors.data());
    const int described = EGifPutScreenDesc(gif_, size_.width(), size_.height(), 8, 0, map);
    GifFreeMapObject(map);
    if (described != GIF_OK) {
        fail("EGifPutScreenDesc", gif_->Error);
        return;
    }
    // The NETSCAPE2.0 application extension: loop for ever (count 0).
    static const char kNetscape[] = "NETSCAPE2.0";
    GifByteType loop[3] = {1, 0, 0};
    if (EGifPutExtensionLeader(gif_, APPLICATION_EXT_FUNC_CODE) != GIF_OK ||
        EGifPutExtensionBlock(gif_, 11, kNetscape) != GIF_OK ||
        EGifPutExtensionBlock(gif_, 3, loop) != GIF_OK || EGifPutExtensionTrailer(gif_) != GIF_OK)
        fail("the loop extension", gif_->Error);
}

GifWriter::~GifWriter() {
    if (gif_) {
        int code = 0;
        EGifCloseFile(gif_, &code);
    }
}

bool GifWriter::fail(const char* what, int code) {
    if (error_.isEmpty()) {
        const char* text = GifErrorString(code);
        error_ = QStringLiteral("%1: %2").arg(
            QString::fromLatin1(what),
            text ? QString::fromLatin1(text) : QStringLiteral("error %1").arg(code));
        if (!device_->errorString().isEmpty() && code == E_GIF_ERR_WRITE_FAILED)
            error_ += QStringLiteral(" (%1)").arg(device_->errorString());
    }
    return false;
}

bool GifWriter::addFrame(const std::vector<std::uint8_t>& pixels, int delay_centiseconds) {
    if (!ok() || !gif_) return false;
    const int width = size_.width(), height = size_.height();
    if (pixels.size() != size_t(width) * size_t(height)) {
        error_ = QStringLiteral("a frame of %1 pixels for a %2 x %3 GIF")
                     .arg(pixels.size())
                     .arg(width)
                     .arg(height);
        return false;
    }
    GraphicsControlBlock control{};
    control.DisposalMode = DISPOSE_DO_NOT;
    control.UserInputFlag = false;
    control.DelayTime = std::clamp(delay_centiseconds, 0, 65535);
    control.TransparentColor = NO_TRANSPARENT_COLOR;
    GifByteType extension[4];
    const size_t length = EGifGCBToExtension(&control, extension);
    if (EGifPutExtension(gif_, GRAPHICS_EXT_FUNC_CODE, int(length), extension) != GIF_OK)
        return fail("EGifPutExtension", gif_->Error);
    if (EGifPutImageDesc(gif_, 0, 0, width, height, false, nullptr) != GIF_OK)
        return fail("EGifPutImageDesc", gif_->Error);
    std::vector<GifPixelType> row(static_cast<size_t>(width));
    for (int y = 0; y < height; ++y) {
        std::memcpy(row.data(), &pixels[size_t(y) * size_t(width)], size_t(width));
        if (EGifPutLine(gif_, row.data(), width) != GIF_OK) return fail("EGifPutLine", gif_->Error);
    }
    return true;
}

bool GifWriter::finish() {
    if (!gif_) return ok();
    int code = 0;
    const int closed = EGifCloseFile(gif_, &code);
    gif_ = nullptr;
    if (closed != GIF_OK) return fail("EGifCloseFile", code);
    return ok();
}

}  // namespace moelab
