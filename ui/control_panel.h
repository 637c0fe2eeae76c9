#pragma once
// Every knob of a training in one panel. The panel holds the Config it shows and hands the worker a
// copy on every change (configChanged); it never waits for the worker, so dragging a slider costs
// one signal per step and the worker coalesces the burst.
#include <QWidget>

#include "snapshot.h"  // declares moelab::Config as a meta type for queued signals
#include "training/config.h"

class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QPushButton;
class QSlider;
class QSpinBox;

namespace moelab {

class ControlPanel : public QWidget {
    Q_OBJECT
  public:
    explicit ControlPanel(QWidget* parent = nullptr);

    // Shows `config` in every control without emitting configChanged.
    void setConfig(const moelab::Config& config);
    moelab::Config config() const { return config_; }

    void setEpoch(long epoch);
    // Reflects the worker's state on the play button without emitting playToggled.
    void setRunning(bool running);
    bool isRunning() const { return running_; }
    double epochsPerSecond() const;

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
    void buildControls();
    void populateDatasets();
    void showConfigInControls();
    void updateValueLabels();
    void updateDatasetDependentControls();
    void selectDatasetItem(const QString& name);
    void commit();

    void onExpertsChanged(int experts);
    void onDatasetSelected(int index);

    Config config_;
    bool running_ = false;
    long epoch_ = 0;

    QSlider* experts_slider_ = nullptr;
    QLabel* experts_value_ = nullptr;
    QSlider* top_k_slider_ = nullptr;
    QLabel* top_k_value_ = nullptr;
    QComboBox* loss_combo_ = nullptr;
    QSlider* learning_rate_slider_ = nullptr;
    QLabel* learning_rate_value_ = nullptr;
    QComboBox* optimizer_combo_ = nullptr;
    QSpinBox* batch_spin_ = nullptr;
    QSpinBox* hidden_spin_ = nullptr;
    QComboBox* gate_combo_ = nullptr;
    QComboBox* dataset_combo_ = nullptr;
    QDoubleSpinBox* noise_spin_ = nullptr;
    QSpinBox* size_spin_ = nullptr;
    QSpinBox* seed_spin_ = nullptr;
    QSpinBox* test_ratio_spin_ = nullptr;
    QPushButton* play_button_ = nullptr;
    QPushButton* step_button_ = nullptr;
    QPushButton* reset_button_ = nullptr;
    QSlider* speed_slider_ = nullptr;
    QLabel* speed_value_ = nullptr;
    QLabel* epoch_label_ = nullptr;
};

}  // namespace moelab
