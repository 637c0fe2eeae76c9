// Compare mode (issue 9) on real training workers: the panes start from the same initial weights
// and differ only in the chosen knobs, Play / Pause / Step / Reset reach every pane and keep them
// at the same epoch, the overlay chart has one loss and one accuracy series per pane, each pane
// shows the entanglement numbers, the headless figure has the asked size, and closing while the
// panes train is clean. Run with 2 and with 4 panes.
#include <QAction>
#include <QApplication>
#include <QChart>
#include <QComboBox>
#include <QImage>
#include <QLineSeries>
#include <QPointer>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <cmath>
#include <memory>

#include "boundary_view.h"
#include "compare_chart.h"
#include "compare_pane.h"
#include "compare_panes.h"
#include "compare_runs.h"
#include "compare_setup_dialog.h"
#include "compare_view.h"
#include "control_panel.h"
#include "main_window.h"
#include "training/knobs.h"
#include "training_worker.h"

using namespace moelab;

namespace {

constexpr int kWaitMs = 120'000;  // a loaded 2-core machine; the waits end as soon as it is there

Config baseConfig() {
    Config config;
    config.dataset.name = "vowels";
    config.experts = 4;
    config.threads = 1;
    return config;
}

Eigen::VectorXf weightsOf(const SnapshotPtr& snapshot) {
    return snapshot && snapshot->model ? snapshot->model->parameters() : Eigen::VectorXf();
}

bool allAt(const CompareView& view, long epoch, bool still = true) {
    for (const ComparePane* pane : view.panes()) {
        const SnapshotPtr s = pane->lastSnapshot();
        if (!s || s->epoch != epoch || (still && s->running)) return false;
    }
    return true;
}

bool allStarted(const CompareView& view) {
    for (const ComparePane* pane : view.panes())
        if (!pane->lastSnapshot()) return false;
    return true;
}

void click(CompareView& view, const char* name) {
    auto* button = view.findChild<QPushButton*>(QLatin1String(name));
    QVERIFY(button);
    button->click();
}

}  // namespace

class CompareViewTest : public QObject {
    Q_OBJECT

  private slots:
    void sameSeedGivesSameInitialWeights() {
        // Two workers, the same config but the loss: the same weights at epoch 0, bit for bit.
        Config eq1 = baseConfig(), eq3 = baseConfig();
        eq1.loss = LossType::Cooperative;
        eq3.loss = LossType::CompetitiveLog;
        TrainingThread first, second;
        SnapshotPtr a, b;
        connect(first.worker(), &TrainingWorker::snapshotReady, this,
                [&](const SnapshotPtr& s) { a = s; });
        connect(second.worker(), &TrainingWorker::snapshotReady, this,
                [&](const SnapshotPtr& s) { b = s; });
        QMetaObject::invokeMethod(first.worker(), [w = first.worker(), eq1] { w->setConfig(eq1); });
        QMetaObject::invokeMethod(second.worker(),
                                  [w = second.worker(), eq3] { w->setConfig(eq3); });
        QVERIFY(QTest::qWaitFor([&] { return a && b; }, kWaitMs));
        QCOMPARE(a->epoch, 0L);
        QCOMPARE(b->epoch, 0L);
        QVERIFY(weightsOf(a).size() > 0);
        QVERIFY(weightsOf(a) == weightsOf(b));
        QCOMPARE(a->config.loss, LossType::Cooperative);
        QCOMPARE(b->config.loss, LossType::CompetitiveLog);

        // Another seed gives other weights: the comparison above can fail.
        Config other = eq1;
        other.seed = 2;
        SnapshotPtr c;
        TrainingThread third;
        connect(third.worker(), &TrainingWorker::snapshotReady, this,
                [&](const SnapshotPtr& s) { c = s; });
        QMetaObject::invokeMethod(third.worker(),
                                  [w = third.worker(), other] { w->setConfig(other); });
        QVERIFY(QTest::qWaitFor([&] { return c != nullptr; }, kWaitMs));
        QVERIFY(weightsOf(c).size() == weightsOf(a).size());
        QVERIFY(weightsOf(c) != weightsOf(a));
    }

    void panesDifferOnlyInTheirKnobs_data() {
        QTest::addColumn<int>("panes");
        QTest::newRow("2 panes") << 2;
        QTest::newRow("4 panes") << 4;
    }

    void panesDifferOnlyInTheirKnobs() {
        QFETCH(int, panes);
        const std::vector<Config> configs = default_compare_configs(baseConfig(), panes);
        CompareView view(configs);
        view.resize(1280, 720);
        view.show();
        QCOMPARE(int(view.panes().size()), panes);
        QVERIFY(QTest::qWaitFor([&] { return allStarted(view) && allAt(view, 0); }, kWaitMs));
        const Eigen::VectorXf first = weightsOf(view.panes().front()->lastSnapshot());
        QVERIFY(first.size() > 0);
        const std::vector<LossType> losses{LossType::Cooperative, LossType::CompetitiveLog,
                                           LossType::Competitive, LossType::MixtureNll};
        for (int i = 0; i < panes; ++i) {
            const SnapshotPtr s = view.panes()[size_t(i)]->lastSnapshot();
            // The worker trains the pane's own loss...
            QCOMPARE(s->config.loss, losses[size_t(i)]);
            // ...and nothing else differs: the config with the loss put back is the base's.
            Config same = s->config;
            same.loss = baseConfig().loss;
            QVERIFY(same == baseConfig());
            QVERIFY(weightsOf(s) == first);
        }
        // The titles name the loss, the knob that differs.
        QCOMPARE(view.panes()[0]->title(), QStringLiteral("eq. 1 cooperative"));
        QCOMPARE(view.panes()[1]->title(), QStringLiteral("eq. 3 competitive log-likelihood"));
        // The grid: 1 x 2 for two panes; 2 x 2 or 1 x 4 for four.
        if (panes == 2) QCOMPARE(view.paneGrid(), QSize(1, 2));
        if (panes == 4) QVERIFY(view.paneGrid() == QSize(2, 2) || view.paneGrid() == QSize(1, 4));
    }

    void controlsReachEveryPane_data() { panesDifferOnlyInTheirKnobs_data(); }

    void controlsReachEveryPane() {
        QFETCH(int, panes);
        CompareView view(default_compare_configs(baseConfig(), panes));
        view.resize(1280, 720);
        view.show();
        QVERIFY(QTest::qWaitFor([&] { return allStarted(view) && allAt(view, 0); }, kWaitMs));
        const Eigen::VectorXf initial = weightsOf(view.panes().front()->lastSnapshot());

        click(view, "compareStep");
        QVERIFY2(QTest::qWaitFor([&] { return allAt(view, 1); }, kWaitMs), "step reached all");
        // Different losses, different first steps from the same weights.
        QVERIFY(weightsOf(view.panes()[0]->lastSnapshot()) !=
                weightsOf(view.panes()[1]->lastSnapshot()));

        view.setSpeed(0);
        click(view, "comparePlay");
        QVERIFY(view.isPlaying());
        QVERIFY(QTest::qWaitFor(
            [&] {
                for (const ComparePane* pane : view.panes())
                    if (!pane->lastSnapshot() || pane->lastSnapshot()->epoch < 30) return false;
                return true;
            },
            kWaitMs));
        click(view, "comparePlay");  // pause: every pane stops at the same epoch
        QVERIFY(QTest::qWaitFor([&] { return !view.isPlaying(); }, kWaitMs));
        long paused_at = -1;
        QVERIFY(QTest::qWaitFor(
            [&] {
                paused_at = view.panes().front()->lastSnapshot()->epoch;
                return allAt(view, paused_at);
            },
            kWaitMs));
        QVERIFY(paused_at >= 30);
        // Paused means paused: no pane moves on.
        QTest::qWait(300);
        QVERIFY(allAt(view, paused_at));

        click(view, "compareStep");
        QVERIFY(QTest::qWaitFor([&] { return allAt(view, paused_at + 1); }, kWaitMs));

        // Step while playing pauses at the shared limit first, then steps together.
        click(view, "comparePlay");
        QTest::qWait(200);
        click(view, "compareStep");
        QVERIFY(QTest::qWaitFor([&] { return !view.isPlaying(); }, kWaitMs));
        QVERIFY(QTest::qWaitFor(
            [&] {
                const long e = view.panes().front()->lastSnapshot()->epoch;
                return e > paused_at + 1 && allAt(view, e);
            },
            kWaitMs));

        click(view, "compareReset");
        QVERIFY(QTest::qWaitFor([&] { return allAt(view, 0); }, kWaitMs));
        for (const ComparePane* pane : view.panes())
            QVERIFY(weightsOf(pane->lastSnapshot()) == initial);
        QVERIFY(!view.isPlaying());
    }

    void chartHasOneSeriesPerPane_data() { panesDifferOnlyInTheirKnobs_data(); }

    void chartHasOneSeriesPerPane() {
        QFETCH(int, panes);
        CompareView view(default_compare_configs(baseConfig(), panes));
        view.resize(1280, 720);
        view.show();
        QVERIFY(QTest::qWaitFor([&] { return allStarted(view); }, kWaitMs));
        QSignalSpy trained(&view, &CompareView::trainedFor);
        view.trainAllFor(40);
        QVERIFY(trained.wait(kWaitMs) || trained.count() == 1);
        QVERIFY(QTest::qWaitFor([&] { return allAt(view, 40); }, kWaitMs));
        view.chart()->refreshNow();
        CompareChart* chart = view.chart();
        QCOMPARE(chart->paneCount(), panes);
        QCOMPARE(int(chart->chart()->series().size()), 2 * panes);  // loss and accuracy per pane
        for (int i = 0; i < panes; ++i) {
            QLineSeries* loss = chart->lossSeries(i);
            QVERIFY(loss);
            QCOMPARE(loss->name(), view.panes()[size_t(i)]->title());
            QCOMPARE(loss->color(), view.panes()[size_t(i)]->color());
            // The loss of every one of the 40 epochs, ending at epoch 40.
            QCOMPARE(loss->count(), 40);
            QCOMPARE(loss->at(loss->count() - 1).x(), 40.0);
            QVERIFY(chart->accuracySeries(i)->count() > 0);
            QCOMPARE(chart->accuracySeries(i)->at(chart->accuracySeries(i)->count() - 1).x(), 40.0);
        }
        // Different losses: different curves.
        QVERIFY(chart->lossSeries(0)->at(39).y() != chart->lossSeries(1)->at(39).y());
    }

    void panesShowTheEntanglementNumbers() {
        CompareView view(default_compare_configs(baseConfig(), 2));
        view.resize(1280, 720);
        view.show();
        QVERIFY(QTest::qWaitFor([&] { return allStarted(view); }, kWaitMs));
        view.trainAllFor(60);
        QVERIFY(QTest::qWaitFor([&] { return allAt(view, 60); }, kWaitMs));
        for (const ComparePane* pane : view.panes()) {
            const EpochMetrics& m = pane->lastSnapshot()->latest;
            QCOMPARE(m.epoch, 60L);
            const QString text = pane->numbersText();
            // The gap in points, the top expert alone and the entropy, as the metrics hold them.
            QVERIFY2(text.contains(
                         QStringLiteral("gap %1 pts").arg(100 * m.top_expert_gap(), 0, 'f', 1)),
                     qPrintable(text));
            QVERIFY2(text.contains(QStringLiteral("gate entropy %1 of %2 nats")
                                       .arg(m.gate_entropy, 0, 'f', 2)
                                       .arg(std::log(4.0), 0, 'f', 2)),
                     qPrintable(text));
            // One entry per expert for its own cases.
            QCOMPARE(int(m.own_accuracy.size()), 4);
            for (int i = 0; i < 4; ++i) {
                const double own = m.own_accuracy[size_t(i)];
                const QString entry =
                    std::isfinite(own) ? QStringLiteral("%1 %2%").arg(i).arg(100 * own, 0, 'f', 1)
                                       : QStringLiteral("%1 none").arg(i);
                QVERIFY2(text.contains(entry), qPrintable(text + " / " + entry));
            }
        }
    }

    void headlessExportHasTheAskedSize() {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        FigureRequest request;
        request.path = dir.filePath(QStringLiteral("compare.png"));
        request.size = QSize(900, 640);
        request.scale = 1.5;
        Config base = baseConfig();
        QCOMPARE(export_compare_figure(default_compare_configs(base, 2), 20, request), 0);
        QImage image(request.path);
        QVERIFY(!image.isNull());
        QCOMPARE(image.size(), QSize(1350, 960));
        // Not blank: the panes' tints and the chart's lines are there.
        QSet<QRgb> colours;
        for (int y = 0; y < image.height(); y += 7)
            for (int x = 0; x < image.width(); x += 7) colours.insert(image.pixel(x, y));
        QVERIFY(colours.size() > 50);
        // Not a PNG name: a clear refusal.
        request.path = dir.filePath(QStringLiteral("compare.svg"));
        QCOMPARE(export_compare_figure(default_compare_configs(base, 2), 1, request), 1);
    }

    void closeWhileTrainingIsClean() {
        for (int panes : {2, 4}) {
            auto* view = new CompareView(default_compare_configs(baseConfig(), panes));
            view->setAttribute(Qt::WA_DeleteOnClose);
            QPointer<CompareView> alive(view);
            view->resize(1280, 720);
            view->show();
            QVERIFY(QTest::qWaitFor([&] { return allStarted(*view); }, kWaitMs));
            view->setSpeed(0);
            view->play();
            QVERIFY(QTest::qWaitFor(
                [&] { return view->panes().front()->lastSnapshot()->epoch > 5; }, kWaitMs));
            QVERIFY(view->close());
            QTRY_VERIFY(alive.isNull());  // deleted once closed, its threads stopped
        }
        // And the destructor alone, mid-training, also stops every thread.
        {
            CompareView view(default_compare_configs(baseConfig(), 4));
            view.show();
            QVERIFY(QTest::qWaitFor([&] { return allStarted(view); }, kWaitMs));
            view.setSpeed(0);
            view.play();
            QTest::qWait(200);
        }
    }

    void viewMenuOpensCompareFromTheWindowsConfig() {
        // The main window's current settings are the shared base: here three experts.
        Config config = baseConfig();
        config.experts = 3;
        MainWindow window(config);
        window.setDialogsSuppressed(true);
        window.show();
        auto* action = window.findChild<QAction*>(QStringLiteral("compareAction"));
        QVERIFY(action);
        // The setup dialog is modal: accept it from the event loop once it is up.
        QTimer::singleShot(0, &window, [] {
            for (QWidget* widget : QApplication::topLevelWidgets())
                if (auto* dialog = qobject_cast<CompareSetupDialog*>(widget)) dialog->accept();
        });
        action->trigger();
        auto* view = window.findChild<CompareView*>();
        QVERIFY(view);
        QVERIFY(view->isWindow());
        QCOMPARE(int(view->panes().size()), 2);
        QVERIFY(QTest::qWaitFor([&] { return allStarted(*view) && allAt(*view, 0); }, kWaitMs));
        for (const ComparePane* pane : view->panes()) {
            QCOMPARE(pane->lastSnapshot()->config.experts, 3);
            QCOMPARE(pane->lastSnapshot()->config.dataset.name, std::string("vowels"));
        }
        QCOMPARE(view->panes()[0]->config().loss, LossType::Cooperative);
        QCOMPARE(view->panes()[1]->config().loss, LossType::CompetitiveLog);
        view->close();
        window.shutdown();
    }

    void setupDialogBuildsThePanes() {
        Config base = baseConfig();
        base.learning_rate = 0.3;
        CompareSetupDialog dialog(base);
        // By default: eq. 1 against eq. 3, everything else the base's.
        std::vector<Config> configs = dialog.configs();
        QCOMPARE(int(configs.size()), 2);
        QCOMPARE(configs[0].loss, LossType::Cooperative);
        QCOMPARE(configs[1].loss, LossType::CompetitiveLog);
        QCOMPARE(configs[1].learning_rate, 0.3);
        // Four panes; pane 3 with six experts (K stays dense) and pane 4 with K = 2.
        dialog.setPaneCount(4);
        auto* experts = qobject_cast<QSpinBox*>(dialog.editor(2, "experts"));
        auto* top_k = qobject_cast<QSpinBox*>(dialog.editor(3, "top_k"));
        QVERIFY(experts && top_k);
        experts->setValue(6);
        top_k->setValue(2);
        configs = dialog.configs();
        QCOMPARE(int(configs.size()), 4);
        QCOMPARE(configs[2].experts, 6);
        QVERIFY(configs[2].dense());
        QCOMPARE(configs[3].routed_experts(), 2);
        QCOMPARE(configs[3].experts, 4);
        QVERIFY(dialog.problem().isEmpty());
        // The titles name every knob that differs, the loss first.
        QCOMPARE(pane_title(configs, 2),
                 QStringLiteral("eq. 2 competitive · Experts 6 · Top-K dense"));
        QCOMPARE(pane_title(configs, 3), QStringLiteral("mixture NLL · Experts 4 · Top-K 2"));
        // A K above N is refused with the rule's message, and Compare is disabled.
        top_k->setValue(6);
        QVERIFY2(dialog.problem().contains(QStringLiteral("top_k")), qPrintable(dialog.problem()));
    }
};

QTEST_MAIN(CompareViewTest)
#include "test_compare_view.moc"
