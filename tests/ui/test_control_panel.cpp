// The control panel on its own: generated from the knob table (one named control per shown knob,
// its range, tooltip and box), every control changes its field of the Config, K stays within the
// number of experts, refused values never leave the panel, setConfig round-trips silently.
#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QSlider>
#include <QSpinBox>
#include <QTest>
#include <QToolButton>

#include "control_panel.h"
#include "data/registry.h"
#include "training/knobs.h"

using moelab::Config;
using moelab::ControlPanel;
using moelab::Knob;

class ControlPanelTest : public QObject {
    Q_OBJECT

    template <typename T>
    static T* child(ControlPanel& panel, const char* name) {
        auto* widget = panel.findChild<T*>(QLatin1String(name));
        if (!widget) qFatal("no child %s", name);
        return widget;
    }

    static Config lastEmitted(const QSignalSpy& spy) { return spy.last().at(0).value<Config>(); }

  private slots:
    void everyShownKnobHasItsNamedControl() {
        ControlPanel panel;
        for (const Knob& knob : moelab::knobs()) {
            QWidget* control = panel.controlFor(knob.key);
            const QString name = ControlPanel::objectNameFor(knob.key);
            if (knob.panel == moelab::PanelPlace::Hidden) {
                QVERIFY2(!control, knob.key.data());
                QVERIFY(!panel.findChild<QWidget*>(name));
                continue;
            }
            QVERIFY2(control, knob.key.data());
            QCOMPARE(control->objectName(), name);
            QCOMPARE(panel.findChild<QWidget*>(name), control);
            // Its tooltip is the knob's (translated) help.
            QVERIFY2(control->toolTip().startsWith(
                         QCoreApplication::translate(moelab::kKnobsContext, knob.help)),
                     qPrintable(control->toolTip()));
            // The advanced knobs live in the collapsed "Advanced" box.
            auto* advanced = child<QGroupBox>(panel, "advancedBox");
            QCOMPARE(advanced->isAncestorOf(control), knob.panel == moelab::PanelPlace::Advanced);
        }
        QCOMPARE(ControlPanel::objectNameFor("dataset.cases"),
                 QStringLiteral("knob_dataset_cases"));
        for (const char* name :
             {"playButton", "stepButton", "resetButton", "speedSlider", "epochLabel",
              "advancedToggle", "knob_experts_value", "knob_top_k_value",
              "knob_learning_rate_value", "knob_capacity_factor_value"})
            QVERIFY2(panel.findChild<QWidget*>(QLatin1String(name)), name);
    }

    void controlsFollowTheTypes() {
        ControlPanel panel;
        QVERIFY(qobject_cast<QSlider*>(panel.controlFor("experts")));
        QVERIFY(qobject_cast<QSlider*>(panel.controlFor("top_k")));
        QVERIFY(qobject_cast<QSlider*>(panel.controlFor("learning_rate")));
        QVERIFY(qobject_cast<QComboBox*>(panel.controlFor("loss")));
        QVERIFY(qobject_cast<QSpinBox*>(panel.controlFor("batch_size")));
        QVERIFY(qobject_cast<QDoubleSpinBox*>(panel.controlFor("momentum")));
        auto* hidden = qobject_cast<QComboBox*>(panel.controlFor("expert_hidden"));
        QVERIFY(hidden && hidden->isEditable());
        QStringList presets;
        for (int i = 0; i < hidden->count(); ++i) presets << hidden->itemText(i);
        QCOMPARE(presets, (QStringList{"linear", "4", "8", "16", "8, 8", "16, 16"}));
        // Ranges come from the table.
        auto* experts = child<QSlider>(panel, "knob_experts");
        QCOMPARE(experts->minimum(), 1);
        auto* batch = child<QSpinBox>(panel, "knob_batch_size");
        QCOMPARE(batch->minimum(), 0);
        QCOMPARE(batch->specialValueText(), QStringLiteral("full batch"));
        auto* threads = child<QSpinBox>(panel, "knob_threads");
        QCOMPARE(threads->specialValueText(), QStringLiteral("automatic"));
        QCOMPARE(threads->maximum(), 256);
        auto* noise = child<QDoubleSpinBox>(panel, "knob_dataset_noise");
        QCOMPARE(noise->minimum(), 0.0);
        QCOMPARE(noise->maximum(), 5.0);
        auto* momentum = child<QDoubleSpinBox>(panel, "knob_momentum");
        QVERIFY2(momentum->maximum() < 1.0, "[0, 1) is open at 1");
        auto* loss = child<QComboBox>(panel, "knob_loss");
        QCOMPARE(loss->count(), int(moelab::knob("loss").choices.size()));
        QCOMPARE(loss->itemText(2), QStringLiteral("Competitive log-likelihood (eq. 3)"));
        // Every switch is a check box (labelled by the form, like the other controls).
        for (const Knob& knob : moelab::knobs()) {
            if (knob.type != moelab::KnobType::Toggle || knob.panel == moelab::PanelPlace::Hidden)
                continue;
            auto* check = qobject_cast<QCheckBox*>(panel.controlFor(knob.key));
            QVERIFY2(check, knob.key.data());
            QVERIFY(!check->isChecked());
            QCOMPARE(check->accessibleName(),
                     QCoreApplication::translate(moelab::kKnobsContext, knob.label));
        }
        QVERIFY(qobject_cast<QCheckBox*>(panel.controlFor("noisy_gate")));
        QVERIFY(qobject_cast<QCheckBox*>(panel.controlFor("shared_expert")));
        auto* routing = child<QComboBox>(panel, "knob_routing");
        QCOMPARE(routing->count(), 2);
        QCOMPARE(routing->itemText(0), QStringLiteral("Top-K (each case picks experts)"));
        QCOMPARE(routing->itemText(1), QStringLiteral("Expert choice (each expert picks cases)"));
        auto* gate = child<QComboBox>(panel, "knob_gate");
        QCOMPARE(gate->count(), 3);
        QCOMPARE(gate->itemText(2), QStringLiteral("Attentive"));
        QVERIFY(gate->itemData(2, Qt::ToolTipRole).toString().contains(QStringLiteral("√h")));
        // The capacity: a linear slider in quarters from 0 (no limit) to 4.
        auto* capacity = child<QSlider>(panel, "knob_capacity_factor");
        QCOMPARE(capacity->minimum(), 0);
        QCOMPARE(capacity->maximum(), 16);
        QCOMPARE(capacity->value(), 0);
        QCOMPARE(child<QLabel>(panel, "knob_capacity_factor_value")->text(),
                 QStringLiteral("no limit"));
        for (const char* weight : {"knob_load_weight", "knob_similarity_weight"}) {
            auto* spin = child<QDoubleSpinBox>(panel, weight);
            QCOMPARE(spin->minimum(), 0.0);
            QCOMPARE(spin->maximum(), 10.0);
            QCOMPARE(spin->specialValueText(), QStringLiteral("off"));
        }
        QCOMPARE(child<QDoubleSpinBox>(panel, "knob_load_weight")->value(), 0.1);
    }

    void advancedIsCollapsedByDefault() {
        ControlPanel panel;
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        auto* box = child<QGroupBox>(panel, "advancedBox");
        auto* toggle = child<QToolButton>(panel, "advancedToggle");
        QVERIFY(!panel.isAdvancedExpanded());
        QVERIFY(!box->isVisible());
        QVERIFY(!panel.controlFor("momentum")->isVisible());
        QVERIFY(panel.controlFor("experts")->isVisible());
        toggle->click();
        QVERIFY(panel.isAdvancedExpanded());
        QVERIFY(box->isVisible());
        QVERIFY(panel.controlFor("momentum")->isVisible());
        panel.setAdvancedExpanded(false);
        QVERIFY(!box->isVisible());
    }

    void topKClampsToExperts() {
        ControlPanel panel;
        QSignalSpy spy(&panel, &ControlPanel::configChanged);
        child<QSlider>(panel, "knob_experts")->setValue(8);
        child<QSlider>(panel, "knob_top_k")->setValue(3);
        child<QSlider>(panel, "knob_experts")->setValue(2);
        QCOMPARE(panel.config().experts, 2);
        QCOMPARE(panel.config().routed_experts(), 2);
        QCOMPARE(child<QSlider>(panel, "knob_top_k")->maximum(), 2);
        QCOMPARE(child<QSlider>(panel, "knob_top_k")->value(), 2);
        // The slider cannot be pushed past the number of experts either.
        child<QSlider>(panel, "knob_top_k")->setValue(9);
        QCOMPARE(panel.config().routed_experts(), 2);
        // Every config ever emitted was valid.
        for (const auto& arguments : spy) {
            const Config config = arguments.at(0).value<Config>();
            QVERIFY(config.top_k >= 0 && config.top_k < config.experts);
            QVERIFY_THROWS_NO_EXCEPTION(moelab::validate(config));
        }
        QCOMPARE(lastEmitted(spy), panel.config());
    }

    void sparseKIsKeptWhenExpertsGrow() {
        ControlPanel panel;
        child<QSlider>(panel, "knob_experts")->setValue(6);
        child<QSlider>(panel, "knob_top_k")->setValue(2);
        child<QSlider>(panel, "knob_experts")->setValue(10);
        QCOMPARE(panel.config().top_k, 2);
        QCOMPARE(child<QSlider>(panel, "knob_top_k")->maximum(), 10);
    }

    void denseKFollowsExperts() {
        ControlPanel panel;
        Config config;
        config.experts = 4;
        config.top_k = 0;
        panel.setConfig(config);
        child<QSlider>(panel, "knob_experts")->setValue(7);
        QCOMPARE(panel.config().routed_experts(), 7);
        QCOMPARE(panel.config().top_k, 0);
    }

    void labelReadsDenseAtKEqualsN() {
        ControlPanel panel;
        auto* label = child<QLabel>(panel, "knob_top_k_value");
        child<QSlider>(panel, "knob_experts")->setValue(5);
        child<QSlider>(panel, "knob_top_k")->setValue(5);
        QVERIFY2(label->text().contains(QStringLiteral("dense")), qPrintable(label->text()));
        child<QSlider>(panel, "knob_top_k")->setValue(3);
        QVERIFY(!label->text().contains(QStringLiteral("dense")));
        QVERIFY(label->text().contains(QStringLiteral("3")));
    }

    void setConfigRoundTripsWithoutEmitting() {
        ControlPanel panel;
        QSignalSpy spy(&panel, &ControlPanel::configChanged);
        Config config;
        config.experts = 7;
        config.top_k = 3;
        config.loss = moelab::LossType::Competitive;
        config.optimizer = moelab::OptimizerType::Adam;
        config.learning_rate = 0.037;  // not on a slider step: must still round-trip exactly
        config.batch_size = 32;
        config.expert_hidden = {12, 6};
        config.gate = moelab::GateType::Mlp;
        config.gate_hidden = {5};
        config.dataset.name = "moons";
        config.dataset.noise = 0.25;
        config.dataset.cases = 800;
        config.dataset.test_fraction = 0.25;
        config.seed = config.dataset.seed = 42;
        config.adam_epsilon = 1e-7;
        config.precision = moelab::Precision::Double;
        config.threads = 3;
        config.noisy_gate = true;
        config.shared_expert = true;
        config.routing = moelab::RoutingType::ExpertChoice;
        config.capacity_factor = 1.25;
        config.load_weight = 0.5;
        config.similarity_weight = 0.2;
        panel.setConfig(config);
        QCOMPARE(spy.count(), 0);
        QCOMPARE(panel.config(), config);
        QCOMPARE(child<QSlider>(panel, "knob_experts")->value(), 7);
        QCOMPARE(child<QSlider>(panel, "knob_top_k")->value(), 3);
        QCOMPARE(child<QComboBox>(panel, "knob_loss")->currentData().toLongLong(),
                 static_cast<long long>(moelab::LossType::Competitive));
        QCOMPARE(child<QComboBox>(panel, "knob_optimizer")->currentData().toLongLong(),
                 static_cast<long long>(moelab::OptimizerType::Adam));
        QCOMPARE(child<QComboBox>(panel, "knob_gate")->currentData().toLongLong(),
                 static_cast<long long>(moelab::GateType::Mlp));
        QCOMPARE(child<QComboBox>(panel, "knob_dataset_name")->currentData().toString(),
                 QStringLiteral("moons"));
        QCOMPARE(child<QSpinBox>(panel, "knob_batch_size")->value(), 32);
        QCOMPARE(child<QComboBox>(panel, "knob_expert_hidden")->currentText(),
                 QStringLiteral("12, 6"));
        QCOMPARE(child<QComboBox>(panel, "knob_gate_hidden")->currentText(), QStringLiteral("5"));
        QCOMPARE(child<QSpinBox>(panel, "knob_dataset_cases")->value(), 800);
        QCOMPARE(child<QSpinBox>(panel, "knob_seed")->value(), 42);
        QCOMPARE(child<QDoubleSpinBox>(panel, "knob_dataset_test_fraction")->value(), 25.0);
        QCOMPARE(child<QDoubleSpinBox>(panel, "knob_dataset_noise")->value(), 0.25);
        QCOMPARE(child<QDoubleSpinBox>(panel, "knob_adam_epsilon")->text(), QStringLiteral("1e-7"));
        QCOMPARE(child<QSpinBox>(panel, "knob_threads")->value(), 3);
        QVERIFY(child<QCheckBox>(panel, "knob_noisy_gate")->isChecked());
        QVERIFY(child<QCheckBox>(panel, "knob_shared_expert")->isChecked());
        QCOMPARE(child<QComboBox>(panel, "knob_routing")->currentData().toLongLong(),
                 static_cast<long long>(moelab::RoutingType::ExpertChoice));
        QCOMPARE(child<QSlider>(panel, "knob_capacity_factor")->value(), 5);
        QCOMPARE(child<QLabel>(panel, "knob_capacity_factor_value")->text(),
                 QLocale().toString(1.25));
        QCOMPARE(child<QDoubleSpinBox>(panel, "knob_load_weight")->value(), 0.5);
        QCOMPARE(child<QDoubleSpinBox>(panel, "knob_similarity_weight")->value(), 0.2);
        QVERIFY(child<QDoubleSpinBox>(panel, "knob_load_weight")->isEnabled());
        QVERIFY(child<QDoubleSpinBox>(panel, "knob_dataset_noise")->isEnabled());
        QVERIFY(child<QComboBox>(panel, "knob_gate_hidden")->isEnabled());
        QVERIFY(std::abs(ControlPanel::learningRateAt(
                             child<QSlider>(panel, "knob_learning_rate")->value()) -
                         0.037) < 0.005);
        QCOMPARE(spy.count(), 0);
    }

    void everyControlChangesItsField() {
        ControlPanel panel;
        QSignalSpy spy(&panel, &ControlPanel::configChanged);
        auto selectData = [&](const char* name, long long value) {
            auto* combo = child<QComboBox>(panel, name);
            combo->setCurrentIndex(combo->findData(QVariant::fromValue(value)));
        };
        selectData("knob_loss", static_cast<long long>(moelab::LossType::Cooperative));
        QCOMPARE(lastEmitted(spy).loss, moelab::LossType::Cooperative);
        selectData("knob_optimizer", static_cast<long long>(moelab::OptimizerType::Ftrl));
        QCOMPARE(lastEmitted(spy).optimizer, moelab::OptimizerType::Ftrl);
        selectData("knob_gate", static_cast<long long>(moelab::GateType::Mlp));
        QCOMPARE(lastEmitted(spy).gate, moelab::GateType::Mlp);
        child<QSlider>(panel, "knob_learning_rate")->setValue(0);
        QCOMPARE(lastEmitted(spy).learning_rate, 1e-4);
        child<QSlider>(panel, "knob_learning_rate")
            ->setValue(child<QSlider>(panel, "knob_learning_rate")->maximum());
        QCOMPARE(lastEmitted(spy).learning_rate, 10.0);
        child<QSpinBox>(panel, "knob_batch_size")->setValue(16);
        QCOMPARE(lastEmitted(spy).batch_size, 16);
        auto* hidden = child<QComboBox>(panel, "knob_expert_hidden");
        hidden->setCurrentIndex(hidden->findText(QStringLiteral("8, 8")));
        QCOMPARE(lastEmitted(spy).expert_hidden, (std::vector<int>{8, 8}));
        hidden->setEditText(QStringLiteral("6,3"));
        emit hidden->lineEdit()->editingFinished();
        QCOMPARE(lastEmitted(spy).expert_hidden, (std::vector<int>{6, 3}));
        hidden->setEditText(QStringLiteral("linear"));
        emit hidden->lineEdit()->editingFinished();
        QVERIFY(lastEmitted(spy).expert_hidden.empty());
        auto* datasets = child<QComboBox>(panel, "knob_dataset_name");
        datasets->setCurrentIndex(datasets->findData(QStringLiteral("spiral")));
        QCOMPARE(lastEmitted(spy).dataset.name, std::string("spiral"));
        child<QDoubleSpinBox>(panel, "knob_dataset_noise")->setValue(0.4);
        QCOMPARE(lastEmitted(spy).dataset.noise, 0.4);
        child<QSpinBox>(panel, "knob_dataset_cases")->setValue(1000);
        QCOMPARE(lastEmitted(spy).dataset.cases, 1000);
        child<QDoubleSpinBox>(panel, "knob_dataset_test_fraction")->setValue(40);
        QCOMPARE(lastEmitted(spy).dataset.test_fraction, 0.4);
        child<QSpinBox>(panel, "knob_seed")->setValue(9);
        QCOMPARE(lastEmitted(spy).seed, std::uint64_t(9));
        QCOMPARE(lastEmitted(spy).dataset.seed, std::uint64_t(9));
        child<QDoubleSpinBox>(panel, "knob_ftrl_l1")->setValue(0.5);
        QCOMPARE(lastEmitted(spy).ftrl_l1, 0.5);
        auto* precision = child<QComboBox>(panel, "knob_precision");
        precision->setCurrentIndex(1);
        QCOMPARE(lastEmitted(spy).precision, moelab::Precision::Double);
        auto* noisy = child<QCheckBox>(panel, "knob_noisy_gate");
        noisy->click();
        QVERIFY(lastEmitted(spy).noisy_gate);
        noisy->click();
        QVERIFY(!lastEmitted(spy).noisy_gate);
        child<QCheckBox>(panel, "knob_shared_expert")->setChecked(true);
        QVERIFY(lastEmitted(spy).shared_expert);
        selectData("knob_routing", static_cast<long long>(moelab::RoutingType::ExpertChoice));
        QCOMPARE(lastEmitted(spy).routing, moelab::RoutingType::ExpertChoice);
        auto* capacity = child<QSlider>(panel, "knob_capacity_factor");
        capacity->setValue(4);
        QCOMPARE(lastEmitted(spy).capacity_factor, 1.0);
        capacity->setValue(capacity->maximum());
        QCOMPARE(lastEmitted(spy).capacity_factor, 4.0);
        capacity->setValue(0);
        QCOMPARE(lastEmitted(spy).capacity_factor, 0.0);
        QCOMPARE(child<QLabel>(panel, "knob_capacity_factor_value")->text(),
                 QStringLiteral("no limit"));
        child<QDoubleSpinBox>(panel, "knob_similarity_weight")->setValue(0.3);
        QCOMPARE(lastEmitted(spy).similarity_weight, 0.3);
        noisy->click();
        child<QDoubleSpinBox>(panel, "knob_load_weight")->setValue(0.7);
        QCOMPARE(lastEmitted(spy).load_weight, 0.7);
        // The attentive gate, once the experts have hidden layers.
        hidden->setCurrentIndex(hidden->findText(QStringLiteral("8")));
        selectData("knob_gate", static_cast<long long>(moelab::GateType::Attentive));
        QCOMPARE(lastEmitted(spy).gate, moelab::GateType::Attentive);
        QCOMPARE(lastEmitted(spy), panel.config());
        QVERIFY_THROWS_NO_EXCEPTION(moelab::validate(panel.config()));
    }

    void stepsSkipValuesTheKnobRefuses() {
        ControlPanel panel;
        QSignalSpy spy(&panel, &ControlPanel::configChanged);
        auto* cases = child<QSpinBox>(panel, "knob_dataset_cases");
        QCOMPARE(cases->value(), 0);
        QCOMPARE(cases->text(), QStringLiteral("the dataset's own size"));
        cases->stepBy(1);  // 0 -> 4: 1 to 3 cases are no dataset
        QCOMPARE(lastEmitted(spy).dataset.cases, 4);
        cases->stepBy(-1);
        QCOMPARE(lastEmitted(spy).dataset.cases, 0);
        auto* epsilon = child<QDoubleSpinBox>(panel, "knob_adam_epsilon");
        epsilon->stepBy(1);  // a log knob steps by tens
        QVERIFY(std::abs(lastEmitted(spy).adam_epsilon - 1e-7) < 1e-20);
        auto* balance = child<QDoubleSpinBox>(panel, "knob_balance_weight");
        QCOMPARE(balance->text(), QStringLiteral("off"));
        balance->stepBy(1);
        QCOMPARE(lastEmitted(spy).balance_weight, 0.01);
        for (const auto& arguments : spy)
            QVERIFY_THROWS_NO_EXCEPTION(moelab::validate(arguments.at(0).value<Config>()));
    }

    void refusedValuesNeverLeaveThePanel() {
        ControlPanel panel;
        QSignalSpy spy(&panel, &ControlPanel::configChanged);
        auto* hidden = child<QComboBox>(panel, "knob_expert_hidden");
        for (const char* bad : {"x", "8,", "300", "1,2,3,4,5"}) {
            hidden->setEditText(QLatin1String(bad));
            emit hidden->lineEdit()->editingFinished();
            QCOMPARE(spy.count(), 0);
            QCOMPARE(hidden->currentText(), QStringLiteral("linear"));  // the config again
        }
        // The MLP gate with no hidden layer breaks a rule: refused at the control.
        Config config;
        config.gate = moelab::GateType::Mlp;
        panel.setConfig(config);
        auto* gate_hidden = child<QComboBox>(panel, "knob_gate_hidden");
        gate_hidden->setEditText(QStringLiteral("0"));
        emit gate_hidden->lineEdit()->editingFinished();
        QCOMPARE(spy.count(), 0);
        QCOMPARE(panel.config().gate_hidden, std::vector<int>{8});
        // Choosing the MLP gate gives it the default hidden layers if it had none.
        config.gate = moelab::GateType::Linear;
        config.gate_hidden = {};
        panel.setConfig(config);
        auto* gate = child<QComboBox>(panel, "knob_gate");
        gate->setCurrentIndex(
            gate->findData(QVariant::fromValue(static_cast<long long>(moelab::GateType::Mlp))));
        QCOMPARE(spy.count(), 1);
        QCOMPARE(lastEmitted(spy).gate_hidden, Config{}.gate_hidden);
        // The attentive gate with linear experts breaks a rule: refused, the combo shows the gate
        // in effect again.
        config = Config{};
        panel.setConfig(config);
        spy.clear();
        gate->setCurrentIndex(gate->findData(
            QVariant::fromValue(static_cast<long long>(moelab::GateType::Attentive))));
        QCOMPARE(spy.count(), 0);
        QCOMPARE(panel.config().gate, moelab::GateType::Linear);
        QCOMPARE(gate->currentData().toLongLong(),
                 static_cast<long long>(moelab::GateType::Linear));
        // And so does making the experts linear under the attentive gate.
        config.gate = moelab::GateType::Attentive;
        config.expert_hidden = {8};
        panel.setConfig(config);
        hidden->setCurrentIndex(hidden->findText(QStringLiteral("linear")));
        QCOMPARE(spy.count(), 0);
        QCOMPARE(panel.config().expert_hidden, std::vector<int>{8});
        QCOMPARE(hidden->currentText(), QStringLiteral("8"));
    }

    void capacityBeyondTheSliderKeepsItsValue() {
        // The command line takes factors up to 16; the slider ends at 4 but shows the true value.
        ControlPanel panel;
        Config config;
        config.capacity_factor = 8;
        panel.setConfig(config);
        auto* capacity = child<QSlider>(panel, "knob_capacity_factor");
        QCOMPARE(capacity->value(), capacity->maximum());
        QCOMPARE(child<QLabel>(panel, "knob_capacity_factor_value")->text(), QStringLiteral("8"));
        QCOMPARE(panel.config().capacity_factor, 8.0);
    }

    void whatDoesNotMatterIsGreyedOut() {
        ControlPanel panel;
        Config config;
        panel.setConfig(config);
        QVERIFY(!panel.controlFor("momentum")->isEnabled());
        QVERIFY(!panel.controlFor("gate_hidden")->isEnabled());
        QVERIFY(!panel.controlFor("dataset.noise")->isEnabled());  // the vowels: not generated
        QVERIFY(panel.controlFor("learning_rate")->isEnabled());
        config.optimizer = moelab::OptimizerType::Momentum;
        config.gate = moelab::GateType::Mlp;
        config.dataset.name = "moons";
        panel.setConfig(config);
        QVERIFY(panel.controlFor("momentum")->isEnabled());
        QVERIFY(!panel.controlFor("adam_beta1")->isEnabled());
        QVERIFY(panel.controlFor("gate_hidden")->isEnabled());
        QVERIFY(panel.controlFor("dataset.noise")->isEnabled());
        QVERIFY(panel.controlFor("dataset.cases")->isEnabled());
    }

    void loadWeightFollowsTheNoise() {
        ControlPanel panel;
        auto* load = panel.controlFor("load_weight");
        auto* label = qobject_cast<QLabel*>(
            qobject_cast<QFormLayout*>(load->parentWidget()->layout())->labelForField(load));
        QVERIFY(label);
        QVERIFY(!load->isEnabled());
        QVERIFY(!label->isEnabled());
        QVERIFY(panel.controlFor("noisy_gate")->isEnabled());
        child<QCheckBox>(panel, "knob_noisy_gate")->click();
        QVERIFY(load->isEnabled());
        QVERIFY(label->isEnabled());
        child<QCheckBox>(panel, "knob_noisy_gate")->click();
        QVERIFY(!load->isEnabled());
        // One expert: nothing to gate, so no noise either.
        Config config;
        config.experts = 1;
        config.noisy_gate = true;
        panel.setConfig(config);
        QVERIFY(!panel.controlFor("noisy_gate")->isEnabled());
        QVERIFY(!load->isEnabled());
        // The attentive gate's query network is the gate's hidden layers.
        config = Config{};
        config.gate = moelab::GateType::Attentive;
        config.expert_hidden = {8};
        panel.setConfig(config);
        QVERIFY(panel.controlFor("gate_hidden")->isEnabled());
    }

    void datasetComboListsEveryRegisteredSetAndOpenCsv() {
        ControlPanel panel;
        auto* datasets = child<QComboBox>(panel, "knob_dataset_name");
        // Every set of the registry, 2-D or not (Fashion-MNIST too), in the registry's order,
        // each with a name and a description to read.
        int previous = -1;
        for (const auto& info : moelab::dataset_registry()) {
            const int index = datasets->findData(QString::fromStdString(info.name));
            QVERIFY2(index >= 0, info.name.c_str());
            QVERIFY(index > previous);
            previous = index;
            QVERIFY(!datasets->itemText(index).isEmpty());
            QVERIFY(!datasets->itemData(index, Qt::ToolTipRole).toString().isEmpty());
        }
        const int fashion = datasets->findData(QStringLiteral("fashion-mnist"));
        QVERIFY(datasets->itemText(fashion).contains(QStringLiteral("Fashion-MNIST")));
        // Choosing it asks the worker for it, with the cases the panel shows.
        {
            Config config = panel.config();
            config.dataset.cases = 2000;
            panel.setConfig(config);
            QSignalSpy changed(&panel, &ControlPanel::configChanged);
            datasets->setCurrentIndex(fashion);
            QCOMPARE(changed.count(), 1);
            const Config chosen = changed.first().first().value<Config>();
            QCOMPARE(chosen.dataset.name, std::string("fashion-mnist"));
            QCOMPARE(chosen.dataset.cases, 2000);
            QVERIFY(panel.controlFor("dataset.cases")->isEnabled());
        }
        QSignalSpy open(&panel, &ControlPanel::openCsvRequested);
        QSignalSpy changed(&panel, &ControlPanel::configChanged);
        const QString before = datasets->currentData().toString();
        datasets->setCurrentIndex(datasets->count() - 1);  // "Open CSV..."
        QCOMPARE(open.count(), 1);
        QCOMPARE(changed.count(), 0);
        QCOMPARE(datasets->currentData().toString(), before);
    }

    void csvDatasetIsShownByFileName() {
        ControlPanel panel;
        Config config;
        config.dataset.name = "csv:/tmp/some/points.csv";
        panel.setConfig(config);
        auto* datasets = child<QComboBox>(panel, "knob_dataset_name");
        QVERIFY(datasets->currentText().contains(QStringLiteral("points.csv")));
        QCOMPARE(panel.config(), config);
        QVERIFY(!child<QSpinBox>(panel, "knob_dataset_cases")->isEnabled());
        QVERIFY(child<QDoubleSpinBox>(panel, "knob_dataset_test_fraction")->isEnabled());
        config.dataset.name = "vowels";
        panel.setConfig(config);
        QVERIFY(!child<QDoubleSpinBox>(panel, "knob_dataset_noise")->isEnabled());
        QVERIFY(!child<QDoubleSpinBox>(panel, "knob_dataset_test_fraction")->isEnabled());
    }

    void logSliderMappings() {
        QCOMPARE(ControlPanel::learningRateAt(0), 1e-4);
        QCOMPARE(ControlPanel::learningRateAt(ControlPanel::learningRatePosition(10)), 10.0);
        QCOMPARE(ControlPanel::learningRateAt(ControlPanel::learningRatePosition(0.5)), 0.5);
        for (int p = 1; p <= 100; ++p)
            QVERIFY(ControlPanel::learningRateAt(p) > ControlPanel::learningRateAt(p - 1));
        QCOMPARE(ControlPanel::speedAt(0), 1.0);
        QCOMPARE(ControlPanel::speedPosition(0), ControlPanel::speedPosition(-1));
        QCOMPARE(ControlPanel::speedAt(ControlPanel::speedPosition(0)), 0.0);
        QCOMPARE(ControlPanel::speedAt(ControlPanel::speedPosition(100)), 100.0);
    }

    void runButtonsEmit() {
        ControlPanel panel;
        QSignalSpy play(&panel, &ControlPanel::playToggled);
        QSignalSpy step(&panel, &ControlPanel::stepRequested);
        QSignalSpy reset(&panel, &ControlPanel::resetRequested);
        QSignalSpy speed(&panel, &ControlPanel::speedChanged);
        auto* play_button = child<QPushButton>(panel, "playButton");
        const QString play_text = play_button->text();
        child<QPushButton>(panel, "stepButton")->click();
        QCOMPARE(step.count(), 1);
        play_button->click();
        QCOMPARE(play.count(), 1);
        QCOMPARE(play.last().at(0).toBool(), true);
        QVERIFY(play_button->text() != play_text);
        QVERIFY(!child<QPushButton>(panel, "stepButton")->isEnabled());
        panel.setRunning(false);  // the worker paused (say, after divergence): no echo
        QCOMPARE(play.count(), 1);
        QCOMPARE(play_button->text(), play_text);
        QVERIFY(!play_button->isChecked());
        child<QPushButton>(panel, "resetButton")->click();
        QCOMPARE(reset.count(), 1);
        auto* speed_slider = child<QSlider>(panel, "speedSlider");
        speed_slider->setValue(speed_slider->maximum());
        QCOMPARE(speed.last().at(0).toDouble(), 0.0);
        QCOMPARE(panel.epochsPerSecond(), 0.0);
        speed_slider->setValue(0);
        QCOMPARE(speed.last().at(0).toDouble(), 1.0);
        panel.setEpoch(1234);
        QVERIFY(child<QLabel>(panel, "epochLabel")->text().contains(QStringLiteral("1")));
        QVERIFY(child<QLabel>(panel, "epochLabel")->text().contains(QStringLiteral("234")));
    }
};

QTEST_MAIN(ControlPanelTest)
#include "test_control_panel.moc"
