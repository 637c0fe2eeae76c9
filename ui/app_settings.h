#pragma once
// The preferences the app keeps between runs (QSettings): the interface language, the expert
// palette and the presentation mode's scale. The Settings dialog edits them; `--lang` on the
// command line overrides the stored language for one run.
#include <QString>

#include "expert_colors.h"

namespace moelab {

struct AppSettings {
    QString language;  // "en", "zh_CN", or empty for the system's language
    ExpertPalette palette = ExpertPalette::Standard;
    double presentation_scale = 1.6;  // 1..3

    bool operator==(const AppSettings&) const = default;
};

// Reads them from QSettings (the application's organisation and name); missing or unreadable
// entries give the defaults.
AppSettings load_app_settings();
void save_app_settings(const AppSettings& settings);

// The language to start with: the command line's when given, else the stored one.
QString startup_language(const QString& from_command_line);

}  // namespace moelab
