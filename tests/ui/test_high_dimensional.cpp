// Data of many features in the window: Fashion-MNIST chosen in the dataset combo loads on the
// worker's thread while the window goes on, the routing table takes the centre (class names,
// image strips), the projection tab draws the plane of the first two principal components, and
// the vowels bring the plane back with the routing table in its dock.
#include <QComboBox>
#include <QDockWidget>
#include <QElapsedTimer>
#include <QFile>
#include <QSignalSpy>
#include <QTabBar>
#include <QTabWidget>
#include <QTest>
#include <functional>

#include "boundary_view.h"
#include "control_panel.h"
#include "data/fashion_mnist.h"
#include "main_window.h"
#include "routing_view.h"
#include "training_worker.h"

using moelab::Config;
using moelab::MainWindow;

namespace {

constexpr int timeout_ms = 60000;

bool waitFor(const std::function<bool()>& condition) {
    return QTest::qWaitFor(condition, timeout_ms);
}

bool fashionMnistInstalled() {
    return QFile::exists(QString::fromStdString(moelab::fashion_mnist_directory()) +
                         QStringLiteral("/train-images-idx3-ubyte.gz"));
}

}  // namespace

class HighDimensionalTest : public QObject {
    Q_OBJECT

  private slots:
    void switchingToFashionMnistAndBack() {
        if (!fashionMnistInstalled())
            QSKIP("Fashion-MNIST is not installed (Debian package dataset-fashion-mnist)");
        Config config;
        config.experts = 4;
        MainWindow window(config);
        window.setDialogsSuppressed(true);
        window.resize(1280, 720);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QVERIFY(waitFor([&] { return window.lastSnapshot() != nullptr; }));
        QTabWidget* tabs = window.centralTabs();
        // The vowels: the plane alone in the centre, the routing table in its dock.
        QVERIFY(!window.showsHighDimensionalData());
        QCOMPARE(tabs->currentWidget(), static_cast<QWidget*>(window.boundaryView()));
        QVERIFY(!tabs->tabBar()->isVisible());
        QVERIFY(!window.routingDock()->isHidden());
        QVERIFY(waitFor([&] { return window.routingPanel()->classCount() == 4; }));

        // Fashion-MNIST, its first 2000 training images, chosen as a person would.
        QSignalSpy started(window.worker(), &moelab::TrainingWorker::loadingStarted);
        QSignalSpy finished(window.worker(), &moelab::TrainingWorker::loadingFinished);
        Config small = window.controlPanel()->config();
        small.dataset.cases = 2000;
        window.controlPanel()->setConfig(small);
        auto* datasets =
            window.controlPanel()->findChild<QComboBox*>(QStringLiteral("knob_dataset_name"));
        QVERIFY(datasets);
        datasets->setCurrentIndex(datasets->findData(QStringLiteral("fashion-mnist")));
        QVERIFY(waitFor([&] { return finished.count() > 0; }));
        QCOMPARE(started.count(), 1);
        QCOMPARE(started.first().first().toString(), QStringLiteral("fashion-mnist"));

        // The routing table in the centre, with the garments' names and each expert's images.
        QVERIFY(waitFor([&] {
            const auto snapshot = window.lastSnapshot();
            return snapshot && snapshot->dataset && snapshot->dataset->dimensions() == 784 &&
                   window.routingView()->classCount() == 10;
        }));
        QVERIFY(!window.isLoading());
        QVERIFY(window.showsHighDimensionalData());
        QCOMPARE(tabs->currentWidget(), static_cast<QWidget*>(window.routingView()));
        QVERIFY(tabs->tabBar()->isVisible());
        QVERIFY(window.routingDock()->isHidden());
        QCOMPARE(window.routingView()->classLabel(0), QStringLiteral("T-shirt/top"));
        QCOMPARE(window.routingView()->classLabel(9), QStringLiteral("Ankle boot"));
        QCOMPARE(window.routingView()->expertCount(), 4);
        const auto snapshot = window.lastSnapshot();
        QCOMPARE(snapshot->dataset->size(), 12000);  // 2000 training and 10000 test images
        QVERIFY(snapshot->projection);
        QVERIFY(!snapshot->grid);  // the plane is not evaluated while nobody looks at it
        QCOMPARE(snapshot->case_images.size(), size_t(4));
        double counted = 0;
        for (int c = 0; c < 10; ++c)
            for (int i = 0; i < 4; ++i) counted += window.routingView()->count(c, i);
        QCOMPARE(counted, 2000.0);
        int pictured = 0;
        for (int i = 0; i < 4; ++i) {
            const std::vector<int> rows = window.routingView()->shownCases(i);
            const std::vector<int>& strongest = snapshot->latest.strongest_cases[size_t(i)];
            QVERIFY(rows.size() <= strongest.size());
            QVERIFY(std::equal(rows.begin(), rows.end(), strongest.begin()));
            pictured += static_cast<int>(rows.size());
        }
        QVERIFY(pictured > 0);

        // The projection tab: the plane of the first two principal components, evaluated now.
        tabs->setCurrentWidget(window.boundaryView());
        QVERIFY(waitFor([&] {
            const auto shown = window.boundaryView()->snapshot();
            return shown && shown->projection && shown->grid;
        }));
        QVERIFY(window.boundaryView()->snapshot()->grid->spec.x_min <
                window.boundaryView()->snapshot()->grid->spec.x_max);

        // Back to the vowels: the plane, the routing table in its dock again.
        datasets->setCurrentIndex(datasets->findData(QStringLiteral("vowels")));
        QVERIFY(waitFor([&] {
            const auto shown = window.lastSnapshot();
            return shown && shown->dataset->dimensions() == 2 && shown->grid;
        }));
        QVERIFY(!window.showsHighDimensionalData());
        QCOMPARE(tabs->currentWidget(), static_cast<QWidget*>(window.boundaryView()));
        QVERIFY(!tabs->tabBar()->isVisible());
        QVERIFY(!window.routingDock()->isHidden());
        QVERIFY(!window.lastSnapshot()->projection);
        QVERIFY(waitFor([&] { return window.routingPanel()->classCount() == 4; }));
    }

    // All 70000 images: the window goes on answering while the worker loads and projects them,
    // and says that it is loading.
    void theWindowStaysResponsiveWhileFashionMnistLoads() {
        if (!fashionMnistInstalled())
            QSKIP("Fashion-MNIST is not installed (Debian package dataset-fashion-mnist)");
        MainWindow window{Config{}};
        window.setDialogsSuppressed(true);
        window.resize(1280, 720);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QVERIFY(waitFor([&] { return window.lastSnapshot() != nullptr; }));
        auto* indicator = window.findChild<QWidget*>(QStringLiteral("loadingIndicator"));
        QVERIFY(indicator);
        QVERIFY(!indicator->isVisible());
        QSignalSpy finished(window.worker(), &moelab::TrainingWorker::loadingFinished);
        auto* datasets =
            window.controlPanel()->findChild<QComboBox*>(QStringLiteral("knob_dataset_name"));
        datasets->setCurrentIndex(datasets->findData(QStringLiteral("fashion-mnist")));
        QCOMPARE(window.controlPanel()->config().dataset.cases, 0);  // every training image
        // The event loop keeps turning: the longest wait between two looks at it.
        QElapsedTimer clock;
        clock.start();
        qint64 last = 0, longest = 0;
        bool seen_loading = false;
        while (finished.count() == 0 && clock.elapsed() < timeout_ms) {
            QTest::qWait(5);
            const qint64 now = clock.elapsed();
            longest = std::max(longest, now - last);
            last = now;
            if (window.isLoading()) {
                seen_loading = true;
                QVERIFY(indicator->isVisible());
                QVERIFY(!window.boundaryView()->loadingMessage().isEmpty());
                QVERIFY(!window.routingView()->loadingMessage().isEmpty());
            }
        }
        QVERIFY(finished.count() > 0);
        qInfo("loading took %lld ms; the event loop waited at most %lld ms",
              static_cast<long long>(clock.elapsed()), static_cast<long long>(longest));
        QVERIFY(seen_loading);
        QVERIFY2(longest < 250, qPrintable(QString::number(longest)));
        QVERIFY(waitFor([&] { return !window.isLoading(); }));
        QVERIFY(!indicator->isVisible());
        QVERIFY(window.boundaryView()->loadingMessage().isEmpty());
        QVERIFY(waitFor([&] {
            const auto snapshot = window.lastSnapshot();
            return snapshot && snapshot->dataset->size() == 70000 && snapshot->projection;
        }));
    }
};

QTEST_MAIN(HighDimensionalTest)
#include "test_high_dimensional.moc"
