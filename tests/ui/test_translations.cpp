// The Chinese translation is embedded and installs: a panel made afterwards speaks Chinese, the
// knob table's texts and the app's command-line help included.
#include <QApplication>
#include <QComboBox>
#include <QFile>
#include <QLabel>
#include <QPushButton>
#include <QTest>
#include <QToolButton>

#include "app_options.h"
#include "class_names.h"
#include "control_panel.h"
#include "data/fashion_mnist.h"
#include "training/knobs.h"
#include "translations.h"

class TranslationsTest : public QObject {
    Q_OBJECT

  private slots:
    void parsesTheLanguageArgument() {
        using moelab::requestedLanguage;
        QCOMPARE(requestedLanguage({"moelab", "--lang", "zh_CN"}), QStringLiteral("zh_CN"));
        QCOMPARE(requestedLanguage({"moelab", "--lang=en"}), QStringLiteral("en"));
        QCOMPARE(requestedLanguage({"moelab", "--epochs", "5"}), QString());
        QCOMPARE(requestedLanguage({"moelab", "--lang"}), QString());
    }

    void englishNeedsNoTranslator() {
        QCOMPARE(moelab::installTranslators(*qApp, QStringLiteral("en")), QStringLiteral("en"));
        moelab::ControlPanel panel;
        QCOMPARE(panel.findChild<QPushButton*>(QStringLiteral("resetButton"))->text(),
                 QStringLiteral("Reset"));
        // The English file supplies the plural forms.
        QCOMPARE(QCoreApplication::translate("moelab::TrainingWorker",
                                             "%n hidden unit(s) per expert", nullptr, 1),
                 QStringLiteral("1 hidden unit per expert"));
        QCOMPARE(QCoreApplication::translate("moelab::TrainingWorker",
                                             "%n hidden unit(s) per expert", nullptr, 3),
                 QStringLiteral("3 hidden units per expert"));
    }

    void chineseIsEmbeddedAndInstalls() {
        QVERIFY(QFile::exists(QStringLiteral(":/i18n/moelab_zh_CN.qm")));
        QCOMPARE(moelab::installTranslators(*qApp, QStringLiteral("zh_CN")),
                 QStringLiteral("zh_CN"));
        moelab::ControlPanel panel;
        QCOMPARE(panel.findChild<QPushButton*>(QStringLiteral("resetButton"))->text(),
                 QStringLiteral("重置"));
        QCOMPARE(panel.findChild<QPushButton*>(QStringLiteral("stepButton"))->text(),
                 QStringLiteral("单步"));
        // The knob table's texts, collected from the Qt-free core, are translated too.
        QCOMPARE(panel.findChild<QToolButton*>(QStringLiteral("advancedToggle"))->text(),
                 QStringLiteral("高级"));
        QVERIFY(
            panel.controlFor("experts")->toolTip().startsWith(QStringLiteral("专家网络的数量")));
        for (const moelab::Knob& knob : moelab::knobs()) {
            QVERIFY2(QCoreApplication::translate(moelab::kKnobsContext, knob.help) !=
                         QLatin1String(knob.help),
                     knob.help);
            if (knob.zero)
                QVERIFY2(QCoreApplication::translate(moelab::kKnobsContext, knob.zero) !=
                             QLatin1String(knob.zero),
                         knob.zero);
        }
        QVERIFY(moelab::app_help_text().contains(QStringLiteral("用法：moelab")));
        // Fashion-MNIST's garments by their Chinese names; other sets keep their own.
        moelab::Dataset fashion;
        fashion.name = "fashion-mnist";
        fashion.class_names = moelab::fashion_mnist_class_names();
        QCOMPARE(moelab::class_label(fashion, 0), QStringLiteral("T恤/上衣"));
        QCOMPARE(moelab::class_label(fashion, 9), QStringLiteral("短靴"));
        moelab::Dataset other = fashion;
        other.name = "csv:clothes.csv";
        QCOMPARE(moelab::class_label(other, 0), QStringLiteral("T-shirt/top"));
        // The controls of issue 8: a check box, a choice, a slider's special 0.
        QCOMPARE(panel.controlFor("noisy_gate")->accessibleName(), QStringLiteral("噪声门控"));
        QCOMPARE(panel.findChild<QComboBox*>(QStringLiteral("knob_routing"))->itemText(1),
                 QStringLiteral("专家选择（专家选样本）"));
        QCOMPARE(panel.findChild<QLabel*>(QStringLiteral("knob_capacity_factor_value"))->text(),
                 QStringLiteral("不限"));
    }

    void everyCollectedStringIsTranslated() {
        QFile ts(
            QStringLiteral(QT_TESTCASE_SOURCEDIR "/../../resources/translations/moelab_zh_CN.ts"));
        QVERIFY(ts.open(QIODevice::ReadOnly | QIODevice::Text));
        const QByteArray text = ts.readAll();
        QVERIFY(text.contains("<message"));
        QCOMPARE(text.count("type=\"unfinished\""), 0);
    }
};

QTEST_MAIN(TranslationsTest)
#include "test_translations.moc"
