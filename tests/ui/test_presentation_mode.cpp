// Presentation mode and the presenter's keys, on the real window with the real worker: F11 shows
// the plane alone, full screen, large, with the bar of essential controls; Esc restores the exact
// layout of before; 1-4, + and -, [ and ] change the loss, N and K through the control panel, in
// every mode, and the worker receives each change. With MOELAB_SHOTS_DIR set, the test also
// writes screenshots of the mode.
#include <QApplication>
#include <QComboBox>
#include <QDockWidget>
#include <QLabel>
#include <QLineEdit>
#include <QMenuBar>
#include <QScreen>
#include <QSpinBox>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QTest>
#include <QToolBar>
#include <cmath>
#include <functional>
#include <map>

#include "boundary_view.h"
#include "control_panel.h"
#include "expert_colors.h"
#include "main_window.h"
#include "presentation_mode.h"
#include "shortcuts.h"
#include "training_worker.h"
#include "translations.h"

using moelab::Config;
using moelab::LossType;
using moelab::MainWindow;
using moelab::TrainingWorker;

namespace {

constexpr int worker_timeout_ms = 30000;

// The config the worker last applied, recorded on the test's thread.
class AppliedConfig : public QObject {
  public:
    explicit AppliedConfig(TrainingWorker* worker) {
        connect(
            worker, &TrainingWorker::configApplied, this,
            [this](const Config& config) {
                last = config;
                ++count;
            },
            Qt::QueuedConnection);
    }
    Config last;
    int count = 0;
};

bool waitFor(const std::function<bool()>& condition) {
    return QTest::qWaitFor(condition, worker_timeout_ms);
}

Config quickConfig() {
    Config config;
    config.dataset.name = "vowels";
    config.experts = 4;
    config.top_k = 0;  // dense
    config.loss = LossType::CompetitiveLog;
    config.learning_rate = 0.5;
    return config;
}

long shownEpoch(const MainWindow& window) {
    return window.lastSnapshot() ? window.lastSnapshot()->epoch : -1;
}

QWidget* knobControl(MainWindow& window, const char* key) {
    return window.controlPanel()->controlFor(key);
}

}  // namespace

class PresentationModeTest : public QObject {
    Q_OBJECT
  private slots:
    void keysComputeTheConfigTheyAskFor() {
        Config c = quickConfig();
        QCOMPARE(moelab::with_loss_key(c, 1).loss, LossType::Cooperative);
        QCOMPARE(moelab::with_loss_key(c, 2).loss, LossType::Competitive);
        QCOMPARE(moelab::with_loss_key(c, 3).loss, LossType::CompetitiveLog);
        QCOMPARE(moelab::with_loss_key(c, 4).loss, LossType::MixtureNll);
        QCOMPARE(moelab::with_loss_key(c, 7).loss, c.loss);
        // A dense gate stays dense as N changes; N stays within 1 and the panel's maximum.
        Config more = moelab::with_expert_step(c, +1, 16);
        QCOMPARE(more.experts, 5);
        QVERIFY(more.dense());
        c.experts = 16;
        QCOMPARE(moelab::with_expert_step(c, +1, 16).experts, 16);
        c.experts = 1;
        QCOMPARE(moelab::with_expert_step(c, -1, 16).experts, 1);
        // K: 4 dense -> 3 -> ... -> 1, never 0; and back up to dense (stored as 0).
        c = quickConfig();
        Config k3 = moelab::with_top_k_step(c, -1);
        QCOMPARE(k3.top_k, 3);
        QCOMPARE(moelab::with_top_k_step(k3, +1).top_k, 0);
        c.top_k = 1;
        QCOMPARE(moelab::with_top_k_step(c, -1).top_k, 1);
        // A sparse K larger than the new N falls back to dense.
        c.experts = 4;
        c.top_k = 3;
        const Config fewer = moelab::with_expert_step(c, -1, 16);
        QCOMPARE(fewer.experts, 3);
        QVERIFY(fewer.dense());
    }

    void keysReachTheWorkerThroughThePanelInEveryMode() {
        MainWindow window(quickConfig());
        window.setDialogsSuppressed(true);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        AppliedConfig applied(window.worker());
        QVERIFY(waitFor([&] { return shownEpoch(window) == 0; }));
        auto* loss = qobject_cast<QComboBox*>(knobControl(window, "loss"));
        QVERIFY(loss);

        for (const bool presenting : {false, true}) {
            window.presentationMode()->setActive(presenting);
            QCOMPARE(window.presentationMode()->isActive(), presenting);
            window.boundaryView()->setFocus();
            const LossType losses[] = {LossType::Cooperative, LossType::Competitive,
                                       LossType::CompetitiveLog, LossType::MixtureNll};
            const Qt::Key digits[] = {Qt::Key_1, Qt::Key_2, Qt::Key_3, Qt::Key_4};
            for (int i = 0; i < 4; ++i) {
                // From a different loss each time, so every key is a change.
                const LossType want = losses[(i + (presenting ? 1 : 0)) % 4];
                const Qt::Key key = digits[(i + (presenting ? 1 : 0)) % 4];
                QTest::keyClick(&window, key);
                QCOMPARE(window.controlPanel()->config().loss, want);
                QCOMPARE(loss->currentData().toLongLong(), static_cast<long long>(want));
                QVERIFY2(waitFor([&] { return applied.last.loss == want; }),
                         "the worker never applied the loss of the key");
            }
            const int n = window.controlPanel()->config().experts;
            QTest::keyClick(&window, Qt::Key_Plus);
            QCOMPARE(window.controlPanel()->config().experts, n + 1);
            QVERIFY(waitFor([&] { return applied.last.experts == n + 1; }));
            QTest::keyClick(&window, Qt::Key_Minus);
            QVERIFY(waitFor([&] { return applied.last.experts == n; }));
            QTest::keyClick(&window, Qt::Key_Minus);
            QVERIFY(waitFor([&] { return applied.last.experts == n - 1; }));
            auto* experts = knobControl(window, "experts");
            QVERIFY(experts);
            QCOMPARE(experts->property("value").toInt(), n - 1);
            QTest::keyClick(&window, Qt::Key_Equal);  // "+" without Shift
            QVERIFY(waitFor([&] { return applied.last.experts == n; }));

            // K: dense (= N) one down, then back to dense.
            QVERIFY(window.controlPanel()->config().dense());
            QTest::keyClick(&window, Qt::Key_BracketLeft);
            QCOMPARE(window.controlPanel()->config().routed_experts(), n - 1);
            QVERIFY(waitFor([&] { return applied.last.routed_experts() == n - 1; }));
            QTest::keyClick(&window, Qt::Key_BracketRight);
            QVERIFY(waitFor([&] { return applied.last.dense(); }));

            if (presenting) {
                // The bar shows what the keys set.
                QToolBar* bar = window.presentationMode()->bar();
                auto* bar_n = bar->findChild<QSpinBox*>(QStringLiteral("presentationExperts"));
                auto* bar_k = bar->findChild<QSpinBox*>(QStringLiteral("presentationTopK"));
                auto* bar_loss = bar->findChild<QComboBox*>(QStringLiteral("presentationLoss"));
                QCOMPARE(bar_n->value(), n);
                QCOMPARE(bar_k->value(), n);
                QCOMPARE(bar_loss->currentData().toLongLong(),
                         static_cast<long long>(window.controlPanel()->config().loss));
                // And its own controls take the same path.
                bar_n->setValue(n + 2);
                QVERIFY(waitFor([&] { return applied.last.experts == n + 2; }));
                QCOMPARE(window.controlPanel()->config().experts, n + 2);
                bar_k->setValue(2);
                QVERIFY(waitFor([&] { return applied.last.routed_experts() == 2; }));
                QCOMPARE(window.controlPanel()->config().top_k, 2);
            }
        }
        window.presentationMode()->setActive(false);

        // A text field keeps its typing: "2" goes into the hidden widths, not to the loss.
        auto* widths = qobject_cast<QComboBox*>(knobControl(window, "expert_hidden"));
        QVERIFY(widths && widths->lineEdit());
        const LossType loss_before = window.controlPanel()->config().loss;
        widths->lineEdit()->setFocus();
        widths->lineEdit()->clear();
        QTest::keyClick(widths->lineEdit(), Qt::Key_2);
        QCOMPARE(widths->lineEdit()->text(), QStringLiteral("2"));
        QCOMPARE(window.controlPanel()->config().loss, loss_before);
    }

    void plusAndMinusChangeTheExpertsAndCtrlZooms() {
        MainWindow window(quickConfig());
        window.setDialogsSuppressed(true);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QVERIFY(waitFor([&] { return shownEpoch(window) == 0; }));
        moelab::BoundaryView* view = window.boundaryView();
        view->setFocus();
        const QRectF whole = view->visibleData();
        QTest::keyClick(view, Qt::Key_Plus);
        QCOMPARE(window.controlPanel()->config().experts, 5);
        QCOMPARE(view->visibleData(), whole);
        // The new model's first picture may bring a new data set object, which shows whole:
        // zoom only once it is there.
        QVERIFY(waitFor([&] { return window.lastSnapshot()->config.experts == 5; }));
        QTest::qWait(100);
        QTest::keyClick(view, Qt::Key_Plus, Qt::ControlModifier);
        QCOMPARE(window.controlPanel()->config().experts, 5);
        QVERIFY(view->visibleData().width() < whole.width() * 0.9);
        QTest::keyClick(view, Qt::Key_Minus, Qt::ControlModifier);
        QVERIFY(std::abs(view->visibleData().width() - whole.width()) < 1e-6 * whole.width());
        QTest::keyClick(view, Qt::Key_Minus);
        QCOMPARE(window.controlPanel()->config().experts, 4);
    }

    void spaceRightAndRDriveTheTrainingInPresentationMode() {
        MainWindow window(quickConfig());
        window.setDialogsSuppressed(true);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QVERIFY(waitFor([&] { return shownEpoch(window) == 0; }));
        QTest::keyClick(&window, Qt::Key_F11);
        QVERIFY(window.presentationMode()->isActive());
        QTest::keyClick(&window, Qt::Key_Right);
        QVERIFY(waitFor([&] { return shownEpoch(window) == 1; }));
        auto* epoch = window.presentationMode()->bar()->findChild<QLabel*>(
            QStringLiteral("presentationEpoch"));
        QVERIFY(waitFor([&] { return epoch->text().endsWith(QStringLiteral(" 1")); }));
        QTest::keyClick(&window, Qt::Key_Space);
        QVERIFY(waitFor([&] { return shownEpoch(window) > 3; }));
        QTest::keyClick(&window, Qt::Key_Space);
        QVERIFY(waitFor([&] { return window.lastSnapshot() && !window.lastSnapshot()->running; }));
        QTest::keyClick(&window, Qt::Key_R);
        QVERIFY(waitFor([&] { return shownEpoch(window) == 0; }));
        QTest::keyClick(&window, Qt::Key_Escape);
        QVERIFY(!window.presentationMode()->isActive());
    }

    void enteringShowsThePlaneAloneLargeAndLeavingRestoresTheLayout() {
        MainWindow window(quickConfig());
        window.setDialogsSuppressed(true);
        window.resize(1280, 720);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QVERIFY(waitFor([&] { return shownEpoch(window) == 0; }));
        // A layout of the user's own: the charts closed, the routing tab raised.
        window.findChild<QDockWidget*>(QStringLiteral("charts"))->close();
        window.routingDock()->raise();
        QTest::qWait(50);
        const QByteArray state = window.saveState();
        const QSize size = window.size();
        std::map<QString, bool> visible;
        std::map<QString, QSize> sizes;
        for (QDockWidget* dock : window.findChildren<QDockWidget*>()) {
            visible[dock->objectName()] = dock->isVisible();
            sizes[dock->objectName()] = dock->size();
        }
        const double font_scale = window.boundaryView()->options().font_scale;

        QTest::keyClick(&window, Qt::Key_F11);
        QVERIFY(window.presentationMode()->isActive());
        QVERIFY(window.isFullScreen());
        for (QDockWidget* dock : window.findChildren<QDockWidget*>())
            QVERIFY2(!dock->isVisible(), qPrintable(dock->objectName()));
        QVERIFY(!window.menuBar()->isVisible());
        QVERIFY(!window.statusBar()->isVisible());
        QToolBar* bar = window.presentationMode()->bar();
        QVERIFY(bar && bar->isVisible());
        QCOMPARE(window.boundaryView()->options().font_scale, window.presentationMode()->scale());
        QVERIFY(window.presentationMode()->scale() > 1.2);
        // Large type: the bar's text is well above the desktop's.
        QVERIFY(bar->font().pixelSize() >= 14);
        // Every essential control is there.
        for (const char* name : {"presentationPlay", "presentationStep", "presentationReset",
                                 "presentationLoss", "presentationExperts", "presentationTopK",
                                 "presentationEpoch", "presentationAccuracy"})
            QVERIFY2(bar->findChild<QWidget*>(QLatin1String(name)), name);

        QTest::keyClick(&window, Qt::Key_Escape);
        QVERIFY(!window.presentationMode()->isActive());
        QVERIFY(!window.isFullScreen());
        QVERIFY(!window.presentationMode()->bar());
        QVERIFY(!window.findChild<QToolBar*>(QStringLiteral("presentationBar")) ||
                !window.findChild<QToolBar*>(QStringLiteral("presentationBar"))->isVisible());
        QVERIFY(window.menuBar()->isVisible());
        QVERIFY(window.statusBar()->isVisible());
        QCOMPARE(window.boundaryView()->options().font_scale, font_scale);
        QTest::qWait(50);
        QCOMPARE(window.size(), size);
        for (QDockWidget* dock : window.findChildren<QDockWidget*>()) {
            QCOMPARE(dock->isVisible(), visible[dock->objectName()]);
            if (dock->isVisible()) QCOMPARE(dock->size(), sizes[dock->objectName()]);
        }
        QCOMPARE(window.saveState(), state);
    }

    // The mode's picture fills the screen. With MOELAB_SHOTS_DIR set the pictures are kept there
    // for a person to look at (MOELAB_SHOTS_DATASET, _EPOCHS and _NAME pick what they show).
    void grabsTheWholeScreen() {
        QTemporaryDir scratch;
        QString dir = qEnvironmentVariable("MOELAB_SHOTS_DIR");
        if (dir.isEmpty()) dir = scratch.path();
        const QString dataset = qEnvironmentVariable("MOELAB_SHOTS_DATASET", "vowels");
        // MOELAB_SHOTS_PALETTE=colour-blind-safe, MOELAB_SHOTS_LANG=zh_CN: how those look.
        moelab::setExpertPalette(
            moelab::expertPaletteFromKey(qEnvironmentVariable("MOELAB_SHOTS_PALETTE")));
        if (qEnvironmentVariableIsSet("MOELAB_SHOTS_LANG"))
            moelab::installTranslators(*qApp, qEnvironmentVariable("MOELAB_SHOTS_LANG"));
        Config config = quickConfig();
        config.dataset.name = dataset.toStdString();
        if (dataset != QStringLiteral("vowels")) {
            config.expert_hidden = {};
            config.learning_rate = 0.1;
        }
        MainWindow window(config);
        window.setDialogsSuppressed(true);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QVERIFY(waitFor([&] { return shownEpoch(window) == 0; }));
        const long epochs = qEnvironmentVariableIntValue("MOELAB_SHOTS_EPOCHS");
        long reached = -1;
        connect(
            window.worker(), &TrainingWorker::targetReached, this,
            [&](long epoch) { reached = epoch; }, Qt::QueuedConnection);
        QMetaObject::invokeMethod(
            window.worker(), [w = window.worker(), epochs] { w->trainFor(epochs ? epochs : 300); },
            Qt::QueuedConnection);
        QVERIFY(waitFor([&] { return reached > 0 && shownEpoch(window) == reached; }));
        window.presentationMode()->setActive(true);
        // A window system resizes a full-screen window when it gets to it.
        QVERIFY(waitFor([&] { return window.size() == window.screen()->geometry().size(); }));
        QTest::qWait(400);
        const QString name = qEnvironmentVariable("MOELAB_SHOTS_NAME", "present-mode");
        const QPixmap shot = window.grab();
        QCOMPARE(shot.deviceIndependentSize().toSize(), window.screen()->geometry().size());
        QVERIFY(shot.save(dir + QStringLiteral("/") + name + QStringLiteral(".png")));
        window.presentationMode()->setActive(false);
        QTest::qWait(200);
        QVERIFY(window.grab().save(dir + QStringLiteral("/") + name + QStringLiteral("-left.png")));
    }
};

QTEST_MAIN(PresentationModeTest)
#include "test_presentation_mode.moc"
