#pragma once
// Table 1 of Jacobs, Jordan, Nowlan & Hinton (1991) on the vowels: its four systems (mixtures of 4
// and 8 linear experts, backprop networks of 6 and 12 hidden units), the figures it reports, and
// the config of every run. Shared by `moelab-cli reproduce` and the app's Experiments > Reproduce
// the paper dialog, so both train exactly the same runs.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "analysis/experiment.h"
#include "training/config.h"

namespace moelab {

// The learning rates the sweep in docs/reproduce.md chose (SGD, eq. 3, full batch, 10 seeds, rates
// 0.1 to 20): the rate with the fewest mean epochs until 88 % training accuracy stays, for both
// mixtures (5) and both networks (1), each inside the grid.
inline constexpr double kTable1RateMixture = 5.0;
inline constexpr double kTable1RateNetwork = 1.0;
// The same with Adam (rates 0.01 to 3): per family the rate with the fewest mean epochs over its
// two systems until 88 % stays, 0.3 for the mixtures (ME 4 12, ME 8 10 epochs) and 0.03 for the
// networks (BP 6 42, BP 12 26; at 0.1 one BP 12 run in ten took 3000 epochs to stay), each inside
// the grid.
inline constexpr double kTable1AdamRateMixture = 0.3;
inline constexpr double kTable1AdamRateNetwork = 0.03;

// Each family's tuned rate for an optimizer (full batch, eq. 3, the accuracy criterion 0.88, 10
// seeds, at most 3000 epochs; docs/reproduce.md), or nullopt for an optimizer not swept.
struct Table1Rates {
    double mixture, network;
};
std::optional<Table1Rates> table1_tuned_rates(OptimizerType optimizer);

struct Table1System {
    std::string name;  // "ME 4", "BP 12"
    bool mixture = true;
    int size = 4;  // experts, or hidden units

    bool operator==(const Table1System&) const = default;
};

// ME 4, ME 8, BP 6, BP 12.
std::vector<Table1System> table1_systems();

// The paper's Table 1 as it is usually quoted: mean and SD of epochs to criterion.
struct PaperFigure {
    double mean, sd;
};
const std::map<std::string, PaperFigure>& table1_paper_figures();

struct Table1Settings {
    int runs = 25;
    // The criterion: training accuracy at or above `criterion`, or (CriterionKind::Error) the
    // training set's mean squared error at or below it.
    CriterionKind criterion_kind = CriterionKind::Accuracy;
    double criterion = kDefaultAccuracyCriterion;
    long max_epochs = 5000;
    long patience = 0;
    int threads = 0;  // trainings side by side; 0 = one per hardware thread
    std::uint64_t seed = 1;
    std::vector<Table1System> systems = table1_systems();
    double lr_mixture = kTable1RateMixture, lr_network = kTable1RateNetwork;
    OptimizerType optimizer_mixture = OptimizerType::Sgd, optimizer_network = OptimizerType::Sgd;
    LossType loss = LossType::CompetitiveLog;
    int batch = 0;

    Criterion stopping_criterion() const { return {criterion_kind, criterion}; }
    double rate(const Table1System& s) const { return s.mixture ? lr_mixture : lr_network; }
    OptimizerType optimizer(const Table1System& s) const {
        return s.mixture ? optimizer_mixture : optimizer_network;
    }
};

// Run `run` of `system` at learning rate `rate`: the paper's vowel mixtures have linear experts
// and a linear gate, all experts dense; its networks one tanh hidden layer and no gate. Seed:
// settings.seed + run.
Config table1_config(const Table1Settings& settings, const Table1System& system, double rate,
                     int run);

// One training of the table: which system, at which rate, which run (seed offset).
struct Table1Trial {
    Table1System system;
    double rate = 0;
    int run = 0;
};

// Every system's `runs` runs at its rate, system by system.
std::vector<Table1Trial> table1_trials(const Table1Settings& settings);
std::vector<ExperimentRun> table1_runs(const Table1Settings& settings,
                                       const std::vector<Table1Trial>& trials);

// Each system's summary over its runs, in the order of settings.systems.
std::vector<SystemSummary> summarise_table1(const Table1Settings& settings,
                                            const std::vector<Table1Trial>& trials,
                                            const std::vector<RunOutcome>& outcomes);

// Every run as a CSV row (system, seed, lr, optimizer, first and stable crossing, final
// accuracies, epochs run, diverged, seconds, final training mean squared error); an empty
// crossing: never reached within the epochs.
std::string table1_runs_csv(const Table1Settings& settings, const std::vector<Table1Trial>& trials,
                            const std::vector<RunOutcome>& outcomes);

// What the numbers say: for each mixture with runs that stay at the criterion, how many times
// fewer mean epochs (until the training accuracy stays) it needs than the fastest such network
// (ratio > 1: the mixture is faster; the paper found about 2). Empty without such a network.
struct Table1Comparison {
    std::string mixture, network;
    double ratio = 0;
};
std::vector<Table1Comparison> table1_comparisons(const Table1Settings& settings,
                                                 const std::vector<SystemSummary>& summaries);

// The comparisons in one English sentence (moelab-cli's report); empty without any.
std::string table1_verdict(const Table1Settings& settings,
                           const std::vector<SystemSummary>& summaries);

}  // namespace moelab
