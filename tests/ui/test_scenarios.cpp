// The Scenarios menu and --scenario: a one-pane scenario trains in the main window with its
// explanation beside the plane, a compare scenario opens compare mode with the explanation beside
// the panes, and the command line opens either or refuses an unknown name by listing the known.
#include <QAction>
#include <QDockWidget>
#include <QTest>

#include "app_options.h"
#include "compare_pane.h"
#include "compare_view.h"
#include "main_window.h"
#include "scenario_panel.h"
#include "training/scenarios.h"

using namespace moelab;

class TestScenarios : public QObject {
    Q_OBJECT
  private slots:
    void everyScenarioHasATitleAndAnExplanation() {
        for (const ScenarioSetup& setup : scenario_setups()) {
            const ScenarioText text = scenario_text(setup.name);
            QVERIFY2(!text.title.isEmpty(), setup.name.c_str());
            QVERIFY2(text.explanation.contains(QStringLiteral("Watch")), setup.name.c_str());
        }
        QVERIFY(scenario_text("no-such").title.isEmpty());
    }

    void aOnePaneScenarioTrainsInTheWindow() {
        Config config;
        config.dataset.name = "vowels";
        MainWindow window(config);
        window.setDialogsSuppressed(true);
        window.resize(1280, 720);
        window.show();
        auto* action = window.findChild<QAction*>(QStringLiteral("scenario_one-expert-per-region"));
        QVERIFY(action);
        action->trigger();
        QTRY_VERIFY_WITH_TIMEOUT(
            window.lastSnapshot() && window.lastSnapshot()->config.dataset.name == "two-vowels",
            30000);
        QCOMPARE(window.lastSnapshot()->config.experts, 2);
        auto* dock = window.findChild<QDockWidget*>(QStringLiteral("scenario"));
        QVERIFY(dock && dock->isVisible());
        QVERIFY(window.scenarioPanel()->text().contains(QStringLiteral("One expert per region")));
        window.shutdown();
    }

    void aCompareScenarioOpensCompareMode() {
        Config config;
        config.dataset.name = "vowels";
        MainWindow window(config);
        window.setDialogsSuppressed(true);
        QWidget* opened = window.openScenario("cooperation-entangles");
        auto* compare_window = qobject_cast<ScenarioCompareWindow*>(opened);
        QVERIFY(compare_window);
        CompareView* compare = compare_window->compareView();
        QCOMPARE(compare->panes().size(), size_t(2));
        QVERIFY(compare_window->panel()->text().contains(QStringLiteral("gap")));
        compare_window->close();  // deletes itself
        QVERIFY(window.openScenario("no-such") == nullptr);
        window.shutdown();
    }

    void theCommandLineOpensScenarios() {
        const AppOptions compare = parse_app_arguments(
            {QStringLiteral("--scenario"), QStringLiteral("cooperation-entangles")});
        QCOMPARE(compare.scenario, std::string("cooperation-entangles"));
        QCOMPARE(compare.compare.size(), size_t(2));
        QCOMPARE(compare.compare[0].loss, LossType::Cooperative);
        QCOMPARE(compare.compare[1].loss, LossType::CompetitiveLog);
        const AppOptions figure =
            parse_app_arguments({QStringLiteral("--scenario"), QStringLiteral("vowel-figure")});
        QVERIFY(figure.compare.empty());
        QVERIFY(figure.paper_style);
        QCOMPARE(figure.config.epochs, find_scenario("vowel-figure")->epochs);
        try {
            parse_app_arguments({QStringLiteral("--scenario"), QStringLiteral("bogus")});
            QFAIL("an unknown scenario was accepted");
        } catch (const AppUsageError& error) {
            const QString message = QString::fromUtf8(error.what());
            QVERIFY2(message.contains(QStringLiteral("bogus")) &&
                         message.contains(QStringLiteral("dead-experts")),
                     qPrintable(message));
        }
        try {
            parse_app_arguments({QStringLiteral("--scenario"), QStringLiteral("sparse-routing"),
                                 QStringLiteral("--lr"), QStringLiteral("3")});
            QFAIL("training options were accepted beside a scenario");
        } catch (const AppUsageError&) {
        }
    }
};

QTEST_MAIN(TestScenarios)
#include "test_scenarios.moc"
