#include "regression_worker.h"

#include <QTimer>
#include <algorithm>
#include <chrono>

#include "data/registry.h"
#include "errors.h"
#include "snapshot.h"

namespace moelab {

namespace {

constexpr int kSliceMs = 12;
constexpr int kPublishMs = 33;

// The knobs whose change needs new weights: the data, the number of experts, the seed.
bool needs_new_model(const Config& before, const Config& after) {
    return before.dataset != after.dataset || before.experts != after.experts ||
           before.seed != after.seed || before.precision != after.precision;
}

}  // namespace

RegressionWorker::RegressionWorker(QObject* parent) : QObject(parent) {}

RegressionWorker::~RegressionWorker() = default;

void RegressionWorker::setConfig(const Config& config) {
    if (!timer_) {
        timer_ = new QTimer(this);
        timer_->setInterval(0);
        connect(timer_, &QTimer::timeout, this, &RegressionWorker::tick);
    }
    try {
        const bool fresh = !trainer_ || needs_new_model(config_, config);
        if (fresh) {
            auto dataset = std::make_shared<const Dataset>(load_dataset(config.dataset));
            trainer_ = std::make_unique<RegressionTrainer>(config, std::move(dataset));
        } else {
            trainer_->apply(config);
        }
        config_ = config;
        publish();
    } catch (const std::exception& error) {
        setRunning(false);
        emit failed(QString::fromUtf8(error.what()));
    }
}

void RegressionWorker::reset() {
    if (!trainer_) return;
    try {
        trainer_ = std::make_unique<RegressionTrainer>(config_, trainer_->shared_dataset());
    } catch (const std::exception& error) {
        emit failed(QString::fromUtf8(error.what()));
        return;
    }
    publish();
}

void RegressionWorker::restartSpeedClock() {
    speed_clock_.start();
    epoch_at_speed_clock_ = trainer_ ? trainer_->epoch() : 0;
}

void RegressionWorker::setSpeed(double epochs_per_second) {
    speed_ = std::max(0.0, epochs_per_second);
    restartSpeedClock();
}

void RegressionWorker::setRunning(bool running) {
    if (running == running_) return;
    running_ = running;
    restartSpeedClock();
    if (timer_) running ? timer_->start() : timer_->stop();
    emit runningChanged(running);
    if (!running) publish();
}

void RegressionWorker::setPlaying(bool playing) {
    target_ = -1;
    setRunning(playing && trainer_ != nullptr);
}

void RegressionWorker::trainFor(long epochs) {
    if (!trainer_) return;
    target_ = trainer_->epoch() + epochs;
    setRunning(true);
}

void RegressionWorker::stepEpoch() {
    if (!trainer_ || running_) return;
    if (trainOne()) publish();
}

bool RegressionWorker::trainOne() {
    try {
        trainer_->train_epoch();
        return true;
    } catch (const DivergenceError& error) {
        target_ = -1;
        setRunning(false);
        emit diverged(QString::fromUtf8(error.what()));
        return false;
    }
}

void RegressionWorker::tick() {
    if (!trainer_ || stop_.load()) return;
    QElapsedTimer slice;
    slice.start();
    // At a set speed (and not racing to a trainFor target) only the epochs that are due.
    const bool paced = speed_ > 0 && target_ < 0;
    const long due =
        paced ? epoch_at_speed_clock_ + long(speed_ * double(speed_clock_.elapsed()) / 1000.0) : -1;
    while (slice.elapsed() < kSliceMs && !stop_.load()) {
        if (paced && trainer_->epoch() >= due) break;
        if (target_ >= 0 && trainer_->epoch() >= target_) break;
        if (config_.epochs > 0 && target_ < 0 && trainer_->epoch() >= config_.epochs) break;
        if (!trainOne()) return;
    }
    const bool at_target = target_ >= 0 && trainer_->epoch() >= target_;
    const bool at_end = target_ < 0 && config_.epochs > 0 && trainer_->epoch() >= config_.epochs;
    if (at_target || at_end) {
        target_ = -1;
        setRunning(false);  // publishes
        emit targetReached(trainer_->epoch());
        return;
    }
    if (!since_publish_.isValid() || since_publish_.elapsed() >= kPublishMs) publish();
    // Waiting for the next due epoch: sleep a little instead of spinning.
    if (timer_) timer_->setInterval(paced && trainer_->epoch() >= due ? 5 : 0);
}

std::shared_ptr<RegressionPicture> RegressionWorker::currentPicture() const {
    auto picture = picture_of(*trainer_, config_);
    picture->running = running_;
    return picture;
}

void RegressionWorker::publish() {
    if (!trainer_) return;
    since_publish_.start();
    emit pictureReady(RegressionPicturePtr(currentPicture()));
}

void RegressionWorker::saveSession(const QString& path, const nlohmann::json& view) {
    if (!trainer_) {
        emit sessionSaveFailed(tr("There is no training to save yet."));
        return;
    }
    try {
        Session session;
        session.kind = SessionKind::Regression;
        session.regression = trainer_->state();
        session.view = view;
        save_session(session, path.toStdString());
        emit sessionSaved(path);
    } catch (const std::exception& error) {
        emit sessionSaveFailed(QString::fromUtf8(error.what()));
    }
}

void RegressionWorker::restoreSession(std::shared_ptr<const Session> session, const QString& path) {
    if (!timer_) {
        timer_ = new QTimer(this);
        timer_->setInterval(0);
        connect(timer_, &QTimer::timeout, this, &RegressionWorker::tick);
    }
    try {
        if (!session->regression) throw SessionError("The session holds no regression training.");
        const RegressionTrainingState& state = *session->regression;
        // The data set the program makes from its name and settings, as when it was saved.
        std::shared_ptr<const Dataset> data =
            trainer_ && trainer_->dataset().name == state.config.dataset.name &&
                    config_.dataset == state.config.dataset
                ? trainer_->shared_dataset()
                : std::make_shared<const Dataset>(load_dataset(state.config.dataset));
        auto trainer = std::make_unique<RegressionTrainer>(state, std::move(data));
        target_ = -1;
        setRunning(false);
        trainer_ = std::move(trainer);
        config_ = state.config;
    } catch (const std::exception& error) {
        emit sessionRestoreFailed(
            tr("Cannot open the session '%1': %2").arg(path, QString::fromUtf8(error.what())));
        return;
    }
    restartSpeedClock();
    since_publish_.start();
    emit sessionRestored(path, RegressionPicturePtr(currentPicture()));
}

RegressionThread::RegressionThread(QObject* parent)
    : WorkerThread(QStringLiteral("moelab-regression"), parent) {
    qRegisterMetaType<moelab::RegressionPicturePtr>("moelab::RegressionPicturePtr");
    qRegisterMetaType<moelab::Config>("moelab::Config");
}

}  // namespace moelab
