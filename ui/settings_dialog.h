#pragma once
// File > Settings...: the interface language, the expert palette (a colour-blind-safe one among
// them) and the presentation mode's scale. The palette and the scale apply at once; a new language
// applies when the app next starts (every window's texts are made once, in the language of the
// start), so the window offers to restart then.
#include <QDialog>
#include <QStringList>

#include "app_settings.h"

class QComboBox;
class QDoubleSpinBox;

namespace moelab {

class SettingsDialog : public QDialog {
    Q_OBJECT
  public:
    explicit SettingsDialog(const AppSettings& current, QWidget* parent = nullptr);
    AppSettings settings() const;

  private:
    QComboBox* language_ = nullptr;
    QComboBox* palette_ = nullptr;
    QDoubleSpinBox* scale_ = nullptr;
};

// The language now in effect ("zh_CN" or "en"), and the one a stored choice means ("": the
// system's).
QString language_in_effect();
QString resolved_language(const QString& choice);

// The app's command line for a restart: this run's arguments without any --lang, so the stored
// language applies.
QStringList restart_arguments(const QStringList& arguments);

// Asks whether to restart now for the new language; if so, starts the app again and closes
// `window`. Returns whether it restarted.
bool offer_restart_for_language(QWidget* window);

}  // namespace moelab
