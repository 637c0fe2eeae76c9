// The metric charts: history accumulates and resets, curves stay decimated, CSV export is complete.
#include <QElapsedTimer>
#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include "metrics_charts.h"
#include "ui_test_support.h"

using moelab::MetricsCharts;

class MetricsChartsTest : public QObject {
    Q_OBJECT

  private slots:
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
        QCOMPARE(charts.historySize(), 100000L);
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
