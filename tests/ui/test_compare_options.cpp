// moelab --compare: the panes it reads (loss names, or knob settings per pane), the messages for
// what it refuses, and the built program writing the whole compare view as one PNG.
#include <QImage>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include "app_options.h"

using moelab::AppUsageError;
using moelab::Config;
using moelab::LossType;

namespace {

QString usageMessage(const QStringList& arguments) {
    try {
        moelab::parse_app_arguments(arguments);
    } catch (const AppUsageError& error) {
        return QString::fromStdString(error.what());
    }
    return QStringLiteral("(no error)");
}

}  // namespace

class CompareOptionsTest : public QObject {
    Q_OBJECT

  private slots:
    void lossNamesMakePanes() {
        const auto options =
            moelab::parse_app_arguments({"--compare", "cooperative,competitive-log", "--dataset",
                                         "vowels", "--epochs", "2000", "--lr", "0.2"});
        QCOMPARE(int(options.compare.size()), 2);
        QCOMPARE(options.compare[0].loss, LossType::Cooperative);
        QCOMPARE(options.compare[1].loss, LossType::CompetitiveLog);
        for (const Config& pane : options.compare) {
            // The shared options reach every pane; only the loss differs from the base.
            QCOMPARE(pane.dataset.name, std::string("vowels"));
            QCOMPARE(pane.epochs, 2000L);
            QCOMPARE(pane.learning_rate, 0.2);
            Config same = pane;
            same.loss = options.config.loss;
            QVERIFY(same == options.config);
        }
        QVERIFY(moelab::parse_app_arguments({}).compare.empty());
    }

    void knobSettingsPerPane() {
        const auto options = moelab::parse_app_arguments(
            {"--compare=loss=cooperative;experts=6,lr=0.1,loss=mixture-nll;hidden=16,8;top-k=2",
             "--experts", "4"});
        QCOMPARE(int(options.compare.size()), 3);
        QCOMPARE(options.compare[0].loss, LossType::Cooperative);
        QCOMPARE(options.compare[0].experts, 6);
        QVERIFY(options.compare[0].dense());  // K follows N
        QCOMPARE(options.compare[1].learning_rate, 0.1);
        QCOMPARE(options.compare[1].experts, 4);
        QCOMPARE(options.compare[2].loss, LossType::MixtureNll);
        QCOMPARE(options.compare[2].expert_hidden, (std::vector<int>{16, 8}));
        QCOMPARE(options.compare[2].routed_experts(), 2);
    }

    void refusalsSayWhatIsWrong() {
        QVERIFY(usageMessage({"--compare", "cooperative"}).contains("2 to 4 panes"));
        QVERIFY(usageMessage({"--compare",
                              "cooperative,competitive,competitive-log,mixture-nll,"
                              "cooperative"})
                    .contains("got 5"));
        const QString bad_loss = usageMessage({"--compare", "cooperative,eq3"});
        QVERIFY2(bad_loss.contains("pane 2") && bad_loss.contains("eq3"), qPrintable(bad_loss));
        const QString no_knob = usageMessage({"--compare", "cooperative,colour=red"});
        QVERIFY2(no_knob.contains("no knob 'colour'"), qPrintable(no_knob));
        const QString shared = usageMessage({"--compare", "seed=2,seed=3"});
        QVERIFY2(shared.contains("shared by every pane"), qPrintable(shared));
        const QString rule = usageMessage({"--compare", "cooperative,top-k=6"});
        QVERIFY2(rule.contains("pane 2") && rule.contains("top_k"), qPrintable(rule));
        QVERIFY(usageMessage({"--compare", "cooperative,competitive", "--box-plot", "r.csv",
                              "--export-figure", "x.png"})
                    .contains("exclude"));
    }

    void programWritesTheCompareFigure() {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString path = dir.filePath(QStringLiteral("compare.png"));
        QProcess process;
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
        process.setProcessEnvironment(environment);
        process.start(QStringLiteral(MOELAB_APP_PATH),
                      {"--compare", "cooperative,competitive-log", "--dataset", "vowels",
                       "--epochs", "50", "--export-figure", path, "--figure-size", "1000x700"});
        QVERIFY(process.waitForFinished(240000));
        QCOMPARE(process.exitCode(), 0);
        // Qt may note its own things on stderr; the app says nothing (its lines start "moelab:").
        QVERIFY(!process.readAllStandardError().contains("moelab:"));
        const QImage image(path);
        QCOMPARE(image.size(), QSize(1000, 700));
    }
};

QTEST_MAIN(CompareOptionsTest)
#include "test_compare_options.moc"
