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

GifWriter::GifWriter(QIODevice* device, QSize size, const std::vector<QRgb>& palette,
                     int transparent)
    : device_(device), size_(size), transparent_(std::clamp(transparent, 0, 255)) {
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
    // The rectangle that changed since the previous frame (all of the first one).
    int left = 0, top = 0, right = width - 1, bottom = height - 1;
    if (!previous_.empty()) {
        left = width;
        top = height;
        right = bottom = -1;
        for (int y = 0; y < height; ++y) {
            const std::uint8_t* now = &pixels[size_t(y) * size_t(width)];
            const std::uint8_t* before = &previous_[size_t(y) * size_t(width)];
            if (std::memcmp(now, before, size_t(width)) == 0) continue;
            top = std::min(top, y);
            bottom = y;
            for (int x = 0; x < width; ++x) {
                if (now[x] == before[x]) continue;
                left = std::min(left, x);
                right = std::max(right, x);
            }
        }
        // Nothing changed: one transparent pixel carries the frame's delay.
        if (bottom < 0) left = right = top = bottom = 0;
    }
    GraphicsControlBlock control{};
    control.DisposalMode = DISPOSE_DO_NOT;  // the next frame is drawn over this one
    control.UserInputFlag = false;
    control.DelayTime = std::clamp(delay_centiseconds, 0, 65535);
    control.TransparentColor = previous_.empty() ? NO_TRANSPARENT_COLOR : transparent_;
    GifByteType extension[4];
    const size_t length = EGifGCBToExtension(&control, extension);
    if (EGifPutExtension(gif_, GRAPHICS_EXT_FUNC_CODE, int(length), extension) != GIF_OK)
        return fail("EGifPutExtension", gif_->Error);
    const int box_width = right - left + 1, box_height = bottom - top + 1;
    if (EGifPutImageDesc(gif_, left, top, box_width, box_height, false, nullptr) != GIF_OK)
        return fail("EGifPutImageDesc", gif_->Error);
    std::vector<GifPixelType> row(static_cast<size_t>(box_width));
    for (int y = top; y <= bottom; ++y) {
        const std::uint8_t* now = &pixels[size_t(y) * size_t(width)];
        for (int x = left; x <= right; ++x) {
            const bool same =
                !previous_.empty() && now[x] == previous_[size_t(y) * size_t(width) + size_t(x)];
            row[size_t(x - left)] = same ? GifPixelType(transparent_) : now[x];
        }
        if (EGifPutLine(gif_, row.data(), box_width) != GIF_OK)
            return fail("EGifPutLine", gif_->Error);
    }
    previous_ = pixels;
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
