// Sessions of the curve view in the real window with the real regression worker: a regression
// training saved at epoch E and opened in a new window (one showing a classification) switches it
// to the curve view at epoch E with the same figure pixel for pixel, and both go on to the same
// weights; a damaged regression session changes nothing on screen; `moelab FILE.moelab
// --export-figure` draws a regression session's curve figure.
#include <QDir>
#include <QFile>
#include <QImage>
#include <QLabel>
#include <QProcess>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <functional>
#include <nlohmann/json.hpp>

#include "control_panel.h"
#include "main_window.h"
#include "regression_figure.h"
#include "regression_mode.h"
#include "session_controller.h"
#include "ui_test_support.h"

using namespace moelab;

namespace {

constexpr int kTimeoutMs = 60000;
constexpr long kSavedEpoch = 37;
const QSize kWindowSize(1280, 720);
const QSize kFigureSize(1000, 640);

bool waitFor(const std::function<bool()>& condition) {
    return QTest::qWaitFor(condition, kTimeoutMs);
}

Config sineConfig() {
    Config config;
    config.dataset.name = "sine";
    config.dataset.cases = 150;
    config.experts = 3;
    config.loss = LossType::CompetitiveLog;
    config.optimizer = OptimizerType::Adam;
    config.learning_rate = 0.05;
    config.batch_size = 20;  // mini-batches: the shuffle's random generator must come back too
    config.seed = 11;
    return config;
}

RegressionPicturePtr pictureOf(const MainWindow& window) {
    return window.regressionMode()->view()->picture();
}

long curveEpoch(const MainWindow& window) {
    const RegressionPicturePtr picture = pictureOf(window);
    return picture ? picture->metrics.epoch : -1;
}

std::unique_ptr<MainWindow> openWindow(const Config& config) {
    auto window = std::make_unique<MainWindow>(config);
    window->setDialogsSuppressed(true);
    window->resize(kWindowSize);
    window->show();
    return window;
}

// Trains the curve view's regression `epochs` more epochs and waits for its paused picture.
bool trainCurveFor(MainWindow& window, long epochs) {
    RegressionWorker* worker = window.regressionMode()->worker();
    const long target = curveEpoch(window) + epochs;
    QSignalSpy reached(worker, &RegressionWorker::targetReached);
    QMetaObject::invokeMethod(
        worker, [worker, epochs] { worker->trainFor(epochs); }, Qt::QueuedConnection);
    return waitFor([&] {
        return !reached.isEmpty() && curveEpoch(window) == target && !pictureOf(window)->running;
    });
}

QImage figureOf(MainWindow& window, const QString& path) {
    QString error;
    if (!window.exportFigure(path, kFigureSize, 1.0, false, true, true, &error))
        qWarning("export failed: %s", qPrintable(error));
    return QImage(path).convertToFormat(QImage::Format_ARGB32);
}

long differingPixels(const QImage& a, const QImage& b) {
    if (a.size() != b.size()) return -1;
    long differing = 0;
    for (int y = 0; y < a.height(); ++y)
        for (int x = 0; x < a.width(); ++x) differing += a.pixel(x, y) != b.pixel(x, y) ? 1 : 0;
    return differing;
}

nlohmann::json documentOf(const QString& path) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) return {};
    return nlohmann::json::parse(file.readAll().toStdString());
}

bool save(MainWindow& window, const QString& path) {
    QSignalSpy saved(window.sessions(), &SessionController::sessionSaved);
    window.sessions()->saveTo(path);
    return waitFor([&] { return !saved.isEmpty(); });
}

}  // namespace

class RegressionSessionTest : public QObject {
    Q_OBJECT

  private:
    QTemporaryDir scratch_;
    QString path(const char* name) const { return scratch_.filePath(QLatin1String(name)); }

  private slots:
    void initTestCase() {
        QVERIFY(scratch_.isValid());
        moelab::test::useScratchSettings(path("settings"),
                                         QStringLiteral("test_regression_session"));
    }

    void reopeningDrawsTheSameCurvePixelForPixel() {
        const QString file = path("curve.moelab");
        auto first = openWindow(sineConfig());
        QVERIFY(first->regressionMode()->active());
        QVERIFY(waitFor([&] { return pictureOf(*first) != nullptr; }));
        QVERIFY(trainCurveFor(*first, kSavedEpoch));
        QVERIFY(save(*first, file));
        QCOMPARE(first->sessions()->currentPath(), file);
        const nlohmann::json saved = documentOf(file);
        QVERIFY(saved["kind"] == "regression");
        QVERIFY(saved["regression"]["epoch"] == kSavedEpoch);
        QCOMPARE(saved["regression"]["history"]["points"].size(), size_t(kSavedEpoch));
        // For a look at it by hand: MOELAB_KEEP_SESSION=DIR keeps a copy.
        if (const QString keep = qEnvironmentVariable("MOELAB_KEEP_SESSION"); !keep.isEmpty())
            QFile::copy(file, QDir(keep).filePath(QStringLiteral("curve.moelab")));
        const QImage before = figureOf(*first, path("before.png"));
        QVERIFY(!before.isNull());

        // Another window, showing a classification, opens the session.
        Config other;
        other.dataset.name = "moons";
        auto second = openWindow(other);
        QVERIFY(waitFor([&] { return second->lastSnapshot() != nullptr; }));
        QVERIFY(!second->regressionMode()->active());
        // Before opening it draws something else, so the comparison below can fail.
        QVERIFY(differingPixels(figureOf(*second, path("other.png")), before) != 0);
        QSignalSpy opened(second->sessions(), &SessionController::sessionOpened);
        second->sessions()->openFile(file);
        QVERIFY(waitFor([&] { return !opened.isEmpty(); }));
        QTest::qWait(300);  // the config's round to the worker and back

        // The curve view, at the saved epoch, with the saved config in the controls.
        QVERIFY(second->regressionMode()->active());
        QCOMPARE(second->centralTabs()->currentWidget(),
                 static_cast<QWidget*>(second->regressionMode()->view()));
        QCOMPARE(curveEpoch(*second), kSavedEpoch);
        QCOMPARE(second->controlPanel()->config().dataset.name, std::string("sine"));
        QCOMPARE(second->controlPanel()->config().experts, 3);
        QCOMPARE(second->controlPanel()->config().batch_size, 20);
        QCOMPARE(second->sessions()->currentPath(), file);
        const QImage after = figureOf(*second, path("after.png"));
        const long differing = differingPixels(after, before);
        QVERIFY2(differing == 0, qPrintable(QStringLiteral("%1 pixels differ (%2 and %3)")
                                                .arg(differing)
                                                .arg(path("before.png"), path("after.png"))));

        // Both go on to the same weights, optimizer and history: saved again, the same training.
        QVERIFY(trainCurveFor(*first, 23));
        QVERIFY(trainCurveFor(*second, 23));
        QVERIFY(save(*first, path("first_after.moelab")));
        QVERIFY(save(*second, path("second_after.moelab")));
        const nlohmann::json a = documentOf(path("first_after.moelab"))["regression"];
        const nlohmann::json b = documentOf(path("second_after.moelab"))["regression"];
        QVERIFY(a["epoch"] == kSavedEpoch + 23);
        QVERIFY(a["model"]["parameters"] == b["model"]["parameters"]);
        QVERIFY(a["model"]["parameters"] != saved["regression"]["model"]["parameters"]);
        QVERIFY(a == b);
        first->shutdown();
        second->shutdown();
    }

    // `moelab curve.moelab`: the session opens while the window's classification training is
    // still loading; its first snapshot, arriving later, leaves the curve view's epoch alone.
    void openingAtStartKeepsTheCurvesEpochInTheControls() {
        const QString file = path("at_start.moelab");
        {
            auto first = openWindow(sineConfig());
            QVERIFY(waitFor([&] { return pictureOf(*first) != nullptr; }));
            QVERIFY(trainCurveFor(*first, 19));
            QVERIFY(save(*first, file));
            first->shutdown();
        }
        MainWindow window;  // the default classification set
        window.setDialogsSuppressed(true);
        window.resize(kWindowSize);
        window.show();
        QSignalSpy opened(window.sessions(), &SessionController::sessionOpened);
        window.sessions()->openFile(file);
        QVERIFY(waitFor([&] { return !opened.isEmpty() && window.lastSnapshot() != nullptr; }));
        QTest::qWait(300);
        QVERIFY(window.regressionMode()->active());
        QCOMPARE(curveEpoch(window), 19L);
        auto* controls_epoch = window.findChild<QLabel*>(QStringLiteral("epochLabel"));
        auto* status_epoch = window.findChild<QLabel*>(QStringLiteral("statusEpochLabel"));
        QVERIFY(controls_epoch && status_epoch);
        QVERIFY2(controls_epoch->text().contains(QStringLiteral("19")),
                 qPrintable(controls_epoch->text()));
        QVERIFY2(status_epoch->text().contains(QStringLiteral("19")),
                 qPrintable(status_epoch->text()));
        window.shutdown();
    }

    void aDamagedRegressionSessionChangesNothing() {
        const QString good = path("good_curve.moelab");
        auto window = openWindow(sineConfig());
        QVERIFY(waitFor([&] { return pictureOf(*window) != nullptr; }));
        QVERIFY(trainCurveFor(*window, 5));
        QVERIFY(save(*window, good));
        const RegressionPicturePtr shown = pictureOf(*window);
        nlohmann::json document = documentOf(good);
        document["regression"]["model"]["parameters"].erase(0);
        const QString bad = path("bad_curve.moelab");
        {
            QFile out(bad);
            QVERIFY(out.open(QIODevice::WriteOnly));
            out.write(QByteArray::fromStdString(document.dump()));
        }
        document = documentOf(good);
        document["kind"] = "reinforcement";
        const QString unknown = path("unknown_kind.moelab");
        {
            QFile out(unknown);
            QVERIFY(out.open(QIODevice::WriteOnly));
            out.write(QByteArray::fromStdString(document.dump()));
        }
        // Loads, but the worker finds that the saved order does not fit 60 cases' split.
        document = documentOf(good);
        document["regression"]["config"]["dataset"]["cases"] = 60;
        const QString misfit = path("misfit_curve.moelab");
        {
            QFile out(misfit);
            QVERIFY(out.open(QIODevice::WriteOnly));
            out.write(QByteArray::fromStdString(document.dump()));
        }
        const std::vector<std::pair<QString, QString>> cases{
            {bad, QStringLiteral("/regression/model/parameters has 11 values, expected 12")},
            {misfit, QStringLiteral("does not fit this data set's split")},
            {unknown, QStringLiteral("/kind is \"reinforcement\"")},
        };
        for (const auto& [file, expected] : cases) {
            QSignalSpy failed(window->sessions(), &SessionController::failed);
            window->sessions()->openFile(file);
            QVERIFY(waitFor([&] { return !failed.isEmpty(); }));
            const QString message = failed.first().first().toString();
            QVERIFY2(message.contains(file) && message.contains(expected), qPrintable(message));
            QTest::qWait(200);
            QCOMPARE(pictureOf(*window), shown);  // nothing new on screen
            QCOMPARE(window->sessions()->currentPath(), good);
        }
        window->shutdown();
    }

    void theAppDrawsARegressionSessionFromTheCommandLine() {
        const QString file = path("command_line_curve.moelab");
        auto window = openWindow(sineConfig());
        QVERIFY(waitFor([&] { return pictureOf(*window) != nullptr; }));
        QVERIFY(trainCurveFor(*window, 12));
        QVERIFY(save(*window, file));
        const QImage shown = render_regression_image(*pictureOf(*window), QSize(640, 480), 1.0)
                                 .convertToFormat(QImage::Format_ARGB32);
        window->shutdown();

        const QString figure = path("command_line_curve.png");
        QProcess app;
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
        app.setProcessEnvironment(environment);
        app.start(QStringLiteral(MOELAB_APP_PATH),
                  {file, QStringLiteral("--export-figure"), figure, QStringLiteral("--figure-size"),
                   QStringLiteral("640x480")});
        QVERIFY(app.waitForFinished(kTimeoutMs));
        QVERIFY2(app.exitCode() == 0, app.readAllStandardError().constData());
        const QImage drawn = QImage(figure).convertToFormat(QImage::Format_ARGB32);
        QCOMPARE(drawn.size(), QSize(640, 480));
        // The curve at the saved epoch, as the window drew it.
        QCOMPARE(differingPixels(drawn, shown), 0L);
    }
};

QTEST_MAIN(RegressionSessionTest)
#include "test_regression_session.moc"
