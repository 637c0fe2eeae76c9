#pragma once
// Happens-before edges for ThreadSanitizer across Qt's event queues.
//
// Qt orders a queued call after its posting with mutexes inside libQt6Core (futex based, and the
// Debian build is not instrumented), which ThreadSanitizer cannot see: every queued signal or
// posted functor between the worker and the window would be reported as a race. This models the
// one guarantee those mutexes give, a call queued for a thread happens before its delivery there,
// for this program's own handoffs, with one synchronisation token per receiving thread:
//   - post_to() (every functor this program queues for another thread), a signal of this
//     program's own classes emitted on a thread other than the main one (the workers' signals, all
//     received by the window), and WorkerThread::stop() are handoffs: begin() before the call is
//     queued, end() (a release of the receiver's token) once it is;
//   - a queued call or deferred delete delivered on a thread first waits until no handoff to that
//     thread is between its begin() and end(), then acquires the thread's token. Qt may deliver a
//     call before its sender reached end(); the wait makes the release come first.
// Nothing else is ordered: Qt's own signals, the timers and the render threads stay checked.
// Outside a ThreadSanitizer build all of it compiles to nothing.
#include <QMetaObject>
#include <QObject>
#include <QThread>

#include <utility>

namespace moelab {

namespace thread_handoff {
#if defined(__SANITIZE_THREAD__)
#define MOELAB_THREAD_HANDOFF 1
#elif defined(__has_feature)
#if __has_feature(thread_sanitizer)
#define MOELAB_THREAD_HANDOFF 1
#endif
#endif

#ifdef MOELAB_THREAD_HANDOFF
// Once, with the QApplication constructed and before any worker thread starts.
void install();
// Around queueing work for `receiver` from another thread (its address is the token).
void begin(const QThread* receiver);
void end(const QThread* receiver);
#else
inline void install() {}
inline void begin(const QThread*) {}
inline void end(const QThread*) {}
#endif
}  // namespace thread_handoff

// QMetaObject::invokeMethod(context, function, type) that ThreadSanitizer can follow: the call
// this program uses to hand work to another thread.
template <class Function>
void post_to(QObject* context, Function&& function, Qt::ConnectionType type = Qt::AutoConnection) {
    const QThread* receiver = context->thread();
    // A call on the same thread is direct or queued behind this one: no handoff.
    const bool across = receiver != QThread::currentThread();
    if (across) thread_handoff::begin(receiver);
    QMetaObject::invokeMethod(context, std::forward<Function>(function), type);
    if (across) thread_handoff::end(receiver);
}

}  // namespace moelab
