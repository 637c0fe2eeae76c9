// Bounded memory (issue 10): a million epochs of the vowels in the real training worker, publishing
// snapshots to a consumer as the app does, and the process's resident memory stays under a stated
// cap, because the history the trainer keeps, the worker publishes and the charts hold thins out
// evenly instead of growing with every epoch (training/decimated_series.h). Kept as its own CTest
// (label "long"): it trains for a minute or so. MOELAB_MEMORY_EPOCHS runs another count.
#include <QFile>
#include <QTest>
#include <atomic>

#include "metrics_charts.h"
#include "training_worker.h"

using moelab::Config;
using moelab::SnapshotPtr;
using moelab::TrainingThread;
using moelab::TrainingWorker;

namespace {

// The stated cap on how much the peak resident memory may grow while training (measured: about
// 6 MB, the series filling up to their capacities). A history of every epoch would hold a million
// losses twice, in the trainer and in the charts: 8 MB each, 12 MB at the peak of a vector's
// last doubling, before any metrics row.
constexpr double growth_cap_mb = 12;

// "VmRSS" (resident now) or "VmHWM" (the peak so far) of this process, in megabytes.
double statusMegabytes(const char* field) {
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly | QIODevice::Text)) return -1;
    const QByteArray key = QByteArray(field) + ':';
    // Read whole: a /proc file has no size, so QFile::atEnd() is true from the start.
    for (const QByteArray& line : status.readAll().split('\n')) {
        if (line.startsWith(key))
            return line.mid(key.size()).trimmed().split(' ').first().toDouble() / 1024.0;
    }
    return -1;
}

}  // namespace

class MemoryBoundTest : public QObject {
    Q_OBJECT
  private slots:
    void aMillionVowelEpochsStayUnderTheCap() {
        bool ok = false;
        long epochs = qEnvironmentVariableIntValue("MOELAB_MEMORY_EPOCHS", &ok);
        if (!ok || epochs <= 0) epochs = 1'000'000;

        TrainingThread thread;
        TrainingWorker* worker = thread.worker();
        moelab::MetricsCharts charts;
        // What an unbounded history would have grown by: every metrics row published.
        long published_rows = 0;
        // The snapshots reach the charts on this thread, as in the window, and are acknowledged so
        // the worker publishes at its full rate.
        connect(worker, &TrainingWorker::snapshotReady, &charts,
                [&charts, &published_rows, worker](const SnapshotPtr& snapshot) {
                    published_rows += static_cast<long>(snapshot->new_history.size());
                    charts.showSnapshot(snapshot);
                    worker->snapshotConsumed();
                });
        std::atomic<long> reached{-1};
        connect(
            worker, &TrainingWorker::targetReached, worker,
            [&reached](long epoch) { reached.store(epoch); }, Qt::DirectConnection);

        // The fastest training the issue allows: the vowels, full batch, one thread; a small view,
        // so drawing the plane costs little beside training.
        Config config;
        config.dataset.name = "vowels";
        config.experts = 3;
        config.batch_size = 0;
        config.threads = 1;
        QMetaObject::invokeMethod(worker, [worker, config] {
            worker->setConfig(config);
            worker->setViewport({}, QSize(96, 96));
        });
        // Warm up first (data loaded, buffers made, a few thousand epochs): the baseline.
        const long warm_up = std::min(epochs / 10, 5000L);
        QMetaObject::invokeMethod(worker, [worker, warm_up] { worker->trainFor(warm_up); });
        QVERIFY(QTest::qWaitFor([&] { return reached.load() >= warm_up; }, 120000));
        charts.refreshNow();
        const double baseline_mb = statusMegabytes("VmRSS");
        QVERIFY(baseline_mb > 0);

        QElapsedTimer clock;
        clock.start();
        reached.store(-1);
        const long rest = epochs - warm_up;
        QMetaObject::invokeMethod(worker, [worker, rest] { worker->trainFor(rest); });
        QVERIFY(QTest::qWaitFor([&] { return reached.load() >= epochs; }, 3'600'000));
        const double seconds = clock.elapsed() / 1000.0;
        charts.refreshNow();
        const double peak_mb = statusMegabytes("VmHWM");
        const double now_mb = statusMegabytes("VmRSS");
        qInfo(
            "memory: %ld epochs in %.1f s; resident %.1f MB after warm-up, %.1f MB at the end, "
            "peak %.1f MB; growth of the peak %.1f MB (cap %.0f MB); the charts keep %ld of "
            "%ld metrics rows and %ld of %ld losses",
            epochs, seconds, baseline_mb, now_mb, peak_mb, peak_mb - baseline_mb, growth_cap_mb,
            charts.historySize(), published_rows, charts.lossCount(), epochs);
        QVERIFY2(
            peak_mb - baseline_mb < growth_cap_mb,
            qPrintable(QStringLiteral("resident memory grew by %1 MB").arg(peak_mb - baseline_mb)));
        // The charts end at the newest epoch, in bounded series.
        QVERIFY(charts.lossCount() <= long(moelab::History::kLossCapacity));
        QVERIFY(charts.historySize() <= long(moelab::MetricsCharts::kKeptRows));
        thread.stop();
    }
};

QTEST_MAIN(MemoryBoundTest)
#include "test_memory_bound.moc"
