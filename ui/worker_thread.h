#pragma once
// A worker object on a QThread of its own (as the renderer in Qt's Mandelbrot example): the
// thread starts with the owner, and stop() (or the destructor) asks the worker to stop, ends the
// thread's event loop and waits for it; the worker deletes itself as its thread finishes. The
// training and the regression workers each live in one.
#include <QObject>
#include <QString>
#include <QThread>

#include "thread_handoff.h"

namespace moelab {

// `Worker` is a QObject with requestStop(), thread-safe.
template <class Worker>
class WorkerThread : public QObject {
  public:
    explicit WorkerThread(const QString& name, QObject* parent = nullptr)
        : QObject(parent), worker_(new Worker) {
        thread_.setObjectName(name);
        worker_->moveToThread(&thread_);
        connect(&thread_, &QThread::finished, worker_, &QObject::deleteLater);
        thread_.start();
    }
    ~WorkerThread() override { stop(); }

    // Null once stopped.
    Worker* worker() const { return worker_; }
    // Idempotent.
    void stop() {
        if (!thread_.isRunning()) return;
        // The worker's destructor (a deferred delete on its thread as it finishes) follows what
        // was handed to it until now; Qt queues quit() under a lock ThreadSanitizer cannot see.
        thread_handoff::begin(&thread_);
        worker_->requestStop();
        thread_.quit();
        thread_handoff::end(&thread_);
        thread_.wait();
        worker_ = nullptr;  // deleted by deleteLater as the thread finished
    }

  private:
    QThread thread_;
    Worker* worker_;
};

}  // namespace moelab
