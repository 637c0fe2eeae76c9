#include "training_worker.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QTimer>
#include <algorithm>
#include <cmath>
#include <limits>
#include <optional>

#include "data/drawn_dataset.h"
#include "data/registry.h"
#include "errors.h"
#include "session_training.h"
#include "snapshot_builder.h"
#include "training/continued_training.h"
#include "training/knobs.h"

namespace moelab {

namespace {

constexpr int publish_interval_ms = 16;    // about one frame
constexpr int slice_ms = 8;                // training between two looks at the event queue
constexpr int consumer_patience_ms = 250;  // publish anyway when the UI never acknowledges
// Pixels per grid cell: coarser while training runs (a frame every ~16 ms), finer when paused
// (a still picture the class studies). The contours are interpolated, so both look smooth.
// A cell budget caps the cost on a projector-sized view (evaluation is ~0.2 us per cell and core).
constexpr double running_pixels_per_cell = 3.0;
constexpr double paused_pixels_per_cell = 1.5;
constexpr double running_cell_budget = 70'000;
constexpr double paused_cell_budget = 400'000;

double pixels_per_cell(QSize pixels, bool running) {
    const double area =
        std::max(1, pixels.width()) * static_cast<double>(std::max(1, pixels.height()));
    return running ? std::max(running_pixels_per_cell, std::sqrt(area / running_cell_budget))
                   : std::max(paused_pixels_per_cell, std::sqrt(area / paused_cell_budget));
}

// Threads the worker leaves to the UI thread when the config leaves the count to the program.
constexpr int reserved_for_ui = 1;
// Full metrics as often as they cost at most a tenth of the training time (MetricsSchedule): for
// the 2-D teaching sets every few epochs, so the accuracy curves are as detailed as the loss; for
// Fashion-MNIST every few seconds. And how long one look at the event queue may wait for the
// evaluation of a large dataset.
constexpr auto metrics_interval = std::chrono::milliseconds(0);
constexpr auto metrics_slice = std::chrono::milliseconds(3);

}  // namespace

TrainingWorker::TrainingWorker(QObject* parent)
    : QObject(parent),
      tick_timer_(new QTimer(this)),
      publish_timer_(new QTimer(this)),
      metrics_timer_(new QTimer(this)),
      renderer_(std::make_unique<GridRenderer>()) {
    tick_timer_->setSingleShot(true);
    publish_timer_->setSingleShot(true);
    metrics_timer_->setSingleShot(true);
    connect(tick_timer_, &QTimer::timeout, this, &TrainingWorker::tick);
    connect(publish_timer_, &QTimer::timeout, this, &TrainingWorker::publish);
    // While paused, an evaluation of a large dataset goes on in slices between messages; the
    // finished metrics are then published.
    connect(metrics_timer_, &QTimer::timeout, this, [this] {
        if (!trainer_ || playing_ || !metrics_task_) return;
        if (advanceMetrics(false)) {
            publish();
        } else {
            metrics_timer_->start(0);
        }
    });
}

TrainingWorker::~TrainingWorker() = default;

void TrainingWorker::requestStop() {
    stop_requested_.store(true);
    std::lock_guard lock(trainer_mutex_);
    if (trainer_) trainer_->cancel();
}

void TrainingWorker::snapshotConsumed() {
    awaiting_consumer_.store(false);
}

void TrainingWorker::setConfig(const Config& config) {
    try {
        validate(config);
        // Drawn data comes from setDrawnData, never from a file.
        const bool drawn =
            config.dataset.name == kDrawnDatasetName && config_.dataset.name == kDrawnDatasetName;
        if (!trainer_ || (config.dataset != config_.dataset && !drawn)) {
            // Loading or generating data can take a while; this runs on the worker's thread, and
            // the window says so meanwhile.
            emit loadingStarted(QString::fromStdString(config.dataset.name));
            struct Finished {
                TrainingWorker* worker;
                ~Finished() { emit worker->loadingFinished(); }
            } finished{this};
            auto dataset = std::make_shared<const Dataset>(load_dataset(config.dataset));
            QString message = trainer_ ? tr("Re-initialised: data set %1")
                                             .arg(QString::fromStdString(config.dataset.name))
                                       : QString();
            for (const std::string& warning : dataset->warnings)  // a header that looks like data
                message += (message.isEmpty() ? QString() : QStringLiteral(" ")) +
                           QString::fromStdString(warning);
            startTrainer(config, std::move(dataset), message);
        } else if (requires_reinitialisation(config_, config)) {
            startTrainer(config, trainer_->dataset_ptr(),
                         tr("Re-initialised: %1").arg(describeChange(config_, config)));
        } else if (trainer_->apply(config)) {
            // The core re-initialised for a reason of its own: start the history afresh too.
            config_ = config;
            resetHistory();
            message_ = tr("Re-initialised: new model");
        } else {
            markChange(config_, config);
            config_ = config;
            // Metrics under way describe the old objective or routing.
            metrics_task_.reset();
            metrics_schedule_ = std::make_unique<MetricsSchedule>(config_, metrics_interval);
        }
    } catch (const std::exception& error) {
        QString message = tr("Could not apply the change: %1").arg(QString::fromUtf8(error.what()));
        // Nothing trained yet (the first data set was bad): show the default data set instead of
        // an endless "Loading", and say so. Later failures keep the data set on screen.
        const DatasetConfig fallback = Config{}.dataset;
        if (!trainer_ && config.dataset != fallback) {
            Config with_fallback = config;
            with_fallback.dataset = fallback;
            message += QLatin1Char(' ') +
                       tr("Showing %1 instead.").arg(QString::fromStdString(fallback.name));
            emit failed(message);
            setConfig(with_fallback);
            message_ = message;
            return;
        }
        message_ = message;
        emit failed(message);
    }
    emit configApplied(config_);
    if (!playing_) {
        publish_timer_->start(0);
    } else {
        unpublished_ = true;
    }
}

void TrainingWorker::setDrawnData(std::shared_ptr<const Dataset> data, Standardization frame) {
    if (!data || data->size() == 0) return;
    try {
        Config config = config_;
        config.dataset.name = kDrawnDatasetName;
        const bool same_shape = trainer_ &&
                                trainer_->dataset().dimensions() == data->dimensions() &&
                                trainer_->dataset().classes() == data->classes();
        if (same_shape) {
            // One training goes on across edits: the epochs, the charts and the weights continue
            // (training/continued_training.h), and the charts mark the edit.
            installTrainer(
                continue_on_data(*trainer_, config, std::move(data), frame, reserved_for_ui),
                QString(), true);
            markDrawingEdit();
        } else {
            startTrainer(config, std::move(data), tr("Drawing: new model"));
            trainer_->set_model(trainer_->model(), frame);
        }
    } catch (const std::exception& error) {
        message_ =
            tr("Could not train on the drawn points: %1").arg(QString::fromUtf8(error.what()));
        emit failed(message_);
    }
    emit configApplied(config_);
    if (!playing_) {
        publish_timer_->start(0);
    } else {
        unpublished_ = true;
    }
}

QString TrainingWorker::describeChange(const Config& before, const Config& after) {
    QStringList parts;
    if (before.experts != after.experts) parts << tr("%1 experts").arg(after.experts);
    if (before.expert_hidden != after.expert_hidden) {
        parts << (after.expert_hidden.empty()
                      ? tr("linear experts")
                      : tr("%n hidden unit(s) per expert", "", after.expert_hidden.front()));
    }
    if (before.gate != after.gate || before.gate_hidden != after.gate_hidden) {
        // The gate kind's name as the control panel shows it (the knob table's label).
        const Knob& gate = knob("gate");
        const KnobChoice* choice = gate.find_choice(static_cast<long long>(after.gate));
        parts << tr("gate: %1")
                     .arg(QCoreApplication::translate(kKnobsContext, choice ? choice->label : ""));
    }
    if (before.seed != after.seed) parts << tr("seed %1").arg(after.seed);
    return parts.isEmpty() ? tr("new model") : parts.join(QStringLiteral(", "));
}

void TrainingWorker::markChange(const Config& before, const Config& after) {
    const long epoch = trainer_->epoch();
    // Before the first epoch a change is the training's starting point, not a change of it.
    if (epoch == 0) return;
    // A mark read from a session has no base config to merge a change of the same epoch into.
    if (knob_changes_.empty() || knob_changes_.back().epoch != epoch || !change_base_known_) {
        change_base_ = before;
        change_base_known_ = true;
    } else {
        knob_changes_.pop_back();  // said again below, with this change
        mark_configs_.pop_back();
    }
    QString label = changeLabel(change_base_, after);
    if (epoch == drawing_mark_epoch_) {
        // The drawing was edited in this epoch too; the mark keeps saying so. Its configs are
        // then both `after`, so a session words it as saved (the configs tell only knobs).
        label = label.isEmpty() ? drawingEditLabel()
                                : QStringLiteral("%1, %2").arg(label, drawingEditLabel());
        knob_changes_.push_back(KnobChange{epoch, label});
        mark_configs_.emplace_back(after, after);
    } else if (!label.isEmpty()) {
        knob_changes_.push_back(KnobChange{epoch, label});
        mark_configs_.emplace_back(change_base_, after);
    }
}

QString TrainingWorker::drawingEditLabel() {
    return tr("drawing edited");
}

void TrainingWorker::markDrawingEdit() {
    const long epoch = trainer_->epoch();
    // Before the first epoch an edit is the training's starting point, as for knobs.
    if (epoch == 0 || epoch == drawing_mark_epoch_) return;
    drawing_mark_epoch_ = epoch;
    if (!knob_changes_.empty() && knob_changes_.back().epoch == epoch) {
        KnobChange& mark = knob_changes_.back();
        mark.label = QStringLiteral("%1, %2").arg(mark.label, drawingEditLabel());
        mark_configs_.back().first = mark_configs_.back().second;
        return;
    }
    knob_changes_.push_back(KnobChange{epoch, drawingEditLabel()});
    mark_configs_.emplace_back(config_, config_);
    change_base_ = config_;
    change_base_known_ = true;
}

QString TrainingWorker::changeLabel(const Config& before, const Config& after) {
    QStringList parts;
    for (const Knob& knob : knobs()) {
        // Other changes re-initialise the model and start a new history.
        if (knob.effect != KnobEffect::BetweenSteps) continue;
        const KnobValue value = knob.get(after);
        if (value == knob.get(before)) continue;
        if (knob.key == "loss") {
            // The paper's name for each loss: what the class compares.
            switch (after.loss) {
                case LossType::Cooperative:
                    parts << tr("eq. 1");
                    break;
                case LossType::Competitive:
                    parts << tr("eq. 2");
                    break;
                case LossType::CompetitiveLog:
                    parts << tr("eq. 3");
                    break;
                case LossType::MixtureNll:
                    parts << tr("NLL");
                    break;
            }
            continue;
        }
        parts << QStringLiteral("%1 %2").arg(QCoreApplication::translate(kKnobsContext, knob.label),
                                             QString::fromStdString(knob.format(value)));
    }
    return parts.join(QStringLiteral(", "));
}

void TrainingWorker::resetHistory() {
    knob_changes_.clear();
    mark_configs_.clear();
    drawing_mark_epoch_ = -1;
    automatic_metrics_ = false;
    published_metrics_epoch_ = -1;
    published_loss_epoch_ = 0;
    history_reset_ = true;
    metrics_task_.reset();
    metrics_schedule_ = std::make_unique<MetricsSchedule>(config_, metrics_interval);
    if (trainer_) timeline_.reset(*trainer_);
}

void TrainingWorker::startTrainer(const Config& config, std::shared_ptr<const Dataset> dataset,
                                  const QString& message) {
    installTrainer(std::make_unique<Trainer>(config, std::move(dataset), reserved_for_ui), message);
}

void TrainingWorker::installTrainer(std::unique_ptr<Trainer> trainer, const QString& message,
                                    bool continues) {
    // Data of more than two features is drawn on the plane of its first two principal components:
    // fitted once per data set (its split, and so its standardisation, depend only on the data).
    if (trainer->dataset().dimensions() == 2) {
        projection_.reset();
        projected_dataset_.reset();
    } else if (!projection_ || projected_dataset_.lock() != trainer->dataset_ptr()) {
        projection_ = project_dataset(trainer->dataset(), trainer->split());
        projected_dataset_ = trainer->dataset_ptr();
    }
    {
        std::lock_guard lock(trainer_mutex_);
        trainer_ = std::move(trainer);
        if (stop_requested_.load()) trainer_->cancel();
    }
    config_ = trainer_->config();
    if (continues) {
        // The same history goes on; only metrics under way (of the old data) are dropped, and
        // the new trainer is told again how often to record them.
        automatic_metrics_ = false;
        metrics_task_.reset();
    } else {
        resetHistory();
        target_epoch_ = -1;
    }
    if (!message.isEmpty()) message_ = message;
    epochs_per_second_ = 0;
    resetSpeedClock();
}

void TrainingWorker::setPlaying(bool playing) {
    if (playing && !trainer_) {
        emit runningChanged(false);  // nothing to train: the Play button stays Play
        return;
    }
    if (!playing) target_epoch_ = -1;
    changeRunning(playing);
    if (playing_) {
        resetSpeedClock();
        scheduleTick();
    } else {
        tick_timer_->stop();
        publish_timer_->start(0);
    }
}

void TrainingWorker::changeRunning(bool running) {
    if (running == playing_) return;
    playing_ = running;
    emit runningChanged(running);
}

void TrainingWorker::stepEpoch() {
    if (!trainer_) return;
    setPlaying(false);
    // The rest of the current epoch (a whole one from an epoch boundary).
    const long epoch = trainer_->epoch();
    while (trainer_->epoch() == epoch && !stop_requested_.load()) {
        if (!trainSlice(std::chrono::milliseconds(50), 1)) break;
    }
    publish();
}

void TrainingWorker::reset() {
    if (!trainer_) return;
    try {
        startTrainer(config_, trainer_->dataset_ptr(),
                     tr("Reset: new weights from seed %1").arg(config_.seed));
    } catch (const std::exception& error) {
        message_ = QString::fromUtf8(error.what());
        emit failed(message_);
    }
    publish();
}

void TrainingWorker::setSpeed(double epochs_per_second) {
    speed_ = std::max(0.0, epochs_per_second);
    resetSpeedClock();
    if (playing_) scheduleTick();
}

void TrainingWorker::setViewport(const QRectF& data_rect, const QSize& pixels) {
    view_rect_ = data_rect;
    view_pixels_ = pixels;
    // Coalesce a burst of pans and zooms into one redraw.
    if (!playing_) publish_timer_->start(0);
}

void TrainingWorker::setProjectionShown(bool shown) {
    if (shown == projection_shown_) return;
    projection_shown_ = shown;
    if (!playing_) publish_timer_->start(0);
}

void TrainingWorker::trainFor(long epochs) {
    if (!trainer_) return;
    target_epoch_ = trainer_->epoch() + std::max(0L, epochs);
    changeRunning(true);
    resetSpeedClock();
    scheduleTick();
}

void TrainingWorker::setEpochLimit(long epoch) {
    epoch_limit_ = epoch;
    if (playing_) scheduleTick();
}

void TrainingWorker::publishNow() {
    publish();
}

void TrainingWorker::saveSession(const QString& path, const nlohmann::json& view) {
    if (!trainer_) {
        emit sessionSaveFailed(tr("There is no training to save yet."));
        return;
    }
    try {
        save_session(session_of_training(*trainer_, knob_changes_, mark_configs_, view),
                     path.toStdString());
        emit sessionSaved(path);
    } catch (const std::exception& error) {
        emit sessionSaveFailed(QString::fromUtf8(error.what()));
    }
}

void TrainingWorker::restoreSession(std::shared_ptr<const Session> session, const QString& path) {
    try {
        const DatasetConfig& wanted = session->model.config.dataset;
        std::shared_ptr<const Dataset> data;
        if (session->embedded_data || (trainer_ && trainer_->config().dataset == wanted)) {
            data = session_data(*session, trainer_ ? trainer_->dataset_ptr() : nullptr,
                                trainer_ ? trainer_->config().dataset : DatasetConfig{});
        } else {
            emit loadingStarted(QString::fromStdString(wanted.name));
            struct Finished {
                TrainingWorker* worker;
                ~Finished() { emit worker->loadingFinished(); }
            } finished{this};
            data = session_data(*session, nullptr, wanted);
        }
        auto trainer = trainer_from_session(*session, std::move(data), reserved_for_ui);
        tick_timer_->stop();
        changeRunning(false);
        installTrainer(std::move(trainer), tr("Opened %1").arg(QFileInfo(path).fileName()));
        knob_changes_ = knob_changes_of(*session);
        mark_configs_.clear();
        for (const ChangeMark& mark : session->marks)
            mark_configs_.emplace_back(mark.before.value_or(config_), mark.after.value_or(config_));
        change_base_known_ = !session->marks.empty() && session->marks.back().before.has_value();
        if (change_base_known_) change_base_ = *session->marks.back().before;
    } catch (const std::exception& error) {
        emit sessionRestoreFailed(
            tr("Cannot open the session '%1': %2").arg(path, QString::fromUtf8(error.what())));
        return;
    }
    emit configApplied(config_);
    publish();
    emit sessionRestored(path);
}

void TrainingWorker::resetSpeedClock() {
    speed_clock_.start();
    epochs_since_clock_ = 0;
    rate_clock_.start();
    rate_epoch_ = trainer_ ? trainer_->epoch() : 0;
}

bool TrainingWorker::trainSlice(std::chrono::milliseconds budget, long epochs) {
    try {
        // A slice stops on the timeline's next epoch, whose weights the replay keeps.
        const long ended = trainer_->train_for(budget, timeline_.clamp(*trainer_, epochs));
        timeline_.note(*trainer_, automatic_metrics_);
        unpublished_ = true;
        epochs_since_clock_ += ended;
        return true;
    } catch (const DivergenceError& error) {
        const QString message =
            // The core's message says what happened and where; add what the class sees and what to
            // try.
            tr("%1 Training is paused and the last good model stays on screen. Try a learning rate "
               "of %2 (now %3), then press Play.")
                .arg(QString::fromUtf8(error.what()))
                .arg(config_.learning_rate / 10, 0, 'g', 3)
                .arg(config_.learning_rate, 0, 'g', 3);
        target_epoch_ = -1;
        metrics_task_.reset();
        changeRunning(false);
        message_ = message;
        emit diverged(message);
        return false;
    }
}

bool TrainingWorker::advanceMetrics(bool current) {
    using Clock = std::chrono::steady_clock;
    const auto now = Clock::now();
    // Cheap evaluations (the 2-D sets) are left to the trainer, every few epochs.
    if (automatic_metrics_ && !current) return false;
    if (metrics_task_ && current && metrics_epoch_ != trainer_->epoch()) metrics_task_.reset();
    if (!metrics_task_) {
        if (!current && !metrics_schedule_->due(now)) return false;
        metrics_task_ = trainer_->start_metrics();
        metrics_epoch_ = trainer_->epoch();
        metrics_cost_ = {};
    }
    const auto start = Clock::now();
    const bool finished = metrics_task_->advance(start + metrics_slice);
    const auto end = Clock::now();
    metrics_cost_ += end - start;
    if (!finished) return false;
    trainer_->add_metrics(metrics_task_->result());
    metrics_task_.reset();
    // The schedule weighs the time spent evaluating, not the training slices between.
    metrics_schedule_->recorded(end - metrics_cost_, end);
    unpublished_ = true;
    chooseMetricsMode(std::chrono::duration<double>(metrics_cost_).count());
    return true;
}

void TrainingWorker::chooseMetricsMode(double evaluation_seconds) {
    // An evaluation that fits easily in a slice is done by the trainer itself every few epochs,
    // as often as it costs a tenth of the training (every epoch until the epochs' cost is known);
    // a larger one stays an interleaved task.
    const long epochs = trainer_->epoch();
    const double seconds_per_epoch = epochs > 0 ? trainer_->training_seconds() / double(epochs) : 0;
    automatic_metrics_ = evaluation_seconds < 0.001;
    long every = 0;
    if (automatic_metrics_)
        every =
            seconds_per_epoch > 0
                ? std::max(1L,
                           static_cast<long>(std::ceil(9 * evaluation_seconds / seconds_per_epoch)))
                : 1;
    trainer_->set_automatic_metrics(every);
}

void TrainingWorker::tick() {
    if (!playing_ || !trainer_ || stop_requested_.load()) return;
    // Epochs this slice may finish: up to a trainFor() target, or as many as the speed allows.
    long epochs = std::numeric_limits<long>::max() / 4;
    if (target_epoch_ >= 0) {
        if (trainer_->epoch() >= target_epoch_) {
            const long reached = trainer_->epoch();
            target_epoch_ = -1;
            changeRunning(false);
            publish();
            emit targetReached(reached);
            return;
        }
        epochs = target_epoch_ - trainer_->epoch();
    } else if (speed_ > 0) {
        const auto due = static_cast<long>(speed_ * speed_clock_.elapsed() / 1000.0) + 1;
        epochs = due - epochs_since_clock_;
    }
    const bool limited = epoch_limit_ >= 0 && target_epoch_ < 0;
    if (limited) epochs = std::min(epochs, epoch_limit_ - trainer_->epoch());
    if (epochs > 0 && !trainSlice(std::chrono::milliseconds(slice_ms), epochs)) {
        publish();  // diverged: show the last good model and the message
        return;
    }
    if (trainer_) advanceMetrics(false);
    const bool consumer_ready =
        !awaiting_consumer_.load() || since_publish_.elapsed() >= consumer_patience_ms;
    if (unpublished_ && consumer_ready &&
        (!since_publish_.isValid() || since_publish_.elapsed() >= publish_interval_ms)) {
        publish();
    }
    if (limited && trainer_->epoch() >= epoch_limit_) {
        // At the limit: look again shortly, to publish what was trained and to go on once the
        // limit is raised (setEpochLimit also wakes the worker).
        tick_timer_->start(publish_interval_ms / 2);
        return;
    }
    scheduleTick();
}

void TrainingWorker::scheduleTick() {
    if (!playing_) return;
    int wait_ms = 0;
    if (speed_ > 0 && target_epoch_ < 0) {
        const double next_epoch_ms = (epochs_since_clock_ + 1) * 1000.0 / speed_;
        wait_ms = static_cast<int>(std::max(0.0, next_epoch_ms - speed_clock_.elapsed()));
        // Wake in time to publish what is already trained.
        if (unpublished_) wait_ms = std::min(wait_ms, publish_interval_ms);
    }
    tick_timer_->start(wait_ms);
}

void TrainingWorker::publish() {
    publish_timer_->stop();
    if (!trainer_) return;
    // A still picture shows the metrics of exactly its weights: evaluated now when that is quick
    // (the 2-D teaching sets), else in slices between messages and published when done, so a
    // control never waits for an evaluation of all of Fashion-MNIST.
    const auto& recorded = trainer_->history().metrics;
    const bool stale = recorded.empty() || recorded.back().epoch != trainer_->epoch();
    if (!playing_ && stale && !advanceMetrics(true)) metrics_timer_->start(0);
    // Keep the trainer's own interval in step with what an epoch and an evaluation cost now.
    if (automatic_metrics_ && trainer_->last_metrics_seconds() > 0)
        chooseMetricsMode(trainer_->last_metrics_seconds());
    auto snapshot = snapshot_of(*trainer_);
    // What the history recorded after the epochs last published (it thins itself in a long run,
    // so the epochs, not the positions, say what is new).
    const History& history = trainer_->history();
    size_t first_metrics = history.metrics.size();
    while (first_metrics > 0 && history.metrics[first_metrics - 1].epoch > published_metrics_epoch_)
        --first_metrics;
    snapshot->new_history.assign(
        history.metrics.begin() + static_cast<std::ptrdiff_t>(first_metrics),
        history.metrics.end());
    if (!history.metrics.empty())
        published_metrics_epoch_ = std::max(published_metrics_epoch_, history.metrics.back().epoch);
    size_t first_loss = history.epoch_loss.size();
    while (first_loss > 0 && history.loss_epoch(first_loss - 1) > published_loss_epoch_)
        --first_loss;
    snapshot->new_losses.clear();
    for (size_t i = first_loss; i < history.epoch_loss.size(); ++i)
        snapshot->new_losses.push_back(LossPoint{history.loss_epoch(i), history.epoch_loss[i]});
    if (!snapshot->new_losses.empty()) published_loss_epoch_ = snapshot->new_losses.back().epoch;
    snapshot->history_reset = history_reset_;
    snapshot->knob_changes = knob_changes_;
    snapshot->timeline = timeline_.entries();
    history_reset_ = false;

    if (rate_clock_.isValid() && rate_clock_.elapsed() >= 500) {
        epochs_per_second_ = (snapshot->epoch - rate_epoch_) * 1000.0 / rate_clock_.elapsed();
        rate_epoch_ = snapshot->epoch;
        rate_clock_.restart();
    }
    snapshot->running = playing_;
    snapshot->epochs_per_second = playing_ ? epochs_per_second_ : 0.0;
    snapshot->message = message_;
    message_.clear();

    snapshot->projection = projection_;
    const double cell_pixels = pixels_per_cell(view_pixels_, playing_);
    std::optional<GridSpec> spec;
    if (trainer_->dataset().dimensions() == 2) {
        spec = grid_for_view(trainer_->dataset(), view_rect_, view_pixels_, cell_pixels);
    } else if (projection_ && projection_shown_) {
        spec = grid_for_view(projection_->bounds, view_rect_, view_pixels_, cell_pixels);
    }
    if (spec) {
        // On the training's own threads: several workers may render at once.
        renderer_->render(*snapshot, *spec, trainer_->threads(),
                          double(std::max(1, view_pixels_.width())) / spec->width);
    }
    // Pictures of the cases each expert weighs most, made again only when those cases change.
    const auto& strongest = snapshot->latest.strongest_cases;
    if (imaged_dataset_.lock() != trainer_->dataset_ptr() || imaged_rows_ != strongest) {
        imaged_dataset_ = trainer_->dataset_ptr();
        imaged_rows_ = strongest;
        case_images_ = case_images(trainer_->dataset(), strongest);
    }
    snapshot->case_images = case_images_;
    unpublished_ = false;
    since_publish_.start();
    awaiting_consumer_.store(true);
    emit snapshotReady(SnapshotPtr(std::move(snapshot)));
}

TrainingThread::TrainingThread(QObject* parent)
    : WorkerThread(QStringLiteral("moelab-training"), parent) {
    qRegisterMetaType<moelab::SnapshotPtr>("moelab::SnapshotPtr");
    qRegisterMetaType<moelab::Config>("moelab::Config");
}

}  // namespace moelab
