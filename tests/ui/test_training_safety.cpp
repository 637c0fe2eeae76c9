// Issue 10's hardening, seen from the desktop app: a training that diverges pauses with a message
// and keeps the last good model on screen, reset recovers; a bad CSV falls back to a data set that
// trains; the app's options refuse what they cannot do. The real window and worker, offscreen;
// the built program for the command line.
#include <QDir>
#include <QFile>
#include <QImage>
#include <QProcess>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTextStream>
#include <cmath>
#include <functional>

#include "app_options.h"
#include "app_process_support.h"
#include "control_panel.h"
#include "main_window.h"
#include "training_worker.h"

using moelab::Config;
using moelab::MainWindow;
using moelab::TrainingWorker;

namespace {

constexpr int worker_timeout_ms = 60000;

bool waitFor(const std::function<bool()>& condition, int timeout_ms = worker_timeout_ms) {
    return QTest::qWaitFor(condition, timeout_ms);
}

long shownEpoch(const MainWindow& window) {
    return window.lastSnapshot() ? window.lastSnapshot()->epoch : -1;
}

QPushButton* button(MainWindow& window, const char* name) {
    auto* found = window.controlPanel()->findChild<QPushButton*>(QLatin1String(name));
    if (!found) qFatal("no button %s", name);
    return found;
}

bool finiteModel(const moelab::Snapshot& snapshot) {
    if (!snapshot.model) return false;
    const auto& p = snapshot.model->parameters();
    return p.size() > 0 && p.allFinite();
}

void setWorkerConfig(MainWindow& window, const Config& config) {
    QMetaObject::invokeMethod(
        window.worker(), [w = window.worker(), config] { w->setConfig(config); },
        Qt::QueuedConnection);
}

using Run = moelab::test::AppRun;

Run runApp(const QStringList& arguments) {
    return moelab::test::run_app(arguments, 240000);
}

void writeText(const QString& path, const QString& text) {
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
    QTextStream(&file) << text;
}

}  // namespace

class TrainingSafetyTest : public QObject {
    Q_OBJECT

  private slots:
    void aDivergingTrainingPausesKeepsTheLastGoodModelAndResetRecovers() {
        Config config;
        config.dataset.name = "vowels";
        config.learning_rate = 1000;
        MainWindow window(config);
        window.setDialogsSuppressed(true);
        window.resize(1280, 720);
        window.show();
        QSignalSpy diverged(window.worker(), &TrainingWorker::diverged);
        QSignalSpy reported(&window, &MainWindow::divergenceReported);
        QVERIFY(waitFor([&] { return shownEpoch(window) == 0; }));

        button(window, "playButton")->click();
        QVERIFY(waitFor([&] { return reported.count() == 1; }));
        const QString message = reported.at(0).at(0).toString();
        // What happened, at which epoch, and what to try.
        QVERIFY2(message.contains(QStringLiteral(" at epoch ")), qPrintable(message));
        QVERIFY2(message.contains(QStringLiteral("Training is paused and the last good model "
                                                 "stays on screen. Try a learning rate of 100 "
                                                 "(now 1e+03), then press Play.")),
                 qPrintable(message));
        QCOMPARE(diverged.count(), 1);
        // Paused, and saying so; the model on screen is finite.
        QVERIFY(waitFor([&] {
            const auto shown = window.lastSnapshot();
            return shown && !shown->running && shown->message == message;
        }));
        QVERIFY(!window.controlPanel()->isRunning());
        QVERIFY(finiteModel(*window.lastSnapshot()));
        const long stopped_at = shownEpoch(window);
        QTest::qWait(300);  // it stays paused
        QCOMPARE(shownEpoch(window), stopped_at);

        // A sane rate and reset: training goes on from fresh weights, without diverging again.
        config.learning_rate = 0.5;
        window.controlPanel()->setConfig(config);
        setWorkerConfig(window, config);
        button(window, "resetButton")->click();
        QVERIFY(waitFor([&] { return shownEpoch(window) == 0; }));
        button(window, "playButton")->click();
        QVERIFY(waitFor([&] { return shownEpoch(window) >= 50; }));
        QCOMPARE(reported.count(), 1);
        QVERIFY(finiteModel(*window.lastSnapshot()));
    }

    void aBadCsvAtStartFallsBackToTheDefaultData() {
        // Before: "Loading the data..." forever, and Play turned to Pause at epoch 0.
        QTemporaryDir directory;
        const QString bad = directory.filePath(QStringLiteral("bad.csv"));
        writeText(bad, QStringLiteral("x,y,label\n1,2,a\n1,oops,b\n"));
        Config config;
        config.dataset.name = "csv:" + bad.toStdString();
        MainWindow window(config);
        window.setDialogsSuppressed(true);
        window.show();
        // The first failure may come before a spy could listen: the window's first snapshot says
        // it.
        QSignalSpy failed(window.worker(), &TrainingWorker::failed);
        QVERIFY(waitFor([&] { return window.lastSnapshot() != nullptr; }));
        const QString message = window.lastSnapshot()->message;
        QVERIFY2(message.contains(QStringLiteral("line 3, column 2")), qPrintable(message));
        QVERIFY2(message.endsWith(QStringLiteral("Showing vowels instead.")), qPrintable(message));
        QCOMPARE(window.lastSnapshot()->dataset->name, std::string("vowels"));
        QVERIFY(waitFor([&] { return window.controlPanel()->config().dataset.name == "vowels"; }));
        button(window, "playButton")->click();
        QVERIFY(waitFor([&] { return shownEpoch(window) >= 5; }));
        QVERIFY(window.controlPanel()->isRunning());

        // Later, a bad CSV keeps the data on screen, and training goes on.
        setWorkerConfig(window, config);
        QVERIFY(waitFor([&] { return !failed.isEmpty(); }));
        QVERIFY2(failed.last().at(0).toString().contains(QStringLiteral("line 3, column 2")),
                 qPrintable(failed.last().at(0).toString()));
        QVERIFY(!failed.last().at(0).toString().contains(QStringLiteral("instead")));
        const long epoch = shownEpoch(window);
        QVERIFY(waitFor([&] { return shownEpoch(window) > epoch + 5; }));
        QCOMPARE(window.lastSnapshot()->dataset->name, std::string("vowels"));
    }

    void aHeaderOfNumbersIsReportedInTheStatusBar() {
        // No header and text labels: the first row is read as the header, and the window says so.
        QTemporaryDir directory;
        const QString csv = directory.filePath(QStringLiteral("points.csv"));
        writeText(csv, QStringLiteral("0.1,0.2,a\n0.2,0.1,a\n0.9,0.8,b\n0.8,0.9,b\n0.15,0.1,a\n"
                                      "0.85,0.95,b\n"));
        Config config;
        config.dataset.name = "csv:" + csv.toStdString();
        MainWindow window(config);
        window.setDialogsSuppressed(true);
        window.show();
        QVERIFY(waitFor([&] { return window.lastSnapshot() != nullptr; }));
        const QString message = window.lastSnapshot()->message;
        QVERIFY2(message.contains(QStringLiteral("line 1: every feature column is named by a "
                                                 "number (\"0.1\", ...); if this row is data, it "
                                                 "was read as the header and is not used.")),
                 qPrintable(message));
        QCOMPARE(window.lastSnapshot()->dataset->size(), 5);
    }

    void optionsRefuseWhatTheyCannotDo() {
        auto usage = [](const QStringList& arguments) {
            try {
                moelab::parse_app_arguments(arguments);
            } catch (const moelab::AppUsageError& error) {
                return QString::fromStdString(error.what());
            }
            return QStringLiteral("(no error)");
        };
        QCOMPARE(usage({"--export-figure", "x.txt"}),
                 QStringLiteral("--export-figure writes .png or .svg files, got 'x.txt'; end the "
                                "name in .png or .svg"));
        QCOMPARE(usage({"--export-figure", "x"}),
                 QStringLiteral("--export-figure writes .png or .svg files, got 'x'; end the name "
                                "in .png or .svg"));
        QCOMPARE(usage({"--export-figure", "Figure.PNG"}), QStringLiteral("(no error)"));
        QCOMPARE(usage({"--export-figure", "figure.svg"}), QStringLiteral("(no error)"));
        // Out of range, not "needs a value".
        QCOMPARE(usage({"--epochs", "-1"}),
                 QStringLiteral("--epochs expects a non-negative integer, got '-1'"));
        const auto options = moelab::parse_app_arguments({"--label", "kind"});
        QCOMPARE(options.warnings,
                 QStringList{QStringLiteral(
                     "--label names the label column of a CSV file; vowels is a built-in dataset "
                     "with its own labels, so --label is ignored")});
        QVERIFY(moelab::parse_app_arguments({"--dataset", "csv:a.csv", "--label", "kind"})
                    .warnings.isEmpty());

        QTemporaryDir directory;
        const QString text = directory.filePath(QStringLiteral("x.txt"));
        const Run run = runApp({QStringLiteral("--export-figure"), text});
        QCOMPARE(run.exit_code, 2);
        QVERIFY(!QFile::exists(text));
    }

    void hugeButFiniteDataDrawsAndBeyondFloatIsRefused() {
        // Values near float's largest once crashed the drawing (render_snapshot); 1e37 is the
        // largest the loader takes, and it draws like any other data.
        QTemporaryDir directory;
        const QString csv = directory.filePath(QStringLiteral("huge.csv"));
        writeText(csv, QStringLiteral("x,y,label\n1e37,0,a\n-1e37,0,b\n0.9e37,1e36,a\n"
                                      "-0.9e37,1e36,b\n0.8e37,-1e36,a\n-0.8e37,-1e36,b\n"));
        const QString png = directory.filePath(QStringLiteral("huge.png"));
        Run run = runApp({QStringLiteral("--dataset"), QStringLiteral("csv:") + csv,
                          QStringLiteral("--epochs"), QStringLiteral("50"),
                          QStringLiteral("--figure-size"), QStringLiteral("640x400"),
                          QStringLiteral("--export-figure"), png});
        QCOMPARE(run.exit_code, 0);
        QCOMPARE(QImage(png).size(), QSize(640, 400));

        const QString beyond = directory.filePath(QStringLiteral("beyond.csv"));
        writeText(beyond, QStringLiteral("x,y,label\n1.7e308,0,a\n1.6e308,0,b\n1.5e308,0,a\n"
                                         "1.4e308,0,b\n"));
        const QString never = directory.filePath(QStringLiteral("never.png"));
        run = runApp({QStringLiteral("--dataset"), QStringLiteral("csv:") + beyond,
                      QStringLiteral("--export-figure"), never});
        QCOMPARE(run.exit_code, 1);
        QVERIFY2(run.err.contains(QStringLiteral("line 2, column 1 (\"x\"): the number "
                                                 "\"1.7e308\" is too large")),
                 qPrintable(run.err));
        QVERIFY(!QFile::exists(never));
    }
};

QTEST_MAIN(TrainingSafetyTest)
#include "test_training_safety.moc"
