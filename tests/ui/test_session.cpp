// Sessions in the real window with the real worker: a training saved and opened in a new window
// draws the same figure pixel for pixel and goes on with the same weights; a bad file changes
// nothing on screen or on disk; the recent files and the window layout persist in QSettings (a
// scratch directory here, never the user's); `moelab FILE.moelab --export-figure` draws a session.
#include <QDir>
#include <QDockWidget>
#include <QFile>
#include <QFileInfo>
#include <QImage>
#include <QProcess>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <cstring>
#include <functional>
#include <nlohmann/json.hpp>

#include "boundary_view.h"
#include "control_panel.h"
#include "drawn_data.h"
#include "io/session_file.h"
#include "main_window.h"
#include "metrics_charts.h"
#include "plane_tools.h"
#include "session_controller.h"
#include "training_worker.h"
#include "translations.h"
#include "ui_test_support.h"

using moelab::Config;
using moelab::MainWindow;
using moelab::SessionController;
using moelab::TrainingWorker;

namespace {

constexpr int timeout_ms = 60000;
const QSize window_size(1280, 720);
const QSize figure_size(1200, 800);
constexpr double kSavedSpeed = 5.0;  // epochs per second, a step of the speed slider

bool waitFor(const std::function<bool()>& condition) {
    return QTest::qWaitFor(condition, timeout_ms);
}

long shownEpoch(const MainWindow& window) {
    return window.lastSnapshot() ? window.lastSnapshot()->epoch : -1;
}

Config vowelConfig() {
    Config config;
    config.dataset.name = "vowels";
    config.experts = 3;
    config.expert_hidden = {};
    config.learning_rate = 0.5;
    config.optimizer = moelab::OptimizerType::Momentum;
    return config;
}

// A window at a projector's size, shown, with its first snapshot.
std::unique_ptr<MainWindow> openWindow(const Config& config) {
    auto window = std::make_unique<MainWindow>(config);
    window->setDialogsSuppressed(true);
    window->resize(window_size);
    window->show();
    if (!waitFor([&] { return window->lastSnapshot() != nullptr; })) return nullptr;
    return window;
}

// Lets queued snapshots arrive until none has come for a while.
void settle(MainWindow& window) {
    QSignalSpy shown(&window, &MainWindow::snapshotShown);
    do {
        shown.clear();
        QTest::qWait(400);
    } while (!shown.isEmpty());
}

bool trainFor(MainWindow& window, long epochs) {
    TrainingWorker* worker = window.worker();
    const long target = shownEpoch(window) + epochs;
    QSignalSpy reached(worker, &TrainingWorker::targetReached);
    QMetaObject::invokeMethod(
        worker, [worker, epochs] { worker->trainFor(epochs); }, Qt::QueuedConnection);
    return waitFor([&] { return !reached.isEmpty() && shownEpoch(window) >= target; });
}

QImage figureOf(MainWindow& window, const QString& path) {
    QString error;
    if (!window.exportFigure(path, figure_size, 1.0, false, true, true, &error))
        qWarning("export failed: %s", qPrintable(error));
    return QImage(path).convertToFormat(QImage::Format_ARGB32);
}

QByteArray bytesOf(const QString& path) {
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

}  // namespace

class SessionTest : public QObject {
    Q_OBJECT

  private:
    QTemporaryDir scratch_;
    QString path(const char* name) const { return scratch_.filePath(QLatin1String(name)); }

    // A window trained 12 epochs with a change of learning rate after 6 (a mark on the charts),
    // phonetic orientation, a highlighted expert and a zoomed plane; saved to `file`.
    std::unique_ptr<MainWindow> trainedAndSaved(const QString& file) {
        auto window = openWindow(vowelConfig());
        if (!window || !trainFor(*window, 6)) return nullptr;
        Config slower = window->controlPanel()->config();
        slower.learning_rate = 0.2;
        window->controlPanel()->setConfig(slower);
        window->applyConfig(slower);
        if (!trainFor(*window, 6)) return nullptr;
        moelab::BoundaryView* plane = window->boundaryView();
        plane->setPhoneticOrientation(true);
        plane->setHighlightedExpert(1);
        // A slow speed for the class to follow (the slider's default is 100 epochs a second).
        window->controlPanel()->setEpochsPerSecond(kSavedSpeed);
        const QRectF all = plane->visibleData();
        plane->setZoom(QRectF(all.x() + all.width() * 0.1, all.y() + all.height() * 0.05,
                              all.width() * 0.7, all.height() * 0.8));
        settle(*window);
        QSignalSpy saved(window->sessions(), &SessionController::sessionSaved);
        window->sessions()->saveTo(file);
        if (!waitFor([&] { return !saved.isEmpty(); })) return nullptr;
        return window;
    }

  private slots:
    void initTestCase() {
        QVERIFY(scratch_.isValid());
        moelab::test::useScratchSettings(path("settings"), QStringLiteral("test_session"));
    }

    void reopeningDrawsTheSamePicturePixelForPixel() {
        const QString file = path("lesson.moelab");
        auto first = trainedAndSaved(file);
        QVERIFY(first);
        QCOMPARE(first->sessions()->currentPath(), file);
        qInfo("a vowel session of 12 epochs: %lld bytes", QFileInfo(file).size());
        // For a look at it by hand: MOELAB_KEEP_SESSION=DIR keeps a copy.
        if (const QString keep = qEnvironmentVariable("MOELAB_KEEP_SESSION"); !keep.isEmpty())
            QFile::copy(file, QDir(keep).filePath(QStringLiteral("lesson.moelab")));
        const QImage before = figureOf(*first, path("before.png"));
        QVERIFY(!before.isNull());

        // Another window, on other data, opens the session.
        Config other;
        other.dataset.name = "moons";
        auto second = openWindow(other);
        QVERIFY(second);
        // Before opening it draws something else, so the comparison below can fail.
        QVERIFY(figureOf(*second, path("other.png")) != before);
        QSignalSpy opened(second->sessions(), &SessionController::sessionOpened);
        second->sessions()->openFile(file);
        QVERIFY(waitFor([&] { return !opened.isEmpty(); }));
        settle(*second);

        QCOMPARE(shownEpoch(*second), 12L);
        QCOMPARE(second->controlPanel()->config(), first->controlPanel()->config());
        QCOMPARE(second->controlPanel()->config().learning_rate, 0.2);
        QCOMPARE(second->charts()->knobChanges(), first->charts()->knobChanges());
        QCOMPARE(second->charts()->knobChanges().size(), size_t(1));
        QCOMPARE(second->charts()->lossCount(), first->charts()->lossCount());
        QCOMPARE(second->charts()->historySize(), first->charts()->historySize());
        QCOMPARE(second->boundaryView()->zoomRect(), first->boundaryView()->zoomRect());
        QVERIFY(second->boundaryView()->options().phonetic_orientation);
        QCOMPARE(second->boundaryView()->options().highlighted_expert, 1);
        QCOMPARE(first->controlPanel()->epochsPerSecond(), kSavedSpeed);
        QCOMPARE(second->controlPanel()->epochsPerSecond(), kSavedSpeed);
        QVERIFY(bytesOf(file).contains("\"epochs_per_second\": 5"));

        // A session written before the speed was saved opens at the default speed, whatever
        // the window ran at.
        nlohmann::json older = nlohmann::json::parse(bytesOf(file).toStdString());
        older["view"].erase("epochs_per_second");
        const QString older_file = path("without_speed.moelab");
        {
            QFile out(older_file);
            QVERIFY(out.open(QIODevice::WriteOnly));
            out.write(QByteArray::fromStdString(older.dump()));
        }
        QSignalSpy reopened(first->sessions(), &SessionController::sessionOpened);
        first->sessions()->openFile(older_file);
        QVERIFY(waitFor([&] { return !reopened.isEmpty(); }));
        QCOMPARE(first->controlPanel()->epochsPerSecond(),
                 moelab::ControlPanel::defaultEpochsPerSecond());
        QVERIFY(moelab::ControlPanel::defaultEpochsPerSecond() != kSavedSpeed);
        first->sessions()->openFile(file);  // back to the saved training for what follows
        QVERIFY(waitFor([&] { return reopened.size() == 2; }));
        QCOMPARE(first->controlPanel()->epochsPerSecond(), kSavedSpeed);

        const QImage after = figureOf(*second, path("after.png"));
        QCOMPARE(after.size(), before.size());
        long differing = 0;
        for (int y = 0; y < after.height(); ++y)
            for (int x = 0; x < after.width(); ++x)
                differing += after.pixel(x, y) != before.pixel(x, y) ? 1 : 0;
        QVERIFY2(differing == 0, qPrintable(QStringLiteral("%1 pixels differ (%2 and %3)")
                                                .arg(differing)
                                                .arg(path("before.png"), path("after.png"))));

        // The worker was given the trained state: both go on to the same weights.
        QVERIFY(trainFor(*first, 3));
        QVERIFY(trainFor(*second, 3));
        const auto& a = first->lastSnapshot()->model->parameters();
        const auto& b = second->lastSnapshot()->model->parameters();
        QCOMPARE(a.size(), b.size());
        QVERIFY(std::memcmp(a.data(), b.data(), sizeof(float) * size_t(a.size())) == 0);
        QCOMPARE(second->sessions()->recentFiles().value(0), file);
    }

    void aFailedOpenChangesNothing() {
        const QString good = path("good.moelab");
        auto window = trainedAndSaved(good);
        QVERIFY(window);
        const QImage before = figureOf(*window, path("unchanged_before.png"));
        const auto snapshot = window->lastSnapshot();
        const QByteArray text = bytesOf(good);

        // Cut short, newer, and a training that does not fit its data (four vowels, two moons).
        nlohmann::json document = nlohmann::json::parse(text.toStdString());
        document["version"] = moelab::kSessionFileVersion + 1;
        const QString newer = path("newer.moelab");
        {
            QFile out(newer);
            QVERIFY(out.open(QIODevice::WriteOnly));
            out.write(QByteArray::fromStdString(document.dump()));
        }
        document["version"] = moelab::kSessionFileVersion;
        document["view"]["figure"]["paper_style"] = "yes";
        const QString bad_view = path("bad_view.moelab");
        {
            QFile out(bad_view);
            QVERIFY(out.open(QIODevice::WriteOnly));
            out.write(QByteArray::fromStdString(document.dump()));
        }
        document["view"]["figure"]["paper_style"] = false;
        document["view"]["epochs_per_second"] = -5;
        const QString bad_speed = path("bad_speed.moelab");
        {
            QFile out(bad_speed);
            QVERIFY(out.open(QIODevice::WriteOnly));
            out.write(QByteArray::fromStdString(document.dump()));
        }
        document["view"]["epochs_per_second"] = kSavedSpeed;
        document["model"]["config"]["dataset"]["name"] = "moons";
        document["dataset"]["name"] = "moons";
        const QString misfit = path("misfit.moelab");
        {
            QFile out(misfit);
            QVERIFY(out.open(QIODevice::WriteOnly));
            out.write(QByteArray::fromStdString(document.dump()));
        }
        const QString truncated = path("truncated.moelab");
        {
            QFile out(truncated);
            QVERIFY(out.open(QIODevice::WriteOnly));
            out.write(text.left(text.size() / 3));
        }
        const std::vector<std::pair<QString, QString>> cases{
            {truncated, QStringLiteral("not complete JSON")},
            {newer, QStringLiteral("a newer MoE Lab wrote this session")},
            {misfit, QStringLiteral("does not fit")},
            {bad_view,
             QStringLiteral("/view/figure/paper_style must be true or false, not \"yes\"")},
            {bad_speed, QStringLiteral("/view/epochs_per_second must be a number of epochs per "
                                       "second from 0 (as fast as possible) to 1000000, not -5")},
        };
        for (const auto& [file, expected] : cases) {
            const QByteArray bytes = bytesOf(file);
            QSignalSpy failed(window->sessions(), &SessionController::failed);
            window->sessions()->openFile(file);
            QVERIFY(waitFor([&] { return !failed.isEmpty(); }));
            const QString message = failed.first().first().toString();
            QVERIFY2(message.contains(file) && message.contains(expected), qPrintable(message));
            settle(*window);
            QCOMPARE(window->lastSnapshot(), snapshot);  // nothing new on screen
            QCOMPARE(window->sessions()->currentPath(), good);
            QCOMPARE(bytesOf(file), bytes);  // and nothing overwritten
        }
        QCOMPARE(figureOf(*window, path("unchanged_after.png")), before);
        QCOMPARE(bytesOf(good), text);
    }

    void aMissingRecentFileIsRemovedWithAMessage() {
        auto window = openWindow(vowelConfig());
        QVERIFY(window);
        const QString gone = path("gone.moelab");
        QSettings().setValue(QStringLiteral("sessions/recent"), QStringList{gone});
        QCOMPARE(window->sessions()->recentFiles(), QStringList{gone});
        QSignalSpy failed(window->sessions(), &SessionController::failed);
        window->sessions()->openFile(gone);
        QCOMPARE(failed.size(), 1);
        QVERIFY(failed.first().first().toString().contains(QStringLiteral("no longer exists")));
        QVERIFY(window->sessions()->recentFiles().isEmpty());
    }

    void theWindowLayoutPersists() {
        QByteArray state;
        {
            auto window = openWindow(vowelConfig());
            QVERIFY(window);
            window->restoreLayout();
            auto* charts = window->findChild<QDockWidget*>(QStringLiteral("charts"));
            QVERIFY(charts && !charts->isHidden());
            charts->hide();
            window->resize(1100, 700);
            state = window->saveState();
            window->close();
        }
        auto window = std::make_unique<MainWindow>(vowelConfig());
        window->setDialogsSuppressed(true);
        window->restoreLayout();
        window->show();
        QVERIFY(window->findChild<QDockWidget*>(QStringLiteral("charts"))->isHidden());
        QCOMPARE(window->size(), QSize(1100, 700));
        // A window that does not ask for the layout (tests, headless runs) keeps the default.
        auto fresh = openWindow(vowelConfig());
        QVERIFY(!fresh->findChild<QDockWidget*>(QStringLiteral("charts"))->isHidden());
    }

    // A drawing edited while it trains is one training: saved and opened again, the session
    // keeps the drawn points, the epochs before and after the edit, and the edit's mark.
    void aDrawingEditedWhileTrainingSavesAsOneTraining() {
        auto window = openWindow(vowelConfig());
        QVERIFY(window);
        moelab::PlaneTools* tools = window->planeTools();
        QString error;
        QVERIFY2(tools->startDrawing(false, 2, &error), qPrintable(error));
        moelab::DrawnData* drawn = tools->drawnData();
        for (int i = 0; i < 10; ++i) {
            drawn->add({400.0 + 10 * i, 1000.0 + 30 * i, 0});
            drawn->add({900.0 + 10 * i, 2000.0 + 30 * i, 1});
        }
        QVERIFY(waitFor([&] { return window->lastSnapshot()->dataset->size() == 20; }));
        QVERIFY(trainFor(*window, 10));
        drawn->add({650, 1500, 0});
        QVERIFY(waitFor([&] { return window->lastSnapshot()->dataset->size() == 21; }));
        QVERIFY(trainFor(*window, 5));
        settle(*window);
        QCOMPARE(shownEpoch(*window), 15L);
        const std::vector<moelab::KnobChange> marks = window->charts()->knobChanges();
        QCOMPARE(marks.size(), size_t(1));
        QCOMPARE(marks[0].epoch, 10L);
        QCOMPARE(marks[0].label, QStringLiteral("drawing edited"));

        const QString file = path("drawing.moelab");
        QSignalSpy saved(window->sessions(), &SessionController::sessionSaved);
        window->sessions()->saveTo(file);
        QVERIFY(waitFor([&] { return !saved.isEmpty(); }));
        auto second = openWindow(vowelConfig());
        QVERIFY(second);
        QSignalSpy opened(second->sessions(), &SessionController::sessionOpened);
        second->sessions()->openFile(file);
        QVERIFY(waitFor([&] { return !opened.isEmpty(); }));
        settle(*second);
        QCOMPARE(shownEpoch(*second), 15L);
        QCOMPARE(second->lastSnapshot()->dataset->name, std::string(moelab::kDrawnDatasetName));
        QCOMPARE(second->lastSnapshot()->dataset->size(), 21);
        QCOMPARE(second->charts()->knobChanges(), marks);
        QCOMPARE(second->charts()->lossCount(), window->charts()->lossCount());
        QCOMPARE(second->charts()->lossCount(), 15L);
    }

    // A session saved in English opens with its marks worded in Chinese, from the configs on
    // either side of each change. (It switches the test's language; the test after it does not
    // depend on the language.)
    void theMarksSpeakTheReadersLanguage() {
        const QString file = path("english.moelab");
        QVERIFY(trainedAndSaved(file));
        QCOMPARE(moelab::installTranslators(*QCoreApplication::instance(), QStringLiteral("zh_CN")),
                 QStringLiteral("zh_CN"));
        auto window = openWindow(vowelConfig());
        QVERIFY(window);
        QSignalSpy opened(window->sessions(), &SessionController::sessionOpened);
        window->sessions()->openFile(file);
        QVERIFY(waitFor([&] { return !opened.isEmpty(); }));
        settle(*window);
        QCOMPARE(window->charts()->knobChanges().size(), size_t(1));
        Config slower = vowelConfig();
        slower.learning_rate = 0.2;
        QCOMPARE(window->charts()->knobChanges()[0].label,
                 TrainingWorker::changeLabel(vowelConfig(), slower));
        QVERIFY2(window->charts()->knobChanges()[0].label.startsWith(QStringLiteral("学习率")),
                 qPrintable(window->charts()->knobChanges()[0].label));
        QVERIFY(bytesOf(file).contains("Learning rate 0.2"));  // as the English window wrote it
    }

    void theAppDrawsASessionFromTheCommandLine() {
        const QString file = path("command_line.moelab");
        QVERIFY(trainedAndSaved(file));
        const QString figure = path("command_line.png");
        QProcess app;
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
        app.setProcessEnvironment(environment);
        app.start(QStringLiteral(MOELAB_APP_PATH),
                  {file, QStringLiteral("--export-figure"), figure, QStringLiteral("--figure-size"),
                   QStringLiteral("640x480")});
        QVERIFY(app.waitForFinished(timeout_ms));
        QCOMPARE(app.exitCode(), 0);
        const QImage image(figure);
        QCOMPARE(image.size(), QSize(640, 480));
        // The session's zoomed window of the vowels in colour: many colours, not a blank page.
        QSet<QRgb> colours;
        for (int y = 0; y < image.height(); y += 4)
            for (int x = 0; x < image.width(); x += 4) colours.insert(image.pixel(x, y));
        QVERIFY(colours.size() > 20);

        // The whole window with the session open.
        const QString shot = path("command_line_window.png");
        app.start(QStringLiteral(MOELAB_APP_PATH),
                  {file, QStringLiteral("--screenshot"), shot, QStringLiteral("--figure-size"),
                   QStringLiteral("1280x720")});
        QVERIFY(app.waitForFinished(timeout_ms));
        QVERIFY2(app.exitCode() == 0, app.readAllStandardError().constData());
        QCOMPARE(QImage(shot).size(), QSize(1280, 720));

        const QString broken = path("broken.moelab");
        {
            QFile out(broken);
            QVERIFY(out.open(QIODevice::WriteOnly));
            out.write("{\"format\": \"moelab-session\", \"version\": 1,");
        }
        app.start(QStringLiteral(MOELAB_APP_PATH),
                  {broken, QStringLiteral("--export-figure"), path("never.png")});
        QVERIFY(app.waitForFinished(timeout_ms));
        QCOMPARE(app.exitCode(), 1);
        const QString error = QString::fromUtf8(app.readAllStandardError());
        QVERIFY2(error.contains(broken) && error.contains(QStringLiteral("not complete JSON")),
                 qPrintable(error));
        QVERIFY(!QFile::exists(path("never.png")));
    }
};

QTEST_MAIN(SessionTest)
#include "test_session.moc"
