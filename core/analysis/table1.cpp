#include "analysis/table1.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <iomanip>
#include <sstream>

#include "training/knobs.h"

namespace moelab {

namespace {

std::string csv_number(double value) {
    if (!std::isfinite(value)) return "";
    char buffer[32];
    const auto [end, error] = std::to_chars(buffer, buffer + sizeof buffer, value);
    return error == std::errc() ? std::string(buffer, end) : std::string();
}

std::string fixed(double value, int decimals) {
    std::ostringstream out;
    out << std::fixed << std::setprecision(decimals) << value;
    return out.str();
}

}  // namespace

std::optional<Table1Rates> table1_tuned_rates(OptimizerType optimizer) {
    switch (optimizer) {
        case OptimizerType::Sgd:
            return Table1Rates{kTable1RateMixture, kTable1RateNetwork};
        case OptimizerType::Adam:
            return Table1Rates{kTable1AdamRateMixture, kTable1AdamRateNetwork};
        default:
            return std::nullopt;
    }
}

std::vector<Table1System> table1_systems() {
    return {{"ME 4", true, 4}, {"ME 8", true, 8}, {"BP 6", false, 6}, {"BP 12", false, 12}};
}

const std::map<std::string, PaperFigure>& table1_paper_figures() {
    static const std::map<std::string, PaperFigure> figures{
        {"ME 4", {1124, 23}}, {"ME 8", {1083, 12}}, {"BP 6", {2209, 83}}, {"BP 12", {2435, 124}}};
    return figures;
}

Config table1_config(const Table1Settings& s, const Table1System& system, double rate, int run) {
    Config c;
    c.dataset.name = "vowels";
    c.loss = s.loss;
    c.batch_size = s.batch;
    c.learning_rate = rate;
    c.optimizer = s.optimizer(system);
    c.seed = s.seed + std::uint64_t(run);
    c.epochs = s.max_epochs;
    if (system.mixture) {
        c.model_kind = ModelKind::Mixture;
        c.experts = system.size;
        c.expert_hidden = {};
        c.gate = GateType::Linear;
    } else {
        c.model_kind = ModelKind::Network;
        c.experts = 1;
        c.expert_hidden = {system.size};
    }
    c.top_k = 0;
    validate(c);
    return c;
}

std::vector<Table1Trial> table1_trials(const Table1Settings& s) {
    std::vector<Table1Trial> trials;
    for (const Table1System& system : s.systems)
        for (int r = 0; r < s.runs; ++r) trials.push_back({system, s.rate(system), r});
    return trials;
}

std::vector<ExperimentRun> table1_runs(const Table1Settings& s,
                                       const std::vector<Table1Trial>& trials) {
    std::vector<ExperimentRun> runs;
    runs.reserve(trials.size());
    for (const Table1Trial& t : trials)
        runs.push_back({t.system.name, table1_config(s, t.system, t.rate, t.run)});
    return runs;
}

std::vector<SystemSummary> summarise_table1(const Table1Settings& s,
                                            const std::vector<Table1Trial>& trials,
                                            const std::vector<RunOutcome>& outcomes) {
    std::vector<SystemSummary> summaries;
    for (const Table1System& system : s.systems) {
        std::vector<const RunOutcome*> mine;
        for (size_t i = 0; i < trials.size() && i < outcomes.size(); ++i)
            if (trials[i].system.name == system.name) mine.push_back(&outcomes[i]);
        summaries.push_back(summarise(mine));
    }
    return summaries;
}

std::string table1_runs_csv(const Table1Settings& s, const std::vector<Table1Trial>& trials,
                            const std::vector<RunOutcome>& outcomes) {
    std::ostringstream out;
    out << "system,seed,lr,optimizer,first_crossing,stable_crossing,final_train_accuracy,"
           "final_test_accuracy,epochs_run,diverged,seconds,final_train_error\n";
    for (size_t i = 0; i < trials.size() && i < outcomes.size(); ++i) {
        const Table1Trial& t = trials[i];
        const RunOutcome& o = outcomes[i];
        out << t.system.name << "," << s.seed + std::uint64_t(t.run) << "," << format_number(t.rate)
            << "," << to_string(s.optimizer(t.system)) << ","
            << (o.criterion.reached() ? std::to_string(o.criterion.first) : "") << ","
            << (o.criterion.stays() ? std::to_string(o.criterion.stable) : "") << ","
            << csv_number(o.final_train) << "," << csv_number(o.final_test) << "," << o.epochs
            << "," << (o.diverged ? 1 : 0) << "," << csv_number(o.seconds) << ","
            << csv_number(o.final_train_error) << "\n";
    }
    return out.str();
}

std::vector<Table1Comparison> table1_comparisons(const Table1Settings& s,
                                                 const std::vector<SystemSummary>& summaries) {
    const size_t count = std::min(s.systems.size(), summaries.size());
    // The fastest network, by mean epochs until the criterion stays.
    size_t network = count;
    for (size_t i = 0; i < count; ++i) {
        if (s.systems[i].mixture || summaries[i].stable.count == 0) continue;
        if (network == count || summaries[i].stable.mean < summaries[network].stable.mean)
            network = i;
    }
    std::vector<Table1Comparison> comparisons;
    if (network == count || !(summaries[network].stable.mean > 0)) return comparisons;
    for (size_t i = 0; i < count; ++i) {
        if (!s.systems[i].mixture || summaries[i].stable.count == 0) continue;
        comparisons.push_back({s.systems[i].name, s.systems[network].name,
                               summaries[network].stable.mean / summaries[i].stable.mean});
    }
    return comparisons;
}

std::string table1_verdict(const Table1Settings& s, const std::vector<SystemSummary>& summaries) {
    const std::vector<Table1Comparison> comparisons = table1_comparisons(s, summaries);
    if (comparisons.empty()) return {};
    std::ostringstream out;
    for (size_t i = 0; i < comparisons.size(); ++i) {
        const Table1Comparison& c = comparisons[i];
        out << (i ? "; " : "") << c.mixture << " reaches the criterion "
            << (c.ratio >= 1 ? fixed(c.ratio, 1) + "x faster than "
                             : fixed(1 / c.ratio, 1) + "x slower than ")
            << c.network;
    }
    out << " (mean epochs until the criterion stays met on the training set; the paper: about "
           "2x faster).";
    return out.str();
}

}  // namespace moelab
