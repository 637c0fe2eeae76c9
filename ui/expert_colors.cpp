#include "expert_colors.h"

#include <algorithm>
#include <array>
#include <atomic>

namespace moelab {

namespace {

// Paul Tol, "Colour schemes" (SRON/EPS/TN/09-002): muted (9) then light (7).
constexpr std::array<QRgb, 16> expert_palette{
    0x332288, 0x88CCEE, 0x44AA99, 0x117733, 0x999933, 0xDDCC77, 0xCC6677, 0x882255,
    0xAA4499, 0x77AADD, 0xEE8866, 0xEEDD88, 0xFFAABB, 0x99DDFF, 0xBBCC33, 0xAAAA00,
};

// Okabe & Ito (2008) for experts: orange, sky blue, bluish green, reddish purple, yellow, blue,
// vermillion, grey (the class palette below starts with blue and vermillion, so two-class data
// and up to five experts share no colour); then the same eight mixed 45% with white.
constexpr std::array<QRgb, 16> colour_blind_expert_palette{
    0xE69F00, 0x56B4E9, 0x009E73, 0xCC79A7, 0xF0E442, 0x0072B2, 0xD55E00, 0x999999,
    0xF1C873, 0xA2D5F2, 0x73C7B0, 0xE2B4CC, 0xF6EE90, 0x73AAD0, 0xE69E73, 0xC6C6C6,
};

std::atomic<int> current_palette{static_cast<int>(ExpertPalette::Standard)};

// Okabe & Ito, "Color Universal Design" (2008), then grey and brown for sets with ten classes
// (Fashion-MNIST, the ten vowels of Peterson & Barney).
constexpr std::array<QRgb, 10> class_palette{
    0x0072B2, 0xD55E00, 0x009E73, 0xE69F00, 0xCC79A7,
    0x56B4E9, 0xF0E442, 0x000000, 0x999999, 0x8C510A,
};

template <size_t Count>
QColor pick(const std::array<QRgb, Count>& palette, int index) {
    const int count = static_cast<int>(Count);
    const int wrapped = ((index % count) + count) % count;  // negative indices never crash a view
    return QColor::fromRgb(palette[static_cast<size_t>(wrapped)]);
}

}  // namespace

void setExpertPalette(ExpertPalette palette) {
    current_palette.store(static_cast<int>(palette));
}

ExpertPalette expertPalette() {
    return static_cast<ExpertPalette>(current_palette.load());
}

QString expertPaletteKey(ExpertPalette palette) {
    return palette == ExpertPalette::ColourBlindSafe ? QStringLiteral("colour-blind-safe")
                                                     : QStringLiteral("standard");
}

ExpertPalette expertPaletteFromKey(const QString& key) {
    return key == QStringLiteral("colour-blind-safe") ? ExpertPalette::ColourBlindSafe
                                                      : ExpertPalette::Standard;
}

QColor expertColor(int expert) {
    return expertColor(expert, expertPalette());
}

QColor expertColor(int expert, ExpertPalette palette) {
    return palette == ExpertPalette::ColourBlindSafe ? pick(colour_blind_expert_palette, expert)
                                                     : pick(expert_palette, expert);
}
QColor classColor(int classIndex) {
    return pick(class_palette, classIndex);
}
int expertColorCount() {
    return static_cast<int>(expert_palette.size());
}
int classColorCount() {
    return static_cast<int>(class_palette.size());
}

QColor lightened(const QColor& color, double amount) {
    const double t = std::clamp(amount, 0.0, 1.0);
    auto mix = [t](int channel) { return static_cast<int>(channel + (255 - channel) * t + 0.5); };
    return QColor(mix(color.red()), mix(color.green()), mix(color.blue()), color.alpha());
}

QColor dimmed(const QColor& color, double brightness) {
    const double t = std::clamp(brightness, 0.0, 1.0);
    auto scale = [t](int channel) { return static_cast<int>(channel * t + 0.5); };
    return QColor(scale(color.red()), scale(color.green()), scale(color.blue()), color.alpha());
}

QColor textColorOn(const QColor& background) {
    // Relative luminance (ITU-R BT.709 weights) of the background decides.
    const double luminance =
        0.2126 * background.redF() + 0.7152 * background.greenF() + 0.0722 * background.blueF();
    return luminance > 0.55 ? QColor(Qt::black) : QColor(Qt::white);
}

}  // namespace moelab
