// The expert gallery: one panel per expert, gate weight as brightness, click to highlight.
#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTest>
#include <cmath>
#include <limits>

#include "expert_gallery.h"
#include "ui_test_support.h"

using moelab::ExpertGallery;

class ExpertGalleryTest : public QObject {
    Q_OBJECT

  private slots:
    void onePanelPerExpert() {
        ExpertGallery gallery;
        gallery.resize(480, 160);
        gallery.show();
        QVERIFY(QTest::qWaitForWindowExposed(&gallery));
        gallery.showSnapshot(moelab::test::gridSnapshot(3));
        QCOMPARE(gallery.expertCount(), 3);
        for (int i = 0; i < 3; ++i) {
            QVERIFY(!gallery.tileRect(i).isEmpty());
            QVERIFY(gallery.rect().contains(gallery.tileRect(i)));
            QVERIFY(!gallery.tileImage(i).isNull());
        }
        QVERIFY(!gallery.tileRect(0).intersects(gallery.tileRect(1)));
        gallery.showSnapshot(moelab::test::gridSnapshot(5));
        QCOMPARE(gallery.expertCount(), 5);
        QVERIFY(!gallery.tileRect(4).isEmpty());
    }

    // Entanglement on the tiles: each expert alone where it is the gate's first choice.
    void showsEachExpertAloneOnItsOwnCases() {
        ExpertGallery gallery;
        gallery.resize(480, 220);
        gallery.show();
        QVERIFY(QTest::qWaitForWindowExposed(&gallery));
        auto plain = std::make_shared<moelab::Snapshot>(*moelab::test::gridSnapshot(3));
        plain->latest.own_accuracy.clear();
        gallery.showSnapshot(plain);
        QVERIFY(std::isnan(gallery.ownAccuracy(0)));
        const QImage without = gallery.grab().toImage();

        auto scored = std::make_shared<moelab::Snapshot>(*plain);
        const double nan = std::numeric_limits<double>::quiet_NaN();
        scored->latest.own_accuracy = {0.9, nan, 0.25};
        gallery.showSnapshot(scored);
        QCOMPARE(gallery.ownAccuracy(0), 0.9);
        QVERIFY(std::isnan(gallery.ownAccuracy(1)));
        QCOMPARE(gallery.ownAccuracy(2), 0.25);
        const QImage with = gallery.grab().toImage();
        // Tiles 0 and 2 gain their number; tile 1 (no case's first choice) is drawn as before.
        auto differs = [&](int expert) {
            const QRect tile = gallery.tileRect(expert);
            for (int y = tile.top(); y <= tile.bottom(); ++y)
                for (int x = tile.left(); x <= tile.right(); ++x)
                    if (with.pixel(x, y) != without.pixel(x, y)) return true;
            return false;
        };
        QVERIFY(differs(0));
        QVERIFY(!differs(1));
        QVERIFY(differs(2));
    }

    void gateWeightIsBrightness() {
        ExpertGallery gallery;
        gallery.resize(480, 160);
        const auto snapshot = moelab::test::gridSnapshot(2);
        gallery.showSnapshot(snapshot);
        gallery.showSnapshot(snapshot);  // a repeated grid keeps its images
        // Expert 0 owns the left half of the plane (gate probability 1), expert 1 the right half.
        const QImage image = gallery.tileImage(0);
        QVERIFY(!image.isNull());
        const int y = image.height() / 2;
        const QColor owned = image.pixelColor(image.width() / 8, y);
        const QColor elsewhere = image.pixelColor(image.width() * 7 / 8, y);
        QVERIFY2(owned.lightness() > elsewhere.lightness() + 60,
                 qPrintable(
                     QStringLiteral("%1 vs %2").arg(owned.lightness()).arg(elsewhere.lightness())));
    }

    void phoneticOrientationTurnsThePanels() {
        ExpertGallery gallery;
        gallery.resize(480, 160);
        gallery.showSnapshot(moelab::test::gridSnapshot(2));
        gallery.setPhoneticOrientation(true);
        // The first feature now runs downward: expert 0's band (first feature below 0) is on top.
        const QImage image = gallery.tileImage(0);
        QVERIFY(!image.isNull());
        const int x = image.width() / 2;
        const QColor owned = image.pixelColor(x, image.height() / 8);
        const QColor elsewhere = image.pixelColor(x, image.height() * 7 / 8);
        QVERIFY(owned.lightness() > elsewhere.lightness() + 60);
    }

    void clickHighlightsAndDeselects() {
        ExpertGallery gallery;
        gallery.resize(480, 160);
        gallery.show();
        QVERIFY(QTest::qWaitForWindowExposed(&gallery));
        gallery.showSnapshot(moelab::test::gridSnapshot(4));
        QSignalSpy spy(&gallery, &ExpertGallery::expertClicked);
        QTest::mouseClick(&gallery, Qt::LeftButton, {}, gallery.tileRect(2).center());
        QCOMPARE(spy.count(), 1);
        QCOMPARE(spy.last().at(0).toInt(), 2);
        QCOMPARE(gallery.selectedExpert(), 2);
        QTest::mouseClick(&gallery, Qt::LeftButton, {}, gallery.tileRect(1).center());
        QCOMPARE(spy.last().at(0).toInt(), 1);
        QTest::mouseClick(&gallery, Qt::LeftButton, {}, gallery.tileRect(1).center());
        QCOMPARE(spy.last().at(0).toInt(), -1);
        QCOMPARE(gallery.selectedExpert(), -1);
        // Selecting from outside does not echo.
        gallery.setSelectedExpert(3);
        QCOMPARE(gallery.selectedExpert(), 3);
        const int emitted = spy.count();
        // Fewer experts than the selection: the highlight goes, and the view is told.
        gallery.showSnapshot(moelab::test::gridSnapshot(2));
        QCOMPARE(spy.count(), emitted + 1);
        QCOMPARE(spy.last().at(0).toInt(), -1);
    }

    void sixteenExpertsOnALargeGridStayCheap() {
        ExpertGallery gallery;
        gallery.resize(900, 480);
        gallery.show();
        QVERIFY(QTest::qWaitForWindowExposed(&gallery));
        // Two different grids, alternated, so every snapshot rebuilds the panels.
        std::vector<moelab::SnapshotPtr> snapshots;
        for (int k = 0; k < 2; ++k) {
            auto snapshot = std::make_shared<moelab::Snapshot>();
            snapshot->config.experts = snapshot->config.top_k = 16;
            snapshot->grid = moelab::test::bandGrid(16, 512);
            snapshot->latest = moelab::test::epochMetrics(k, 16);
            snapshots.push_back(snapshot);
        }
        QElapsedTimer timer;
        timer.start();
        constexpr int frames = 60;
        for (int frame = 0; frame < frames; ++frame) {
            gallery.showSnapshot(snapshots[size_t(frame % 2)]);
            gallery.repaint();
        }
        const double per_frame = double(timer.elapsed()) / frames;
        // Printed, not asserted: timings belong to benchmarks (bench/bench_render.cpp).
        qInfo("16 experts, 512 x 512 grid: %.2f ms per snapshot (images and paint)", per_frame);
        for (int i = 0; i < 16; ++i) QVERIFY(!gallery.tileImage(i).isNull());
    }

    void showsTheStrongestCasesWithoutAPlane() {
        // Data of many features while the routing table is shown: no grid, but each expert's
        // strongest training images stand for it instead of a flat colour.
        ExpertGallery gallery;
        gallery.resize(300, 150);
        auto snapshot = std::make_shared<moelab::Snapshot>();
        snapshot->config.experts = 2;
        snapshot->latest = moelab::test::epochMetrics(1, 2);
        QImage red(28, 28, QImage::Format_RGB32);
        red.fill(QColor(220, 0, 0));
        snapshot->case_images = {{red, red, red, red}, {}};
        gallery.showSnapshot(snapshot);
        const QImage grabbed = gallery.grab().toImage();
        const QColor first = grabbed.pixelColor(gallery.tileRect(0).center());
        const QColor second = grabbed.pixelColor(gallery.tileRect(1).center());
        QVERIFY2(first.red() > 180 && first.green() < 60,
                 qPrintable(QStringLiteral("expert 0's tile shows %1").arg(first.name())));
        QVERIFY2(!(second.red() > 180 && second.green() < 60),
                 "an expert without images keeps its own colour");
    }

    void paintsWithoutGrid() {
        ExpertGallery gallery;
        gallery.resize(300, 120);
        auto snapshot = std::make_shared<moelab::Snapshot>();
        snapshot->config.experts = 3;
        snapshot->latest = moelab::test::epochMetrics(1, 3);
        gallery.showSnapshot(snapshot);
        QCOMPARE(gallery.expertCount(), 3);
        QVERIFY(gallery.tileImage(0).isNull());
        const QImage grabbed = gallery.grab().toImage();
        QVERIFY(!grabbed.isNull());
    }
};

QTEST_MAIN(ExpertGalleryTest)
#include "test_expert_gallery.moc"
