#pragma once
// Chooses what compare mode compares: 2 to 4 panes over the main window's current config, and per
// pane the knobs that set it apart (the loss, N, K, the learning rate, the gate), one small editor
// per knob built from the knob table. Everything else (the data, the seed, the initial weights)
// every pane shares. Starts with the default comparison: eq. 1 against eq. 3.
#include <QDialog>
#include <vector>

#include "training/config.h"
#include "training/knobs.h"

class QDialogButtonBox;
class QGridLayout;
class QLabel;
class QSpinBox;

namespace moelab {

class CompareSetupDialog : public QDialog {
    Q_OBJECT
  public:
    // The knobs a pane can set here, in the order of the rows.
    static const std::vector<std::string_view>& editableKeys();

    explicit CompareSetupDialog(const Config& base, QWidget* parent = nullptr);

    int paneCount() const { return pane_count_; }
    void setPaneCount(int panes);
    // Pane `pane`'s editor of knob `key` (a QComboBox, QSpinBox or QDoubleSpinBox), or null.
    QWidget* editor(int pane, std::string_view key) const;
    // The panes' configs: the base with each pane's settings, K following N as in the panel.
    std::vector<Config> configs() const;
    // Why the current choice cannot run (empty when it can).
    QString problem() const { return problem_; }

  private:
    void buildEditors();
    void showConfigs(const std::vector<Config>& configs);
    void updatePreview();
    KnobValue editorValue(const Knob& knob, const QWidget* editor) const;

    Config base_;
    int pane_count_ = 2;
    QSpinBox* pane_spin_ = nullptr;
    QGridLayout* grid_ = nullptr;
    std::vector<QLabel*> titles_;
    std::vector<std::vector<QWidget*>> editors_;  // [pane][row]
    QLabel* problem_label_ = nullptr;
    QDialogButtonBox* buttons_ = nullptr;
    QString problem_;
};

}  // namespace moelab
