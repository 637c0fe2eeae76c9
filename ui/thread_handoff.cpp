#include "thread_handoff.h"

#ifdef MOELAB_THREAD_HANDOFF
#include <QCoreApplication>
#include <QEvent>
#include <QThread>
#include <array>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <thread>
#include <vector>

// The ThreadSanitizer interface (sanitizer/tsan_interface.h): a release on an address happens
// before every later acquire on it.
extern "C" void __tsan_acquire(void* address);
extern "C" void __tsan_release(void* address);

// Qt's signal spy hooks (qobject_p.h; QtTest's -vs signal dump uses the same), exported by
// libQt6Core: the begin callback runs before an emission queues its calls, the end one after.
struct QSignalSpyCallbackSet {
    using BeginCallback = void (*)(QObject* caller, int signal_or_method_index, void** argv);
    using EndCallback = void (*)(QObject* caller, int signal_or_method_index);
    BeginCallback signal_begin_callback;
    BeginCallback slot_begin_callback;
    EndCallback signal_end_callback;
    EndCallback slot_end_callback;
};
void qt_register_signal_spy_callbacks(QSignalSpyCallbackSet* callback_set);

namespace moelab::thread_handoff {
namespace {

const QThread* main_thread = nullptr;

void* token(const QThread* thread) {
    return const_cast<QThread*>(thread);
}

// Handoffs under way, per receiving thread; threads that share a slot only wait a little longer.
std::array<std::atomic<int>, 64> handoffs_under_way{};

std::atomic<int>& under_way(const QThread* receiver) {
    return handoffs_under_way[(reinterpret_cast<std::uintptr_t>(receiver) >> 4) %
                              handoffs_under_way.size()];
}

// Only this program's own signals hand data over; Qt's (a timer's timeout, the event
// dispatcher's awake() on every loop of a worker's thread) would order everything a worker did
// before the main thread's next event, and hide real races.
bool is_own(const QObject* object) {
    return std::strncmp(object->metaObject()->className(), "moelab::", 8) == 0;
}

// Emissions nest (a slot may emit); each end matches the innermost begin.
thread_local std::vector<bool> emissions_counted;

void signal_begin(QObject* sender, int, void**) {
    const bool counted = QThread::currentThread() != main_thread && is_own(sender);
    emissions_counted.push_back(counted);
    if (counted) begin(main_thread);
}

void signal_end(QObject*, int) {
    if (emissions_counted.empty()) return;
    const bool counted = emissions_counted.back();
    emissions_counted.pop_back();
    if (counted) end(main_thread);
}

// QInternal::EventNotifyCallback: {receiver, event, &result}; false lets Qt deliver the event.
bool event_delivered(void** data) {
    const auto* event = static_cast<const QEvent*>(data[1]);
    if (event->type() != QEvent::MetaCall && event->type() != QEvent::DeferredDelete) return false;
    const QThread* self = QThread::currentThread();
    // The sender of this call may not have reached end() yet; it never waits for this thread
    // there, so the wait is short. The bound only guards against a handoff that never ends.
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(2);
    while (under_way(self).load() != 0) {
        if (std::chrono::steady_clock::now() > deadline) {
            std::fprintf(stderr, "thread_handoff: a handoff to this thread did not end in 2 s\n");
            break;
        }
        std::this_thread::yield();
    }
    __tsan_acquire(token(self));
    return false;
}

}  // namespace

void install() {
    static bool installed = false;
    if (installed) return;
    installed = true;
    main_thread = QCoreApplication::instance()->thread();
    static QSignalSpyCallbackSet callbacks{signal_begin, nullptr, signal_end, nullptr};
    qt_register_signal_spy_callbacks(&callbacks);
    QInternal::registerCallback(QInternal::EventNotifyCallback, event_delivered);
}

void begin(const QThread* receiver) {
    under_way(receiver).fetch_add(1);
}

void end(const QThread* receiver) {
    __tsan_release(token(receiver));
    under_way(receiver).fetch_sub(1);
}

}  // namespace moelab::thread_handoff
#endif
