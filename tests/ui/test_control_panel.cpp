// The control panel on its own: every control changes its field of the Config, K stays within the
// number of experts, setConfig round-trips silently.
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QLabel>
#include <QPushButton>
#include <QSignalSpy>
#include <QSlider>
#include <QSpinBox>
#include <QTest>

#include "control_panel.h"
#include "data/registry.h"

using moelab::Config;
using moelab::ControlPanel;

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
    void everyControlHasItsObjectName() {
        ControlPanel panel;
        for (const char* name :
             {"expertsSlider", "topKSlider", "lossCombo", "learningRateSlider", "optimizerCombo",
              "batchSpin", "hiddenSpin", "gateCombo", "datasetCombo", "noiseSpin", "sizeSpin",
              "seedSpin", "testRatioSpin", "playButton", "stepButton", "resetButton", "speedSlider",
              "epochLabel"})
            QVERIFY2(panel.findChild<QWidget*>(QLatin1String(name)), name);
    }

    void topKClampsToExperts() {
        ControlPanel panel;
        QSignalSpy spy(&panel, &ControlPanel::configChanged);
        child<QSlider>(panel, "expertsSlider")->setValue(8);
        child<QSlider>(panel, "topKSlider")->setValue(3);
        child<QSlider>(panel, "expertsSlider")->setValue(2);
        QCOMPARE(panel.config().experts, 2);
        QCOMPARE(panel.config().routed_experts(), 2);
        QCOMPARE(child<QSlider>(panel, "topKSlider")->maximum(), 2);
        QCOMPARE(child<QSlider>(panel, "topKSlider")->value(), 2);
        // The slider cannot be pushed past the number of experts either.
        child<QSlider>(panel, "topKSlider")->setValue(9);
        QCOMPARE(panel.config().routed_experts(), 2);
        // Every config ever emitted was valid.
        for (const auto& arguments : spy) {
            const Config config = arguments.at(0).value<Config>();
            QVERIFY(config.top_k >= 0 && config.top_k < config.experts);
        }
        QCOMPARE(lastEmitted(spy), panel.config());
    }

    void sparseKIsKeptWhenExpertsGrow() {
        ControlPanel panel;
        child<QSlider>(panel, "expertsSlider")->setValue(6);
        child<QSlider>(panel, "topKSlider")->setValue(2);
        child<QSlider>(panel, "expertsSlider")->setValue(10);
        QCOMPARE(panel.config().top_k, 2);
        QCOMPARE(child<QSlider>(panel, "topKSlider")->maximum(), 10);
    }

    void denseKFollowsExperts() {
        ControlPanel panel;
        Config config;
        config.experts = 4;
        config.top_k = 0;
        panel.setConfig(config);
        child<QSlider>(panel, "expertsSlider")->setValue(7);
        QCOMPARE(panel.config().routed_experts(), 7);
    }

    void labelReadsDenseAtKEqualsN() {
        ControlPanel panel;
        auto* label = child<QLabel>(panel, "topKValueLabel");
        child<QSlider>(panel, "expertsSlider")->setValue(5);
        child<QSlider>(panel, "topKSlider")->setValue(5);
        QVERIFY2(label->text().contains(QStringLiteral("dense")), qPrintable(label->text()));
        child<QSlider>(panel, "topKSlider")->setValue(3);
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
        config.expert_hidden = {12};
        config.gate = moelab::GateType::Mlp;
        config.dataset.name = "moons";
        config.dataset.noise = 0.25;
        config.dataset.cases = 800;
        config.dataset.test_fraction = 0.25;
        config.seed = config.dataset.seed = 42;
        panel.setConfig(config);
        QCOMPARE(spy.count(), 0);
        QCOMPARE(panel.config(), config);
        QCOMPARE(child<QSlider>(panel, "expertsSlider")->value(), 7);
        QCOMPARE(child<QSlider>(panel, "topKSlider")->value(), 3);
        QCOMPARE(child<QComboBox>(panel, "lossCombo")->currentData().toInt(),
                 int(moelab::LossType::Competitive));
        QCOMPARE(child<QComboBox>(panel, "optimizerCombo")->currentData().toInt(),
                 int(moelab::OptimizerType::Adam));
        QCOMPARE(child<QComboBox>(panel, "gateCombo")->currentData().toInt(),
                 int(moelab::GateType::Mlp));
        QCOMPARE(child<QComboBox>(panel, "datasetCombo")->currentData().toString(),
                 QStringLiteral("moons"));
        QCOMPARE(child<QSpinBox>(panel, "batchSpin")->value(), 32);
        QCOMPARE(child<QSpinBox>(panel, "hiddenSpin")->value(), 12);
        QCOMPARE(child<QSpinBox>(panel, "sizeSpin")->value(), 800);
        QCOMPARE(child<QSpinBox>(panel, "seedSpin")->value(), 42);
        QCOMPARE(child<QSpinBox>(panel, "testRatioSpin")->value(), 25);
        QCOMPARE(child<QDoubleSpinBox>(panel, "noiseSpin")->value(), 0.25);
        QVERIFY(child<QDoubleSpinBox>(panel, "noiseSpin")->isEnabled());
        QVERIFY(std::abs(ControlPanel::learningRateAt(
                             child<QSlider>(panel, "learningRateSlider")->value()) -
                         0.037) < 0.005);
    }

    void everyControlChangesItsField() {
        ControlPanel panel;
        QSignalSpy spy(&panel, &ControlPanel::configChanged);
        auto selectData = [&](const char* name, int value) {
            auto* combo = child<QComboBox>(panel, name);
            combo->setCurrentIndex(combo->findData(value));
        };
        selectData("lossCombo", int(moelab::LossType::Cooperative));
        QCOMPARE(lastEmitted(spy).loss, moelab::LossType::Cooperative);
        selectData("optimizerCombo", int(moelab::OptimizerType::Ftrl));
        QCOMPARE(lastEmitted(spy).optimizer, moelab::OptimizerType::Ftrl);
        selectData("gateCombo", int(moelab::GateType::Mlp));
        QCOMPARE(lastEmitted(spy).gate, moelab::GateType::Mlp);
        child<QSlider>(panel, "learningRateSlider")->setValue(0);
        QCOMPARE(lastEmitted(spy).learning_rate, 1e-4);
        child<QSlider>(panel, "learningRateSlider")
            ->setValue(child<QSlider>(panel, "learningRateSlider")->maximum());
        QCOMPARE(lastEmitted(spy).learning_rate, 10.0);
        child<QSpinBox>(panel, "batchSpin")->setValue(16);
        QCOMPARE(lastEmitted(spy).batch_size, 16);
        child<QSpinBox>(panel, "hiddenSpin")->setValue(6);
        QCOMPARE(lastEmitted(spy).expert_hidden, std::vector<int>{6});
        auto* datasets = child<QComboBox>(panel, "datasetCombo");
        datasets->setCurrentIndex(datasets->findData(QStringLiteral("spiral")));
        QCOMPARE(lastEmitted(spy).dataset.name, std::string("spiral"));
        child<QDoubleSpinBox>(panel, "noiseSpin")->setValue(0.4);
        QCOMPARE(lastEmitted(spy).dataset.noise, 0.4);
        child<QSpinBox>(panel, "sizeSpin")->setValue(1000);
        QCOMPARE(lastEmitted(spy).dataset.cases, 1000);
        child<QSpinBox>(panel, "testRatioSpin")->setValue(40);
        QCOMPARE(lastEmitted(spy).dataset.test_fraction, 0.4);
        child<QSpinBox>(panel, "seedSpin")->setValue(9);
        QCOMPARE(lastEmitted(spy).seed, std::uint64_t(9));
        QCOMPARE(lastEmitted(spy).dataset.seed, std::uint64_t(9));
        QCOMPARE(lastEmitted(spy), panel.config());
        QVERIFY_THROWS_NO_EXCEPTION(moelab::validate(panel.config()));
    }

    void datasetCombosListsTwoDimensionalSetsAndOpenCsv() {
        ControlPanel panel;
        auto* datasets = child<QComboBox>(panel, "datasetCombo");
        for (const auto& info : moelab::dataset_registry()) {
            const int index = datasets->findData(QString::fromStdString(info.name));
            QCOMPARE(index >= 0, info.two_dimensional);
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
        auto* datasets = child<QComboBox>(panel, "datasetCombo");
        QVERIFY(datasets->currentText().contains(QStringLiteral("points.csv")));
        QCOMPARE(panel.config(), config);
        QVERIFY(!child<QSpinBox>(panel, "sizeSpin")->isEnabled());
        QVERIFY(child<QSpinBox>(panel, "testRatioSpin")->isEnabled());
        config.dataset.name = "vowels";
        panel.setConfig(config);
        QVERIFY(!child<QDoubleSpinBox>(panel, "noiseSpin")->isEnabled());
        QVERIFY(!child<QSpinBox>(panel, "testRatioSpin")->isEnabled());
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
