#pragma once
// Hand-made snapshots for testing the views without a trainer.
#include <QCoreApplication>
#include <QSettings>
#include <QStandardPaths>
#include <cmath>
#include <limits>
#include <memory>

#include "snapshot.h"

namespace moelab::test {

// Never the user's settings: every QSettings of the test in `folder`, under `application`.
inline void useScratchSettings(const QString& folder, const QString& application) {
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("MoE Lab test"));
    QCoreApplication::setApplicationName(application);
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, folder);
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, folder);
    QSettings().clear();
}

// A grid of `size` x `size` cells over [-1, 1]^2 with `experts` experts and two classes: expert i
// splits the plane at x = i / experts, and the gate gives expert i the vertical band
// [-1 + 2i/N, -1 + 2(i+1)/N) with probability 1 (a hard gate), so each panel has bright and dark
// parts and two classes.
inline std::shared_ptr<GridEvaluation> bandGrid(int experts, int size = 32) {
    auto grid = std::make_shared<GridEvaluation>();
    grid->spec.width = grid->spec.height = size;
    grid->experts = experts;
    grid->classes = 2;
    const size_t cells = size_t(size) * size_t(size);
    grid->expert.resize(static_cast<size_t>(experts));
    grid->gate_probabilities.assign(cells * size_t(experts), 0.0f);
    grid->gate.label.resize(cells);
    grid->gate.margin.assign(cells, 1.0f);
    grid->mixture.label.resize(cells);
    grid->mixture.margin.assign(cells, 1.0f);
    for (int i = 0; i < experts; ++i) {
        auto& field = grid->expert[static_cast<size_t>(i)];
        field.label.resize(cells);
        field.margin.assign(cells, 1.0f);
        for (int row = 0; row < size; ++row)
            for (int col = 0; col < size; ++col)
                field.label[size_t(row) * size + size_t(col)] =
                    grid->spec.x_at(col) < double(i) / experts ? 0 : 1;
    }
    for (int row = 0; row < size; ++row)
        for (int col = 0; col < size; ++col) {
            const size_t cell = size_t(row) * size + size_t(col);
            const int band = std::min(experts - 1, col * experts / size);
            grid->gate_probabilities[cell * size_t(experts) + size_t(band)] = 1.0f;
            grid->gate.label[cell] = static_cast<std::uint8_t>(band);
            grid->mixture.label[cell] = grid->expert[size_t(band)].label[cell];
        }
    return grid;
}

inline EpochMetrics epochMetrics(long epoch, int experts) {
    EpochMetrics metrics;
    metrics.epoch = epoch;
    metrics.loss = 1.0 / double(epoch + 1);
    metrics.train_accuracy = 1.0 - 0.5 / double(epoch + 1);
    metrics.test_accuracy = epoch % 2 ? 0.75 : std::numeric_limits<double>::quiet_NaN();
    metrics.gate_entropy = std::log(double(experts)) / double(epoch + 1);
    metrics.utilisation.assign(static_cast<size_t>(experts), 1.0 / experts);
    metrics.top_share.assign(static_cast<size_t>(experts), 1.0 / experts);
    metrics.active_experts = experts;
    metrics.seconds = 0.001 * double(epoch);
    // The top expert alone trails the mixture by 0.25 / (epoch + 1); the last expert is no
    // case's top choice.
    metrics.top_expert_accuracy = metrics.train_accuracy - 0.25 / double(epoch + 1);
    metrics.own_accuracy.assign(static_cast<size_t>(experts), 0.5);
    metrics.own_accuracy.back() = std::numeric_limits<double>::quiet_NaN();
    return metrics;
}

// A snapshot holding epochs [first, last] as new history: full metrics and the training loss of
// every epoch (0.9 times the metrics' loss, so the two are told apart).
inline SnapshotPtr historySnapshot(long first, long last, int experts, bool reset = false) {
    auto snapshot = std::make_shared<Snapshot>();
    snapshot->config.experts = experts;
    for (long epoch = first; epoch <= last; ++epoch) {
        snapshot->new_history.push_back(epochMetrics(epoch, experts));
        snapshot->new_losses.push_back({epoch, 0.9 * snapshot->new_history.back().loss});
    }
    snapshot->latest =
        snapshot->new_history.empty() ? epochMetrics(first, experts) : snapshot->new_history.back();
    snapshot->epoch = snapshot->latest.epoch;
    snapshot->history_reset = reset;
    return snapshot;
}

inline SnapshotPtr gridSnapshot(int experts) {
    auto snapshot = std::make_shared<Snapshot>();
    snapshot->config.experts = experts;
    snapshot->grid = bandGrid(experts);
    snapshot->latest = epochMetrics(10, experts);
    for (int i = 0; i < experts; ++i)
        snapshot->latest.utilisation[static_cast<size_t>(i)] =
            (i + 1.0) / (experts * (experts + 1) / 2.0);
    return snapshot;
}

}  // namespace moelab::test
