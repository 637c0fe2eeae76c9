// A seeded storm of what a class does to the app, on the real window and the real training worker
// on its own thread: knob changes (loss, experts, K, learning rate, data set among vowels, xor and
// spiral), play, pause, step, reset, figure and CSV exports, and windows closed while they train.
// Its purpose is to give the sanitizers (scripts/sanitize.sh: ThreadSanitizer, AddressSanitizer +
// UBSan) every path between the two threads to watch; on its own it checks that the window ends in
// the state the last messages asked for. The normal suite runs a short storm;
// MOELAB_STRESS_ACTIONS and MOELAB_STRESS_WINDOWS make it longer, MOELAB_STRESS_SEED another one.
#include <QFileInfo>
#include <QImage>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>
#include <array>
#include <memory>

#include "compare_view.h"
#include "control_panel.h"
#include "main_window.h"
#include "metrics_charts.h"
#include "thread_handoff.h"
#include "training_worker.h"
#include "worker_probe.h"

using moelab::CompareView;
using moelab::Config;
using moelab::LossType;
using moelab::MainWindow;
using moelab::TrainingWorker;

namespace {

constexpr int worker_timeout_ms = 60000;

int fromEnvironment(const char* name, int fallback) {
    bool ok = false;
    const int value = qEnvironmentVariableIntValue(name, &ok);
    return ok && value > 0 ? value : fallback;
}

using moelab::test::WorkerProbe;

// A small, quick training: what the storm changes starts from here.
Config startingConfig() {
    Config config;
    config.dataset.name = "vowels";
    config.experts = 3;
    config.learning_rate = 0.1;
    config.threads = 2;
    return config;
}

// One random knob change that keeps the config valid (K <= N).
Config randomChange(Config config, QRandomGenerator& random) {
    static const std::array<const char*, 3> datasets{"vowels", "xor", "spiral"};
    static const std::array<moelab::LossType, 4> losses{
        moelab::LossType::Cooperative, moelab::LossType::Competitive,
        moelab::LossType::CompetitiveLog, moelab::LossType::MixtureNll};
    static const std::array<double, 5> rates{0.01, 0.05, 0.1, 0.3, 1.0};
    switch (random.bounded(5)) {
        case 0:
            config.loss = losses[random.bounded(int(losses.size()))];
            break;
        case 1:
            config.experts = 1 + random.bounded(6);
            config.top_k = std::min(config.top_k, config.experts);
            break;
        case 2:
            config.top_k = random.bounded(config.experts + 1);  // 0: all N
            break;
        case 3:
            config.learning_rate = rates[random.bounded(int(rates.size()))];
            break;
        default: {
            const std::string name = datasets[random.bounded(int(datasets.size()))];
            config.dataset = {};
            config.dataset.name = name;
            break;
        }
    }
    return config;
}

bool waitUntilApplied(const WorkerProbe& probe, int count, const Config& expected) {
    return QTest::qWaitFor(
        [&] {
            return probe.applied_count >= count && probe.applied.dataset == expected.dataset &&
                   probe.applied.experts == expected.experts &&
                   probe.applied.top_k == expected.top_k && probe.applied.loss == expected.loss &&
                   probe.applied.learning_rate == expected.learning_rate;
        },
        worker_timeout_ms);
}

}  // namespace

class WorkerStressTest : public QObject {
    Q_OBJECT
  private slots:
    void initTestCase() {
        // Under ThreadSanitizer, Qt's queued calls become visible to it (thread_handoff.h).
        moelab::thread_handoff::install();
        seed_ = static_cast<quint32>(fromEnvironment("MOELAB_STRESS_SEED", 20261127));
        actions_ = fromEnvironment("MOELAB_STRESS_ACTIONS", 40);
        windows_ = fromEnvironment("MOELAB_STRESS_WINDOWS", 3);
        qInfo("stress: seed %u, %d actions, %d windows closed while training", seed_, actions_,
              windows_);
    }

    // Random actions on one window; at the end its worker holds the last config sent, trains when
    // told to play, and the exports it was asked for are real pictures.
    void randomActionsEndInTheStateAskedFor() {
        QRandomGenerator random(seed_);
        QTemporaryDir folder;
        QVERIFY(folder.isValid());
        Config config = startingConfig();
        MainWindow window(config);
        window.setDialogsSuppressed(true);
        window.resize(1280, 720);
        window.show();
        WorkerProbe probe(window.worker());
        QVERIFY(
            QTest::qWaitFor([&] { return window.lastSnapshot() != nullptr; }, worker_timeout_ms));
        moelab::ControlPanel* controls = window.controlPanel();

        int sent = 0, exports = 0;
        for (int action = 0; action < actions_; ++action) {
            switch (random.bounded(8)) {
                case 0:
                case 1:
                case 2:
                    config = randomChange(config, random);
                    window.applyConfig(config);
                    ++sent;
                    break;
                case 3:
                    emit controls->playToggled(true);
                    break;
                case 4:
                    emit controls->playToggled(false);
                    break;
                case 5:
                    emit controls->stepRequested();
                    break;
                case 6:
                    emit controls->resetRequested();
                    break;
                default: {
                    // A figure of whatever the window shows now, mid-training or not.
                    const QString path =
                        folder.filePath(QStringLiteral("figure-%1.png").arg(action));
                    QString error;
                    QVERIFY2(
                        window.exportFigure(path, QSize(640, 480), 1.0, random.bounded(2) == 0,
                                            random.bounded(2) == 0, random.bounded(2) == 0, &error),
                        qPrintable(error));
                    const QImage image(path);
                    QVERIFY2(!image.isNull(), qPrintable(path));
                    QVERIFY(image.width() >= 640 && image.height() >= 480);
                    QString csv_error;
                    const QString csv =
                        folder.filePath(QStringLiteral("metrics-%1.csv").arg(action));
                    QVERIFY2(window.charts()->exportCsv(csv, &csv_error), qPrintable(csv_error));
                    QVERIFY(QFileInfo(csv).size() > 0);
                    ++exports;
                    break;
                }
            }
            // Sometimes let the worker run a little, sometimes send the next message at once.
            QTest::qWait(static_cast<int>(random.bounded(30)));
        }
        qInfo("stress: %d config changes, %d exports", sent, exports);

        // The last config sent is the one in effect, and the training still moves.
        QVERIFY(waitUntilApplied(probe, sent, config));
        emit controls->playToggled(true);
        QVERIFY(QTest::qWaitFor([&] { return probe.running; }, worker_timeout_ms));
        const long before = window.lastSnapshot()->epoch;
        QVERIFY(QTest::qWaitFor([&] { return window.lastSnapshot()->epoch > before + 5; },
                                worker_timeout_ms));
        QCOMPARE(window.lastSnapshot()->config.dataset, config.dataset);
        QCOMPARE(window.lastSnapshot()->config.experts, config.experts);
        // Closing while it trains stops the thread.
        QVERIFY(window.close());
        QVERIFY(window.worker() == nullptr);
    }

    // Windows closed at a random moment of a training, with messages still queued for the worker:
    // each closes at once and leaves nothing running.
    void closingWhileTrainingStopsCleanly() {
        QRandomGenerator random(seed_ + 1);
        for (int i = 0; i < windows_; ++i) {
            Config config = randomChange(startingConfig(), random);
            auto window = std::make_unique<MainWindow>(config);
            window->setDialogsSuppressed(true);
            window->resize(800, 600);
            window->show();
            WorkerProbe probe(window->worker());
            emit window->controlPanel()->playToggled(true);
            QVERIFY(QTest::qWaitFor([&] { return probe.running; }, worker_timeout_ms));
            QTest::qWait(static_cast<int>(random.bounded(200)));
            // Messages the worker will never get to.
            for (int j = 0; j < 5; ++j) window->applyConfig(randomChange(config, random));
            emit window->controlPanel()->stepRequested();
            QVERIFY(window->close());
            QVERIFY(window->worker() == nullptr);
            window.reset();
        }
    }

    // Compare mode: four panes, each with its own worker, driven together through play, speed,
    // step and reset, then closed while they train.
    void compareModeWithFourWorkers() {
        QRandomGenerator random(seed_ + 2);
        for (int i = 0; i < std::max(1, windows_ / 2); ++i) {
            std::vector<Config> panes;
            const Config base = randomChange(startingConfig(), random);
            for (LossType loss : {LossType::Cooperative, LossType::Competitive,
                                  LossType::CompetitiveLog, LossType::MixtureNll}) {
                Config pane = base;
                pane.loss = loss;
                panes.push_back(pane);
            }
            auto view = std::make_unique<CompareView>(panes);
            view->resize(900, 700);
            view->show();
            QCOMPARE(view->panes().size(), size_t(4));
            for (int j = 0; j < 6; ++j) {
                switch (random.bounded(5)) {
                    case 0:
                        view->play();
                        break;
                    case 1:
                        view->pause();
                        break;
                    case 2:
                        view->step();
                        break;
                    case 3:
                        view->reset();
                        break;
                    default:
                        view->setSpeed(random.bounded(2) ? 0.0 : 200.0);
                        break;
                }
                QTest::qWait(static_cast<int>(random.bounded(150)));
            }
            view->play();
            QTest::qWait(static_cast<int>(random.bounded(200)));
            QVERIFY(view->close());
            view.reset();
        }
    }

  private:
    quint32 seed_ = 0;
    int actions_ = 0;
    int windows_ = 0;
};

QTEST_MAIN(WorkerStressTest)
#include "test_worker_stress.moc"
