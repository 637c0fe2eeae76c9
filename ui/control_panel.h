#pragma once
// Every knob of a training in one panel, generated from the knob table (training/knobs.h): each
// knob the table places in the panel gets a control chosen by its type (a slider, a log slider, a
// spin box, a combo box, an editable combo of hidden-layer widths, a check box for a switch), its
// translated label and help, and its range. Rarely used knobs sit in a collapsed "Advanced" box.
// Special cases stay small: the dataset combo (with "Open CSV..."), the one Seed control that sets
// both seeds, and the run controls (play, step, reset, speed), which are not knobs.
//
// The panel holds the Config it shows and hands the worker a copy on every change (configChanged);
// it never waits for the worker, so dragging a slider costs one signal per step and the worker
// coalesces the burst. Every emitted config is valid: the rules between knobs are applied (K
// follows N) and a value that breaks one is refused at the control.
#include <QWidget>
#include <memory>
#include <string_view>
#include <vector>

#include "snapshot.h"  // declares moelab::Config as a meta type for queued signals
#include "training/config.h"
#include "training/knobs.h"

class QComboBox;
class QFormLayout;
class QLabel;
class QPushButton;
class QSlider;
class QToolButton;

namespace moelab {

class ControlPanel : public QWidget {
    Q_OBJECT
  public:
    explicit ControlPanel(QWidget* parent = nullptr);
    ~ControlPanel() override;

    // Shows `config` in every control without emitting configChanged.
    void setConfig(const moelab::Config& config);
    moelab::Config config() const { return config_; }

    void setEpoch(long epoch);
    // Reflects the worker's state on the play button without emitting playToggled.
    void setRunning(bool running);
    bool isRunning() const { return running_; }
    double epochsPerSecond() const;
    // Moves the speed slider to the step nearest `epochsPerSecond` (0 = as fast as possible) and
    // emits speedChanged when that moved it; defaultEpochsPerSecond() is where it starts.
    void setEpochsPerSecond(double epochsPerSecond);
    static double defaultEpochsPerSecond();

    // Sets a knob as if a person had set it at its control (a keyboard shortcut): the rules apply,
    // the controls show it and configChanged is emitted. False when refused or unchanged.
    bool setKnobValue(std::string_view key, const KnobValue& value);

    // The control showing a knob ("experts"), or null when the panel does not show it. Its
    // objectName is objectNameFor(key): "knob_experts", "knob_dataset_cases".
    QWidget* controlFor(std::string_view key) const;
    static QString objectNameFor(std::string_view key);

    // A data set's name as the panel lists it ("Vowels, all ten", "CSV: points.csv"), translated.
    static QString datasetTitle(const std::string& name);

    bool isAdvancedExpanded() const;
    void setAdvancedExpanded(bool expanded);

    // The log-scale mappings of the sliders, public so tests and tooltips agree with the panel.
    static double learningRateAt(int sliderPosition);
    static int learningRatePosition(double learningRate);
    static double speedAt(int sliderPosition);  // 0 = as fast as possible
    static int speedPosition(double epochsPerSecond);

  signals:
    void configChanged(moelab::Config config);
    void playToggled(bool playing);
    void stepRequested();
    void resetRequested();
    void speedChanged(double epochsPerSecond);
    void openCsvRequested();

  private:
    struct KnobControl;

    void buildControls();
    QWidget* buildRunBox();
    void addKnobControl(const Knob& knob, QFormLayout* form);
    QWidget* makeDatasetCombo(const Knob& knob, KnobControl& control);
    void populateDatasets();
    void selectDatasetItem(const QString& name);
    void onDatasetSelected(int index);

    // A person set `knob` to `value` at its control: the other knobs follow the rules, and the
    // config is emitted if valid, else the control shows the config again and says why.
    void change(const Knob& knob, const KnobValue& value);
    void change(std::vector<KnobSetting> settings, const KnobControl* origin);
    void showConfigInControls();
    void updateRunLabels();

    Config config_;
    bool running_ = false;
    long epoch_ = 0;

    std::vector<std::unique_ptr<KnobControl>> controls_;
    QComboBox* dataset_combo_ = nullptr;
    QToolButton* advanced_toggle_ = nullptr;
    QWidget* advanced_box_ = nullptr;
    QPushButton* play_button_ = nullptr;
    QPushButton* step_button_ = nullptr;
    QPushButton* reset_button_ = nullptr;
    QSlider* speed_slider_ = nullptr;
    QLabel* speed_value_ = nullptr;
    QLabel* epoch_label_ = nullptr;
};

}  // namespace moelab
