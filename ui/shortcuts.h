#pragma once
// Keys a presenter uses to change the model without touching the panel: 1-4 pick the loss
// (cooperative eq. 1, competitive eq. 2, competitive log-likelihood eq. 3, mixture NLL), + and -
// add and remove an expert, ] and [ raise and lower K. They work in every mode of the window
// (window shortcuts; a text field still takes its typing). Each goes through the control panel as
// if its control had been moved, so the panel shows the new value and the worker gets the config
// by the one path every change takes (ControlPanel -> Config -> TrainingWorker).
#include <QList>

#include "training/config.h"

class QAction;
class QMenu;
class QWidget;

namespace moelab {

class ControlPanel;

// The config a key asks for, from `config` (pure, for tests): the loss of key 1-4, N one more or
// less (within 1 and `max_experts`), K one more or less (within 1 and N; K = N is the dense gate,
// stored as 0).
Config with_loss_key(Config config, int digit);
Config with_expert_step(Config config, int step, int max_experts);
Config with_top_k_step(Config config, int step);

// Adds the actions to `menu` and to `window` (so they work while the menu bar is hidden, as in
// presentation mode) and returns them.
QList<QAction*> install_model_shortcuts(QWidget* window, ControlPanel* panel, QMenu* menu);

}  // namespace moelab
