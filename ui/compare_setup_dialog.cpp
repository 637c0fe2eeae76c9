#include "compare_setup_dialog.h"

#include <QComboBox>
#include <QCoreApplication>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>
#include <algorithm>
#include <limits>

#include "compare_panes.h"
#include "compare_view.h"
#include "control_panel.h"

namespace moelab {

namespace {

QString knobLabel(const Knob& knob) {
    return QCoreApplication::translate(kKnobsContext, knob.label);
}

}  // namespace

const std::vector<std::string_view>& CompareSetupDialog::editableKeys() {
    static const std::vector<std::string_view> keys{"loss", "experts", "top_k", "learning_rate",
                                                    "gate"};
    return keys;
}

CompareSetupDialog::CompareSetupDialog(const Config& base, QWidget* parent)
    : QDialog(parent), base_(base) {
    setWindowTitle(tr("Compare trainings"));
    setObjectName(QStringLiteral("compareSetup"));
    auto* intro = new QLabel(
        tr("Every pane trains on %1 from the same initial weights (seed %2) with the main "
           "window's settings; below, what sets each pane apart.")
            .arg(ControlPanel::datasetTitle(base.dataset.name))
            .arg(base.seed));
    intro->setWordWrap(true);
    pane_spin_ = new QSpinBox;
    pane_spin_->setObjectName(QStringLiteral("comparePaneCount"));
    pane_spin_->setRange(kMinComparePanes, kMaxComparePanes);
    pane_spin_->setValue(pane_count_);
    auto* count_row = new QHBoxLayout;
    count_row->addWidget(new QLabel(tr("Panes")));
    count_row->addWidget(pane_spin_);
    count_row->addStretch(1);
    auto* editors = new QWidget;
    grid_ = new QGridLayout(editors);
    grid_->setContentsMargins(0, 0, 0, 0);
    problem_label_ = new QLabel;
    problem_label_->setObjectName(QStringLiteral("compareProblem"));
    problem_label_->setWordWrap(true);
    problem_label_->setStyleSheet(QStringLiteral("color: #b00020"));
    buttons_ = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);
    buttons_->button(QDialogButtonBox::Ok)->setText(tr("Compare"));
    connect(buttons_, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons_, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addLayout(count_row);
    layout->addWidget(editors);
    layout->addWidget(problem_label_);
    layout->addWidget(buttons_);

    buildEditors();
    showConfigs(default_compare_configs(base_, kMaxComparePanes));
    setPaneCount(pane_count_);
    connect(pane_spin_, &QSpinBox::valueChanged, this, &CompareSetupDialog::setPaneCount);
}

void CompareSetupDialog::buildEditors() {
    const auto& keys = editableKeys();
    for (size_t row = 0; row < keys.size(); ++row)
        grid_->addWidget(new QLabel(knobLabel(knob(keys[row]))), int(row) + 1, 0);
    for (int pane = 0; pane < kMaxComparePanes; ++pane) {
        auto* title = new QLabel;
        title->setWordWrap(true);
        title->setMinimumWidth(150);
        titles_.push_back(title);
        grid_->addWidget(title, 0, pane + 1);
        std::vector<QWidget*> column;
        for (size_t row = 0; row < keys.size(); ++row) {
            const Knob& k = knob(keys[row]);
            QWidget* editor = nullptr;
            if (k.type == KnobType::Choice) {
                auto* combo = new QComboBox;
                for (const KnobChoice& choice : k.choices)
                    combo->addItem(QCoreApplication::translate(kKnobsContext, choice.label),
                                   QVariant::fromValue(choice.value));
                connect(combo, &QComboBox::currentIndexChanged, this,
                        &CompareSetupDialog::updatePreview);
                editor = combo;
            } else if (k.type == KnobType::Integer) {
                auto* spin = new QSpinBox;
                const long long low = k.zero ? 0 : k.integers.low;
                spin->setRange(int(low), int(std::min<long long>(k.integers.high, 1000)));
                if (k.zero)
                    spin->setSpecialValueText(QCoreApplication::translate(kKnobsContext, k.zero));
                connect(spin, &QSpinBox::valueChanged, this, &CompareSetupDialog::updatePreview);
                editor = spin;
            } else {
                auto* spin = new QDoubleSpinBox;
                spin->setDecimals(4);
                spin->setRange(k.control.low == k.control.low ? k.control.low : 1e-4,
                               k.control.high == k.control.high ? k.control.high : 1e6);
                spin->setStepType(QAbstractSpinBox::AdaptiveDecimalStepType);
                connect(spin, &QDoubleSpinBox::valueChanged, this,
                        &CompareSetupDialog::updatePreview);
                editor = spin;
            }
            editor->setObjectName(
                QStringLiteral("pane%1_%2").arg(pane).arg(QString::fromUtf8(k.key.data())));
            editor->setToolTip(QCoreApplication::translate(kKnobsContext, k.help));
            grid_->addWidget(editor, int(row) + 1, pane + 1);
            column.push_back(editor);
        }
        editors_.push_back(column);
    }
}

void CompareSetupDialog::showConfigs(const std::vector<Config>& configs) {
    const auto& keys = editableKeys();
    for (size_t pane = 0; pane < editors_.size() && pane < configs.size(); ++pane) {
        for (size_t row = 0; row < keys.size(); ++row) {
            const Knob& k = knob(keys[row]);
            const KnobValue value = k.get(configs[pane]);
            QWidget* editor = editors_[pane][row];
            const QSignalBlocker block(editor);
            if (auto* combo = qobject_cast<QComboBox*>(editor))
                combo->setCurrentIndex(
                    combo->findData(QVariant::fromValue(std::get<long long>(value))));
            else if (auto* spin = qobject_cast<QSpinBox*>(editor))
                spin->setValue(int(std::get<long long>(value)));
            else if (auto* real = qobject_cast<QDoubleSpinBox*>(editor))
                real->setValue(std::get<double>(value));
        }
    }
}

void CompareSetupDialog::setPaneCount(int panes) {
    pane_count_ = std::clamp(panes, kMinComparePanes, kMaxComparePanes);
    if (pane_spin_->value() != pane_count_) pane_spin_->setValue(pane_count_);
    for (int pane = 0; pane < kMaxComparePanes; ++pane) {
        const bool shown = pane < pane_count_;
        titles_[size_t(pane)]->setVisible(shown);
        for (QWidget* editor : editors_[size_t(pane)]) editor->setVisible(shown);
    }
    updatePreview();
    adjustSize();
}

QWidget* CompareSetupDialog::editor(int pane, std::string_view key) const {
    const auto& keys = editableKeys();
    const auto row = std::find(keys.begin(), keys.end(), key);
    if (pane < 0 || pane >= int(editors_.size()) || row == keys.end()) return nullptr;
    return editors_[size_t(pane)][size_t(row - keys.begin())];
}

KnobValue CompareSetupDialog::editorValue(const Knob& knob, const QWidget* editor) const {
    if (const auto* combo = qobject_cast<const QComboBox*>(editor))
        return KnobValue(combo->currentData().toLongLong());
    if (const auto* spin = qobject_cast<const QSpinBox*>(editor))
        return KnobValue(static_cast<long long>(spin->value()));
    if (const auto* real = qobject_cast<const QDoubleSpinBox*>(editor))
        return KnobValue(real->value());
    return knob.get(base_);
}

std::vector<Config> CompareSetupDialog::configs() const {
    std::vector<Config> configs;
    const auto& keys = editableKeys();
    for (int pane = 0; pane < pane_count_; ++pane) {
        // Only what differs from the base counts as set, so K follows a new N as in the panel.
        std::vector<KnobSetting> settings;
        for (size_t row = 0; row < keys.size(); ++row) {
            const Knob& k = knob(keys[row]);
            const KnobValue value = editorValue(k, editors_[size_t(pane)][row]);
            if (!(value == k.get(base_))) settings.push_back({&k, value});
        }
        configs.push_back(apply_settings(base_, settings));
    }
    return configs;
}

void CompareSetupDialog::updatePreview() {
    const std::vector<Config> panes = configs();
    problem_.clear();
    for (size_t pane = 0; pane < panes.size(); ++pane) {
        titles_[pane]->setText(QStringLiteral("<span style=\"color:%1\">&#9632;</span> <b>%2</b>")
                                   .arg(CompareView::paneColor(int(pane)).name(),
                                        pane_title(panes, pane).toHtmlEscaped()));
        if (problem_.isEmpty())
            if (const auto problem = find_problem(panes[pane]))
                problem_ = tr("Pane %1: %2")
                               .arg(pane + 1)
                               .arg(QString::fromStdString(problem->config_message()));
    }
    problem_label_->setText(problem_);
    problem_label_->setVisible(!problem_.isEmpty());
    buttons_->button(QDialogButtonBox::Ok)->setEnabled(problem_.isEmpty());
}

}  // namespace moelab
