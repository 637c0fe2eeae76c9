// The preferences: stored in QSettings (a scratch directory here, never the user's), read back,
// garbage read as the defaults, --lang over the stored language; the Settings dialog shows and
// returns them; applying the colour-blind-safe palette recolours the plane, the worker's tints and
// the exported figure at once. Then, in Chinese: the synthetic sets' class names and the epoch
// format.
#include <QAbstractButton>
#include <QApplication>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QImage>
#include <QLocale>
#include <QMessageBox>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <functional>

#include "app_settings.h"
#include "class_names.h"
#include "data/synthetic.h"
#include "expert_colors.h"
#include "main_window.h"
#include "number_format.h"
#include "settings_dialog.h"
#include "training_worker.h"
#include "translations.h"

using moelab::AppSettings;
using moelab::ExpertPalette;

namespace {

bool waitFor(const std::function<bool()>& condition) {
    return QTest::qWaitFor(condition, 30000);
}

}  // namespace

class SettingsTest : public QObject {
    Q_OBJECT
    QTemporaryDir settings_dir_;

  private slots:
    void initTestCase() {
        QVERIFY(settings_dir_.isValid());
        // English in effect, whatever the machine's locale (the last test switches to Chinese).
        QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
        QCoreApplication::setOrganizationName(QStringLiteral("MoE Lab test"));
        QCoreApplication::setApplicationName(QStringLiteral("MoE Lab test"));
        QSettings::setDefaultFormat(QSettings::IniFormat);
        QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, settings_dir_.path());
        QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, settings_dir_.path());
        QVERIFY(QSettings().fileName().startsWith(settings_dir_.path()));
    }

    void storesAndReadsBack() {
        QCOMPARE(moelab::load_app_settings(), AppSettings{});  // nothing stored: the defaults
        AppSettings chosen;
        chosen.language = QStringLiteral("zh_CN");
        chosen.palette = ExpertPalette::ColourBlindSafe;
        chosen.presentation_scale = 2.2;
        moelab::save_app_settings(chosen);
        QCOMPARE(moelab::load_app_settings(), chosen);
        QCOMPARE(moelab::startup_language(QString()), QStringLiteral("zh_CN"));
        QCOMPARE(moelab::startup_language(QStringLiteral("en")), QStringLiteral("en"));
    }

    void readsGarbageAsTheDefaults() {
        {
            QSettings stored;
            stored.setValue("interface/language", "klingon");
            stored.setValue("interface/expertPalette", "plaid");
            stored.setValue("presentation/scale", "huge");
        }
        QCOMPARE(moelab::load_app_settings(), AppSettings{});
        QSettings().setValue("presentation/scale", 40.0);
        QCOMPARE(moelab::load_app_settings().presentation_scale, 3.0);
        QSettings().clear();
    }

    void restartDropsTheLanguageOfTheCommandLine() {
        const QStringList arguments{"--dataset", "spiral",      "--lang",
                                    "en",        "--experts=6", "--lang=zh"};
        QCOMPARE(moelab::restart_arguments(arguments),
                 QStringList({"--dataset", "spiral", "--experts=6"}));
    }

    void theDialogShowsAndReturnsTheSettings() {
        AppSettings current;
        current.language = QStringLiteral("en");
        current.palette = ExpertPalette::ColourBlindSafe;
        current.presentation_scale = 1.8;
        moelab::SettingsDialog dialog(current);
        QCOMPARE(dialog.settings(), current);
        auto* language = dialog.findChild<QComboBox*>("languageCombo");
        auto* palette = dialog.findChild<QComboBox*>("paletteCombo");
        auto* scale = dialog.findChild<QDoubleSpinBox*>("presentationScaleSpin");
        QVERIFY(language && palette && scale);
        language->setCurrentIndex(language->findData(QStringLiteral("zh_CN")));
        palette->setCurrentIndex(0);
        scale->setValue(2.5);
        const AppSettings changed = dialog.settings();
        QCOMPARE(changed.language, QStringLiteral("zh_CN"));
        QCOMPARE(changed.palette, ExpertPalette::Standard);
        QCOMPARE(changed.presentation_scale, 2.5);
        grab(dialog, QStringLiteral("present-settings-en.png"));
    }

    void thePaletteAppliesAtOnceEverywhere() {
        QCOMPARE(moelab::expertPalette(), ExpertPalette::Standard);
        moelab::Config config;
        config.dataset.name = "vowels";
        config.experts = 4;
        moelab::MainWindow window(config);
        window.setDialogsSuppressed(true);
        window.resize(1280, 720);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QVERIFY(waitFor([&] { return window.lastSnapshot() != nullptr; }));
        const moelab::SnapshotPtr before = window.lastSnapshot();
        QTemporaryDir dir;
        QString error;
        QVERIFY(window.exportFigure(dir.filePath("before.png"), QSize(600, 400), 1.0, false, true,
                                    true, &error));

        AppSettings chosen = moelab::load_app_settings();
        chosen.palette = ExpertPalette::ColourBlindSafe;
        chosen.presentation_scale = 2.0;
        window.applySettings(chosen);
        QCOMPARE(moelab::expertPalette(), ExpertPalette::ColourBlindSafe);
        QCOMPARE(moelab::load_app_settings().palette, ExpertPalette::ColourBlindSafe);
        QCOMPARE(moelab::expertColor(0), QColor(0xE69F00));
        // The worker re-draws its tint images with the new colours (the model unchanged).
        QVERIFY(!before->gate_tint.isNull());
        QVERIFY(waitFor([&] {
            const moelab::SnapshotPtr now = window.lastSnapshot();
            return now->epoch == before->epoch && !now->gate_tint.isNull() &&
                   now->gate_tint != before->gate_tint;
        }));
        // And the exported figure (plane, gallery and charts) changes.
        QVERIFY(window.exportFigure(dir.filePath("after.png"), QSize(600, 400), 1.0, false, true,
                                    true, &error));
        QVERIFY(QImage(dir.filePath("before.png")) != QImage(dir.filePath("after.png")));
        moelab::setExpertPalette(ExpertPalette::Standard);
    }

    void aNewLanguageOffersARestartAndLaterKeepsTheWindow() {
        moelab::Config config;
        config.dataset.name = "blobs";
        moelab::MainWindow window(config);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QCOMPARE(moelab::language_in_effect(), QStringLiteral("en"));
        int prompts = 0;
        // Answers the prompt when it shows (it is modal): "Later".
        auto answer_later = [&] {
            for (QWidget* shown : QApplication::topLevelWidgets()) {
                auto* box = qobject_cast<QMessageBox*>(shown);
                if (!box || !box->isVisible()) continue;
                ++prompts;
                for (QAbstractButton* button : box->buttons())
                    if (box->buttonRole(button) == QMessageBox::RejectRole) button->click();
            }
        };
        QTimer answering;
        connect(&answering, &QTimer::timeout, this, answer_later);
        answering.start(20);
        AppSettings same = moelab::load_app_settings();
        same.language = QStringLiteral("en");
        window.applySettings(same);  // the language in effect: no prompt
        QCOMPARE(prompts, 0);
        AppSettings chinese = same;
        chinese.language = QStringLiteral("zh_CN");
        window.applySettings(chinese);
        answering.stop();
        QCOMPARE(prompts, 1);
        QVERIFY(window.isVisible());
        QCOMPARE(moelab::load_app_settings().language, QStringLiteral("zh_CN"));
        moelab::save_app_settings(AppSettings{});
    }

    // Last: it installs the Chinese translation for the rest of the process.
    void inChineseTheGeneratedClassesAndEpochsRead() {
        const moelab::Dataset spiral = moelab::generate_synthetic("spiral", 20, 0.0, 1);
        QCOMPARE(moelab::class_label(spiral, 1), QStringLiteral("class 1"));
        QCOMPARE(moelab::format_count(12801), QStringLiteral("12,801"));
        QCOMPARE(moelab::installTranslators(*qApp, QStringLiteral("zh_CN")),
                 QStringLiteral("zh_CN"));
        QCOMPARE(moelab::class_label(spiral, 1), QStringLiteral("类别 1"));
        QCOMPARE(moelab::format_count(12801), QStringLiteral("12,801"));
        moelab::SettingsDialog dialog(AppSettings{});
        QCOMPARE(dialog.windowTitle(), QStringLiteral("设置"));
        grab(dialog, QStringLiteral("present-settings-zh.png"));
    }

  private:
    // The dialog as shown, kept in MOELAB_SHOTS_DIR when set (for a person to look at).
    void grab(QWidget& dialog, const QString& name) {
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        const QPixmap shot = dialog.grab();
        QVERIFY(!shot.isNull() && shot.width() > 200);
        const QString dir = qEnvironmentVariable("MOELAB_SHOTS_DIR");
        if (!dir.isEmpty()) QVERIFY(shot.save(dir + QStringLiteral("/") + name));
    }
};

QTEST_MAIN(SettingsTest)
#include "test_settings.moc"
