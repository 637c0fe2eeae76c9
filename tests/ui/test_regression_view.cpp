// The regression mode of the main window, offscreen, with the real regression worker on its
// thread: a regression set shows the curve view instead of the plane, the controls drive its
// training, the figure exports, and choosing a classification set goes back to the plane. The
// figure itself: an expert's line is solid where its gate weight is above 1/2 and faint elsewhere.
#include <QAction>
#include <QComboBox>
#include <QDockWidget>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QPushButton>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <cmath>

#include "app_options.h"
#include "boundary_view.h"
#include "control_panel.h"
#include "expert_colors.h"
#include "main_window.h"
#include "regression_figure.h"
#include "regression_mode.h"
#include "scenario_panel.h"
#include "session_controller.h"

using namespace moelab;

namespace {

constexpr int kTimeoutMs = 30000;

Config regression_config(LossType loss) {
    Config config;
    config.dataset.name = "piecewise-linear";
    config.dataset.noise = 0.02;
    config.experts = 2;
    config.loss = loss;
    config.epochs = 300;
    return config;
}

// The colour distance of two pixels (sum of channel differences).
int distance(QColor a, QColor b) {
    return std::abs(a.red() - b.red()) + std::abs(a.green() - b.green()) +
           std::abs(a.blue() - b.blue());
}

}  // namespace

class RegressionViewTest : public QObject {
    Q_OBJECT
  private slots:
    void regressionSetShowsTheCurveAndTrainsThere() {
        MainWindow window(regression_config(LossType::CompetitiveLog));
        window.setDialogsSuppressed(true);
        window.resize(1280, 720);
        window.show();
        RegressionMode* mode = window.regressionMode();
        QVERIFY(mode->active());
        auto* tabs = window.findChild<QTabWidget*>(QStringLiteral("centralTabs"));
        QVERIFY(tabs);
        QCOMPARE(tabs->currentWidget(), static_cast<QWidget*>(mode->view()));
        // The first picture arrives from the worker's thread.
        QTRY_VERIFY_WITH_TIMEOUT(mode->view()->picture() != nullptr, kTimeoutMs);
        QCOMPARE(mode->view()->picture()->metrics.epoch, 0L);

        // Play trains the regression, pause stops it.
        auto* play = window.findChild<QPushButton*>(QStringLiteral("playButton"));
        QVERIFY(play);
        play->click();
        QTRY_VERIFY_WITH_TIMEOUT(mode->view()->picture()->metrics.epoch > 50, kTimeoutMs);
        play->click();
        QTRY_VERIFY_WITH_TIMEOUT(!mode->view()->picture()->running, kTimeoutMs);
        const RegressionPicture& picture = *mode->view()->picture();
        QCOMPARE(picture.x.size(), picture.y.size());
        QCOMPARE(int(picture.curve.gate.cols()), 2);
        QVERIFY(std::isfinite(picture.metrics.train_rmse));
        QVERIFY(picture.metrics.train_rmse < 0.3);

        // The figure exports as a PNG of the size asked for, with the experts' colours in it.
        QTemporaryDir directory;
        const QString path = directory.filePath(QStringLiteral("curve.png"));
        QString error;
        QVERIFY2(window.exportFigure(path, QSize(800, 500), 1.0, false, false, false, &error),
                 qPrintable(error));
        const QImage image(path);
        QCOMPARE(image.size(), QSize(800, 500));
        int coloured = 0;
        const QColor expert = expertColor(1).darker(115);
        for (int y = 0; y < image.height(); y += 2)
            for (int x = 0; x < image.width(); x += 2)
                coloured += distance(image.pixelColor(x, y), expert) < 40;
        QVERIFY2(coloured > 50, qPrintable(QString::number(coloured)));
        window.shutdown();
    }

    void classificationSetGoesBackToThePlane() {
        MainWindow window(regression_config(LossType::Cooperative));
        window.setDialogsSuppressed(true);
        window.show();
        RegressionMode* mode = window.regressionMode();
        QVERIFY(mode->active());
        // The panels of the classification training are hidden meanwhile, and come back.
        auto* charts = window.findChild<QDockWidget*>(QStringLiteral("charts"));
        QVERIFY(charts && charts->isHidden());
        auto* datasets = window.findChild<QComboBox*>(QStringLiteral("knob_dataset_name"));
        QVERIFY(datasets);
        datasets->setCurrentIndex(datasets->findData(QStringLiteral("blobs")));
        QVERIFY(!mode->active());
        auto* tabs = window.findChild<QTabWidget*>(QStringLiteral("centralTabs"));
        QCOMPARE(tabs->currentWidget(), static_cast<QWidget*>(window.boundaryView()));
        QVERIFY(!charts->isHidden());
        datasets->setCurrentIndex(datasets->findData(QStringLiteral("sine")));
        QVERIFY(mode->active());
        QCOMPARE(tabs->currentWidget(), static_cast<QWidget*>(mode->view()));
        QTRY_VERIFY_WITH_TIMEOUT(
            mode->view()->picture() && mode->view()->picture()->dataset == QStringLiteral("sine"),
            kTimeoutMs);
        window.shutdown();
    }

    void regressionScenarioOpensTheCurveWithItsExplanation() {
        Config config;
        config.dataset.name = "vowels";
        MainWindow window(config);
        window.setDialogsSuppressed(true);
        window.resize(1280, 720);
        window.show();
        auto* action = window.findChild<QAction*>(QStringLiteral("scenario_local-linear-experts"));
        QVERIFY(action);
        action->trigger();
        RegressionMode* mode = window.regressionMode();
        QVERIFY(mode->active());
        QTRY_VERIFY_WITH_TIMEOUT(
            mode->view()->picture() &&
                mode->view()->picture()->dataset == QStringLiteral("piecewise-linear") &&
                mode->view()->picture()->loss == LossType::Cooperative,
            kTimeoutMs);
        QCOMPARE(int(mode->view()->picture()->curve.gate.cols()), 2);
        auto* dock = window.findChild<QDockWidget*>(QStringLiteral("scenario"));
        QVERIFY(dock && dock->isVisible());
        QVERIFY(window.scenarioPanel()->text().contains(QStringLiteral("eq. 3")));
        window.shutdown();
    }

    // The speed control paces the regression as it paces the classification: at 100 epochs a
    // second, a third of a second of play is tens of epochs, not the thousands the machine could
    // do. (An upper bound only: a slow machine gives fewer.)
    void playFollowsTheSpeedControl() {
        MainWindow window(regression_config(LossType::CompetitiveLog));
        window.setDialogsSuppressed(true);
        window.show();
        RegressionMode* mode = window.regressionMode();
        QTRY_VERIFY_WITH_TIMEOUT(mode->view()->picture() != nullptr, kTimeoutMs);
        QCOMPARE(window.controlPanel()->epochsPerSecond(), 100.0);
        auto* play = window.findChild<QPushButton*>(QStringLiteral("playButton"));
        QElapsedTimer clock;
        clock.start();
        play->click();
        QTest::qWait(300);
        play->click();
        QTRY_VERIFY_WITH_TIMEOUT(!mode->view()->picture()->running, kTimeoutMs);
        const double seconds = clock.elapsed() / 1000.0;
        const long epoch = mode->view()->picture()->metrics.epoch;
        QVERIFY2(epoch <= long(100 * seconds) + 20,
                 qPrintable(QStringLiteral("%1 epochs in %2 s").arg(epoch).arg(seconds)));
        window.shutdown();
    }

    // Sessions of the curve view in full: tests/ui/test_regression_session.cpp.
    void savingASessionInTheCurveViewWritesTheRegression() {
        MainWindow window(regression_config(LossType::CompetitiveLog));
        window.setDialogsSuppressed(true);
        QVERIFY(window.regressionMode()->active());
        QTRY_VERIFY_WITH_TIMEOUT(window.regressionMode()->view()->picture() != nullptr, kTimeoutMs);
        QTemporaryDir directory;
        const QString path = directory.filePath(QStringLiteral("lesson.moelab"));
        QSignalSpy saved(window.sessions(), &SessionController::sessionSaved);
        QSignalSpy failed(window.sessions(), &SessionController::failed);
        window.sessions()->saveTo(path);
        QTRY_VERIFY_WITH_TIMEOUT(!saved.isEmpty(), kTimeoutMs);
        QCOMPARE(failed.count(), 0);
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QVERIFY(file.readAll().contains("\"kind\": \"regression\""));
        window.shutdown();
    }

    void compareWithARegressionSetIsRefusedByName() {
        try {
            parse_app_arguments({QStringLiteral("moelab"), QStringLiteral("--dataset"),
                                 QStringLiteral("sine"), QStringLiteral("--compare"),
                                 QStringLiteral("cooperative,competitive-log")});
            QFAIL("expected AppUsageError");
        } catch (const AppUsageError& error) {
            QVERIFY2(QString::fromUtf8(error.what()).contains(QStringLiteral("sine")),
                     error.what());
            QVERIFY2(QString::fromUtf8(error.what()).contains(QStringLiteral("regression")),
                     error.what());
        }
    }

    // Two lines crossing at x = 0, the gate giving expert 0 the left half: on the left expert 0's
    // line is drawn solid in its colour, on the right only faintly.
    void expertLineIsSolidOnlyWhereItsGateWeightIsAboveHalf() {
        RegressionPicture picture;
        const int points = 201;
        picture.curve.outputs.resize(points, 2);
        picture.curve.gate.resize(points, 2);
        for (int k = 0; k < points; ++k) {
            const double x = -1.0 + 2.0 * k / (points - 1);
            picture.curve.x.push_back(x);
            picture.curve.outputs(k, 0) = -x;
            picture.curve.outputs(k, 1) = x;
            const double p0 = 1.0 / (1.0 + std::exp(20 * x));
            picture.curve.gate(k, 0) = p0;
            picture.curve.gate(k, 1) = 1 - p0;
            picture.curve.mixture.push_back(p0 * -x + (1 - p0) * x);
        }
        picture.x = {-1.0, 1.0};
        picture.y = {1.0, 1.0};
        picture.is_test = {false, false};
        picture.dataset = QStringLiteral("piecewise-linear");
        const QImage image = render_regression_image(picture, QSize(1000, 700), 1.0);
        const QColor solid = expertColor(0).darker(115);
        // Search a column on each side for expert 0's solid colour, in the curve panel (the
        // upper part; the gate strip below draws p_0 in the same colour everywhere).
        auto has_solid = [&](int column) {
            for (int y = 0; y < image.height() * 6 / 10; ++y)
                if (distance(image.pixelColor(column, y), solid) < 30) return true;
            return false;
        };
        QVERIFY(has_solid(image.width() * 3 / 10));   // x < 0: the gate's choice
        QVERIFY(!has_solid(image.width() * 8 / 10));  // x > 0: faint only
    }
};

QTEST_MAIN(RegressionViewTest)
#include "test_regression_view.moc"
