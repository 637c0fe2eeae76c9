#pragma once
// What the panes of compare mode are: configs over one shared base that differ only in the knobs
// chosen for each pane (the loss by default), and how a pane is named by those knobs.
#include <QString>
#include <QStringList>
#include <vector>

#include "training/config.h"
#include "training/knobs.h"

namespace moelab {

inline constexpr int kMinComparePanes = 2;
inline constexpr int kMaxComparePanes = 4;

// The knobs a pane may set for itself: every other knob (the data, the seed, the epochs) is the
// base's, so the panes train on the same data from the same initial weights.
bool pane_may_differ(const Knob& knob);

// The default comparison of `panes` panes over `base`: cooperative (eq. 1) against competitive
// log-likelihood (eq. 3), then competitive (eq. 2) and mixture NLL.
std::vector<Config> default_compare_configs(const Config& base, int panes = 2);

// The knobs whose values are not the same in every pane, in the table's order.
std::vector<const Knob*> differing_knobs(const std::vector<Config>& panes);

// A pane's name by the knobs that differ between the panes, loss first: "eq. 1 cooperative",
// "eq. 3 competitive log-likelihood · Experts 6". Identical panes: "Pane 2".
QString pane_title(const std::vector<Config>& panes, size_t index);

// The loss as compare mode names it: "eq. 1 cooperative".
QString compare_loss_name(LossType loss);

// One knob's value as a pane's title shows it: "Experts 6", "Learning rate 0.1".
QString knob_setting_text(const Knob& knob, const Config& config);

}  // namespace moelab
