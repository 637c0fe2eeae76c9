// A change of a control reaches a running training within a fraction of a second even when one
// epoch takes seconds: the worker trains in slices of mini-batches and evaluates metrics a few
// chunks at a time, so it reads its messages between mini-batches, not only between epochs.
// A behaviour check with a generous bound, not a benchmark; the measured delays are printed.
#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTest>
#include <algorithm>
#include <atomic>
#include <vector>

#include "training_worker.h"

using moelab::Config;
using moelab::SnapshotPtr;
using moelab::TrainingThread;
using moelab::TrainingWorker;

namespace {

constexpr qint64 bound_ms = 1000;  // the issue asks for 100 ms; this only catches a regression

// A training whose every epoch takes seconds on any machine: a million cases in mini-batches of 16
// through 16 experts of two hidden layers of 64 units (about 10^11 multiply-adds per epoch).
Config largeTraining() {
    Config config;
    config.dataset.name = "blobs";
    config.dataset.cases = 1000000;
    config.experts = 16;
    config.expert_hidden = {64, 64};
    config.gate = moelab::GateType::Mlp;
    config.gate_hidden = {32};
    config.loss = moelab::LossType::MixtureNll;
    config.batch_size = 16;
    config.learning_rate = 0.05;
    config.threads = 2;
    return config;
}

// Starts `config` playing as fast as possible, then sends ten learning-rate changes and a change
// of the number of experts while it trains; returns the delays (ms) until each was in effect, the
// re-initialising one last, and the epochs ended meanwhile.
struct Delays {
    std::vector<qint64> live;
    qint64 reinitialising = -1;
    long epochs = 0;
    qint64 training_ms = 0;
};

Delays measureDelays(Config config) {
    Delays result;
    TrainingThread thread;
    TrainingWorker* worker = thread.worker();
    QElapsedTimer clock;
    clock.start();
    // Stamped on the worker's own thread the moment the change is in effect.
    std::atomic<qint64> applied_at{-1};
    std::atomic<double> applied_rate{0};
    QObject::connect(
        worker, &TrainingWorker::configApplied, worker,
        [&](const Config& applied) {
            applied_rate.store(applied.learning_rate);
            applied_at.store(clock.elapsed());
        },
        Qt::DirectConnection);
    std::atomic<long> epoch{-1};
    QObject::connect(
        worker, &TrainingWorker::snapshotReady, worker,
        [&](const SnapshotPtr& snapshot) {
            epoch.store(snapshot->epoch);
            worker->snapshotConsumed();
        },
        Qt::DirectConnection);
    auto send = [&](const Config& changed) {
        applied_at.store(-1);
        const qint64 sent = clock.elapsed();
        QMetaObject::invokeMethod(worker, [worker, changed] { worker->setConfig(changed); });
        if (!QTest::qWaitFor([&] { return applied_at.load() >= 0; }, 60000)) return qint64(-1);
        return applied_at.load() - sent;
    };

    if (send(config) < 0) return result;
    QMetaObject::invokeMethod(worker, [worker] {
        worker->setSpeed(0);
        worker->setPlaying(true);
    });
    const qint64 started = clock.elapsed();
    QTest::qWait(1500);  // well into the first epoch
    for (int change = 0; change < 10; ++change) {
        config.learning_rate *= 1.01;
        const qint64 delay = send(config);
        if (delay < 0 || applied_rate.load() != config.learning_rate) return result;
        result.live.push_back(delay);
        QTest::qWait(150);
    }
    result.training_ms = clock.elapsed() - started;
    result.epochs = std::max(0L, epoch.load());
    config.experts -= 2;
    result.reinitialising = send(config);
    thread.stop();
    return result;
}

void report(const char* what, Delays delays) {
    std::sort(delays.live.begin(), delays.live.end());
    qInfo(
        "%s: 10 changes while training, median %lld ms, worst %lld ms; re-initialising %lld ms; "
        "%ld epoch(s) ended in %lld ms of training",
        what, static_cast<long long>(delays.live[delays.live.size() / 2]),
        static_cast<long long>(delays.live.back()), static_cast<long long>(delays.reinitialising),
        delays.epochs, static_cast<long long>(delays.training_ms));
}

}  // namespace

class WorkerLatencyTest : public QObject {
    Q_OBJECT

  private slots:
    void aChangeArrivesBetweenMiniBatches() {
        const Delays delays = measureDelays(largeTraining());
        QCOMPARE(delays.live.size(), size_t(10));
        report("1,000,000 generated cases", delays);
        // The check means something only if an epoch is much longer than the bound.
        QVERIFY2(delays.epochs == 0 || delays.training_ms / delays.epochs > 3 * bound_ms,
                 "the training is too fast for this test; make it larger");
        QVERIFY2(*std::max_element(delays.live.begin(), delays.live.end()) < bound_ms,
                 "a change waited for the end of an epoch");
        QVERIFY(delays.reinitialising >= 0 && delays.reinitialising < bound_ms);
    }

    void aChangeArrivesPromptlyOnFashionMnist() {
        // The full official training set (scripts/setup.sh installs dataset-fashion-mnist), 8
        // experts with 64 hidden units: about a second per epoch, and its full metrics (70000
        // images) are evaluated between training slices.
        Config config;
        config.dataset.name = "fashion-mnist";
        config.experts = 8;
        config.expert_hidden = {64};
        config.loss = moelab::LossType::MixtureNll;
        config.batch_size = 128;
        config.learning_rate = 0.05;
        config.threads = 2;
        const Delays delays = measureDelays(config);
        QCOMPARE(delays.live.size(), size_t(10));
        report("Fashion-MNIST", delays);
        QVERIFY2(*std::max_element(delays.live.begin(), delays.live.end()) < bound_ms,
                 "a change waited for the end of an epoch or of an evaluation");
        QVERIFY(delays.reinitialising >= 0 && delays.reinitialising < bound_ms);
    }
};

QTEST_GUILESS_MAIN(WorkerLatencyTest)
#include "test_worker_latency.moc"
