#include "stall_notice.h"

#include "control_panel.h"
#include "figure_painter.h"
#include "number_format.h"

namespace moelab {

const QString& StallNotice::update(const Snapshot& snapshot) {
    if (snapshot.history_reset) curve_.clear();
    for (const EpochMetrics& metrics : snapshot.new_history) {
        if (!curve_.empty() && metrics.epoch <= curve_.back().epoch) continue;
        curve_.push_back({metrics.epoch, metrics.train_accuracy});
    }
    text_.clear();
    if (!has_linear_experts(snapshot.config) || !snapshot.dataset) return text_;
    PlateauRule rule = rule_;
    if (!rule_given_) rule.good_accuracy = halfway_from_chance(snapshot.dataset->classes());
    if (const auto plateau = find_plateau(curve_, rule))
        text_ = describe(*plateau, ControlPanel::datasetTitle(snapshot.config.dataset.name));
    return text_;
}

QString StallNotice::describe(const Plateau& plateau, const QString& dataset_title) {
    return tr("Stalled: linear experts draw straight boundaries, which cannot bend around “%1”. "
              "The training accuracy has stayed near %2 for %3 epochs. Try hidden units (Expert "
              "hidden layers, e.g. 8).")
        .arg(dataset_title, format_percent(plateau.accuracy), format_count(plateau.epochs));
}

}  // namespace moelab
