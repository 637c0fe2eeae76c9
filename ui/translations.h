#pragma once
// The user interface speaks English (the source strings) or Simplified Chinese. The translations
// are compiled into the program (resource prefix :/i18n), so no files need installing.
#include <QString>
#include <QStringList>

class QCoreApplication;

namespace moelab {

// Installs the translators for `language`: "zh_CN" (any "zh..." works), "en", or empty for the
// system locale (Chinese locales get Chinese, everything else English). Also loads Qt's own
// translation for standard dialogs where the system has it, and makes QLocale() follow the
// language. Call once, before creating any window. Returns the language now in effect ("zh_CN" or
// "en").
QString installTranslators(QCoreApplication& app, const QString& language = QString());

// The value of "--lang X" or "--lang=X" in `arguments`, or an empty string.
QString requestedLanguage(const QStringList& arguments);

}  // namespace moelab
