#include "app_settings.h"

#include <QSettings>
#include <algorithm>
#include <cmath>

namespace moelab {

namespace {

const QString language_key = QStringLiteral("interface/language");
const QString palette_key = QStringLiteral("interface/expertPalette");
const QString scale_key = QStringLiteral("presentation/scale");

QString normalised_language(const QString& language) {
    if (language.startsWith(QStringLiteral("zh"), Qt::CaseInsensitive))
        return QStringLiteral("zh_CN");
    if (language.startsWith(QStringLiteral("en"), Qt::CaseInsensitive)) return QStringLiteral("en");
    return {};
}

}  // namespace

AppSettings load_app_settings() {
    const QSettings stored;
    AppSettings settings;
    settings.language = normalised_language(stored.value(language_key).toString());
    settings.palette = expertPaletteFromKey(stored.value(palette_key).toString());
    bool ok = false;
    const double scale = stored.value(scale_key).toDouble(&ok);
    if (ok && std::isfinite(scale)) settings.presentation_scale = std::clamp(scale, 1.0, 3.0);
    return settings;
}

void save_app_settings(const AppSettings& settings) {
    QSettings stored;
    stored.setValue(language_key, normalised_language(settings.language));
    stored.setValue(palette_key, expertPaletteKey(settings.palette));
    stored.setValue(scale_key, settings.presentation_scale);
    stored.sync();
}

QString startup_language(const QString& from_command_line) {
    if (!from_command_line.trimmed().isEmpty()) return from_command_line;
    return load_app_settings().language;
}

}  // namespace moelab
