// The plane's mouse tools on a real MainWindow with its training worker, driven by QTest mouse
// events: the Inspector shows the probe's numbers at the point under the mouse and pins on click;
// Draw adds, removes and moves points with undo and redo, the worker trains on the drawing
// (keeping the weights while the shape stays), and the drawing saves as CSV that loads back.
// Screenshots of both at 1280 x 720 and 1920 x 1080 go to $MOELAB_SHOTS_DIR when it is set.
#include <QComboBox>
#include <QDockWidget>
#include <QLabel>
#include <QPushButton>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <algorithm>
#include <functional>
#include <numeric>

#include "analysis/point_probe.h"
#include "boundary_view.h"
#include "chart_markers.h"
#include "control_panel.h"
#include "data/csv_loader.h"
#include "draw_tool.h"
#include "drawn_data.h"
#include "inspect_tool.h"
#include "main_window.h"
#include "metrics_charts.h"
#include "plane_tools.h"
#include "point_inspector.h"
#include "training_worker.h"

using namespace moelab;

namespace {

constexpr int kTimeout = 60000;

bool waitFor(const std::function<bool()>& condition, int timeout_ms = kTimeout) {
    return QTest::qWaitFor(condition, timeout_ms);
}

Config vowelConfig(LossType loss) {
    Config config;
    config.dataset.name = "vowels";
    config.experts = 4;
    config.loss = loss;
    config.learning_rate = 0.5;
    return config;
}

// Trains `epochs` more epochs as fast as possible and waits until a snapshot shows them.
bool trainFor(MainWindow& window, long epochs) {
    const long target = (window.lastSnapshot() ? window.lastSnapshot()->epoch : 0) + epochs;
    QMetaObject::invokeMethod(
        window.worker(), [w = window.worker(), epochs] { w->trainFor(epochs); },
        Qt::QueuedConnection);
    return waitFor([&] { return window.lastSnapshot() && window.lastSnapshot()->epoch >= target; });
}

QString number(double value) {
    return QString::number(value, 'f', 3);
}

// The pixel of the training case between two experts that tells the losses apart best: the gate
// splits it between its two favourite experts (and gives the others little), and those two
// disagree about the case's class, so the responsibilities h_i differ from the gate's p_i.
QPoint betweenTwoExperts(MainWindow& window) {
    BoundaryView* view = window.boundaryView();
    const SnapshotPtr s = window.lastSnapshot();
    const QRectF plot = view->geometry()->plot().adjusted(30, 30, -30, -30);
    QPoint best;
    double best_score = -1e9;
    for (int row = 0; row < s->dataset->size(); ++row) {
        const double x = s->dataset->features(row, 0), y = s->dataset->features(row, 1);
        const QPointF at = view->geometry()->map(x, y);
        if (!plot.contains(at)) continue;
        const int label = s->dataset->labels[size_t(row)];
        const PointProbe p = probe_point(*s->model, s->standardization, x, y, label, s->config.loss,
                                         s->config.routed_experts());
        std::vector<int> order(size_t(p.gate.size()));
        std::iota(order.begin(), order.end(), 0);
        std::sort(order.begin(), order.end(), [&](int a, int b) { return p.gate(a) > p.gate(b); });
        const double third = order.size() > 2 ? p.gate(order[2]) : 0.0;
        const double disagreement =
            std::abs(p.expert_outputs(order[0], label) - p.expert_outputs(order[1], label));
        // Among the points the gate shares (both at least a quarter, the rest at most a tenth),
        // the one where the two disagree most; else the most evenly shared.
        const bool shared = p.gate(order[1]) >= 0.25 && third <= 0.1;
        const double score = shared ? 10 + disagreement : p.gate(order[1]) - 2 * third;
        if (score > best_score) {
            best_score = score;
            best = at.toPoint();
        }
    }
    return best;
}

void saveShot(QWidget& window, const QString& name) {
    const QString dir = qEnvironmentVariable("MOELAB_SHOTS_DIR");
    if (dir.isEmpty()) return;
    QVERIFY(window.grab().save(dir + QLatin1Char('/') + name));
}

}  // namespace

class PlaneToolsTest : public QObject {
    Q_OBJECT

  private:
    // The inspector's numbers and table equal the probe's at the inspected point.
    static void checkInspectorAt(MainWindow& window, const QPointF& raw) {
        PointInspector* inspector = window.planeTools()->inspector();
        const SnapshotPtr s = window.lastSnapshot();
        QVERIFY(inspector->probe().has_value());
        const PointProbe& shown = *inspector->probe();
        const PointProbe expected =
            probe_point(*s->model, s->standardization, raw.x(), raw.y(), inspector->targetClass(),
                        s->config.loss, s->config.routed_experts());
        QCOMPARE(shown.target, expected.target);
        QVERIFY((shown.gate - expected.gate).norm() < 1e-9);
        QVERIFY((shown.responsibility - expected.responsibility).norm() < 1e-9);
        QVERIFY((shown.output_gradient - expected.output_gradient).norm() < 1e-9);
        QTableWidget* table = inspector->table();
        QCOMPARE(table->rowCount(), int(expected.weight.size()));
        const int c = expected.target;
        for (int m = 0; m < table->rowCount(); ++m) {
            const bool routed = expected.routed[size_t(m)];
            QCOMPARE(table->item(m, PointInspector::GateColumn)->text(),
                     routed ? number(expected.gate(m)) : QStringLiteral("not routed"));
            QCOMPARE(table->item(m, PointInspector::OutputColumn)->text(),
                     number(expected.expert_outputs(m, c)));
            if (!routed) continue;
            QCOMPARE(table->item(m, PointInspector::ResponsibilityColumn)->text(),
                     number(expected.responsibility(m)));
            QCOMPARE(table->item(m, PointInspector::FactorColumn)->text(),
                     number(expected.gradient_factor(m)));
            QCOMPARE(table->item(m, PointInspector::PushColumn)->text(),
                     number(-expected.output_gradient(m, c)));
        }
    }

    static void changeLoss(MainWindow& window, LossType loss) {
        Config config = window.controlPanel()->config();
        config.loss = loss;
        window.controlPanel()->setConfig(config);
        window.applyConfig(config);
        QVERIFY(waitFor([&] { return window.lastSnapshot()->config.loss == loss; }));
    }

  private slots:
    void inspectorFollowsTheMouseAndPinsOnClick() {
        MainWindow window(vowelConfig(LossType::CompetitiveLog));
        window.setDialogsSuppressed(true);
        window.resize(1280, 720);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QVERIFY(waitFor([&] { return window.lastSnapshot() != nullptr; }));
        QVERIFY(trainFor(window, 300));
        BoundaryView* view = window.boundaryView();
        QVERIFY(waitFor([&] { return view->geometry().has_value(); }));
        PlaneTools* tools = window.planeTools();
        QCOMPARE(view->tool(), static_cast<PlaneTool*>(tools->inspectTool()));
        QVERIFY(tools->inspectAction()->isChecked());

        // Hover: the inspector follows.
        const QPoint hover = view->geometry()->plot().center().toPoint() + QPoint(-30, 20);
        QTest::mouseMove(view, hover);
        QVERIFY(waitFor([&] { return tools->inspector()->point().has_value(); }, 5000));
        const QPointF hovered = view->geometry()->toData(hover);
        QVERIFY((*tools->inspector()->point() - hovered).manhattanLength() < 1e-6);
        QVERIFY(!tools->inspectTool()->pinned());
        checkInspectorAt(window, hovered);

        // Click between two experts: pinned there; moving the mouse no longer changes it.
        const QPoint between = betweenTwoExperts(window);
        QTest::mouseClick(view, Qt::LeftButton, {}, between);
        QVERIFY(tools->inspectTool()->pinned());
        const QPointF pinned = view->geometry()->toData(between);
        QTest::mouseMove(view, between + QPoint(60, -40));
        QVERIFY((*tools->inspector()->point() - pinned).manhattanLength() < 1e-6);
        checkInspectorAt(window, pinned);
        // Two experts share the point: both responsibilities are real numbers to explain.
        const PointProbe& eq3 = *tools->inspector()->probe();
        QVERIFY(std::abs(eq3.responsibility.sum() - 1.0) < 1e-9);
        QVERIFY(tools->inspector()
                    ->findChild<QLabel*>(QStringLiteral("inspectorExplanation"))
                    ->text()
                    .contains(QStringLiteral("eq. 3")));
        // A chosen class is kept and used.
        tools->inspector()->setChosenClass(2);
        QCOMPARE(tools->inspector()->targetClass(), 2);
        checkInspectorAt(window, pinned);
        tools->inspector()->setChosenClass(-1);

        tools->inspectorDock()->raise();
        QTest::qWait(100);
        saveShot(window, QStringLiteral("plane-inspector-eq3-1280x720.png"));
        window.resize(1920, 1080);
        QTest::qWait(300);
        saveShot(window, QStringLiteral("plane-inspector-eq3-1920x1080.png"));

        // The same weights and point under eq. 1: the factor is now the gate's p_i.
        changeLoss(window, LossType::Cooperative);
        QVERIFY(waitFor([&] {
            return tools->inspector()->probe() &&
                   tools->inspector()->probe()->loss == LossType::Cooperative;
        }));
        // Keep the point's pixel where it was after the resize.
        view->update();
        QTest::qWait(100);
        const PointProbe& eq1 = *tools->inspector()->probe();
        for (int m = 0; m < eq1.gate.size(); ++m)
            QVERIFY(std::abs(eq1.gradient_factor(m) - eq1.gate(m)) < 1e-12);
        checkInspectorAt(window, *tools->inspector()->point());
        QVERIFY(tools->inspector()
                    ->findChild<QLabel*>(QStringLiteral("inspectorExplanation"))
                    ->text()
                    .contains(QStringLiteral("eq. 1")));
        saveShot(window, QStringLiteral("plane-inspector-eq1-1920x1080.png"));
        window.resize(1280, 720);
        QTest::qWait(300);
        saveShot(window, QStringLiteral("plane-inspector-eq1-1280x720.png"));

        // Top-2 routing: two experts are not routed at the point, with nothing to explain.
        Config top2 = window.controlPanel()->config();
        top2.top_k = 2;
        window.controlPanel()->setConfig(top2);
        window.applyConfig(top2);
        QVERIFY(waitFor([&] {
            return tools->inspector()->probe() &&
                   window.lastSnapshot()->config.routed_experts() == 2 &&
                   std::count(tools->inspector()->probe()->routed.begin(),
                              tools->inspector()->probe()->routed.end(), true) == 2;
        }));
        QTest::qWait(100);
        checkInspectorAt(window, *tools->inspector()->point());
        int not_routed = 0;
        for (int m = 0; m < tools->inspector()->table()->rowCount(); ++m)
            not_routed +=
                tools->inspector()->table()->item(m, PointInspector::GateColumn)->text() ==
                QStringLiteral("not routed");
        QCOMPARE(not_routed, 2);
        saveShot(window, QStringLiteral("plane-inspector-top2-1280x720.png"));

        // Right-click: following the mouse again.
        QTest::mouseClick(view, Qt::RightButton, {}, between);
        QVERIFY(!tools->inspectTool()->pinned());
    }

    void drawingEditsUndoRedoTrainAndSave() {
        MainWindow window(vowelConfig(LossType::CompetitiveLog));
        window.setDialogsSuppressed(true);
        window.resize(1280, 720);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QVERIFY(waitFor([&] { return window.lastSnapshot() != nullptr; }));
        BoundaryView* view = window.boundaryView();
        QVERIFY(waitFor([&] { return view->geometry().has_value(); }));
        PlaneTools* tools = window.planeTools();
        QString error;
        QVERIFY2(tools->startDrawing(false, 2, &error), qPrintable(error));
        QVERIFY(tools->drawing());
        QCOMPARE(view->tool(), static_cast<PlaneTool*>(tools->drawTool()));
        DrawnData* drawn = tools->drawnData();
        QCOMPARE(drawn->size(), 0);
        QCOMPARE(drawn->classes(), 2);
        QTest::qWait(50);
        const QRectF plot = view->geometry()->plot();

        // Add, add in another class, remove, move.
        const QPoint a =
            (plot.topLeft() + QPointF(plot.width() * 0.3, plot.height() * 0.3)).toPoint();
        const QPoint b =
            (plot.topLeft() + QPointF(plot.width() * 0.7, plot.height() * 0.6)).toPoint();
        const QPoint c =
            (plot.topLeft() + QPointF(plot.width() * 0.6, plot.height() * 0.8)).toPoint();
        QTest::mouseClick(view, Qt::LeftButton, {}, a);
        QCOMPARE(drawn->size(), 1);
        QCOMPARE(drawn->points()[0].label, 0);
        const QPointF raw_a = view->geometry()->toData(a);
        QCOMPARE(drawn->points()[0].x, raw_a.x());
        auto* classes = window.findChild<QComboBox*>(QStringLiteral("drawClass"));
        QVERIFY(classes && classes->count() == 2);
        classes->setCurrentIndex(1);
        QTest::mouseClick(view, Qt::LeftButton, {}, b);
        QCOMPARE(drawn->size(), 2);
        QCOMPARE(drawn->points()[1].label, 1);
        // A right click far from every point removes nothing; on a point, that point.
        QTest::mouseClick(view, Qt::RightButton, {}, c);
        QCOMPARE(drawn->size(), 2);
        QTest::mouseClick(view, Qt::RightButton, {}, a + QPoint(3, -2));
        QCOMPARE(drawn->size(), 1);
        QCOMPARE(drawn->points()[0].label, 1);
        // Drag b to c.
        QTest::mousePress(view, Qt::LeftButton, {}, b);
        QTest::mouseMove(view, (b + c) / 2);
        QTest::mouseMove(view, c);
        QTest::mouseRelease(view, Qt::LeftButton, {}, c);
        QCOMPARE(drawn->size(), 1);
        const QPointF raw_b = view->geometry()->toData(b), raw_c = view->geometry()->toData(c);
        QVERIFY(std::abs(drawn->points()[0].x - raw_c.x()) < 1e-9);
        QVERIFY(std::abs(drawn->points()[0].y - raw_c.y()) < 1e-9);

        // Undo the move, the removal; redo both (Ctrl+Z, Ctrl+Shift+Z reach the window).
        QUndoStack* undo = drawn->undoStack();
        QCOMPARE(undo->count(), 4);
        QTest::keyClick(view, Qt::Key_Z, Qt::ControlModifier);
        QVERIFY(std::abs(drawn->points()[0].x - raw_b.x()) < 1e-9);
        QTest::keyClick(view, Qt::Key_Z, Qt::ControlModifier);
        QCOMPARE(drawn->size(), 2);
        QCOMPARE(drawn->points()[0].x, raw_a.x());
        QTest::keyClick(view, Qt::Key_Z, Qt::ControlModifier | Qt::ShiftModifier);
        QCOMPARE(drawn->size(), 1);
        QTest::keyClick(view, Qt::Key_Z, Qt::ControlModifier | Qt::ShiftModifier);
        QVERIFY(std::abs(drawn->points()[0].x - raw_c.x()) < 1e-9);
        QTest::keyClick(view, Qt::Key_Z, Qt::ControlModifier);
        QTest::keyClick(view, Qt::Key_Z, Qt::ControlModifier);
        QTest::keyClick(view, Qt::Key_Z, Qt::ControlModifier);
        QTest::keyClick(view, Qt::Key_Z, Qt::ControlModifier);
        QCOMPARE(drawn->size(), 0);

        // A separable set: class 0 on the left, class 1 on the right, ten points each.
        for (int i = 0; i < 20; ++i) {
            classes->setCurrentIndex(i % 2);
            const double across = (i % 2 ? 0.65 : 0.1) + 0.025 * (i / 2);
            const double down = 0.1 + 0.08 * (i / 2);
            QTest::mouseClick(
                view, Qt::LeftButton, {},
                (plot.topLeft() + QPointF(plot.width() * across, plot.height() * down)).toPoint());
        }
        QCOMPARE(drawn->size(), 20);
        QString failure;
        connect(window.worker(), &TrainingWorker::failed, this,
                [&failure](const QString& message) { failure = message; });
        const bool arrived = waitFor([&] {
            const SnapshotPtr s = window.lastSnapshot();
            return s->dataset->name == kDrawnDatasetName && s->dataset->size() == 20;
        });
        QVERIFY2(arrived, qPrintable(failure + QStringLiteral(" / shown: ") +
                                     QString::fromStdString(window.lastSnapshot()->dataset->name) +
                                     QStringLiteral(" ") +
                                     QString::number(window.lastSnapshot()->dataset->size())));
        QCOMPARE(window.controlPanel()->config().dataset.name, std::string(kDrawnDatasetName));
        // The worker's data is the drawing.
        const Dataset& trained = *window.lastSnapshot()->dataset;
        for (int i = 0; i < 20; ++i) {
            QCOMPARE(double(trained.features(i, 0)), double(float(drawn->points()[size_t(i)].x)));
            QCOMPARE(trained.labels[size_t(i)], drawn->points()[size_t(i)].label);
        }
        QVERIFY(trainFor(window, 1));
        const double loss_before = window.lastSnapshot()->latest.loss;
        QVERIFY(trainFor(window, 400));
        const EpochMetrics after = window.lastSnapshot()->latest;
        QVERIFY2(after.train_accuracy >= 0.95, qPrintable(QString::number(after.train_accuracy)));
        QVERIFY2(after.loss < loss_before,
                 qPrintable(QStringLiteral("%1 -> %2").arg(loss_before).arg(after.loss)));
        QTest::qWait(200);
        saveShot(window, QStringLiteral("plane-drawn-1280x720.png"));

        // An edit of the same shape keeps the trained weights, and the training goes on: the
        // epochs and the charts' history continue, and the charts mark the edit's epoch.
        const Eigen::VectorXf trained_weights = window.lastSnapshot()->model->parameters();
        const long epoch_before_edit = window.lastSnapshot()->epoch;
        window.charts()->refreshNow();
        const long losses_before_edit = window.charts()->lossCount();
        const long metrics_before_edit = window.charts()->historySize();
        QVERIFY2(epoch_before_edit >= 401, qPrintable(QString::number(epoch_before_edit)));
        QVERIFY(losses_before_edit >= 401);
        classes->setCurrentIndex(0);
        // The plot's place now: the legend may have moved beside or below it for the new points.
        const QRectF plot_now = view->geometry()->plot();
        QTest::mouseClick(
            view, Qt::LeftButton, {},
            (plot_now.topLeft() + QPointF(plot_now.width() * 0.2, plot_now.height() * 0.9))
                .toPoint());
        QVERIFY(waitFor([&] { return window.lastSnapshot()->dataset->size() == 21; }));
        const SnapshotPtr edited = window.lastSnapshot();
        QCOMPARE(edited->epoch, epoch_before_edit);
        QVERIFY(!edited->history_reset);
        QVERIFY((edited->model->parameters() - trained_weights).norm() == 0.0f);
        QVERIFY(trainFor(window, 30));
        QVERIFY(window.lastSnapshot()->epoch >= epoch_before_edit + 30);
        window.charts()->refreshNow();
        QVERIFY2(window.charts()->lossCount() >= losses_before_edit + 30,
                 qPrintable(QStringLiteral("%1 -> %2")
                                .arg(losses_before_edit)
                                .arg(window.charts()->lossCount())));
        QVERIFY(window.charts()->historySize() > metrics_before_edit);
        const std::vector<KnobChange>& marks = window.charts()->knobChanges();
        QVERIFY2(std::any_of(marks.begin(), marks.end(),
                             [&](const KnobChange& mark) {
                                 return mark.epoch == epoch_before_edit &&
                                        mark.label == QStringLiteral("drawing edited");
                             }),
                 qPrintable(QString::number(marks.size())));
        // The marked line is drawn on the loss chart's time axis.
        QVERIFY(!window.charts()->timeChartViews().empty());
        QCOMPARE(window.charts()->timeChartViews().front()->markers(), marks);
        QTest::qWait(200);
        saveShot(window, QStringLiteral("plane-drawn-edited-1280x720.png"));

        // A knob change keeps training the drawing (not a file called "drawn").
        Config config = window.controlPanel()->config();
        config.learning_rate = 0.25;
        window.applyConfig(config);
        QVERIFY(waitFor([&] { return window.lastSnapshot()->config.learning_rate == 0.25; }));
        QCOMPARE(window.lastSnapshot()->dataset->size(), 21);

        // Saved as CSV and read back: the same points and classes.
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("drawn.csv"));
        QVERIFY2(tools->saveDrawnCsv(path, &error), qPrintable(error));
        const Dataset read = load_csv_dataset(path.toStdString());
        QCOMPARE(read.size(), drawn->size());
        for (int i = 0; i < read.size(); ++i) {
            const DrawnPoint& p = drawn->points()[size_t(i)];
            QCOMPARE(read.features(i, 0), float(p.x));
            QCOMPARE(read.features(i, 1), float(p.y));
            QCOMPARE(read.class_names[size_t(read.labels[size_t(i)])],
                     drawn->classNames()[size_t(p.label)]);
        }
        window.resize(1920, 1080);
        QVERIFY(trainFor(window, 50));
        QTest::qWait(300);
        saveShot(window, QStringLiteral("plane-drawn-1920x1080.png"));

        // Reset still starts everything again: new weights at epoch 0, empty charts, no marks,
        // on the same drawing.
        QPushButton* reset =
            window.controlPanel()->findChild<QPushButton*>(QStringLiteral("resetButton"));
        QVERIFY(reset);
        reset->click();
        QVERIFY(waitFor([&] { return window.lastSnapshot()->epoch == 0; }));
        window.charts()->refreshNow();
        QCOMPARE(window.charts()->lossCount(), 0L);
        QVERIFY(window.charts()->knobChanges().empty());
        QCOMPARE(window.lastSnapshot()->dataset->size(), 21);
        QVERIFY((window.lastSnapshot()->model->parameters() - trained_weights).norm() > 0.0f);

        // Another data set ends the drawing.
        config = window.controlPanel()->config();
        config.dataset.name = "blobs";
        window.controlPanel()->setConfig(config);
        window.applyConfig(config);
        QVERIFY(waitFor([&] { return !tools->drawing(); }));
        QCOMPARE(view->tool(), static_cast<PlaneTool*>(tools->inspectTool()));
    }

    void aClassOfOnePointIsRefusedWithAMessage() {
        MainWindow window(vowelConfig(LossType::CompetitiveLog));
        window.setDialogsSuppressed(true);
        QVERIFY(waitFor([&] { return window.lastSnapshot() != nullptr; }));
        PlaneTools* tools = window.planeTools();
        QVERIFY(tools->startDrawing(false, 3));
        tools->drawnData()->add({0, 0, 0});
        tools->drawnData()->add({1, 1, 0});
        tools->drawnData()->add({2, 2, 1});
        QTemporaryDir dir;
        QString error;
        QVERIFY(!tools->saveDrawnCsv(dir.filePath(QStringLiteral("x.csv")), &error));
        QVERIFY2(error.contains(QStringLiteral("Class 2")), qPrintable(error));
        QVERIFY(!QFile::exists(dir.filePath(QStringLiteral("x.csv"))));
    }
};

QTEST_MAIN(PlaneToolsTest)
#include "test_plane_tools.moc"
