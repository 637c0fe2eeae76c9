#include "settings_dialog.h"

#include <QApplication>
#include <QComboBox>
#include <QCoreApplication>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QLabel>
#include <QLocale>
#include <QMessageBox>
#include <QPainter>
#include <QPixmap>
#include <QProcess>
#include <QPushButton>
#include <QVBoxLayout>

namespace moelab {

namespace {

// A strip of the palette's first eight expert colours, for its combo item.
QIcon palette_swatch(ExpertPalette palette) {
    constexpr int cell = 14;
    constexpr int shown = 8;
    QPixmap strip(cell * shown, cell);
    strip.fill(Qt::transparent);
    QPainter painter(&strip);
    for (int i = 0; i < shown; ++i)
        painter.fillRect(QRect(i * cell, 0, cell - 1, cell), expertColor(i, palette));
    return QIcon(strip);
}

}  // namespace

SettingsDialog::SettingsDialog(const AppSettings& current, QWidget* parent) : QDialog(parent) {
    setWindowTitle(tr("Settings"));
    setObjectName(QStringLiteral("settingsDialog"));
    auto* form = new QFormLayout;

    language_ = new QComboBox;
    language_->setObjectName(QStringLiteral("languageCombo"));
    language_->addItem(tr("System language"), QString());
    // Each language in its own words, so anyone finds theirs whatever the interface speaks now.
    language_->addItem(QStringLiteral("English"), QStringLiteral("en"));
    language_->addItem(QStringLiteral("简体中文"), QStringLiteral("zh_CN"));
    language_->setCurrentIndex(std::max(0, language_->findData(current.language)));
    form->addRow(tr("&Language:"), language_);
    auto* language_note = new QLabel(tr("A new language applies when MoE Lab restarts."));
    language_note->setWordWrap(true);
    QFont note_font = language_note->font();
    note_font.setPointSizeF(note_font.pointSizeF() * 0.9);
    language_note->setFont(note_font);
    form->addRow(QString(), language_note);

    palette_ = new QComboBox;
    palette_->setObjectName(QStringLiteral("paletteCombo"));
    palette_->setIconSize(QSize(14 * 8, 14));
    palette_->addItem(palette_swatch(ExpertPalette::Standard), tr("Standard (Paul Tol, muted)"),
                      expertPaletteKey(ExpertPalette::Standard));
    palette_->addItem(palette_swatch(ExpertPalette::ColourBlindSafe),
                      tr("Colour-blind safe (Okabe & Ito)"),
                      expertPaletteKey(ExpertPalette::ColourBlindSafe));
    palette_->setCurrentIndex(std::max(0, palette_->findData(expertPaletteKey(current.palette))));
    palette_->setToolTip(
        tr("The colours of the experts in the plane, the gallery, the charts and "
           "exported figures"));
    form->addRow(tr("&Expert colours:"), palette_);

    scale_ = new QDoubleSpinBox;
    scale_->setObjectName(QStringLiteral("presentationScaleSpin"));
    scale_->setRange(1.0, 3.0);
    scale_->setSingleStep(0.1);
    scale_->setDecimals(1);
    scale_->setSuffix(QStringLiteral(" ×"));
    scale_->setValue(current.presentation_scale);
    scale_->setToolTip(
        tr("How much larger presentation mode (F11) draws the plane's text, lines "
           "and points"));
    form->addRow(tr("&Presentation size:"), scale_);

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(buttons);
}

AppSettings SettingsDialog::settings() const {
    AppSettings settings;
    settings.language = language_->currentData().toString();
    settings.palette = expertPaletteFromKey(palette_->currentData().toString());
    settings.presentation_scale = scale_->value();
    return settings;
}

QString language_in_effect() {
    return QLocale().language() == QLocale::Chinese ? QStringLiteral("zh_CN")
                                                    : QStringLiteral("en");
}

QString resolved_language(const QString& choice) {
    if (choice.startsWith(QStringLiteral("zh"), Qt::CaseInsensitive))
        return QStringLiteral("zh_CN");
    if (!choice.isEmpty()) return QStringLiteral("en");
    return QLocale::system().language() == QLocale::Chinese ? QStringLiteral("zh_CN")
                                                            : QStringLiteral("en");
}

QStringList restart_arguments(const QStringList& arguments) {
    QStringList kept;
    for (qsizetype i = 0; i < arguments.size(); ++i) {
        if (arguments[i] == QStringLiteral("--lang")) {
            ++i;  // and its value
            continue;
        }
        if (arguments[i].startsWith(QStringLiteral("--lang="))) continue;
        kept << arguments[i];
    }
    return kept;
}

bool offer_restart_for_language(QWidget* window) {
    QMessageBox box(
        QMessageBox::Question, SettingsDialog::tr("Restart MoE Lab?"),
        SettingsDialog::tr("The new language applies when MoE Lab starts again. Restart now? The "
                           "training in progress is not kept."),
        QMessageBox::NoButton, window);
    QPushButton* now = box.addButton(SettingsDialog::tr("Restart now"), QMessageBox::AcceptRole);
    box.addButton(SettingsDialog::tr("Later"), QMessageBox::RejectRole);
    box.exec();
    if (box.clickedButton() != now) return false;
    // The app's own options (main.cpp keeps them: QApplication saw only Qt's).
    const QVariant kept = qApp->property("moelabArguments");
    const QStringList arguments = restart_arguments(
        kept.isValid() ? kept.toStringList() : QCoreApplication::arguments().mid(1));
    if (!QProcess::startDetached(QCoreApplication::applicationFilePath(), arguments)) return false;
    window->close();
    return true;
}

}  // namespace moelab
