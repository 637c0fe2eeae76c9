// The whole window, offscreen, with the real training worker on its thread: every control of the
// knob table reaches the worker, play/step/reset move the epoch counter, figures export, and a
// storm of slider moves during training leaves a consistent state.
#include <QCheckBox>
#include <QComboBox>
#include <QDockWidget>
#include <QDoubleSpinBox>
#include <QImage>
#include <QLabel>
#include <QPushButton>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QSlider>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QTest>
#include <functional>
#include <map>

#include "boundary_view.h"
#include "control_panel.h"
#include "expert_gallery.h"
#include "figure_export.h"
#include "main_window.h"
#include "metrics_charts.h"
#include "training/knobs.h"
#include "training_worker.h"
#include "worker_probe.h"

using moelab::Config;
using moelab::ControlPanel;
using moelab::MainWindow;
using moelab::TrainingWorker;

namespace {

constexpr int worker_timeout_ms = 30000;

using moelab::test::WorkerProbe;

// A small, quick training to start from: the paper's vowels, four linear experts.
Config quickConfig() {
    Config config;
    config.dataset.name = "vowels";
    config.experts = config.top_k = 4;
    config.learning_rate = 0.5;
    return config;
}

template <typename T>
T* child(MainWindow& window, const char* name) {
    auto* widget = window.controlPanel()->findChild<T*>(QLatin1String(name));
    if (!widget) qFatal("no control %s", name);
    return widget;
}

bool waitFor(const std::function<bool()>& condition, int timeout_ms = worker_timeout_ms) {
    return QTest::qWaitFor(condition, timeout_ms);
}

long shownEpoch(const MainWindow& window) {
    return window.lastSnapshot() ? window.lastSnapshot()->epoch : -1;
}

// Trains from fresh weights for `epochs` epochs as fast as possible and waits for the snapshot.
bool trainFromScratch(MainWindow& window, WorkerProbe& probe, long epochs) {
    child<QPushButton>(window, "resetButton")->click();
    if (!waitFor([&] { return shownEpoch(window) == 0; })) return false;
    probe.reached = -1;
    QMetaObject::invokeMethod(
        window.worker(), [w = window.worker(), epochs] { w->trainFor(epochs); },
        Qt::QueuedConnection);
    return waitFor([&] { return probe.reached >= epochs && shownEpoch(window) >= epochs; });
}

// Moves a control to another value as a person would: a step of a slider or a spin box, the next
// item of a combo box (not "Open CSV...", which opens a dialog).
void moveControl(QWidget* control) {
    if (auto* slider = qobject_cast<QSlider*>(control)) {
        slider->setValue(slider->value() > slider->minimum() ? slider->value() - 1
                                                             : slider->value() + 1);
    } else if (auto* spin = qobject_cast<QAbstractSpinBox*>(control)) {
        spin->stepBy(1);
    } else if (auto* check = qobject_cast<QCheckBox*>(control)) {
        check->click();
    } else if (auto* combo = qobject_cast<QComboBox*>(control)) {
        for (int step = 1; step < combo->count(); ++step) {
            const int index = (combo->currentIndex() + step) % combo->count();
            const QVariant data = combo->itemData(index);
            if (combo->itemText(index).isEmpty()) continue;  // a separator
            if (data.typeId() == QMetaType::QString && data.toString().startsWith(QChar(1)))
                continue;  // "Open CSV..."
            combo->setCurrentIndex(index);
            return;
        }
    } else {
        qFatal("no way to move %s", qPrintable(control->objectName()));
    }
}

int distinctColours(const QImage& image) {
    QSet<QRgb> colours;
    for (int y = 0; y < image.height(); y += 3)
        for (int x = 0; x < image.width(); x += 3) colours.insert(image.pixel(x, y));
    return static_cast<int>(colours.size());
}

}  // namespace

class MainWindowTest : public QObject {
    Q_OBJECT

  private slots:
    void windowOpensAndShowsATraining() {
        MainWindow window(quickConfig());
        window.setDialogsSuppressed(true);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QVERIFY(waitFor([&] { return window.lastSnapshot() != nullptr; }));
        QVERIFY(window.controlPanel());
        QVERIFY(window.gallery());
        QVERIFY(window.charts());
        QVERIFY(window.boundaryView());
        QVERIFY(waitFor([&] { return window.gallery()->expertCount() == 4; }));
    }

    // (b) Every control the table puts in the panel reaches the worker: moved to another value as
    // a person would move it, the worker reports a config with that value.
    void everyControlReachesTheWorker() {
        MainWindow window(quickConfig());
        window.setDialogsSuppressed(true);
        window.show();
        // The probe connects after the window queued its first config, so it may miss that one;
        // each step below waits for its own change instead.
        WorkerProbe probe(window.worker());
        ControlPanel* panel = window.controlPanel();
        panel->setAdvancedExpanded(true);

        // The knobs the panel does not show, each with its reason; nothing is left out silently.
        const std::map<std::string, QString, std::less<>> not_in_panel{
            {"epochs",
             "the window trains until paused; --epochs sets the length of a "
             "--screenshot or --export-figure run"},
            {"dataset.seed",
             "the Seed control sets it together with the weights' seed (checked "
             "below with seed)"},
            {"dataset.label_column",
             "Open CSV... takes the last column as the label; --label "
             "sets another from the command line"},
        };
        for (const auto& [key, reason] : not_in_panel) {
            QVERIFY2(moelab::find_knob(key), key.c_str());
            QCOMPARE(moelab::knob(key).panel, moelab::PanelPlace::Hidden);
            QVERIFY(!reason.isEmpty());
        }

        for (const moelab::Knob& knob : moelab::knobs()) {
            if (knob.panel == moelab::PanelPlace::Hidden) {
                QVERIFY2(not_in_panel.contains(knob.key), knob.key.data());
                continue;
            }
            QWidget* control = panel->controlFor(knob.key);
            QVERIFY2(control, knob.key.data());
            QCOMPARE(control->objectName(), ControlPanel::objectNameFor(knob.key));
            const moelab::KnobValue before = knob.get(panel->config());
            moveControl(control);
            const moelab::KnobValue moved = knob.get(panel->config());
            QVERIFY2(moved != before, knob.key.data());
            QVERIFY2(waitFor([&] { return knob.get(probe.applied) == moved; }), knob.key.data());
            if (knob.key == "seed") {
                QCOMPARE(probe.applied.dataset.seed, probe.applied.seed);
                QCOMPARE(probe.applied.dataset.seed, std::get<std::uint64_t>(moved));
            }
        }
        QCOMPARE(probe.applied, panel->config());
        // The shape changes reached the model too.
        QVERIFY(waitFor([&] {
            const auto snapshot = window.lastSnapshot();
            return snapshot && snapshot->config == panel->config();
        }));
        QCOMPARE(window.lastSnapshot()->model->spec().experts, panel->config().experts);
        QCOMPARE(window.lastSnapshot()->model->spec().expert_hidden, panel->config().expert_hidden);
    }

    void playStepAndReset() {
        MainWindow window(quickConfig());
        window.setDialogsSuppressed(true);
        window.show();
        WorkerProbe probe(window.worker());
        auto* epoch_label = child<QLabel>(window, "epochLabel");
        QVERIFY(waitFor([&] { return shownEpoch(window) == 0; }));

        child<QPushButton>(window, "stepButton")->click();
        QVERIFY(waitFor([&] { return shownEpoch(window) == 1; }));
        QVERIFY2(epoch_label->text().contains(QStringLiteral("1")),
                 qPrintable(epoch_label->text()));
        child<QPushButton>(window, "stepButton")->click();
        QVERIFY(waitFor([&] { return shownEpoch(window) == 2; }));

        auto* speed = child<QSlider>(window, "speedSlider");
        speed->setValue(speed->maximum());  // as fast as possible
        child<QPushButton>(window, "playButton")->click();
        QVERIFY(waitFor([&] { return probe.running; }));
        QVERIFY(waitFor([&] { return shownEpoch(window) > 50; }));
        child<QPushButton>(window, "playButton")->click();
        QVERIFY(waitFor([&] { return !probe.running; }));
        QVERIFY(!window.controlPanel()->isRunning());
        // The loss of every epoch, and full metrics on a schedule (at least those of the pause).
        QVERIFY(waitFor([&] { return window.charts()->lossCount() == shownEpoch(window); }));
        QVERIFY(window.charts()->lossCount() > 50);
        QVERIFY(window.charts()->historySize() >= 1);

        child<QPushButton>(window, "resetButton")->click();
        QVERIFY(waitFor([&] { return shownEpoch(window) == 0; }));
        QVERIFY(epoch_label->text().contains(QStringLiteral("0")));
        QCOMPARE(window.charts()->lossCount(), 0L);
        QVERIFY(window.charts()->historySize() <= 1);  // at most the metrics of epoch 0
    }

    void thePlaneIsTheLargestThingAt1280x720() {
        MainWindow window(quickConfig());
        window.setDialogsSuppressed(true);
        window.resize(1280, 720);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QVERIFY(waitFor([&] { return window.lastSnapshot() != nullptr; }));
        const int plane = window.boundaryView()->width();
        QVERIFY2(plane >= 1280 * 2 / 5, qPrintable(QString::number(plane)));
        for (QDockWidget* dock : window.findChildren<QDockWidget*>())
            if (dock->isVisible())
                QVERIFY2(plane > dock->width(),
                         qPrintable(QStringLiteral("%1 is %2 px, the plane %3")
                                        .arg(dock->windowTitle())
                                        .arg(dock->width())
                                        .arg(plane)));
    }

    void keyboardDrivesTheTrainingWithThePanelsClosed() {
        // Space plays and pauses, Right steps, R resets: from the plane, and with every side
        // panel closed (a presenter's layout).
        MainWindow window(quickConfig());
        window.setDialogsSuppressed(true);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        WorkerProbe probe(window.worker());
        QVERIFY(waitFor([&] { return shownEpoch(window) == 0; }));
        for (QDockWidget* dock : window.findChildren<QDockWidget*>()) dock->close();
        window.boundaryView()->setFocus();
        QTest::keyClick(window.boundaryView(), Qt::Key_Right);
        QVERIFY(waitFor([&] { return shownEpoch(window) == 1; }));
        auto* speed = child<QSlider>(window, "speedSlider");
        speed->setValue(speed->maximum());
        QTest::keyClick(window.boundaryView(), Qt::Key_Space);
        QVERIFY(waitFor([&] { return probe.running; }));
        QVERIFY(waitFor([&] { return shownEpoch(window) > 5; }));
        QTest::keyClick(window.boundaryView(), Qt::Key_Space);
        QVERIFY(waitFor([&] { return !probe.running; }));
        QTest::keyClick(window.boundaryView(), Qt::Key_R);
        QVERIFY(waitFor([&] { return shownEpoch(window) == 0; }));
        // A focused slider keeps its arrows.
        speed->setFocus();
        const int before = speed->value();
        speed->setValue(speed->minimum());
        QTest::keyClick(speed, Qt::Key_Right);
        QCOMPARE(speed->value(), speed->minimum() + speed->singleStep());
        QTest::qWait(50);
        QCOMPARE(shownEpoch(window), 0L);
        speed->setValue(before);
    }

    void exportsDifferentFiguresForDifferentLosses() {
        MainWindow window(quickConfig());
        window.setDialogsSuppressed(true);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        WorkerProbe probe(window.worker());
        QTemporaryDir dir;
        auto* loss = child<QComboBox>(window, "knob_loss");
        const QSize size(640, 400);

        auto exportWith = [&](moelab::LossType type, const QString& name) -> QImage {
            loss->setCurrentIndex(
                loss->findData(QVariant::fromValue(static_cast<long long>(type))));
            if (!waitFor([&] { return probe.applied.loss == type; })) return {};
            if (!trainFromScratch(window, probe, 150)) return {};
            const QString path = dir.filePath(name);
            QString error;
            if (!window.exportFigure(path, size, 1.0, false, false, false, &error)) {
                qWarning("export failed: %s", qPrintable(error));
                return {};
            }
            return QImage(path);
        };
        const QImage cooperative = exportWith(moelab::LossType::Cooperative, "cooperative.png");
        const QImage competitive = exportWith(moelab::LossType::CompetitiveLog, "competitive.png");
        QVERIFY(!cooperative.isNull());
        QVERIFY(!competitive.isNull());
        QCOMPARE(cooperative.size(), size);
        QCOMPARE(competitive.size(), size);
        QVERIFY(distinctColours(cooperative) > 4);
        QVERIFY(distinctColours(competitive) > 4);
        QVERIFY(cooperative.convertToFormat(QImage::Format_ARGB32) !=
                competitive.convertToFormat(QImage::Format_ARGB32));

        // The figure module on its own, at print scale, with the gallery and charts beside it.
        moelab::ExportSettings settings;
        settings.size = QSize(400, 300);
        settings.scale = 2.0;
        settings.gallery = window.gallery();
        settings.charts = window.charts();
        const QString path = dir.filePath(QStringLiteral("print.png"));
        QString error;
        QVERIFY2(moelab::export_figure(path, *window.lastSnapshot(), settings, &error),
                 qPrintable(error));
        const QImage print(path);
        QCOMPARE(print.size(), QSize(800, 600));
        QVERIFY(distinctColours(print) > 4);
    }

    void slidersStormWhileTraining() {
        MainWindow window(quickConfig());
        window.setDialogsSuppressed(true);
        window.show();
        WorkerProbe probe(window.worker());
        QVERIFY(waitFor([&] { return window.lastSnapshot() != nullptr; }));
        auto* speed = child<QSlider>(window, "speedSlider");
        speed->setValue(speed->maximum());
        child<QPushButton>(window, "playButton")->click();
        QVERIFY(waitFor([&] { return probe.running; }));

        auto* experts = child<QSlider>(window, "knob_experts");
        auto* top_k = child<QSlider>(window, "knob_top_k");
        QRandomGenerator random(1991);
        for (int move = 0; move < 500; ++move) {
            if (move % 2 == 0)
                experts->setValue(1 + random.bounded(16));
            else
                top_k->setValue(1 + random.bounded(top_k->maximum()));
            const Config shown = window.controlPanel()->config();
            QVERIFY(shown.top_k >= 0 && shown.top_k < shown.experts);
            // Let snapshots arrive now and then, as a real drag would.
            if (move % 10 == 0) QCoreApplication::processEvents();
        }
        const Config final_config = window.controlPanel()->config();
        QCOMPARE(final_config.experts, experts->value());
        QCOMPARE(final_config.routed_experts(), top_k->value());
        QVERIFY(final_config.top_k <= final_config.experts);
        QCOMPARE(top_k->maximum(), final_config.experts);

        // Once the queue drains, the worker runs exactly what the panel shows, still training.
        QVERIFY(waitFor([&] { return probe.applied == final_config; }, 120000));
        QVERIFY(waitFor(
            [&] {
                const auto snapshot = window.lastSnapshot();
                return snapshot && snapshot->config == final_config && snapshot->epoch > 0;
            },
            120000));
        QVERIFY(probe.running);
        QCOMPARE(window.gallery()->expertCount(), final_config.experts);
        QCOMPARE(window.lastSnapshot()->model->spec().experts, final_config.experts);
    }

    void aRefusedChangeLeavesTheControlsOnTheKeptConfig() {
        MainWindow window(quickConfig());
        window.setDialogsSuppressed(true);
        window.show();
        QVERIFY(waitFor([&] { return window.lastSnapshot() != nullptr; }));
        QTemporaryDir dir;
        const QString broken = dir.filePath("broken.csv");
        QFile file(broken);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("x,y,label\n1,2,a\n3,oops,b\n");
        file.close();

        QSignalSpy failed(window.worker(), &TrainingWorker::failed);
        Config bad = window.controlPanel()->config();
        bad.dataset.name = "csv:" + broken.toStdString();
        window.controlPanel()->setConfig(bad);
        emit window.controlPanel()->configChanged(bad);
        // The worker may answer before wait() starts listening: count what already arrived.
        QVERIFY(failed.count() > 0 || failed.wait(worker_timeout_ms));
        QVERIFY(failed.first().first().toString().contains("line 3"));
        // The worker kept the vowels, and the controls say so again.
        QVERIFY(waitFor([&] { return window.controlPanel()->config().dataset.name == "vowels"; }));
        QCOMPARE(window.lastSnapshot()->config.dataset.name, std::string("vowels"));
    }

    void closingWhileTrainingStopsCleanly() {
        auto window = std::make_unique<MainWindow>(quickConfig());
        window->setDialogsSuppressed(true);
        window->show();
        WorkerProbe probe(window->worker());
        auto* speed = child<QSlider>(*window, "speedSlider");
        speed->setValue(speed->maximum());
        QVERIFY(waitFor([&] { return window->lastSnapshot() != nullptr; }));
        child<QPushButton>(*window, "playButton")->click();
        QVERIFY(waitFor([&] { return shownEpoch(*window) > 10; }));
        QElapsedTimer timer;
        timer.start();
        window->close();
        window.reset();
        QVERIFY2(timer.elapsed() < 5000, "closing took too long");
    }
};

QTEST_MAIN(MainWindowTest)
#include "test_main_window.moc"
