// Table 1's runs (analysis/table1.h): the systems' configs, the trials, the CSV of every run and
// the comparison of mixtures with networks that the report and the app's dialog state.
#include <gtest/gtest.h>

#include <sstream>

#include "analysis/table1.h"

namespace moelab {
namespace {

TEST(Table1, ConfigsAreThePapersSystems) {
    Table1Settings s;
    s.seed = 10;
    const Config me4 = table1_config(s, {"ME 4", true, 4}, 5.0, 2);
    EXPECT_EQ(me4.model_kind, ModelKind::Mixture);
    EXPECT_EQ(me4.experts, 4);
    EXPECT_TRUE(me4.expert_hidden.empty());  // linear experts
    EXPECT_EQ(me4.gate, GateType::Linear);
    EXPECT_EQ(me4.top_k, 0);  // dense, as in 1991
    EXPECT_EQ(me4.seed, 12u);
    EXPECT_DOUBLE_EQ(me4.learning_rate, 5.0);
    EXPECT_EQ(me4.dataset.name, "vowels");
    const Config bp12 = table1_config(s, {"BP 12", false, 12}, 1.0, 0);
    EXPECT_EQ(bp12.model_kind, ModelKind::Network);
    EXPECT_EQ(bp12.experts, 1);
    EXPECT_EQ(bp12.expert_hidden, std::vector<int>{12});
}

TEST(Table1, TrialsRunEverySystemAtItsRate) {
    Table1Settings s;
    s.runs = 3;
    s.lr_mixture = 4;
    s.lr_network = 0.5;
    const auto trials = table1_trials(s);
    ASSERT_EQ(trials.size(), 12u);
    EXPECT_EQ(trials[0].system.name, "ME 4");
    EXPECT_EQ(trials[2].run, 2);
    EXPECT_DOUBLE_EQ(trials[3].rate, 4.0);   // ME 8
    EXPECT_DOUBLE_EQ(trials[11].rate, 0.5);  // BP 12
    EXPECT_EQ(table1_runs(s, trials).size(), 12u);
}

TEST(Table1, ComparisonsSetEachMixtureAgainstTheFastestNetwork) {
    Table1Settings s;
    std::vector<SystemSummary> m(4);
    m[0].stable = {50, 5, 3};   // ME 4
    m[1].stable = {200, 9, 3};  // ME 8
    m[2].stable = {100, 7, 3};  // BP 6: the fastest network
    m[3].stable = {150, 8, 3};  // BP 12
    const auto comparisons = table1_comparisons(s, m);
    ASSERT_EQ(comparisons.size(), 2u);
    EXPECT_EQ(comparisons[0].mixture, "ME 4");
    EXPECT_EQ(comparisons[0].network, "BP 6");
    EXPECT_DOUBLE_EQ(comparisons[0].ratio, 2.0);
    EXPECT_DOUBLE_EQ(comparisons[1].ratio, 0.5);
    const std::string verdict = table1_verdict(s, m);
    EXPECT_NE(verdict.find("ME 4 reaches the criterion 2.0x faster than BP 6"), std::string::npos);
    EXPECT_NE(verdict.find("ME 8 reaches the criterion 2.0x slower than BP 6"), std::string::npos);
    // No network stayed: nothing to compare.
    m[2].stable = {};
    m[3].stable = {};
    EXPECT_TRUE(table1_comparisons(s, m).empty());
    EXPECT_TRUE(table1_verdict(s, m).empty());
}

TEST(Table1, RunsCsvHasARowPerRunAndEmptyCellsForNever) {
    Table1Settings s;
    s.runs = 1;
    const auto trials = table1_trials(s);
    std::vector<RunOutcome> outcomes(trials.size());
    outcomes[0].criterion = {12, 15};
    outcomes[0].final_train = 0.9;
    outcomes[1].criterion = {};  // never
    const std::string csv = table1_runs_csv(s, trials, outcomes);
    std::istringstream in(csv);
    std::vector<std::string> lines;
    for (std::string line; std::getline(in, line);) lines.push_back(line);
    ASSERT_EQ(lines.size(), 5u);
    EXPECT_EQ(lines[1].rfind("ME 4,1,5,sgd,12,15,0.9,", 0), 0u) << lines[1];
    EXPECT_EQ(lines[2].rfind("ME 8,1,5,sgd,,,", 0), 0u) << lines[2];
}

}  // namespace
}  // namespace moelab
