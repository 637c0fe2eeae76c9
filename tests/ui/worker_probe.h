#pragma once
// Records, on the test's thread, what a TrainingWorker (on its own thread) reports back.
#include <QObject>

#include "training/config.h"
#include "training_worker.h"

namespace moelab::test {

class WorkerProbe : public QObject {
  public:
    explicit WorkerProbe(TrainingWorker* worker) {
        connect(
            worker, &TrainingWorker::configApplied, this,
            [this](const Config& config) {
                applied = config;
                ++applied_count;
            },
            Qt::QueuedConnection);
        connect(
            worker, &TrainingWorker::targetReached, this, [this](long epoch) { reached = epoch; },
            Qt::QueuedConnection);
        connect(
            worker, &TrainingWorker::runningChanged, this,
            [this](bool is_running) { running = is_running; }, Qt::QueuedConnection);
    }
    Config applied;
    int applied_count = 0;
    long reached = -1;
    bool running = false;
};

}  // namespace moelab::test
