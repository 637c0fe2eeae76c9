#include "cli_reproduce.h"

#include <algorithm>
#include <atomic>
#include <charconv>
#include <chrono>
#include <cmath>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <map>
#include <mutex>
#include <optional>
#include <sstream>
#include <thread>

#if defined(_WIN32)
#include <io.h>
#else
#include <unistd.h>
#endif

#include "analysis/experiment.h"
#include "analysis/table1.h"
#include "cli_options.h"
#include "data/registry.h"
#include "errors.h"
#include "io/atomic_file.h"
#include "training/knobs.h"

#ifndef MOELAB_VERSION
#define MOELAB_VERSION "unknown"
#endif

namespace moelab {

namespace {

namespace fs = std::filesystem;

constexpr double kDefaultRateMixture = kTable1RateMixture;
constexpr double kDefaultRateNetwork = kTable1RateNetwork;

// ---- settings ----------------------------------------------------------------------------------

using System = Table1System;
using Trial = Table1Trial;

const std::map<std::string, PaperFigure>& paper_figures() {
    return table1_paper_figures();
}

// The table's settings, and what only the command line has: where to write, and the sweep.
struct Settings : Table1Settings {
    std::string out;
    std::vector<double> sweep;  // learning rates; empty = no sweep
    // --optimizers: one table (or sweep) per optimizer, mixtures and networks both using it;
    // empty = one pass with --optimizer-me and --optimizer-bp.
    std::vector<OptimizerType> optimizers;
    bool lr_mixture_given = false, lr_network_given = false;
};

[[noreturn]] void bad(const std::string& flag, const std::string& expected,
                      const std::string& got) {
    throw UsageError(flag + " expects " + expected + ", got '" + got + "'");
}

template <typename Number>
Number parse_number(const std::string& flag, const std::string& text, const std::string& expected,
                    Number low, Number high) {
    Number value{};
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (text.empty() || error != std::errc() || end != text.data() + text.size() ||
        !(value >= low && value <= high))
        bad(flag, expected, text);
    return value;
}

std::vector<std::string> split_list(const std::string& text) {
    std::vector<std::string> items;
    std::string item;
    std::istringstream in(text);
    while (std::getline(in, item, ','))
        if (!item.empty()) items.push_back(item);
    return items;
}

System parse_system(const std::string& text) {
    // "ME4", "ME 4", "me8", "BP12".
    std::string compact;
    for (char c : text)
        if (c != ' ') compact += char(std::toupper(static_cast<unsigned char>(c)));
    const bool mixture = compact.starts_with("ME"), network = compact.starts_with("BP");
    const std::string digits = compact.size() > 2 ? compact.substr(2) : "";
    int size = 0;
    const auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), size);
    if ((!mixture && !network) || digits.empty() || error != std::errc() ||
        end != digits.data() + digits.size() || size < 1 || size > (mixture ? 32 : 256))
        bad("--systems",
            "systems like ME4,ME8,BP6,BP12 (ME N: N linear experts, 1-32; BP H: a network of H "
            "hidden units, 1-256)",
            text);
    return {std::string(mixture ? "ME " : "BP ") + std::to_string(size), mixture, size};
}

Settings read_settings(const CliRequest& request) {
    Settings s;
    auto given = [&](const char* flag) -> const std::string* {
        const auto it = request.values.find(flag);
        return it == request.values.end() ? nullptr : &it->second;
    };
    if (auto v = given("--runs"))
        s.runs = parse_number<int>("--runs", *v, "an integer from 1 to 10000", 1, 10000);
    if (auto v = given("--criterion-kind")) {
        const auto kind = criterion_kind_from_string(*v);
        if (!kind) bad("--criterion-kind", "accuracy or error", *v);
        s.criterion_kind = *kind;
    }
    s.criterion = default_threshold(s.criterion_kind);
    if (auto v = given("--criterion")) {
        if (s.criterion_kind == CriterionKind::Accuracy)
            s.criterion =
                parse_number<double>("--criterion", *v, "a fraction from 0 to 1", 0.0, 1.0);
        else  // |d - o|^2 of a one-hot d and a probability vector o is at most 2
            s.criterion = parse_number<double>(
                "--criterion", *v, "a mean squared error above 0 and at most 2", 0.0, 2.0);
        if (s.criterion_kind == CriterionKind::Error && s.criterion <= 0)
            bad("--criterion", "a mean squared error above 0 and at most 2", *v);
    }
    if (auto v = given("--max-epochs"))
        s.max_epochs =
            parse_number<long>("--max-epochs", *v, "an integer from 1 to 10000000", 1, 10000000);
    if (auto v = given("--patience"))
        s.patience =
            parse_number<long>("--patience", *v, "an integer from 0 to 10000000", 0, 10000000);
    if (auto v = given("--threads"))
        s.threads = parse_number<int>("--threads", *v, "an integer from 0 to 1024", 0, 1024);
    if (auto v = given("--seed"))
        s.seed = parse_number<std::uint64_t>("--seed", *v, "an integer from 0 to 2^64 - 1", 0,
                                             ~std::uint64_t{0});
    if (auto v = given("--out")) {
        if (v->empty()) throw UsageError("--out needs a directory");
        s.out = *v;
    }
    const std::string systems = given("--systems") ? *given("--systems") : "ME4,ME8,BP6,BP12";
    s.systems.clear();
    for (const std::string& item : split_list(systems)) s.systems.push_back(parse_system(item));
    if (s.systems.empty()) bad("--systems", "at least one system", systems);
    const std::string rate = "a number above 0 and at most 1000";
    if (auto v = given("--lr-me")) {
        s.lr_mixture = parse_number<double>("--lr-me", *v, rate, 0, 1000);
        s.lr_mixture_given = true;
    }
    if (auto v = given("--lr-bp")) {
        s.lr_network = parse_number<double>("--lr-bp", *v, rate, 0, 1000);
        s.lr_network_given = true;
    }
    if (s.lr_mixture <= 0) bad("--lr-me", rate, given("--lr-me") ? *given("--lr-me") : "");
    if (s.lr_network <= 0) bad("--lr-bp", rate, given("--lr-bp") ? *given("--lr-bp") : "");
    auto optimizer = [&](const char* flag, OptimizerType& out) {
        if (auto v = given(flag)) {
            const KnobChoice* choice = knob("optimizer").find_choice(*v);
            if (!choice) bad(flag, knob("optimizer").expected(), *v);
            out = static_cast<OptimizerType>(choice->value);
        }
    };
    optimizer("--optimizer-me", s.optimizer_mixture);
    optimizer("--optimizer-bp", s.optimizer_network);
    if (auto v = given("--optimizers")) {
        if (given("--optimizer-me") || given("--optimizer-bp"))
            throw UsageError(
                "--optimizers sets the optimizer of every system; leave out "
                "--optimizer-me and --optimizer-bp");
        for (const std::string& item : split_list(*v)) {
            const KnobChoice* choice = knob("optimizer").find_choice(item);
            if (!choice) bad("--optimizers", "a list of " + knob("optimizer").expected(), item);
            const auto type = static_cast<OptimizerType>(choice->value);
            if (std::find(s.optimizers.begin(), s.optimizers.end(), type) != s.optimizers.end())
                bad("--optimizers", "each optimizer once", *v);
            s.optimizers.push_back(type);
        }
        if (s.optimizers.empty()) bad("--optimizers", "optimizers like sgd,adam", *v);
    }
    if (auto v = given("--loss")) {
        const KnobChoice* choice = knob("loss").find_choice(*v);
        if (!choice) bad("--loss", knob("loss").expected(), *v);
        s.loss = static_cast<LossType>(choice->value);
    }
    if (auto v = given("--batch"))
        s.batch =
            parse_number<int>("--batch", *v, "an integer from 0 (full batch) to 100000", 0, 100000);
    if (auto v = given("--sweep")) {
        for (const std::string& item : split_list(*v)) {
            const double r =
                parse_number<double>("--sweep", item, "learning rates like 0.1,0.3,1", 0, 1000);
            if (r <= 0) bad("--sweep", "learning rates above 0", item);
            s.sweep.push_back(r);
        }
        if (s.sweep.empty()) bad("--sweep", "learning rates like 0.1,0.3,1", *v);
    }
    if (s.threads == 0) s.threads = std::max(1, int(std::thread::hardware_concurrency()));
    return s;
}

// ---- output ------------------------------------------------------------------------------------

std::string fixed(double value, int decimals) {
    std::ostringstream out;
    out << std::fixed << std::setprecision(decimals) << value;
    return out.str();
}

std::string duration(double seconds) {
    const long s = std::lround(std::max(0.0, seconds));
    if (s < 60) return std::to_string(s) + " s";
    if (s < 3600) return std::to_string(s / 60) + " min " + std::to_string(s % 60) + " s";
    return std::to_string(s / 3600) + " h " + std::to_string(s % 3600 / 60) + " min";
}

std::string mean_sd_text(const MeanSd& m) {
    if (m.count == 0) return "-";
    return fixed(m.mean, 0) + " (SD " + fixed(m.sd, 0) + ")";
}

bool stderr_is_terminal() {
#if defined(_WIN32)
    return _isatty(_fileno(stderr));
#else
    return ::isatty(fileno(stderr));
#endif
}

std::string cpu_model() {
    std::ifstream cpuinfo("/proc/cpuinfo");
    std::string line;
    while (std::getline(cpuinfo, line)) {
        if (line.starts_with("model name")) {
            const size_t colon = line.find(':');
            if (colon != std::string::npos) return line.substr(colon + 2);
        }
    }
    return "unknown CPU";
}

// "runs done of total, time left", redrawn in place on a terminal.
class RunProgress {
  public:
    RunProgress(size_t total, std::string what)
        : total_(total),
          what_(std::move(what)),
          terminal_(stderr_is_terminal()),
          start_(std::chrono::steady_clock::now()) {
        draw();
    }
    void add() {
        ++done_;
        draw();
    }
    void finish() {
        if (terminal_) std::cerr << "\r\033[K" << std::flush;
    }

  private:
    void draw() const {
        if (!terminal_) return;
        const double elapsed =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
        std::string left = "estimating";
        if (done_ > 0) left = duration(elapsed / double(done_) * double(total_ - done_)) + " left";
        const int width = 30;
        const int filled = total_ ? int(width * done_ / total_) : width;
        std::cerr << "\r\033[K" << what_ << " [" << std::string(size_t(filled), '#')
                  << std::string(size_t(width - filled), '.') << "] " << done_ << "/" << total_
                  << " runs, " << left << std::flush;
    }

    size_t total_, done_ = 0;
    std::string what_;
    bool terminal_;
    std::chrono::steady_clock::time_point start_;
};

// Ctrl-C: the runs stop between epochs and the command exits with 130 without a table.
std::atomic<bool> g_stop{false};
static_assert(std::atomic<bool>::is_always_lock_free, "touched by a signal handler");
extern "C" void on_stop(int) {
    g_stop.store(true);
}

class StopOnInterrupt {
  public:
    StopOnInterrupt() : previous_(std::signal(SIGINT, on_stop)) { g_stop.store(false); }
    ~StopOnInterrupt() { std::signal(SIGINT, previous_); }
    StopOnInterrupt(const StopOnInterrupt&) = delete;
    StopOnInterrupt& operator=(const StopOnInterrupt&) = delete;

  private:
    void (*previous_)(int);
};

struct Interrupted {
    size_t done, total;
};

// Runs every trial side by side with a progress line; the outcomes in trial order.
std::vector<RunOutcome> run_trials(const Settings& s, const std::vector<Trial>& trials,
                                   const std::shared_ptr<const Dataset>& data,
                                   const std::string& what) {
    std::vector<ExperimentRun> runs;
    for (const Trial& t : trials)
        runs.push_back({t.system.name, table1_config(s, t.system, t.rate, t.run)});
    RunProgress progress(runs.size(), what);
    size_t done = 0;
    const StopOnInterrupt stop;
    auto outcomes = run_side_by_side(
        runs, data, s.stopping_criterion(), s.max_epochs, s.patience, s.threads,
        [&](size_t, const RunOutcome&) {
            if (g_stop.load()) return;  // cut short: not a finished run
            ++done;
            progress.add();
        },
        &g_stop);
    progress.finish();
    if (g_stop.load()) throw Interrupted{done, runs.size()};
    return outcomes;
}

std::string settings_text(const Settings& s, const std::string& prefix) {
    std::ostringstream out;
    auto rate_text = [&](double rate) {
        if (s.sweep.empty()) return "learning rate " + format_number(rate);
        std::string rates;
        for (double r : s.sweep) rates += (rates.empty() ? "" : ", ") + format_number(r);
        return "learning rates " + rates;
    };
    out << prefix << "data: vowels (Peterson & Barney F1/F2, 4 vowels, split by speaker)\n"
        << prefix << "loss: " << to_string(s.loss)
        << (equation_of(s.loss).empty() ? "" : " (" + std::string(equation_of(s.loss)) + ")")
        << ", batch: " << (s.batch == 0 ? std::string("full") : std::to_string(s.batch)) << "\n"
        << prefix << "mixtures: linear experts, linear gate; " << to_string(s.optimizer_mixture)
        << ", " << rate_text(s.lr_mixture) << "\n"
        << prefix << "networks: one tanh hidden layer, softmax output, no gate; "
        << to_string(s.optimizer_network) << ", " << rate_text(s.lr_network) << "\n"
        << prefix << "criterion: " << describe(s.stopping_criterion()) << "; " << s.runs
        << " runs per system (seeds " << s.seed << " to " << s.seed + s.runs - 1 << "), at most "
        << s.max_epochs << " epochs"
        << (s.patience > 0
                ? ", stopping " + std::to_string(s.patience) + " epochs after the criterion holds"
                : std::string())
        << "\n";
    return out.str();
}

// One row of the Table-1 comparison: a system at a rate.
struct Row {
    System system;
    double rate = 0;
    SystemSummary summary;
};

const char* kTableHeader =
    "| system | rate | train % | test % | epochs to criterion, first | epochs to criterion, "
    "stays | never reached | never stays | paper |\n"
    "|---|---|---|---|---|---|---|---|---|\n";

std::string table_row(const Settings& s, const Row& row) {
    const SystemSummary& m = row.summary;
    const auto paper = paper_figures().find(row.system.name);
    std::ostringstream out;
    out << "| " << row.system.name << " | " << to_string(s.optimizer(row.system)) << " "
        << format_number(row.rate) << " | " << fixed(100 * m.final_train, 1) << " | "
        << fixed(100 * m.final_test, 1) << " | " << mean_sd_text(m.first) << " | "
        << mean_sd_text(m.stable) << " | " << m.never_first << " of " << m.runs << " | "
        << m.never_stable << " of " << m.runs << " | "
        << (paper == paper_figures().end()
                ? std::string("-")
                : fixed(paper->second.mean, 0) + " (SD " + fixed(paper->second.sd, 0) + ")")
        << " |\n";
    return out.str();
}

void write_file(const fs::path& path, const std::string& text) {
    write_file_atomically(path.string(), text);
}

std::string csv_number(double value) {
    if (!std::isfinite(value)) return "";
    char buffer[32];
    const auto [end, error] = std::to_chars(buffer, buffer + sizeof buffer, value);
    return error == std::errc() ? std::string(buffer, end) : std::string();
}

std::string runs_csv(const Settings& s, const std::vector<Trial>& trials,
                     const std::vector<RunOutcome>& outcomes) {
    return table1_runs_csv(s, trials, outcomes);
}

std::string machine_text(const Settings& s, double seconds) {
    return "CPU: " + cpu_model() + "; " + std::to_string(std::thread::hardware_concurrency()) +
           " hardware threads; " + std::to_string(s.threads) +
           (s.threads == 1 ? " training" : " trainings") +
           " side by side, each on one thread; time taken " + duration(seconds) + " (" +
           fixed(seconds, 1) + " s); moelab-cli " + MOELAB_VERSION;
}

std::string today() {
    const std::time_t now = std::time(nullptr);
    char text[32];
    std::strftime(text, sizeof text, "%Y-%m-%d", std::gmtime(&now));
    return text;
}

// ---- the figure of a representative run ---------------------------------------------------------

// The ME 4 run whose epochs to a stable criterion are the median of the ME 4 runs (else the first
// ME 4 run), or nothing without ME 4.
std::optional<size_t> representative_run(const std::vector<Trial>& trials,
                                         const std::vector<RunOutcome>& outcomes) {
    std::vector<std::pair<long, size_t>> stable;
    std::optional<size_t> first;
    for (size_t i = 0; i < trials.size(); ++i) {
        if (trials[i].system.name != "ME 4") continue;
        if (!first) first = i;
        if (outcomes[i].criterion.stays()) stable.push_back({outcomes[i].criterion.stable, i});
    }
    if (stable.empty()) return first;
    std::sort(stable.begin(), stable.end());
    return stable[(stable.size() - 1) / 2].second;
}

std::string shell_quoted(const std::string& text) {
    std::string quoted = "'";
    for (char c : text) quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return quoted + "'";
}

// The desktop app's command that trains the same run again and draws it in the paper's style
// (its figure export lives in ui/, which moelab-cli does not link).
std::string figure_command(const std::string& app, const Settings& s, const Trial& trial,
                           long epochs, const std::string& png) {
    const Config c = table1_config(s, trial.system, trial.rate, trial.run);
    return shell_quoted(app) + " --dataset vowels --model-kind mixture --experts " +
           std::to_string(c.experts) + " --hidden 0 --gate linear --loss " +
           std::string(to_string(c.loss)) + " --optimizer " + std::string(to_string(c.optimizer)) +
           " --lr " + format_number(c.learning_rate) + " --batch " + std::to_string(c.batch_size) +
           " --seed " + std::to_string(c.seed) + " --epochs " + std::to_string(epochs) +
           " --threads 1 --style paper --export-figure " + shell_quoted(png);
}

// The app beside this program, if there is one.
std::optional<fs::path> desktop_app() {
    std::error_code error;
    const fs::path self = fs::read_symlink("/proc/self/exe", error);
    if (error) return std::nullopt;
    const fs::path app = self.parent_path() / "moelab";
    if (fs::is_regular_file(app, error)) return app;
    return std::nullopt;
}

// Draws the representative ME 4 run into DIR/me4_run.png with the app; returns what the report
// says about it.
std::string draw_representative_run(const Settings& s, const std::vector<Trial>& trials,
                                    const std::vector<RunOutcome>& outcomes, const fs::path& dir) {
    const auto index = representative_run(trials, outcomes);
    if (!index) return "No ME 4 run, so no figure of one.";
    const Trial& trial = trials[*index];
    const RunOutcome& outcome = outcomes[*index];
    const std::string png = (dir / "me4_run.png").string();
    const std::string what =
        "The representative ME 4 run (seed " + std::to_string(s.seed + std::uint64_t(trial.run)) +
        ", the median epochs to a stable criterion), after its " + std::to_string(outcome.epochs) +
        " epochs, in the paper's figure style";
    const auto app = desktop_app();
    const std::string command =
        figure_command(app ? app->string() : std::string("moelab"), s, trial, outcome.epochs, png);
    if (!app)
        return what + ": the desktop app was not found beside moelab-cli, so it is not drawn; " +
               "draw it with\n\n    " + command + "\n";
    const int status = std::system((command + " >/dev/null 2>&1").c_str());
    if (status != 0 || !fs::exists(png))
        return what + ": the app failed to draw it (" + command + ").";
    return what + ": `me4_run.png`, drawn by `" + command + "`.";
}

// Draws the box plot of the stable crossings in DIR/runs.csv into DIR/epochs_box_plot.png with the
// app; returns what the report says about it.
std::string draw_box_plot(const fs::path& dir) {
    const std::string csv = (dir / "runs.csv").string(),
                      png = (dir / "epochs_box_plot.png").string();
    const auto app = desktop_app();
    const std::string command = shell_quoted(app ? app->string() : std::string("moelab")) +
                                " --box-plot " + shell_quoted(csv) + " --export-figure " +
                                shell_quoted(png);
    const std::string what = "The box plot of the epochs until the criterion stays, per system";
    if (!app)
        return what + ": the desktop app was not found beside moelab-cli, so it is not drawn; " +
               "draw it with\n\n    " + command + "\n";
    const int status = std::system((command + " >/dev/null 2>&1").c_str());
    if (status != 0 || !fs::exists(png))
        return what + ": the app failed to draw it (" + command + ").";
    return what + ": `epochs_box_plot.png`.";
}

// ---- the two modes -----------------------------------------------------------------------------

// What one pass (one optimizer) found: its table, and with a sweep its sensitivity table.
struct PassResult {
    Settings settings;
    std::vector<Row> rows;    // each system at its rate (with a sweep: its best rate)
    std::string table;        // the rows as Markdown
    std::string sensitivity;  // with a sweep: mean epochs per system per rate, as Markdown
    std::string best;         // with a sweep: each system's best rate, one line each
    std::string verdict;
    double seconds = 0;
};

std::string rows_table(const Settings& s, const std::vector<Row>& rows) {
    std::string table = kTableHeader;
    for (const Row& row : rows) table += table_row(s, row);
    return table;
}

std::string verdict_of(const Settings& s, const std::vector<Row>& rows) {
    std::vector<SystemSummary> summaries;
    for (const Row& row : rows) summaries.push_back(row.summary);
    return table1_verdict(s, summaries);
}

const char* kCountingNote =
    "*first*: the first epoch at which the criterion was met on the training set; *stays*: the "
    "epoch from which it was met to the end of the epochs run. Means and sample SDs over the "
    "runs that got there; *never*: the runs that did not. Train and test accuracy: means after "
    "the last epoch. *paper*: epochs to criterion as Table 1 is usually quoted.";

PassResult reproduce_table(const Settings& s, const std::shared_ptr<const Dataset>& data,
                           const std::string& out) {
    const std::vector<Trial> trials = table1_trials(s);
    const auto start = std::chrono::steady_clock::now();
    const std::vector<RunOutcome> outcomes = run_trials(s, trials, data, "reproduce");
    PassResult result;
    result.settings = s;
    result.seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();

    const std::vector<SystemSummary> summaries = summarise_table1(s, trials, outcomes);
    for (size_t i = 0; i < s.systems.size(); ++i)
        result.rows.push_back({s.systems[i], s.rate(s.systems[i]), summaries[i]});
    result.verdict = table1_verdict(s, summaries);
    result.table = rows_table(s, result.rows);

    std::cout << "Table 1 of Jacobs, Jordan, Nowlan & Hinton (1991) on our vowel data\n"
              << settings_text(s, "  ") << "\n"
              << result.table << "\n"
              << kCountingNote << "\n"
              << (result.verdict.empty() ? std::string() : result.verdict + "\n")
              << machine_text(s, result.seconds) << "\n";

    if (!out.empty()) {
        const fs::path dir(out);
        fs::create_directories(dir);
        write_file(dir / "runs.csv", runs_csv(s, trials, outcomes));
        const std::string figure = draw_representative_run(s, trials, outcomes, dir);
        const std::string box_plot = draw_box_plot(dir);
        std::ostringstream report;
        report << "# Table 1 of the paper, reproduced\n\n"
               << "Jacobs, Jordan, Nowlan & Hinton (1991), \"Adaptive mixtures of local "
                  "experts\": epochs to reach the criterion on the vowel training set. Written by "
                  "`moelab-cli reproduce` on "
               << today() << ".\n\n"
               << result.table << "\n"
               << kCountingNote << "\n\n"
               << (result.verdict.empty() ? std::string() : result.verdict + "\n\n")
               << "## Settings\n\n"
               << settings_text(s, "- ") << "\n"
               << "## Machine\n\n"
               << machine_text(s, result.seconds) << "\n\n"
               << "## Files\n\n"
               << "Every run: `runs.csv`.\n\n"
               << box_plot << "\n\n"
               << figure << "\n";
        write_file(dir / "report.md", report.str());
        std::cout << "wrote " << (dir / "report.md").string() << " and "
                  << (dir / "runs.csv").string() << "\n";
    }
    return result;
}

PassResult sweep_table(const Settings& s, const std::shared_ptr<const Dataset>& data,
                       const std::string& out) {
    std::vector<Trial> trials;
    for (double rate : s.sweep)
        for (const System& system : s.systems)
            for (int r = 0; r < s.runs; ++r) trials.push_back({system, rate, r});
    const auto start = std::chrono::steady_clock::now();
    const std::vector<RunOutcome> outcomes = run_trials(s, trials, data, "sweep");
    PassResult result;
    result.settings = s;
    result.seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();

    // Rows: rates; columns: systems; a cell: mean (SD) epochs until the criterion stays, with the
    // runs that never got there, and the mean first crossing.
    std::ostringstream table, csv;
    table << "| rate |";
    for (const System& system : s.systems) table << " " << system.name << " |";
    table << "\n|---|";
    for (size_t i = 0; i < s.systems.size(); ++i) table << "---|";
    table << "\n";
    csv << "rate,system,runs,first_mean,first_sd,never_first,stable_mean,stable_sd,never_stable,"
           "diverged,final_train,final_test,final_train_error\n";
    // Each system's best cell: the most runs that stay at the criterion, then the fewest mean
    // epochs until it stays (so a rate where every run stays wins when there is one).
    std::vector<std::optional<Row>> best(s.systems.size());
    for (double rate : s.sweep) {
        table << "| " << format_number(rate) << " |";
        for (size_t k = 0; k < s.systems.size(); ++k) {
            const System& system = s.systems[k];
            std::vector<const RunOutcome*> mine;
            for (size_t i = 0; i < trials.size(); ++i)
                if (trials[i].system.name == system.name && trials[i].rate == rate)
                    mine.push_back(&outcomes[i]);
            const SystemSummary m = summarise(mine);
            table << " " << mean_sd_text(m.stable);
            if (m.never_stable > 0) table << ", " << m.never_stable << " never";
            table << "; first " << (m.first.count ? fixed(m.first.mean, 0) : std::string("-"))
                  << " |";
            csv << format_number(rate) << "," << system.name << "," << m.runs << ","
                << csv_number(m.first.count ? m.first.mean : NAN) << ","
                << csv_number(m.first.count ? m.first.sd : NAN) << "," << m.never_first << ","
                << csv_number(m.stable.count ? m.stable.mean : NAN) << ","
                << csv_number(m.stable.count ? m.stable.sd : NAN) << "," << m.never_stable << ","
                << m.diverged << "," << csv_number(m.final_train) << "," << csv_number(m.final_test)
                << "," << csv_number(m.final_train_error) << "\n";
            if (m.stable.count == 0) continue;
            const std::optional<Row>& b = best[k];
            if (!b || m.stable.count > b->summary.stable.count ||
                (m.stable.count == b->summary.stable.count &&
                 m.stable.mean < b->summary.stable.mean))
                best[k] = Row{system, rate, m};
        }
        table << "\n";
    }
    result.sensitivity = table.str();
    std::ostringstream best_text;
    for (size_t k = 0; k < s.systems.size(); ++k) {
        const std::optional<Row>& b = best[k];
        best_text << "  " << s.systems[k].name << ": ";
        if (!b) {
            best_text << "no rate where a run stays at the criterion\n";
            continue;
        }
        const bool edge = b->rate == s.sweep.front() || b->rate == s.sweep.back();
        best_text << "best rate " << format_number(b->rate) << " ("
                  << fixed(b->summary.stable.mean, 0) << " epochs"
                  << (b->summary.never_stable > 0
                          ? ", " + std::to_string(b->summary.never_stable) + " of " +
                                std::to_string(b->summary.runs) + " never stay"
                          : std::string())
                  << ")" << (edge ? ", at the edge of the grid" : "") << "\n";
        result.rows.push_back(*b);
    }
    result.best = best_text.str();
    result.table = rows_table(s, result.rows);
    result.verdict = verdict_of(s, result.rows);

    std::cout << "Learning-rate sweep: mean (SD) epochs until the criterion stays met; first: "
                 "mean first crossing\n"
              << settings_text(s, "  ") << "\n"
              << result.sensitivity << "\n"
              << result.best << "\nEach system at its best rate:\n\n"
              << result.table << "\n"
              << (result.verdict.empty() ? std::string() : result.verdict + "\n")
              << machine_text(s, result.seconds) << "\n";
    if (!out.empty()) {
        const fs::path dir(out);
        fs::create_directories(dir);
        write_file(dir / "sweep.csv", csv.str());
        write_file(dir / "sweep.md",
                   "# Learning-rate sweep\n\nMean (SD) epochs until the criterion stays met; "
                   "*first*: the mean first crossing.\n\n" +
                       result.sensitivity + "\n" + settings_text(s, "- ") + "\n" + result.best +
                       "\n" + machine_text(s, result.seconds) + "\n");
        std::cout << "wrote " << (dir / "sweep.md").string() << " and "
                  << (dir / "sweep.csv").string() << "\n";
    }
    return result;
}

// ---- one pass per optimizer -----------------------------------------------------------------

// The settings of each pass: one per --optimizers entry, every system using that optimizer at its
// tuned rates (docs/reproduce.md) unless --lr-me / --lr-bp say otherwise; or the settings as given.
std::vector<Settings> passes_of(const Settings& s) {
    if (s.optimizers.empty()) return {s};
    std::vector<Settings> passes;
    for (OptimizerType optimizer : s.optimizers) {
        Settings pass = s;
        pass.optimizer_mixture = pass.optimizer_network = optimizer;
        const std::optional<Table1Rates> tuned = table1_tuned_rates(optimizer);
        const bool need_rates =
            s.sweep.empty() && (!s.lr_mixture_given || !s.lr_network_given) && !tuned;
        if (need_rates)
            throw UsageError("--optimizers " + std::string(to_string(optimizer)) +
                             ": no tuned learning rate for it; give --lr-me and --lr-bp, or a "
                             "--sweep");
        if (tuned && !s.lr_mixture_given) pass.lr_mixture = tuned->mixture;
        if (tuned && !s.lr_network_given) pass.lr_network = tuned->network;
        passes.push_back(pass);
    }
    return passes;
}

// One line per pass: each system's mean epochs until the criterion stays, at its rate, and how
// many times faster the fastest mixture is than the fastest network.
std::string per_optimizer_table(const std::vector<PassResult>& results) {
    std::ostringstream out;
    const std::vector<System>& systems = results.front().settings.systems;
    out << "| optimizer | criterion | batch |";
    for (const System& system : systems) out << " " << system.name << " |";
    out << " fastest mixture against fastest network |\n|---|---|---|";
    for (size_t i = 0; i < systems.size(); ++i) out << "---|";
    out << "---|\n";
    for (const PassResult& r : results) {
        const Settings& s = r.settings;
        out << "| " << to_string(s.optimizer_mixture) << " | " << describe(s.stopping_criterion())
            << " | " << (s.batch == 0 ? std::string("full") : std::to_string(s.batch)) << " |";
        for (const Row& row : r.rows)
            out << " "
                << (row.summary.stable.count ? fixed(row.summary.stable.mean, 0) : std::string("-"))
                << (row.summary.never_stable
                        ? " (" + std::to_string(row.summary.never_stable) + " never)"
                        : std::string())
                << " at " << format_number(row.rate) << " |";
        std::vector<SystemSummary> summaries;
        for (const Row& row : r.rows) summaries.push_back(row.summary);
        Settings shown = s;
        shown.systems.clear();
        for (const Row& row : r.rows) shown.systems.push_back(row.system);
        const auto comparisons = table1_comparisons(shown, summaries);
        const Table1Comparison* fastest = nullptr;
        for (const Table1Comparison& c : comparisons)
            if (!fastest || c.ratio > fastest->ratio) fastest = &c;
        out << " "
            << (fastest
                    ? fastest->mixture + " " +
                          (fastest->ratio >= 1 ? fixed(fastest->ratio, 1) + "x faster than "
                                               : fixed(1 / fastest->ratio, 1) + "x slower than ") +
                          fastest->network
                    : std::string("-"))
            << " |\n";
    }
    return out.str();
}

// Lines indented by two spaces (the terminal's list) as a Markdown list.
std::string markdown_list(const std::string& lines) {
    std::istringstream in(lines);
    std::string out;
    for (std::string line; std::getline(in, line);)
        out += "- " + (line.starts_with("  ") ? line.substr(2) : line) + "\n";
    return out;
}

// DIR/report.md over every pass: the per-optimizer table, then each pass's table (and with a
// sweep its sensitivity table).
void write_combined_report(const Settings& s, const std::vector<PassResult>& results,
                           double seconds) {
    const fs::path dir(s.out);
    fs::create_directories(dir);
    std::ostringstream report;
    report << "# Table 1 of the paper, reproduced"
           << (s.sweep.empty() ? "" : ", each system at its best rate of a sweep") << "\n\n"
           << "Jacobs, Jordan, Nowlan & Hinton (1991), \"Adaptive mixtures of local experts\": "
              "epochs to reach the criterion on the vowel training set. Written by `moelab-cli "
              "reproduce` on "
           << today() << ".\n\n"
           << "## Per optimizer\n\n"
           << "Mean epochs until the criterion stays met, each system at "
           << (s.sweep.empty() ? "its rate" : "its best rate of the sweep") << ":\n\n"
           << per_optimizer_table(results) << "\n";
    for (const PassResult& r : results) {
        const Settings& p = r.settings;
        report << "## " << to_string(p.optimizer_mixture) << "\n\n";
        if (!r.sensitivity.empty())
            report << "Sensitivity to the learning rate: mean (SD) epochs until the criterion "
                      "stays met; *first*: the mean first crossing.\n\n"
                   << r.sensitivity << "\n"
                   << "Best rates (the most runs that stay, then the fewest epochs):\n\n"
                   << markdown_list(r.best) << "\nEach system at its best rate:\n\n";
        report << r.table << "\n"
               << (r.verdict.empty() ? std::string() : r.verdict + "\n\n") << "Settings:\n\n"
               << settings_text(p, "- ") << "\n"
               << machine_text(p, r.seconds) << "\n\n";
    }
    report << "## Counting\n\n"
           << kCountingNote << "\n\n"
           << "## Machine\n\n"
           << machine_text(s, seconds) << "\n";
    write_file(dir / "report.md", report.str());
    std::cout << "wrote " << (dir / "report.md").string() << "\n";
}

}  // namespace

const std::vector<ReproduceOption>& reproduce_options() {
    static const std::vector<ReproduceOption> options{
        {"--runs", "R", "Runs (seeds) per system (default: 25)"},
        {"--criterion-kind", "KIND",
         "accuracy: learnt when the training accuracy is at or above --criterion; error: when "
         "the mean squared error of the output on the training set (eq. 1's |d - o|^2 per "
         "case) is at or below it (default: accuracy)"},
        {"--criterion", "X",
         "The threshold: a training accuracy (default 0.88), or with --criterion-kind error a "
         "mean squared error (default " +
             format_number(kDefaultErrorCriterion) + ")"},
        {"--max-epochs", "N", "Epochs each run trains at most (default: 5000)"},
        {"--patience", "N",
         "Stop a run once its accuracy has stayed at or above the criterion for N epochs; 0 "
         "trains every run for --max-epochs (default: 0)"},
        {"--threads", "N",
         "Trainings side by side, each on one thread; 0 = one per core (default: 0)"},
        {"--seed", "S", "Seed of the first run; run r uses S + r (default: 1)"},
        {"--systems", "LIST",
         "The systems: ME N = N linear experts and a linear gate, BP H = one network of H tanh "
         "hidden units (default: ME4,ME8,BP6,BP12)"},
        {"--lr-me", "X",
         "Learning rate of the mixtures (default: " + format_number(kDefaultRateMixture) + ")"},
        {"--lr-bp", "X",
         "Learning rate of the networks (default: " + format_number(kDefaultRateNetwork) + ")"},
        {"--optimizer-me", "NAME",
         "Optimizer of the mixtures: sgd, momentum, adam, ftrl (default: sgd)"},
        {"--optimizer-bp", "NAME", "Optimizer of the networks (default: sgd)"},
        {"--optimizers", "LIST",
         "One table (or sweep) per optimizer, e.g. sgd,adam: every system uses it, at the "
         "optimizer's tuned rates unless --lr-me/--lr-bp are given; with --out each into "
         "DIR/<optimizer>, and DIR/report.md has a table per optimizer"},
        {"--loss", "NAME",
         "The loss of every system: cooperative, competitive, competitive-log, mixture-nll "
         "(default: competitive-log; a network's is then squared error on its softmax)"},
        {"--batch", "N", "Mini-batch size; 0 = full batch (default: 0)"},
        {"--sweep", "RATES",
         "Instead of the table: every system at each of these learning rates (e.g. "
         "0.1,0.3,1,3), mean epochs to criterion per rate (the sensitivity table), and the "
         "table of each system at its best rate"},
        {"--out", "DIR",
         "Also write report.md and runs.csv (with --sweep: report.md, sweep.md and sweep.csv) "
         "into DIR"},
    };
    return options;
}

std::string reproduce_footer() {
    return "Trains each system --runs times on the vowels and prints mean train and test\n"
           "accuracy and epochs to the criterion (the first crossing, and the epoch from which\n"
           "training accuracy stays above it), with the paper's figures beside them. Runs go\n"
           "side by side, one per thread; the training accuracy is evaluated after every epoch.\n"
           "Example: moelab-cli reproduce --runs 25 --threads 8 --out table1";
}

int run_reproduce(const CliRequest& request) {
    const Settings settings = read_settings(request);
    const auto data = std::make_shared<const Dataset>(load_dataset(DatasetConfig{}));
    try {
        const std::vector<Settings> passes = passes_of(settings);
        const auto start = std::chrono::steady_clock::now();
        std::vector<PassResult> results;
        for (const Settings& pass : passes) {
            // One pass writes into DIR itself; several each into DIR/<optimizer>.
            const std::string out =
                pass.out.empty() || passes.size() == 1
                    ? pass.out
                    : (fs::path(pass.out) / std::string(to_string(pass.optimizer_mixture)))
                          .string();
            if (passes.size() > 1)
                std::cout << "\n== " << to_string(pass.optimizer_mixture) << " ==\n";
            results.push_back(pass.sweep.empty() ? reproduce_table(pass, data, out)
                                                 : sweep_table(pass, data, out));
        }
        const double seconds =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        if (passes.size() > 1)
            std::cout << "\nPer optimizer: mean epochs until the criterion stays met\n\n"
                      << per_optimizer_table(results);
        if (!settings.out.empty() && (passes.size() > 1 || !settings.sweep.empty()))
            write_combined_report(settings, results, seconds);
        return 0;
    } catch (const Interrupted& stopped) {
        std::cerr << "moelab-cli: interrupted after " << stopped.done << " of " << stopped.total
                  << " runs; no table.\n";
        return 130;
    }
}

}  // namespace moelab
