// The ThreadSanitizer run's controls (scripts/sanitize.sh), built only with -fsanitize=thread:
//   tsan_canary post|signal          hands a value to the main thread through post_to() or a
//                                    queued signal, and exits 0 with no report;
//   tsan_canary post|signal racy     writes the value again after the handoff, a real race that
//                                    must be reported (exit 66).
// The racy runs prove that the happens-before edges of thread_handoff.h and the TSan options of
// the stress test still leave this program's own data checked; the clean runs, that the edges
// order both ways a worker talks to the window.
#include <QCoreApplication>
#include <QObject>
#include <QThread>
#include <QTimer>
#include <cstdio>
#include <cstring>

#include "thread_handoff.h"

namespace {

struct Shared {
    int value = 0;
};

}  // namespace

namespace moelab {
// A worker of this program's own: its signal is one thread_handoff.h orders.
class CanaryWriter : public QObject {
    Q_OBJECT
  signals:
    void written();
};
}  // namespace moelab

int main(int argc, char** argv) {
    const bool use_signal = argc > 1 && std::strcmp(argv[1], "signal") == 0;
    const bool racy = argc > 2 && std::strcmp(argv[2], "racy") == 0;
    QCoreApplication app(argc, argv);
    moelab::thread_handoff::install();

    auto* shared = new Shared;  // on the heap: its accesses are plain loads and stores
    int seen = -1;
    QObject window;  // the receiver, on the main thread
    QThread thread;
    moelab::CanaryWriter writer;  // lives on `thread`
    writer.moveToThread(&thread);
    QObject::connect(
        &writer, &moelab::CanaryWriter::written, &window,
        [&] {
            seen = shared->value;
            app.quit();
        },
        Qt::QueuedConnection);
    thread.start();
    moelab::post_to(&writer, [&] {
        shared->value = 1;
        if (use_signal) {
            emit writer.written();
        } else {
            moelab::post_to(&window, [&] {
                seen = shared->value;
                app.quit();
            });
        }
        if (racy) shared->value = 2;  // after the handoff: races with the read above
    });
    QTimer::singleShot(30000, &app, [&] { app.exit(3); });
    const int code = app.exec();
    thread.quit();
    thread.wait();
    std::printf("tsan_canary %s%s: read %d\n", use_signal ? "signal" : "post", racy ? " racy" : "",
                seen);
    delete shared;
    return code == 0 && seen >= 1 ? 0 : 1;
}

#include "tsan_canary.moc"
