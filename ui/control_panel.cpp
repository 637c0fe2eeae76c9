#include "control_panel.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFileInfo>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QSignalBlocker>
#include <QSlider>
#include <QSpinBox>
#include <QVBoxLayout>
#include <algorithm>
#include <cmath>

#include "data/registry.h"

namespace moelab {

namespace {

constexpr int max_experts_on_slider = 16;

// Learning rate: 20 slider steps per decade from 1e-4 to 10.
constexpr int learning_rate_steps_per_decade = 20;
constexpr double learning_rate_min_exponent = -4;
constexpr int learning_rate_positions = 5 * learning_rate_steps_per_decade;  // 1e-4 .. 1e1

// Speed: 10 steps per decade from 1 to 10^4 epochs per second, then one more step for "max".
constexpr int speed_steps_per_decade = 10;
constexpr int speed_decades = 4;
constexpr int speed_max_position = speed_decades * speed_steps_per_decade + 1;
constexpr int default_speed_position = 2 * speed_steps_per_decade;  // 100 epochs per second

// Values a person reads on a log slider: two significant digits (0.0032, not 0.0031622...).
double roundToTwoSignificantDigits(double value) {
    if (value <= 0) return value;
    const double scale = std::pow(10.0, std::floor(std::log10(value)) - 1);
    return std::round(value / scale) * scale;
}

// Display names and descriptions of the registered sets, so the class reads them in its language;
// a set not listed here shows its registry name and the core's English description.
struct DatasetText {
    const char* name;
    const char* title;
    const char* description;
};
constexpr DatasetText dataset_texts[] = {
    {"vowels", QT_TRANSLATE_NOOP("moelab::ControlPanel", "Vowels [i] [I] [a] [A] (the paper's)"),
     QT_TRANSLATE_NOOP(
         "moelab::ControlPanel",
         "Peterson & Barney (1952): four vowels by their formants F1 and F2, the task "
         "of Jacobs et al. (1991); split by speaker.")},
    {"vowels-10", QT_TRANSLATE_NOOP("moelab::ControlPanel", "Vowels, all ten"),
     QT_TRANSLATE_NOOP("moelab::ControlPanel",
                       "Peterson & Barney (1952): all ten vowels by F1 and F2; split by speaker.")},
    {"blobs", QT_TRANSLATE_NOOP("moelab::ControlPanel", "Blobs"),
     QT_TRANSLATE_NOOP("moelab::ControlPanel",
                       "Two Gaussian blobs that one straight line separates.")},
    {"xor", QT_TRANSLATE_NOOP("moelab::ControlPanel", "XOR"),
     QT_TRANSLATE_NOOP("moelab::ControlPanel",
                       "Four quadrants, opposite quadrants in the same class: no line separates "
                       "them.")},
    {"circles", QT_TRANSLATE_NOOP("moelab::ControlPanel", "Circles"),
     QT_TRANSLATE_NOOP("moelab::ControlPanel", "A disc inside a ring.")},
    {"moons", QT_TRANSLATE_NOOP("moelab::ControlPanel", "Moons"),
     QT_TRANSLATE_NOOP("moelab::ControlPanel", "Two interleaved half circles.")},
    {"spiral", QT_TRANSLATE_NOOP("moelab::ControlPanel", "Spiral"),
     QT_TRANSLATE_NOOP("moelab::ControlPanel", "Two spiral arms wound around each other.")},
    {"checkerboard", QT_TRANSLATE_NOOP("moelab::ControlPanel", "Checkerboard"),
     QT_TRANSLATE_NOOP("moelab::ControlPanel", "A 4 x 4 checkerboard of two classes.")},
    {"two-vowels", QT_TRANSLATE_NOOP("moelab::ControlPanel", "Two regions"),
     QT_TRANSLATE_NOOP("moelab::ControlPanel",
                       "Two classes, each two elongated clusters in two regions: one line per "
                       "region separates them, no single line does (the case for local experts).")},
};

const DatasetText* findDatasetText(const QString& name) {
    for (const DatasetText& text : dataset_texts)
        if (name == QLatin1String(text.name)) return &text;
    return nullptr;
}

QString datasetDisplayName(const QString& name) {
    if (name.startsWith(QStringLiteral("csv:")))
        return ControlPanel::tr("CSV: %1").arg(QFileInfo(name.mid(4)).fileName());
    if (const DatasetText* text = findDatasetText(name)) return ControlPanel::tr(text->title);
    return name;
}

const DatasetInfo* findDataset(const std::string& name) {
    for (const auto& info : dataset_registry())
        if (info.name == name) return &info;
    return nullptr;
}

// The combo item that opens a file dialog instead of selecting a dataset.
const QString open_csv_marker = QStringLiteral("\x01open-csv");

QSlider* horizontalSlider(const char* objectName, int minimum, int maximum) {
    auto* slider = new QSlider(Qt::Horizontal);
    slider->setObjectName(QLatin1String(objectName));
    slider->setRange(minimum, maximum);
    slider->setPageStep(1);
    return slider;
}

QLabel* valueLabel(const char* objectName) {
    auto* label = new QLabel;
    label->setObjectName(QLatin1String(objectName));
    // Wide enough for "0.0032" or "10 000/s" so the slider does not jump while dragging.
    label->setMinimumWidth(label->fontMetrics().horizontalAdvance(QStringLiteral("00000/s  ")));
    label->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
    return label;
}

QWidget* sliderWithValue(QSlider* slider, QLabel* value, const QString& name) {
    // The form's label names the row, not the slider; screen readers need the slider's own name.
    slider->setAccessibleName(name);
    auto* row = new QWidget;
    auto* layout = new QHBoxLayout(row);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(slider, 1);
    layout->addWidget(value);
    return row;
}

}  // namespace

ControlPanel::ControlPanel(QWidget* parent) : QWidget(parent) {
    setObjectName(QStringLiteral("controlPanel"));
    buildControls();
    populateDatasets();
    showConfigInControls();
}

double ControlPanel::learningRateAt(int sliderPosition) {
    const int position = std::clamp(sliderPosition, 0, learning_rate_positions);
    return roundToTwoSignificantDigits(std::pow(
        10.0, learning_rate_min_exponent + double(position) / learning_rate_steps_per_decade));
}

int ControlPanel::learningRatePosition(double learningRate) {
    if (!(learningRate > 0)) return 0;
    const double position =
        (std::log10(learningRate) - learning_rate_min_exponent) * learning_rate_steps_per_decade;
    return std::clamp(static_cast<int>(std::lround(position)), 0, learning_rate_positions);
}

double ControlPanel::speedAt(int sliderPosition) {
    if (sliderPosition >= speed_max_position) return 0;
    const int position = std::max(sliderPosition, 0);
    return roundToTwoSignificantDigits(std::pow(10.0, double(position) / speed_steps_per_decade));
}

int ControlPanel::speedPosition(double epochsPerSecond) {
    if (epochsPerSecond <= 0) return speed_max_position;
    const double position = std::log10(std::max(epochsPerSecond, 1.0)) * speed_steps_per_decade;
    return std::clamp(static_cast<int>(std::lround(position)), 0, speed_max_position - 1);
}

double ControlPanel::epochsPerSecond() const {
    return speedAt(speed_slider_->value());
}

void ControlPanel::buildControls() {
    // Model: the shape of the mixture (changing these re-initialises the weights).
    experts_slider_ = horizontalSlider("expertsSlider", 1, max_experts_on_slider);
    experts_slider_->setToolTip(tr("Number of expert networks N"));
    experts_value_ = valueLabel("expertsValueLabel");
    top_k_slider_ = horizontalSlider("topKSlider", 1, max_experts_on_slider);
    top_k_slider_->setToolTip(
        tr("Experts each case is routed to: the K largest gate outputs are kept and renormalised. "
           "K = N is the dense gate of the 1991 paper."));
    top_k_value_ = valueLabel("topKValueLabel");
    hidden_spin_ = new QSpinBox;
    hidden_spin_->setObjectName(QStringLiteral("hiddenSpin"));
    hidden_spin_->setRange(0, 64);
    hidden_spin_->setSpecialValueText(tr("linear"));
    hidden_spin_->setToolTip(tr("Hidden tanh units in each expert; 0 makes each expert linear"));
    gate_combo_ = new QComboBox;
    gate_combo_->setObjectName(QStringLiteral("gateCombo"));
    gate_combo_->addItem(tr("Linear"), int(GateType::Linear));
    gate_combo_->addItem(tr("MLP"), int(GateType::Mlp));
    gate_combo_->setToolTip(tr("The gating network: a linear softmax or a small tanh network"));

    auto* model_box = new QGroupBox(tr("Model"));
    auto* model_form = new QFormLayout(model_box);
    model_form->addRow(tr("Experts"),
                       sliderWithValue(experts_slider_, experts_value_, tr("Experts")));
    model_form->addRow(tr("Top-K"), sliderWithValue(top_k_slider_, top_k_value_, tr("Top-K")));
    model_form->addRow(tr("Expert hidden units"), hidden_spin_);
    model_form->addRow(tr("Gate"), gate_combo_);

    // Learning: these apply between two steps without a reset.
    loss_combo_ = new QComboBox;
    loss_combo_->setObjectName(QStringLiteral("lossCombo"));
    loss_combo_->addItem(tr("Cooperative (eq. 1)"), int(LossType::Cooperative));
    loss_combo_->addItem(tr("Competitive (eq. 2)"), int(LossType::Competitive));
    loss_combo_->addItem(tr("Competitive log-likelihood (eq. 3)"), int(LossType::CompetitiveLog));
    loss_combo_->addItem(tr("Mixture NLL"), int(LossType::MixtureNll));
    loss_combo_->setItemData(
        0, tr("Experts add up to one answer; each learns the others' residual"), Qt::ToolTipRole);
    loss_combo_->setItemData(1, tr("Each expert gives a whole answer and the gate picks one"),
                             Qt::ToolTipRole);
    loss_combo_->setItemData(
        2, tr("As eq. 2, but each expert learns in proportion to its posterior responsibility"),
        Qt::ToolTipRole);
    loss_combo_->setItemData(3, tr("Negative log-likelihood of the mixture's class probability"),
                             Qt::ToolTipRole);
    optimizer_combo_ = new QComboBox;
    optimizer_combo_->setObjectName(QStringLiteral("optimizerCombo"));
    optimizer_combo_->addItem(tr("SGD"), int(OptimizerType::Sgd));
    optimizer_combo_->addItem(tr("Momentum"), int(OptimizerType::Momentum));
    optimizer_combo_->addItem(tr("Adam"), int(OptimizerType::Adam));
    optimizer_combo_->addItem(tr("FTRL"), int(OptimizerType::Ftrl));
    learning_rate_slider_ = horizontalSlider("learningRateSlider", 0, learning_rate_positions);
    learning_rate_slider_->setToolTip(tr("Learning rate, logarithmic from 0.0001 to 10"));
    learning_rate_slider_->setPageStep(learning_rate_steps_per_decade / 2);  // PageUp: x3
    learning_rate_value_ = valueLabel("learningRateValueLabel");
    batch_spin_ = new QSpinBox;
    batch_spin_->setObjectName(QStringLiteral("batchSpin"));
    batch_spin_->setRange(0, 100000);
    batch_spin_->setSpecialValueText(tr("full batch"));
    batch_spin_->setToolTip(tr("Cases per optimizer step; 0 uses the whole training set"));

    auto* learning_box = new QGroupBox(tr("Learning"));
    auto* learning_form = new QFormLayout(learning_box);
    learning_form->addRow(tr("Loss"), loss_combo_);
    learning_form->addRow(tr("Optimizer"), optimizer_combo_);
    learning_form->addRow(
        tr("Learning rate"),
        sliderWithValue(learning_rate_slider_, learning_rate_value_, tr("Learning rate")));
    learning_form->addRow(tr("Batch size"), batch_spin_);

    // Data.
    dataset_combo_ = new QComboBox;
    dataset_combo_->setObjectName(QStringLiteral("datasetCombo"));
    noise_spin_ = new QDoubleSpinBox;
    noise_spin_->setObjectName(QStringLiteral("noiseSpin"));
    noise_spin_->setRange(0, 5);
    noise_spin_->setSingleStep(0.05);
    noise_spin_->setDecimals(2);
    size_spin_ = new QSpinBox;
    size_spin_->setObjectName(QStringLiteral("sizeSpin"));
    size_spin_->setRange(10, 100000);
    size_spin_->setSingleStep(50);
    size_spin_->setToolTip(tr("Number of generated cases"));
    test_ratio_spin_ = new QSpinBox;
    test_ratio_spin_->setObjectName(QStringLiteral("testRatioSpin"));
    test_ratio_spin_->setRange(0, 90);
    test_ratio_spin_->setSingleStep(5);
    test_ratio_spin_->setSuffix(tr(" %"));
    test_ratio_spin_->setToolTip(tr("Share of the cases held out for testing"));
    seed_spin_ = new QSpinBox;
    seed_spin_->setObjectName(QStringLiteral("seedSpin"));
    seed_spin_->setRange(0, 999999);
    seed_spin_->setToolTip(tr("Random seed of the initial weights, the batch order and the data"));

    auto* data_box = new QGroupBox(tr("Data"));
    auto* data_form = new QFormLayout(data_box);
    data_form->addRow(tr("Dataset"), dataset_combo_);
    data_form->addRow(tr("Noise"), noise_spin_);
    data_form->addRow(tr("Size"), size_spin_);
    data_form->addRow(tr("Test share"), test_ratio_spin_);
    data_form->addRow(tr("Seed"), seed_spin_);

    // Run.
    play_button_ = new QPushButton;
    play_button_->setObjectName(QStringLiteral("playButton"));
    play_button_->setCheckable(true);
    step_button_ = new QPushButton(tr("Step"));
    step_button_->setObjectName(QStringLiteral("stepButton"));
    step_button_->setToolTip(tr("Train one epoch"));
    reset_button_ = new QPushButton(tr("Reset"));
    reset_button_->setObjectName(QStringLiteral("resetButton"));
    reset_button_->setToolTip(tr("New random weights from the seed; epoch 0"));
    speed_slider_ = horizontalSlider("speedSlider", 0, speed_max_position);
    speed_slider_->setPageStep(speed_steps_per_decade / 2);
    speed_slider_->setValue(default_speed_position);
    speed_slider_->setToolTip(tr("Epochs per second, from 1 to as fast as the machine goes"));
    speed_value_ = valueLabel("speedValueLabel");
    epoch_label_ = new QLabel;
    epoch_label_->setObjectName(QStringLiteral("epochLabel"));
    QFont epoch_font = epoch_label_->font();
    epoch_font.setPointSizeF(epoch_font.pointSizeF() * 1.4);
    epoch_font.setBold(true);
    epoch_label_->setFont(epoch_font);

    auto* buttons = new QHBoxLayout;
    buttons->addWidget(play_button_);
    buttons->addWidget(step_button_);
    buttons->addWidget(reset_button_);
    auto* run_box = new QGroupBox(tr("Run"));
    auto* run_form = new QFormLayout(run_box);
    run_form->addRow(buttons);
    run_form->addRow(tr("Speed"), sliderWithValue(speed_slider_, speed_value_, tr("Speed")));
    run_form->addRow(epoch_label_);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(run_box);
    layout->addWidget(model_box);
    layout->addWidget(learning_box);
    layout->addWidget(data_box);
    layout->addStretch(1);

    // Spin boxes report only finished values (Enter, arrows, focus out): typing "1000" must not
    // regenerate the data at 1, 10 and 100 cases on the way.
    for (QAbstractSpinBox* spin : std::initializer_list<QAbstractSpinBox*>{
             hidden_spin_, batch_spin_, noise_spin_, size_spin_, test_ratio_spin_, seed_spin_})
        spin->setKeyboardTracking(false);

    connect(experts_slider_, &QSlider::valueChanged, this, &ControlPanel::onExpertsChanged);
    connect(top_k_slider_, &QSlider::valueChanged, this, [this](int k) {
        config_.top_k = k >= config_.experts ? 0 : k;
        updateValueLabels();
        commit();
    });
    connect(hidden_spin_, &QSpinBox::valueChanged, this, [this](int units) {
        config_.expert_hidden = units > 0 ? std::vector<int>{units} : std::vector<int>{};
        commit();
    });
    connect(gate_combo_, &QComboBox::currentIndexChanged, this, [this](int index) {
        if (index < 0) return;
        config_.gate = static_cast<GateType>(gate_combo_->itemData(index).toInt());
        commit();
    });
    connect(loss_combo_, &QComboBox::currentIndexChanged, this, [this](int index) {
        if (index < 0) return;
        config_.loss = static_cast<LossType>(loss_combo_->itemData(index).toInt());
        commit();
    });
    connect(optimizer_combo_, &QComboBox::currentIndexChanged, this, [this](int index) {
        if (index < 0) return;
        config_.optimizer = static_cast<OptimizerType>(optimizer_combo_->itemData(index).toInt());
        commit();
    });
    connect(learning_rate_slider_, &QSlider::valueChanged, this, [this](int position) {
        config_.learning_rate = learningRateAt(position);
        updateValueLabels();
        commit();
    });
    connect(batch_spin_, &QSpinBox::valueChanged, this, [this](int size) {
        config_.batch_size = size;
        commit();
    });
    connect(dataset_combo_, &QComboBox::currentIndexChanged, this,
            &ControlPanel::onDatasetSelected);
    connect(noise_spin_, &QDoubleSpinBox::valueChanged, this, [this](double noise) {
        config_.dataset.noise = noise;
        commit();
    });
    connect(size_spin_, &QSpinBox::valueChanged, this, [this](int size) {
        config_.dataset.cases = size;
        commit();
    });
    connect(test_ratio_spin_, &QSpinBox::valueChanged, this, [this](int percent) {
        config_.dataset.test_fraction = percent / 100.0;
        commit();
    });
    connect(seed_spin_, &QSpinBox::valueChanged, this, [this](int seed) {
        // One seed for everything random, so "seed 7" means the same run to the whole class.
        config_.seed = static_cast<std::uint64_t>(seed);
        config_.dataset.seed = static_cast<std::uint64_t>(seed);
        commit();
    });
    connect(play_button_, &QPushButton::clicked, this, [this](bool checked) {
        running_ = checked;
        updateValueLabels();
        emit playToggled(checked);
    });
    connect(step_button_, &QPushButton::clicked, this, &ControlPanel::stepRequested);
    connect(reset_button_, &QPushButton::clicked, this, &ControlPanel::resetRequested);
    connect(speed_slider_, &QSlider::valueChanged, this, [this](int position) {
        updateValueLabels();
        emit speedChanged(speedAt(position));
    });
}

void ControlPanel::populateDatasets() {
    const QSignalBlocker blocker(dataset_combo_);
    dataset_combo_->clear();
    for (const auto& info : dataset_registry()) {
        if (!info.two_dimensional) continue;  // the plane view needs two inputs
        const QString name = QString::fromStdString(info.name);
        dataset_combo_->addItem(datasetDisplayName(name), name);
        const DatasetText* text = findDatasetText(name);
        dataset_combo_->setItemData(
            dataset_combo_->count() - 1,
            text ? tr(text->description) : QString::fromStdString(info.description),
            Qt::ToolTipRole);
    }
    dataset_combo_->insertSeparator(dataset_combo_->count());
    dataset_combo_->addItem(tr("Open CSV..."), open_csv_marker);
}

void ControlPanel::selectDatasetItem(const QString& name) {
    const QSignalBlocker blocker(dataset_combo_);
    int index = dataset_combo_->findData(name);
    if (index < 0) {
        // A CSV file or a set the combo does not list (say, from the command line): show it
        // above the separator so "Open CSV..." stays last.
        const int separator = dataset_combo_->findData(open_csv_marker) - 1;
        index = std::max(separator, 0);
        dataset_combo_->insertItem(index, datasetDisplayName(name), name);
        if (name.startsWith(QStringLiteral("csv:")))
            dataset_combo_->setItemData(index, name.mid(4), Qt::ToolTipRole);
    }
    dataset_combo_->setCurrentIndex(index);
}

void ControlPanel::onDatasetSelected(int index) {
    if (index < 0) return;
    const QString name = dataset_combo_->itemData(index).toString();
    if (name == open_csv_marker) {
        // The combo keeps showing the current set until a file is actually chosen and the
        // window calls setConfig with "csv:PATH".
        selectDatasetItem(QString::fromStdString(config_.dataset.name));
        emit openCsvRequested();
        return;
    }
    config_.dataset.name = name.toStdString();
    updateDatasetDependentControls();
    commit();
}

void ControlPanel::onExpertsChanged(int experts) {
    // K follows N while the gate is dense (K = N stays "dense"), otherwise K is clamped to N, so
    // every emitted config is valid.
    config_.experts = experts;
    config_.top_k = std::min(config_.top_k, experts);  // a sparse K never exceeds N
    normalise(config_);
    {
        const QSignalBlocker blocker(top_k_slider_);
        top_k_slider_->setMaximum(experts);
        top_k_slider_->setValue(config_.routed_experts());
    }
    updateValueLabels();
    commit();
}

void ControlPanel::setConfig(const Config& config) {
    config_ = config;
    showConfigInControls();
}

void ControlPanel::showConfigInControls() {
    auto selectData = [](QComboBox* combo, int value) {
        const QSignalBlocker blocker(combo);
        combo->setCurrentIndex(std::max(combo->findData(value), 0));
    };
    {
        const QSignalBlocker experts_blocker(experts_slider_);
        const QSignalBlocker top_k_blocker(top_k_slider_);
        experts_slider_->setMaximum(std::max(max_experts_on_slider, config_.experts));
        experts_slider_->setValue(config_.experts);
        top_k_slider_->setMaximum(std::max(config_.experts, 1));
        top_k_slider_->setValue(config_.routed_experts());
    }
    for (auto [spin, value] :
         {std::pair{hidden_spin_,
                    config_.expert_hidden.empty() ? 0 : config_.expert_hidden.front()},
          std::pair{batch_spin_, config_.batch_size},
          std::pair{size_spin_, config_.dataset.cases > 0 ? config_.dataset.cases : 400},
          std::pair{seed_spin_, static_cast<int>(config_.seed)},
          std::pair{test_ratio_spin_,
                    static_cast<int>(std::lround(config_.dataset.test_fraction * 100))}}) {
        const QSignalBlocker blocker(spin);
        spin->setValue(value);
    }
    {
        const QSignalBlocker blocker(noise_spin_);
        noise_spin_->setValue(config_.dataset.noise);
    }
    {
        const QSignalBlocker blocker(learning_rate_slider_);
        learning_rate_slider_->setValue(learningRatePosition(config_.learning_rate));
    }
    selectData(gate_combo_, int(config_.gate));
    selectData(loss_combo_, int(config_.loss));
    selectData(optimizer_combo_, int(config_.optimizer));
    selectDatasetItem(QString::fromStdString(config_.dataset.name));
    updateDatasetDependentControls();
    updateValueLabels();
}

void ControlPanel::updateDatasetDependentControls() {
    const DatasetInfo* info = findDataset(config_.dataset.name);
    const bool synthetic = info && info->synthetic;
    const bool csv = config_.dataset.name.rfind("csv:", 0) == 0;
    noise_spin_->setEnabled(synthetic);
    size_spin_->setEnabled(synthetic);
    // The vowels come split by speaker; generated and CSV sets are split by this share.
    test_ratio_spin_->setEnabled(synthetic || csv);
}

void ControlPanel::updateValueLabels() {
    const QLocale locale;
    experts_value_->setText(locale.toString(config_.experts));
    top_k_value_->setText(config_.dense() ? tr("%1 (dense)").arg(locale.toString(config_.experts))
                                          : locale.toString(config_.top_k));
    learning_rate_value_->setText(locale.toString(config_.learning_rate, 'g', 2));
    const double speed = speedAt(speed_slider_->value());
    // Whole numbers from 10 up ("100/s", not "1E+02/s"); 1.3/s below.
    const QString speed_text = speed >= 10
                                   ? locale.toString(static_cast<qlonglong>(std::lround(speed)))
                                   : locale.toString(speed, 'g', 2);
    speed_value_->setText(speed > 0 ? tr("%1/s").arg(speed_text) : tr("max"));
    play_button_->setChecked(running_);
    play_button_->setText(running_ ? tr("Pause") : tr("Play"));
    step_button_->setEnabled(!running_);
    epoch_label_->setText(tr("Epoch %1").arg(locale.toString(static_cast<qlonglong>(epoch_))));
}

void ControlPanel::setEpoch(long epoch) {
    if (epoch == epoch_) return;
    epoch_ = epoch;
    epoch_label_->setText(tr("Epoch %1").arg(QLocale().toString(static_cast<qlonglong>(epoch_))));
}

void ControlPanel::setRunning(bool running) {
    running_ = running;
    const QSignalBlocker blocker(play_button_);
    updateValueLabels();
}

void ControlPanel::commit() {
    emit configChanged(config_);
}

}  // namespace moelab
