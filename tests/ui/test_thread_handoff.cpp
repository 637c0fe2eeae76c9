// post_to(): the call this program hands work to another thread with. It must behave as
// QMetaObject::invokeMethod does (the ThreadSanitizer edges it adds are checked by the TSan run,
// scripts/sanitize.sh, with tests/ui/tsan_canary.cpp).
#include <QCoreApplication>
#include <QTest>
#include <QThread>
#include <vector>

#include "thread_handoff.h"

class ThreadHandoffTest : public QObject {
    Q_OBJECT
  private slots:
    void initTestCase() { moelab::thread_handoff::install(); }

    // From a worker's thread, calls run on the context's thread, in the order they were posted.
    void callsFromAnotherThreadRunOnTheContextsThreadInOrder() {
        QObject window;
        std::vector<int> order;
        std::vector<const QThread*> threads;
        QThread worker;
        QObject on_worker;
        on_worker.moveToThread(&worker);
        worker.start();
        moelab::post_to(&on_worker, [&] {
            for (int i = 0; i < 50; ++i)
                moelab::post_to(&window, [&, i] {
                    order.push_back(i);
                    threads.push_back(QThread::currentThread());
                });
        });
        QTRY_COMPARE_WITH_TIMEOUT(order.size(), std::size_t(50), 10000);
        worker.quit();
        worker.wait();
        for (int i = 0; i < 50; ++i) {
            QCOMPARE(order[i], i);
            QCOMPARE(threads[i], QCoreApplication::instance()->thread());
        }
    }

    // On the same thread, the automatic connection calls at once and a queued one later.
    void onTheSameThreadTheConnectionTypeDecides() {
        QObject window;
        int calls = 0;
        moelab::post_to(&window, [&] { ++calls; });
        QCOMPARE(calls, 1);
        moelab::post_to(
            &window, [&] { ++calls; }, Qt::QueuedConnection);
        QCOMPARE(calls, 1);
        QTRY_COMPARE(calls, 2);
    }

    // A call for an object deleted before its delivery is dropped, as with invokeMethod.
    void aCallForADeletedContextIsDropped() {
        bool called = false;
        auto* context = new QObject;
        moelab::post_to(
            context, [&] { called = true; }, Qt::QueuedConnection);
        delete context;
        QCoreApplication::processEvents();
        QTest::qWait(20);
        QVERIFY(!called);
    }
};

QTEST_GUILESS_MAIN(ThreadHandoffTest)
#include "test_thread_handoff.moc"
