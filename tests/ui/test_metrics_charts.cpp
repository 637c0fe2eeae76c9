// The metric charts: history accumulates and resets, curves stay decimated, CSV export is complete.
#include <QChart>
#include <QChartView>
#include <QElapsedTimer>
#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QValueAxis>
#include <cmath>

#include "chart_key.h"
#include "chart_markers.h"
#include "main_window.h"
#include "metrics_charts.h"
#include "training_worker.h"
#include "ui_test_support.h"

using moelab::MetricsCharts;

class MetricsChartsTest : public QObject {
    Q_OBJECT

  private slots:
    void chartKeysShowWholeNamesInASmallWindow() {
        // Issue 10: in a 1280 x 720 window Qt's chart legend cut the names to "Tr..." and "E...".
        // The keys under the charts wrap instead: every name fits inside its key, whole.
        for (const QSize window_size : {QSize(1280, 720), QSize(1920, 1080)}) {
            moelab::Config config;
            config.dataset.name = "vowels";
            moelab::MainWindow window(config);
            window.setDialogsSuppressed(true);
            window.resize(window_size);
            window.show();
            QTest::qWait(100);
            const auto keys = window.charts()->findChildren<moelab::ChartKey*>();
            QCOMPARE(keys.size(), 2);
            for (const moelab::ChartKey* key : keys) {
                QVERIFY(key->isVisible());
                const QFontMetricsF metrics(key->font());
                const auto rects = key->textRects(key->width());
                QCOMPARE(rects.size(), key->entries().size());
                for (size_t k = 0; k < rects.size(); ++k) {
                    const QString& name = key->entries()[k].text;
                    const QString where = QStringLiteral("%1 in %2x%3 (key %4x%5)")
                                              .arg(name)
                                              .arg(window_size.width())
                                              .arg(window_size.height())
                                              .arg(key->width())
                                              .arg(key->height());
                    QVERIFY2(rects[k].width() + 0.5 >= metrics.horizontalAdvance(name),
                             qPrintable(where));
                    QVERIFY2(QRectF(key->rect()).contains(rects[k]), qPrintable(where));
                }
            }
            window.shutdown();
        }
    }

    void aNarrowKeyWrapsOntoMoreLines() {
        moelab::ChartKey key;
        key.setEntries({{QStringLiteral("Train"), QPen(Qt::blue, 2)},
                        {QStringLiteral("Test"), QPen(Qt::red, 2)},
                        {QStringLiteral("Top expert"), QPen(Qt::green, 2)}});
        const auto wide = key.textRects(600);
        const auto narrow = key.textRects(120);
        QCOMPARE(wide.front().top(), wide.back().top());      // one line
        QVERIFY(narrow.back().top() > narrow.front().top());  // wrapped
        QVERIFY(key.heightForWidth(120) > key.heightForWidth(600));
        for (const QRectF& rect : narrow) QVERIFY(rect.right() <= 120);
    }

    void historyAccumulatesAndResets() {
        MetricsCharts charts;
        charts.showSnapshot(moelab::test::historySnapshot(1, 10, 3, true));
        charts.showSnapshot(moelab::test::historySnapshot(11, 25, 3));
        QCOMPARE(charts.historySize(), 25L);
        QCOMPARE(charts.lossCount(), 25L);
        charts.refreshNow();
        QCOMPARE(charts.plottedPointCount(), 25);
        // A snapshot that repeats epochs already seen adds nothing.
        charts.showSnapshot(moelab::test::historySnapshot(20, 25, 3));
        QCOMPARE(charts.historySize(), 25L);
        QCOMPARE(charts.lossCount(), 25L);
        charts.showSnapshot(moelab::test::historySnapshot(1, 5, 6, true));
        QCOMPARE(charts.historySize(), 5L);
        QCOMPARE(charts.lossCount(), 5L);
    }

    void lossOfEveryEpochWithSparseMetrics() {
        // The trainer records the loss of every epoch but full metrics only now and then.
        MetricsCharts charts;
        auto snapshot = std::const_pointer_cast<moelab::Snapshot>(
            moelab::test::historySnapshot(1, 100, 2, true));
        std::vector<moelab::EpochMetrics> sparse;
        for (const auto& metrics : snapshot->new_history)
            if (metrics.epoch % 25 == 0) sparse.push_back(metrics);
        snapshot->new_history = sparse;
        charts.showSnapshot(snapshot);
        QCOMPARE(charts.lossCount(), 100L);
        QCOMPARE(charts.historySize(), 4L);
    }

    // Every time chart labels its epoch axis at least twice, however narrow (at 1280 x 720 the
    // accuracy chart once read "0" alone under 431 epochs: the spacing jumped from 200 to 500).
    void everyEpochAxisHasAtLeastTwoLabels() {
        for (const long epochs : {77L, 431L, 1234L, 3100L, 25000L}) {
            for (int width = 260; width <= 1400; width += 60) {
                MetricsCharts charts;
                charts.resize(width, 480);
                charts.show();
                QVERIFY(QTest::qWaitForWindowExposed(&charts));
                charts.showSnapshot(moelab::test::historySnapshot(1, epochs, 4, true));
                charts.refreshNow();
                QCoreApplication::processEvents();
                charts.refreshNow();
                int time_axes = 0;
                for (const QChartView* view : charts.findChildren<QChartView*>()) {
                    for (QAbstractAxis* abstract : view->chart()->axes(Qt::Horizontal)) {
                        auto* axis = qobject_cast<QValueAxis*>(abstract);
                        if (!axis || axis->tickType() != QValueAxis::TicksDynamic) continue;
                        if (axis->max() < 2) continue;  // the expert axis, not epochs
                        ++time_axes;
                        const double first = std::ceil(axis->min() / axis->tickInterval());
                        const double last = std::floor(axis->max() / axis->tickInterval());
                        QVERIFY2(last - first + 1 >= 2,
                                 qPrintable(QStringLiteral("%1 epochs, %2 px: one label every %3 "
                                                           "over %4..%5")
                                                .arg(epochs)
                                                .arg(width)
                                                .arg(axis->tickInterval())
                                                .arg(axis->min())
                                                .arg(axis->max())));
                    }
                }
                QVERIFY(time_axes >= 3);  // loss, accuracy, entropies
            }
        }
    }

    void staysFastWithOneHundredThousandEpochs() {
        MetricsCharts charts;
        charts.resize(800, 600);
        charts.show();
        QVERIFY(QTest::qWaitForWindowExposed(&charts));
        QElapsedTimer timer;
        timer.start();
        for (long first = 1; first <= 100000; first += 1000) {
            charts.showSnapshot(moelab::test::historySnapshot(first, first + 999, 8, first == 1));
            charts.refreshNow();
        }
        charts.repaint();
        const qint64 elapsed = timer.elapsed();
        // Bounded memory: the history kept thins out evenly, from the first epoch to the newest.
        QVERIFY(charts.historySize() <= long(MetricsCharts::kKeptRows));
        QVERIFY(charts.historySize() > long(MetricsCharts::kKeptRows) / 2);
        QVERIFY(charts.lossCount() <= long(moelab::History::kLossCapacity));
        QVERIFY(charts.lossCount() > long(moelab::History::kLossCapacity) / 2);
        QVERIFY(charts.plottedPointCount() <= MetricsCharts::max_points_per_series);
        QVERIFY(charts.plottedPointCount() > MetricsCharts::max_points_per_series / 4);
        qInfo("100 snapshots of 1000 epochs each, plotted: %lld ms",
              static_cast<long long>(elapsed));
        QVERIFY2(elapsed < 20000, "charts too slow");
    }

    void exportsFullHistoryAsCsv() {
        MetricsCharts charts;
        charts.showSnapshot(moelab::test::historySnapshot(1, 3000, 4, true));
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("history.csv"));
        QString error;
        QVERIFY2(charts.exportCsv(path, &error), qPrintable(error));
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly | QIODevice::Text));
        const QList<QByteArray> lines = file.readAll().split('\n');
        // Header, 3000 rows, and the empty piece after the final newline.
        QCOMPARE(lines.size(), 3002);
        QVERIFY(lines[0].startsWith(
            "epoch,training_loss,loss,train_accuracy,test_accuracy,gate_entropy"));
        QVERIFY(lines[0].contains("utilisation_3"));
        const QList<QByteArray> header = lines[0].split(',');
        const QList<QByteArray> first = lines[1].split(',');
        QCOMPARE(first.size(), header.size());
        QCOMPARE(first[0], QByteArray("1"));
        QCOMPARE(first[1].toDouble(), 0.45);
        QCOMPARE(first[2].toDouble(), 0.5);
        QCOMPARE(first[4], QByteArray("0.75"));          // odd epochs have a test score
        QCOMPARE(lines[2].split(',')[4], QByteArray());  // NaN: no test score, an empty field
        QCOMPARE(lines[3000].split(',')[0], QByteArray("3000"));
        // The entanglement columns: the top expert alone, the gap, each expert on its own cases
        // (empty for an expert that is no case's top choice).
        const auto column = [&](const char* name) {
            return static_cast<int>(header.indexOf(QByteArray(name)));
        };
        QVERIFY(column("top_expert_accuracy") > 0);
        QCOMPARE(first[column("top_expert_accuracy")].toDouble(), 0.625);
        QCOMPARE(first[column("top_expert_gap")].toDouble(), 0.125);
        QCOMPARE(first[column("own_accuracy_0")], QByteArray("0.5"));
        QCOMPARE(first[column("own_accuracy_3")], QByteArray());
    }

    void marksALossChangeOnEveryTimeChart() {
        // A training under eq. 1 switched to eq. 3 after 5 epochs: every chart over epochs draws
        // a line at epoch 5 labelled "eq. 3", where its own axis puts epoch 5.
        moelab::TrainingWorker worker;
        MetricsCharts charts;
        charts.resize(1000, 600);
        charts.show();
        QVERIFY(QTest::qWaitForWindowExposed(&charts));
        connect(&worker, &moelab::TrainingWorker::snapshotReady, &charts,
                &MetricsCharts::showSnapshot);
        moelab::Config config;
        config.loss = moelab::LossType::Cooperative;
        worker.setConfig(config);
        for (int e = 0; e < 5; ++e) worker.stepEpoch();
        config.loss = moelab::LossType::CompetitiveLog;
        worker.setConfig(config);
        for (int e = 0; e < 5; ++e) worker.stepEpoch();
        charts.refreshNow();
        QCOMPARE(charts.knobChanges().size(), size_t(1));
        QCOMPARE(charts.knobChanges()[0].epoch, 5L);
        QCOMPARE(charts.knobChanges()[0].label, QStringLiteral("eq. 3"));
        QCOMPARE(charts.timeChartViews().size(), size_t(3));  // loss, accuracy, entropies
        for (moelab::MarkedChartView* view : charts.timeChartViews()) {
            const std::vector<double> positions = view->markerPositions();
            QCOMPARE(positions.size(), size_t(1));
            QChart* chart = view->chart();
            const QPointF at = chart->mapToPosition(QPointF(5, 0), chart->series().first());
            const double expected = view->mapFromScene(chart->mapToScene(at)).x();
            QVERIFY2(std::abs(positions[0] - expected) < 1.5, qPrintable(view->objectName()));
            // The line is painted: the marker colour runs down that column of the plot.
            const QImage image = view->grab().toImage();
            const int column = static_cast<int>(std::lround(positions[0]));
            int marked = 0;
            for (int y = 0; y < image.height(); ++y)
                for (int x = column - 1; x <= column + 1; ++x)
                    marked += x >= 0 && x < image.width() &&
                              image.pixelColor(x, y) == moelab::MarkedChartView::markerColor();
            const double plot_height = chart->plotArea().height();
            QVERIFY2(marked > plot_height / 4, qPrintable(view->objectName()));
        }

        // A later change adds a mark; a second change in its epoch joins it, and undoing both
        // there leaves no mark at all.
        const moelab::Config at_ten = config;
        config.learning_rate = 0.25;
        worker.setConfig(config);
        worker.publishNow();
        QCOMPARE(charts.knobChanges().size(), size_t(2));
        QCOMPARE(charts.knobChanges()[1].epoch, 10L);
        QVERIFY(charts.knobChanges()[1].label.endsWith(QStringLiteral(" 0.25")));
        config.loss = moelab::LossType::Competitive;
        worker.setConfig(config);
        worker.publishNow();
        QCOMPARE(charts.knobChanges().size(), size_t(2));
        QVERIFY(charts.knobChanges()[1].label.startsWith(QStringLiteral("eq. 2, ")));
        config = at_ten;
        worker.setConfig(config);
        worker.publishNow();
        QCOMPARE(charts.knobChanges().size(), size_t(1));
        config.seed += 1;
        worker.setConfig(config);
        worker.publishNow();
        QVERIFY(charts.knobChanges().empty());
        for (moelab::MarkedChartView* view : charts.timeChartViews())
            QVERIFY(view->markers().empty());
    }

    void failedExportLeavesNoFileAndSaysWhy() {
        MetricsCharts charts;
        charts.showSnapshot(moelab::test::historySnapshot(1, 10, 2, true));
        QString error;
        QVERIFY(!charts.exportCsv(QStringLiteral("/nonexistent-directory/history.csv"), &error));
        QVERIFY(!error.isEmpty());
    }
};

QTEST_MAIN(MetricsChartsTest)
#include "test_metrics_charts.moc"
