#include "control_panel.h"

#include <QCheckBox>
#include <QComboBox>
#include <QCoreApplication>
#include <QDoubleSpinBox>
#include <QFileInfo>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QRegularExpression>
#include <QSignalBlocker>
#include <QSlider>
#include <QSpinBox>
#include <QToolButton>
#include <QToolTip>
#include <QVBoxLayout>
#include <algorithm>
#include <cmath>
#include <functional>
#include <limits>

#include "data/registry.h"
#include "number_format.h"

namespace moelab {

namespace {

// A combo box as narrow as a dozen characters, whatever its longest choice ("Competitive
// log-likelihood (eq. 3)"): the panel then leaves the plane most of a 1280 x 720 screen. The open
// list shows every choice whole.
QComboBox* compactCombo() {
    auto* combo = new QComboBox;
    combo->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    combo->setMinimumContentsLength(12);
    return combo;
}

// Log sliders (the learning rate): 20 steps per decade over the knob's control range.
constexpr int log_steps_per_decade = 20;

// Speed: 10 steps per decade from 1 to 10^4 epochs per second, then one more step for "max".
constexpr int speed_steps_per_decade = 10;
constexpr int speed_decades = 4;
constexpr int speed_max_position = speed_decades * speed_steps_per_decade + 1;
constexpr int default_speed_position = 2 * speed_steps_per_decade;  // 100 epochs per second

QString knobText(const char* text) {
    return QCoreApplication::translate(kKnobsContext, text);
}

QString fromView(std::string_view text) {
    return QString::fromUtf8(text.data(), qsizetype(text.size()));
}

// Values a person reads on a log slider: two significant digits (0.0032, not 0.0031622...).
double roundToTwoSignificantDigits(double value) {
    if (value <= 0) return value;
    const double scale = std::pow(10.0, std::floor(std::log10(value)) - 1);
    return std::round(value / scale) * scale;
}

int logPositions(const Knob& knob) {
    return static_cast<int>(std::lround(
        (std::log10(knob.control.high) - std::log10(knob.control.low)) * log_steps_per_decade));
}

double logValueAt(const Knob& knob, int position) {
    const int clamped = std::clamp(position, 0, logPositions(knob));
    return roundToTwoSignificantDigits(
        std::pow(10.0, std::log10(knob.control.low) + double(clamped) / log_steps_per_decade));
}

int logPosition(const Knob& knob, double value) {
    if (!(value > 0)) return 0;
    const double position =
        (std::log10(value) - std::log10(knob.control.low)) * log_steps_per_decade;
    return std::clamp(static_cast<int>(std::lround(position)), 0, logPositions(knob));
}

// The largest value a control offers: the table's, narrowed by the control hints, within int.
double controlHigh(const Knob& knob, double table_high) {
    double high = std::isnan(knob.control.high) ? table_high : knob.control.high;
    return std::min(high, double(std::numeric_limits<int>::max()));
}

// Linear sliders of a Real knob (the capacity factor): steps of control.step over the control's
// range. The table's tests make sure such a knob has a step and a finite upper end.
double linearLow(const Knob& knob) {
    return std::isnan(knob.control.low) ? knob.reals.low : knob.control.low;
}

int linearPositions(const Knob& knob) {
    return static_cast<int>(
        std::lround((controlHigh(knob, knob.reals.high) - linearLow(knob)) / knob.control.step));
}

double linearValueAt(const Knob& knob, int position) {
    return linearLow(knob) + std::clamp(position, 0, linearPositions(knob)) * knob.control.step;
}

int linearPosition(const Knob& knob, double value) {
    const double position = (value - linearLow(knob)) / knob.control.step;
    return std::clamp(static_cast<int>(std::lround(position)), 0, linearPositions(knob));
}

// The tooltip of a knob's control: its help and what a change does.
QString knobToolTip(const Knob& knob) {
    return knobText(knob.help) + QLatin1Char('\n') + knobText(effect_description(knob.effect));
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
    {"drawn", QT_TRANSLATE_NOOP("moelab::ControlPanel", "Drawn data"),
     QT_TRANSLATE_NOOP("moelab::ControlPanel",
                       "Points drawn on the plane (Data > Draw your own data...); every point "
                       "trains.")},
    {"fashion-mnist", QT_TRANSLATE_NOOP("moelab::ControlPanel", "Fashion-MNIST (784 pixels)"),
     QT_TRANSLATE_NOOP("moelab::ControlPanel",
                       "Xiao, Rasul & Vollgraf (2017): 28 x 28 grey images of clothing in ten "
                       "classes; 60000 training and 10000 test images (Cases takes the first so "
                       "many training images). Shown as the routing table, and projected on its "
                       "first two principal components.")},
    {"piecewise-linear", QT_TRANSLATE_NOOP("moelab::ControlPanel", "Regression: |x| (two pieces)"),
     QT_TRANSLATE_NOOP("moelab::ControlPanel",
                       "y = |x| + noise: two straight pieces meeting at 0; one linear expert per "
                       "piece fits it. Drawn as a curve with the experts' lines.")},
    {"sine", QT_TRANSLATE_NOOP("moelab::ControlPanel", "Regression: sine"),
     QT_TRANSLATE_NOOP("moelab::ControlPanel", "y = sin(pi x) + noise, one period on [-1, 1].")},
    {"step", QT_TRANSLATE_NOOP("moelab::ControlPanel", "Regression: step"),
     QT_TRANSLATE_NOOP("moelab::ControlPanel",
                       "y = 0 for x < 0 and 1 for x >= 0, plus noise, on [-1, 1].")},
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

}  // namespace

QString ControlPanel::datasetTitle(const std::string& name) {
    return datasetDisplayName(QString::fromStdString(name));
}

namespace {

// The combo item that opens a file dialog instead of selecting a dataset.
const QString open_csv_marker = QStringLiteral("\x01open-csv");

QLabel* valueLabel() {
    auto* label = new QLabel;
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

// An integer knob. Where 0 is special besides the range (cases: 0 or 4 to 1000000), 0 shows what
// it means and the steps jump the gap, so no step offers a value the knob refuses.
class KnobSpinBox : public QSpinBox {
  public:
    explicit KnobSpinBox(const Knob& knob) {
        const bool zero = knob.zero != nullptr;
        gap_low_ = zero ? static_cast<int>(knob.integers.low) : 0;
        setRange(zero ? 0 : static_cast<int>(knob.integers.low),
                 static_cast<int>(
                     controlHigh(knob, double(std::min(knob.integers.high, knob.field.type_max)))));
        if (zero) setSpecialValueText(knobText(knob.zero));
        // Large ranges step by a tenth of the value's order (100 -> 110, 1000 -> 1100).
        if (maximum() > 1000) setStepType(QAbstractSpinBox::AdaptiveDecimalStepType);
    }

    void stepBy(int steps) override {
        const int before = value();
        int after = before;
        {
            const QSignalBlocker blocker(this);
            QSpinBox::stepBy(steps);
            after = value();
            if (gap_low_ > 1 && after < gap_low_)
                after = steps > 0 ? gap_low_ : (before > gap_low_ ? gap_low_ : 0);
            setValue(after);
        }
        if (after != before) emit valueChanged(after);
    }

  protected:
    QValidator::State validate(QString& text, int& position) const override {
        const QValidator::State state = QSpinBox::validate(text, position);
        if (state != QValidator::Acceptable || gap_low_ <= 1) return state;
        const int typed = valueFromText(text);
        return typed > 0 && typed < gap_low_ ? QValidator::Intermediate : state;
    }

    void fixup(QString& text) const override {
        QSpinBox::fixup(text);
        const int typed = valueFromText(text);
        if (gap_low_ > 1 && typed > 0 && typed < gap_low_) text = textFromValue(gap_low_);
    }

  private:
    int gap_low_ = 0;
};

// A real knob: values read as people write them (0.001, 1e-08), a fraction as a percentage where
// the table says so, steps of ten on a log scale.
class KnobDoubleSpinBox : public QDoubleSpinBox {
  public:
    explicit KnobDoubleSpinBox(const Knob& knob)
        : percent_(knob.control.percent), log_scale_(knob.log_scale) {
        const RealRange& r = knob.reals;
        const double scale = percent_ ? 100 : 1;
        setDecimals(percent_ ? 0 : 12);
        double low = std::isnan(knob.control.low) ? r.low : knob.control.low;
        if (r.low_open && low <= r.low) low = r.low + 1e-12;
        double high = controlHigh(knob, std::isinf(r.high) ? 1e9 : r.high);
        if (r.high_open && high >= r.high) high = r.high - (percent_ ? 0.01 : 1e-6);
        setRange(low * scale, high * scale);
        setSingleStep((knob.control.step > 0 ? knob.control.step : 0.1) * scale);
        if (percent_) setSuffix(ControlPanel::tr(" %"));
        if (knob.zero && r.low == 0) setSpecialValueText(knobText(knob.zero));
    }

    // The knob's value of what the box shows, and back.
    double knobValue() const { return percent_ ? value() / 100 : value(); }
    void showKnobValue(double v) { setValue(percent_ ? std::round(v * 100) : v); }

    void stepBy(int steps) override {
        if (!log_scale_ || value() <= 0) {
            QDoubleSpinBox::stepBy(steps);
            return;
        }
        setValue(std::clamp(value() * std::pow(10.0, steps), minimum(), maximum()));
    }

    QString textFromValue(double v) const override {
        if (percent_) return locale().toString(v, 'f', 0);
        // Six significant digits, and exponents as people write them: 1e-8, not 1e-08.
        static const QRegularExpression exponent(QStringLiteral("e\\+?(-?)0*(\\d)"),
                                                 QRegularExpression::CaseInsensitiveOption);
        return locale().toString(v, 'g', 6).replace(exponent, QStringLiteral("e\\1\\2"));
    }

    double valueFromText(const QString& text) const override {
        return locale().toDouble(stripped(text));
    }

  protected:
    QValidator::State validate(QString& text, int&) const override {
        const QString number = stripped(text);
        if (number.isEmpty() || (!specialValueText().isEmpty() && text == specialValueText()))
            return number.isEmpty() ? QValidator::Intermediate : QValidator::Acceptable;
        bool ok = false;
        const double v = locale().toDouble(number, &ok);
        if (!ok) return QValidator::Intermediate;
        return v >= minimum() && v <= maximum() ? QValidator::Acceptable : QValidator::Intermediate;
    }

  private:
    QString stripped(QString text) const {
        if (!suffix().isEmpty() && text.endsWith(suffix())) text.chop(suffix().size());
        return text.trimmed();
    }

    bool percent_;
    bool log_scale_;
};

// Hidden-layer widths in an editable combo: "linear" (the knob's 0) or "8, 8".
QString widthsText(const Knob& knob, const std::vector<int>& widths) {
    if (widths.empty()) return knob.zero ? knobText(knob.zero) : QStringLiteral("0");
    QStringList parts;
    for (int width : widths) parts << QString::number(width);
    return parts.join(QStringLiteral(", "));
}

std::optional<KnobValue> parseWidths(const Knob& knob, const QString& text) {
    const QString trimmed = text.trimmed();
    if (knob.zero && (trimmed == knobText(knob.zero) || trimmed == QLatin1String(knob.zero)))
        return KnobValue(std::vector<int>{});
    return knob.try_parse(trimmed.toStdString());
}

}  // namespace

// One knob's control in the panel.
struct ControlPanel::KnobControl {
    const Knob* knob = nullptr;
    QWidget* widget = nullptr;                // the control itself, named objectNameFor(key)
    QLabel* label = nullptr;                  // the form's label
    QLabel* value_label = nullptr;            // beside a slider
    std::function<void(const Config&)> show;  // shows a config's value (signals blocked)
};

ControlPanel::ControlPanel(QWidget* parent) : QWidget(parent) {
    setObjectName(QStringLiteral("controlPanel"));
    buildControls();
    populateDatasets();
    showConfigInControls();
}

ControlPanel::~ControlPanel() = default;

QString ControlPanel::objectNameFor(std::string_view key) {
    return QStringLiteral("knob_") + fromView(key).replace(QLatin1Char('.'), QLatin1Char('_'));
}

QWidget* ControlPanel::controlFor(std::string_view key) const {
    for (const auto& control : controls_)
        if (control->knob->key == key) return control->widget;
    return nullptr;
}

double ControlPanel::learningRateAt(int sliderPosition) {
    return logValueAt(knob("learning_rate"), sliderPosition);
}

int ControlPanel::learningRatePosition(double learningRate) {
    return logPosition(knob("learning_rate"), learningRate);
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

void ControlPanel::setEpochsPerSecond(double epochsPerSecond) {
    speed_slider_->setValue(speedPosition(epochsPerSecond));
}

double ControlPanel::defaultEpochsPerSecond() {
    return speedAt(default_speed_position);
}

bool ControlPanel::isAdvancedExpanded() const {
    return advanced_toggle_->isChecked();
}

void ControlPanel::setAdvancedExpanded(bool expanded) {
    advanced_toggle_->setChecked(expanded);
}

void ControlPanel::buildControls() {
    // One form per box, in the order of the table; the rarely used knobs in "Advanced".
    struct Box {
        PanelPlace place;
        QString title;
        QGroupBox* box = nullptr;
        QFormLayout* form = nullptr;
    };
    std::vector<Box> boxes{{PanelPlace::Model, tr("Model")},
                           {PanelPlace::Learning, tr("Learning")},
                           {PanelPlace::Data, tr("Data")},
                           {PanelPlace::Advanced, QString()}};
    for (Box& box : boxes) {
        box.box = new QGroupBox(box.title);
        box.form = new QFormLayout(box.box);
    }
    for (const Knob& knob : knobs()) {
        for (Box& box : boxes)
            if (box.place == knob.panel) addKnobControl(knob, box.form);
    }

    // Advanced: collapsed until asked for, so the class sees the knobs of the paper first.
    advanced_toggle_ = new QToolButton;
    advanced_toggle_->setObjectName(QStringLiteral("advancedToggle"));
    advanced_toggle_->setText(tr("Advanced"));
    advanced_toggle_->setToolTip(
        tr("Optimizer settings, auxiliary losses, precision, threads and the metrics interval"));
    advanced_toggle_->setCheckable(true);
    advanced_toggle_->setAutoRaise(true);
    advanced_toggle_->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    advanced_toggle_->setArrowType(Qt::RightArrow);
    // A header like the boxes' titles, not a button that stays pressed.
    advanced_toggle_->setStyleSheet(
        QStringLiteral("QToolButton { border: none; background: transparent; padding: 2px 0; }"));
    QGroupBox* advanced = boxes.back().box;
    advanced->setObjectName(QStringLiteral("advancedBox"));
    advanced->setVisible(false);
    advanced_box_ = advanced;
    connect(advanced_toggle_, &QToolButton::toggled, this, [this](bool expanded) {
        advanced_toggle_->setArrowType(expanded ? Qt::DownArrow : Qt::RightArrow);
        advanced_box_->setVisible(expanded);
    });

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(buildRunBox());
    for (Box& box : boxes) {
        if (box.place == PanelPlace::Advanced) layout->addWidget(advanced_toggle_);
        layout->addWidget(box.box);
    }
    layout->addStretch(1);
}

QWidget* ControlPanel::buildRunBox() {
    play_button_ = new QPushButton;
    play_button_->setObjectName(QStringLiteral("playButton"));
    play_button_->setCheckable(true);
    step_button_ = new QPushButton(tr("Step"));
    step_button_->setObjectName(QStringLiteral("stepButton"));
    step_button_->setToolTip(tr("Train one epoch"));
    reset_button_ = new QPushButton(tr("Reset"));
    reset_button_->setObjectName(QStringLiteral("resetButton"));
    reset_button_->setToolTip(tr("New random weights from the seed; epoch 0"));
    speed_slider_ = new QSlider(Qt::Horizontal);
    speed_slider_->setObjectName(QStringLiteral("speedSlider"));
    speed_slider_->setRange(0, speed_max_position);
    speed_slider_->setPageStep(speed_steps_per_decade / 2);
    speed_slider_->setValue(default_speed_position);
    speed_slider_->setToolTip(tr("Epochs per second, from 1 to as fast as the machine goes"));
    speed_value_ = valueLabel();
    speed_value_->setObjectName(QStringLiteral("speedValueLabel"));
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

    connect(play_button_, &QPushButton::clicked, this, [this](bool checked) {
        running_ = checked;
        updateRunLabels();
        emit playToggled(checked);
    });
    connect(step_button_, &QPushButton::clicked, this, &ControlPanel::stepRequested);
    connect(reset_button_, &QPushButton::clicked, this, &ControlPanel::resetRequested);
    connect(speed_slider_, &QSlider::valueChanged, this, [this](int position) {
        updateRunLabels();
        emit speedChanged(speedAt(position));
    });
    return run_box;
}

void ControlPanel::addKnobControl(const Knob& knob, QFormLayout* form) {
    auto control = std::make_unique<KnobControl>();
    KnobControl& c = *control;
    c.knob = &knob;
    const QString label = knobText(knob.label);
    QWidget* row = nullptr;

    if (knob.key == "dataset.name") {
        row = makeDatasetCombo(knob, c);
    } else if (knob.key == "seed") {
        // One seed for everything random, so "seed 7" means the same run to the whole class.
        auto* spin = new QSpinBox;
        spin->setRange(0, static_cast<int>(controlHigh(knob, std::numeric_limits<int>::max())));
        spin->setToolTip(knobToolTip(knob) + QLatin1Char('\n') +
                         tr("The same seed also generates and splits the data."));
        c.show = [spin](const Config& config) {
            spin->setValue(static_cast<int>(
                std::min<std::uint64_t>(config.seed, std::uint64_t(spin->maximum()))));
        };
        connect(spin, &QSpinBox::valueChanged, this, [this, &knob, &c](int seed) {
            const auto value = static_cast<std::uint64_t>(seed);
            change({{&knob, value}, {&moelab::knob("dataset.seed"), value}}, &c);
        });
        spin->setKeyboardTracking(false);
        row = c.widget = spin;
    } else if (knob.control.slider) {
        auto* slider = new QSlider(Qt::Horizontal);
        slider->setPageStep(1);
        c.value_label = valueLabel();
        c.value_label->setObjectName(objectNameFor(knob.key) + QStringLiteral("_value"));
        if (knob.type == KnobType::Real && knob.log_scale) {
            // A log slider over the control's range; the value label shows two digits.
            slider->setRange(0, logPositions(knob));
            slider->setPageStep(log_steps_per_decade / 2);  // PageUp: x3
            c.show = [slider, &knob, value = c.value_label](const Config& config) {
                const double v = std::get<double>(knob.get(config));
                slider->setValue(logPosition(knob, v));
                value->setText(QLocale().toString(v, 'g', 2));
            };
            connect(slider, &QSlider::valueChanged, this,
                    [this, &knob](int position) { change(knob, logValueAt(knob, position)); });
        } else if (knob.type == KnobType::Real) {
            // A linear slider in the control's steps; the label says what a special 0 means and
            // shows a value from elsewhere (the command line) as it is, beyond the slider's end.
            slider->setRange(0, linearPositions(knob));
            slider->setPageStep(std::max(1, linearPositions(knob) / 4));
            c.show = [slider, &knob, value = c.value_label](const Config& config) {
                const double v = std::get<double>(knob.get(config));
                slider->setValue(linearPosition(knob, v));
                value->setText(knob.zero && v == 0 ? knobText(knob.zero) : QLocale().toString(v));
            };
            connect(slider, &QSlider::valueChanged, this,
                    [this, &knob](int position) { change(knob, linearValueAt(knob, position)); });
        } else if (knob.key == "top_k") {
            // K from 1 to N; K = N is the dense gate, stored as 0.
            slider->setMinimum(1);
            c.show = [slider, &knob, value = c.value_label](const Config& config) {
                slider->setMaximum(std::max(config.experts, 1));
                slider->setValue(config.routed_experts());
                const QString k = QLocale().toString(config.routed_experts());
                value->setText(config.dense() ? tr("%1 (%2)").arg(k, knobText(knob.zero)) : k);
            };
            connect(slider, &QSlider::valueChanged, this,
                    [this, &knob](int k) { change(knob, static_cast<long long>(k)); });
        } else {
            slider->setMinimum(static_cast<int>(knob.integers.low));
            c.show = [slider, &knob, value = c.value_label](const Config& config) {
                const auto v = static_cast<int>(std::get<long long>(knob.get(config)));
                slider->setMaximum(
                    std::max(static_cast<int>(controlHigh(knob, double(knob.integers.high))), v));
                slider->setValue(v);
                value->setText(QLocale().toString(v));
            };
            connect(slider, &QSlider::valueChanged, this,
                    [this, &knob](int v) { change(knob, static_cast<long long>(v)); });
        }
        slider->setToolTip(knobToolTip(knob));
        c.widget = slider;
        row = sliderWithValue(slider, c.value_label, label);
    } else if (knob.type == KnobType::Toggle) {
        // A check box beside the knob's label, like every other control beside its own.
        auto* check = new QCheckBox;
        c.show = [check, &knob](const Config& config) {
            check->setChecked(std::get<bool>(knob.get(config)));
        };
        connect(check, &QCheckBox::toggled, this, [this, &knob](bool on) { change(knob, on); });
        row = c.widget = check;
    } else if (knob.type == KnobType::Integer) {
        auto* spin = new KnobSpinBox(knob);
        spin->setKeyboardTracking(false);
        c.show = [spin, &knob](const Config& config) {
            spin->setValue(static_cast<int>(std::get<long long>(knob.get(config))));
        };
        connect(spin, &QSpinBox::valueChanged, this,
                [this, &knob](int v) { change(knob, static_cast<long long>(v)); });
        row = c.widget = spin;
    } else if (knob.type == KnobType::Real) {
        auto* spin = new KnobDoubleSpinBox(knob);
        // Spin boxes report only finished values (Enter, arrows, focus out): typing "1000" must
        // not regenerate the data at 1, 10 and 100 cases on the way.
        spin->setKeyboardTracking(false);
        c.show = [spin, &knob](const Config& config) {
            spin->showKnobValue(std::get<double>(knob.get(config)));
        };
        connect(spin, &QDoubleSpinBox::valueChanged, this,
                [this, &knob, spin] { change(knob, spin->knobValue()); });
        row = c.widget = spin;
    } else if (knob.type == KnobType::Choice) {
        auto* combo = compactCombo();
        for (const KnobChoice& choice : knob.choices) {
            combo->addItem(knobText(choice.label), QVariant::fromValue(choice.value));
            combo->setItemData(combo->count() - 1, knobText(choice.help), Qt::ToolTipRole);
        }
        c.show = [combo, &knob](const Config& config) {
            combo->setCurrentIndex(std::max(
                combo->findData(QVariant::fromValue(std::get<long long>(knob.get(config)))), 0));
        };
        connect(combo, &QComboBox::currentIndexChanged, this, [this, &knob, combo](int index) {
            if (index >= 0) change(knob, combo->itemData(index).toLongLong());
        });
        row = c.widget = combo;
    } else if (knob.type == KnobType::Widths) {
        auto* combo = compactCombo();
        combo->setEditable(true);
        combo->setInsertPolicy(QComboBox::NoInsert);
        for (std::string_view preset : knob.control.presets) {
            if (auto value = knob.try_parse(preset))
                combo->addItem(widthsText(knob, std::get<std::vector<int>>(*value)));
        }
        c.show = [combo, &knob](const Config& config) {
            const QString text = widthsText(knob, std::get<std::vector<int>>(knob.get(config)));
            const int index = combo->findText(text);
            if (index >= 0) combo->setCurrentIndex(index);
            combo->setEditText(text);
        };
        auto commit = [this, &knob, combo, &c] {
            if (auto value = parseWidths(knob, combo->currentText())) {
                change({{&knob, *value}}, &c);
            } else {
                showConfigInControls();
                QToolTip::showText(
                    combo->mapToGlobal(QPoint(0, combo->height())),
                    tr("%1: not applied, %2")
                        .arg(knobText(knob.label), QString::fromStdString(knob.expected())),
                    combo);
            }
        };
        connect(combo, &QComboBox::currentIndexChanged, this, commit);
        connect(combo->lineEdit(), &QLineEdit::editingFinished, this, commit);
        row = c.widget = combo;
    } else {
        // Text: a line edit, applied when the editing is finished.
        auto* edit = new QLineEdit;
        c.show = [edit, &knob](const Config& config) {
            edit->setText(QString::fromStdString(std::get<std::string>(knob.get(config))));
        };
        connect(edit, &QLineEdit::editingFinished, this,
                [this, &knob, edit] { change(knob, edit->text().toStdString()); });
        row = c.widget = edit;
    }

    c.widget->setObjectName(objectNameFor(knob.key));
    if (c.widget->toolTip().isEmpty()) c.widget->setToolTip(knobToolTip(knob));
    c.widget->setAccessibleName(label);
    c.label = new QLabel(label);
    c.label->setBuddy(c.widget);
    c.label->setToolTip(c.widget->toolTip());
    form->addRow(c.label, row);
    controls_.push_back(std::move(control));
}

QWidget* ControlPanel::makeDatasetCombo(const Knob& knob, KnobControl& control) {
    dataset_combo_ = compactCombo();
    control.widget = dataset_combo_;
    control.show = [this](const Config& config) {
        selectDatasetItem(QString::fromStdString(config.dataset.name));
    };
    dataset_combo_->setToolTip(knobToolTip(knob));
    connect(dataset_combo_, &QComboBox::currentIndexChanged, this,
            &ControlPanel::onDatasetSelected);
    return dataset_combo_;
}

void ControlPanel::populateDatasets() {
    const QSignalBlocker blocker(dataset_combo_);
    dataset_combo_->clear();
    // Every registered set: 2-D data on the plane, data of more features as the routing table
    // and a projection.
    for (const auto& info : dataset_registry()) {
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
    change(knob("dataset.name"), name.toStdString());
}

bool ControlPanel::setKnobValue(std::string_view key, const KnobValue& value) {
    const Knob* knob = find_knob(key);
    if (!knob) return false;
    const Config before = config_;
    change(*knob, value);
    return !(config_ == before);
}

void ControlPanel::change(const Knob& knob, const KnobValue& value) {
    const KnobControl* origin = nullptr;
    for (const auto& control : controls_)
        if (control->knob == &knob) origin = control.get();
    change({{&knob, value}}, origin);
}

void ControlPanel::change(std::vector<KnobSetting> settings, const KnobControl* origin) {
    const Config next = apply_settings(config_, settings);
    if (next == config_) {
        showConfigInControls();
        return;
    }
    if (const auto problem = find_problem(next)) {
        // Refused: the controls go back to the config in effect, and the control says why.
        showConfigInControls();
        QWidget* at = origin ? origin->widget : this;
        QToolTip::showText(
            at->mapToGlobal(QPoint(0, at->height())),
            tr("Not applied: %1").arg(QString::fromStdString(problem->config_message())), at);
        return;
    }
    config_ = next;
    showConfigInControls();  // the knobs that followed (K after N) and what now applies
    emit configChanged(config_);
}

void ControlPanel::setConfig(const Config& config) {
    config_ = config;
    showConfigInControls();
}

void ControlPanel::showConfigInControls() {
    for (const auto& control : controls_) {
        {
            const QSignalBlocker blocker(control->widget);
            control->show(config_);
        }
        // What does not matter for this config (momentum without the momentum optimizer, the
        // noise of a set that is not generated) is shown but greyed out.
        const bool matters = control->knob->matters(config_);
        control->widget->setEnabled(matters);
        control->label->setEnabled(matters);
        if (control->value_label) control->value_label->setEnabled(matters);
    }
    updateRunLabels();
}

void ControlPanel::updateRunLabels() {
    const QLocale locale;
    const double speed = speedAt(speed_slider_->value());
    // Whole numbers from 10 up ("100/s", not "1E+02/s"); 1.3/s below.
    const QString speed_text = speed >= 10
                                   ? locale.toString(static_cast<qlonglong>(std::lround(speed)))
                                   : locale.toString(speed, 'g', 2);
    speed_value_->setText(speed > 0 ? tr("%1/s").arg(speed_text) : tr("max"));
    play_button_->setChecked(running_);
    play_button_->setText(running_ ? tr("Pause") : tr("Play"));
    step_button_->setEnabled(!running_);
    epoch_label_->setText(tr("Epoch %1").arg(format_count(epoch_)));
}

void ControlPanel::setEpoch(long epoch) {
    if (epoch == epoch_) return;
    epoch_ = epoch;
    epoch_label_->setText(tr("Epoch %1").arg(format_count(epoch_)));
}

void ControlPanel::setRunning(bool running) {
    running_ = running;
    const QSignalBlocker blocker(play_button_);
    updateRunLabels();
}

}  // namespace moelab
