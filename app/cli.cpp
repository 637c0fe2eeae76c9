#include "cli.h"

#include <algorithm>
#include <atomic>
#include <charconv>
#include <chrono>
#include <cmath>
#include <csignal>
#include <cstdio>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <memory>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#if defined(_WIN32)
#include <io.h>
#else
#include <unistd.h>
#endif

#include <nlohmann/json.hpp>

#include "analysis/evaluation.h"
#include "analysis/metrics.h"
#include "cli_options.h"
#include "cli_regression.h"
#include "cli_reproduce.h"
#include "data/registry.h"
#include "errors.h"
#include "io/atomic_file.h"
#include "io/serialization.h"
#include "model/gate.h"
#include "training/knobs.h"
#include "training/metrics_schedule.h"
#include "training/parallel.h"
#include "training/trainer.h"

namespace moelab {

namespace {

constexpr const char* kProgram = "moelab-cli";

// Core messages are sentences that may carry a file's text; the one-line promise of the tool holds
// only if no newline gets through.
std::string one_line(std::string text) {
    std::replace(text.begin(), text.end(), '\n', ' ');
    while (!text.empty() && text.back() == ' ') text.pop_back();
    return text;
}

int fail(int code, const std::string& message) {
    std::cerr << kProgram << ": " << one_line(message) << "\n";
    return code;
}

bool stderr_is_terminal() {
#if defined(_WIN32)
    return _isatty(_fileno(stderr));
#else
    return ::isatty(fileno(stderr));
#endif
}

std::string fixed(double value, int decimals) {
    std::ostringstream out;
    out << std::fixed << std::setprecision(decimals) << value;
    return out.str();
}

std::string percent(double fraction) {
    return std::isnan(fraction) ? std::string("n/a (no test cases)")
                                : fixed(100 * fraction, 2) + " %";
}

// Shortest text that reads back as the same double, for the CSV log.
std::string exact(double value) {
    if (std::isnan(value)) return "";
    char buffer[32];
    const auto [end, error] = std::to_chars(buffer, buffer + sizeof buffer, value);
    return error == std::errc() ? std::string(buffer, end) : std::string("nan");
}

void print_row(std::ostream& out, std::string_view label, const std::string& value) {
    out << std::left << std::setw(16) << label << (label.size() < 16 ? "" : " ") << value << "\n";
}

// "4 linear experts, top-2 routing, linear gate, competitive-log loss (eq. 3)"
std::string describe_model(const Config& config) {
    std::ostringstream out;
    auto widths = [](const std::vector<int>& w) {
        std::string text;
        for (int units : w) text += (text.empty() ? "" : "+") + std::to_string(units);
        return text;
    };
    if (config.model_kind == ModelKind::Network) {
        // The backprop baseline: one expert whose gate weight is always 1.
        out << "a network (backprop, no gate) with "
            << (config.expert_hidden.empty() ? std::string("no hidden layer")
                                             : widths(config.expert_hidden) + " hidden units")
            << ", " << to_string(config.loss) << " loss";
        if (!equation_of(config.loss).empty()) out << " (" << equation_of(config.loss) << ")";
        return out.str();
    }
    out << config.experts << (config.expert_hidden.empty() ? " linear" : "")
        << (config.experts == 1 ? " expert" : " experts");
    if (!config.expert_hidden.empty())
        out << " with " << widths(config.expert_hidden) << " hidden units";
    if (config.shared_expert) out << " and a shared expert";
    if (config.routing == RoutingType::ExpertChoice) {
        out << ", expert-choice routing (" << config.routed_experts() << " per case on average";
        if (config.capacity_factor > 0) out << ", capacity factor " << config.capacity_factor;
        out << ")";
    } else {
        if (!config.dense()) out << ", top-" << config.routed_experts() << " routing";
        if (config.capacity_factor > 0) out << ", capacity factor " << config.capacity_factor;
    }
    out << ", " << (config.noisy_gate ? "noisy " : "") << to_string(config.gate) << " gate";
    const std::vector<int> gate_hidden = gate_hidden_layers(config.gate, config.gate_hidden);
    if (!gate_hidden.empty()) out << " with " << widths(gate_hidden) << " hidden units";
    out << ", " << to_string(config.loss) << " loss";
    if (!equation_of(config.loss).empty()) out << " (" << equation_of(config.loss) << ")";
    // The auxiliary terms on the gate that are on.
    const std::pair<const char*, double> terms[] = {
        {"load balancing", config.balance_weight},
        {"importance", config.importance_weight},
        {"load", config.noisy_gate && !config.dense() ? config.load_weight : 0.0},
        {"similarity", config.similarity_weight}};
    for (const auto& [name, weight] : terms)
        if (weight > 0) out << ", " << name << " " << format_number(weight);
    return out.str();
}

int count_test_cases(const Dataset& dataset) {
    return static_cast<int>(std::count(dataset.is_test.begin(), dataset.is_test.end(), true));
}

std::string describe_dataset(const Dataset& dataset) {
    const int test = count_test_cases(dataset);
    return dataset.name + ": " + std::to_string(dataset.dimensions()) + " features, " +
           std::to_string(dataset.classes()) + " classes, " +
           std::to_string(dataset.size() - test) + " train / " + std::to_string(test) +
           " test cases";
}

// The most memory this process has held resident, in bytes (0 where it cannot tell). Linux's
// VmHWM belongs to this program's own memory map; getrusage's ru_maxrss would also count the
// parent that forked it (a Python script with PyTorch loaded, say).
double peak_resident_bytes() {
    std::ifstream status("/proc/self/status");
    std::string line;
    while (std::getline(status, line)) {
        if (line.starts_with("VmHWM:")) {
            std::istringstream fields(line.substr(6));
            double kilobytes = 0;
            fields >> kilobytes;
            return kilobytes * 1024.0;
        }
    }
    return 0;
}

std::shared_ptr<const Dataset> load_data(const DatasetConfig& config) {
    return std::make_shared<const Dataset>(load_dataset(config));
}

// The dataset as a JSON report describes it.
nlohmann::ordered_json dataset_json(const Dataset& dataset) {
    nlohmann::ordered_json out = nlohmann::ordered_json::object();
    const int test = count_test_cases(dataset);
    out["name"] = dataset.name;
    out["features"] = dataset.dimensions();
    out["classes"] = dataset.class_names;
    out["train_cases"] = dataset.size() - test;
    out["test_cases"] = test;
    return out;
}

nlohmann::ordered_json number_or_null(double value) {
    return std::isfinite(value) ? nlohmann::ordered_json(value) : nlohmann::ordered_json(nullptr);
}

// Full metrics for a JSON report: accuracies, loss, gate statistics, the routing table.
nlohmann::ordered_json metrics_json(const EpochMetrics& m) {
    nlohmann::ordered_json out = nlohmann::ordered_json::object();
    out["epoch"] = m.epoch;
    out["train_accuracy"] = number_or_null(m.train_accuracy);
    out["test_accuracy"] = number_or_null(m.test_accuracy);
    out["loss"] = number_or_null(m.loss);
    out["gate_entropy_nats"] = number_or_null(m.gate_entropy);
    out["active_experts"] = m.active_experts;
    out["dead_experts"] = m.dead_experts;
    out["dropped_cases"] = m.dropped_cases;
    out["balance_loss"] = number_or_null(m.balance_loss);
    out["noise_first_choice_flips"] = number_or_null(m.noise_first_choice_flips);
    out["noise_routed_set_flips"] = number_or_null(m.noise_routed_set_flips);
    out["utilisation"] = m.utilisation;
    out["top_share"] = m.top_share;
    nlohmann::ordered_json routing = nlohmann::ordered_json::array();
    for (Eigen::Index c = 0; c < m.routing.rows(); ++c) {
        nlohmann::ordered_json row = nlohmann::ordered_json::array();
        for (Eigen::Index i = 0; i < m.routing.cols(); ++i) row.push_back(long(m.routing(c, i)));
        routing.push_back(std::move(row));
    }
    out["routing"] = std::move(routing);
    out["expert_given_class_entropy_bits"] = number_or_null(m.expert_given_class_entropy);
    out["class_given_expert_entropy_bits"] = number_or_null(m.class_given_expert_entropy);
    out["expert_class_information_bits"] = number_or_null(m.expert_class_information);
    out["top_expert_accuracy"] = number_or_null(m.top_expert_accuracy);
    out["top_expert_gap"] = number_or_null(m.top_expert_gap());
    nlohmann::ordered_json own = nlohmann::ordered_json::array();
    for (double a : m.own_accuracy) own.push_back(number_or_null(a));
    out["own_accuracy"] = std::move(own);
    return out;
}

// Entanglement (issue 9): the gate's top expert alone against the mixture, and each expert alone
// on the cases whose top choice it is ("-": none).
void print_entanglement(std::ostream& out, const EpochMetrics& m) {
    if (std::isnan(m.top_expert_accuracy)) return;
    print_row(out, "top expert alone",
              percent(m.top_expert_accuracy) + " (gap to the mixture " +
                  fixed(100 * m.top_expert_gap(), 2) + " points)");
    std::string own;
    for (size_t i = 0; i < m.own_accuracy.size(); ++i)
        own += (i ? "  E" : "E") + std::to_string(i) + " " +
               (std::isnan(m.own_accuracy[i]) ? std::string("-")
                                              : fixed(100 * m.own_accuracy[i], 1) + " %");
    print_row(out, "experts alone", own + "  (each on its top-choice cases)");
}

// The class x expert routing table (training cases by their top expert) and its entropies.
void print_routing(std::ostream& out, const EpochMetrics& m, const Dataset& dataset) {
    if (m.routing.size() == 0) return;
    print_row(out, "routing", "training cases by their top expert (rows: classes)");
    size_t name_width = 8;
    for (const std::string& name : dataset.class_names)
        name_width = std::max(name_width, std::min<size_t>(name.size(), 24) + 2);
    const int cell = std::max(6, int(std::to_string(long(m.routing.maxCoeff())).size()) + 2);
    out << std::string(name_width + 2, ' ');
    for (Eigen::Index i = 0; i < m.routing.cols(); ++i)
        out << std::right << std::setw(cell) << ("E" + std::to_string(i));
    out << "\n";
    for (Eigen::Index c = 0; c < m.routing.rows(); ++c) {
        std::string name = size_t(c) < dataset.class_names.size() ? dataset.class_names[size_t(c)]
                                                                  : std::to_string(c);
        if (name.size() > 24) name = name.substr(0, 23) + "~";
        out << "  " << std::left << std::setw(int(name_width)) << name;
        for (Eigen::Index i = 0; i < m.routing.cols(); ++i)
            out << std::right << std::setw(cell) << long(m.routing(c, i));
        out << "\n";
    }
    print_row(out, "H(expert|class)",
              fixed(m.expert_given_class_entropy, 3) + " bits (0: each class has one expert)");
    print_row(out, "H(class|expert)",
              fixed(m.class_given_expert_entropy, 3) + " bits (0: each expert has one class)");
    print_row(out, "I(expert;class)", fixed(m.expert_class_information, 3) + " bits");
    if (m.dead_experts > 0)
        print_row(out, "dead experts",
                  std::to_string(m.dead_experts) + " (mean gate weight below 1 %)");
    if (m.dropped_cases > 0)
        print_row(out, "dropped cases",
                  std::to_string(m.dropped_cases) +
                      " in the last epoch (a full expert turned them away, or no expert chose "
                      "them)");
    print_row(out, "balance loss", fixed(m.balance_loss, 4) + " (N sum f_i P_i; 1 = even)");
    // The noisy gate: how many training cases the noise of training re-routes.
    if (std::isfinite(m.noise_first_choice_flips))
        print_row(out, "noise flips",
                  "first choice " + fixed(100 * m.noise_first_choice_flips, 1) + " %, set of K " +
                      fixed(100 * m.noise_routed_set_flips, 1) + " % of training cases");
}

// ---- train -------------------------------------------------------------------------------------

// Ctrl-C asks the running trainer to stop at the next batch; the tool then saves what it has.
std::atomic<Trainer*> g_running_trainer{nullptr};
std::atomic<bool> g_interrupted{false};
static_assert(std::atomic<Trainer*>::is_always_lock_free && std::atomic<bool>::is_always_lock_free,
              "the interrupt handler may only touch lock-free atomics");

extern "C" void on_interrupt(int) {
    g_interrupted.store(true);
    if (Trainer* trainer = g_running_trainer.load()) trainer->cancel();
}

class InterruptGuard {
  public:
    explicit InterruptGuard(Trainer& trainer) {
        g_interrupted.store(false);
        g_running_trainer.store(&trainer);
        previous_ = std::signal(SIGINT, on_interrupt);
    }
    ~InterruptGuard() {
        std::signal(SIGINT, previous_);
        g_running_trainer.store(nullptr);
    }
    InterruptGuard(const InterruptGuard&) = delete;
    InterruptGuard& operator=(const InterruptGuard&) = delete;

  private:
    void (*previous_)(int) = SIG_DFL;
};

// The progress line: rewritten in place (at most ten times a second) on a terminal, one line per
// tenth of the run in a log file, so neither floods.
class Progress {
  public:
    using Clock = std::chrono::steady_clock;

    Progress(long first_epoch, long last_epoch)
        : first_(first_epoch),
          total_(last_epoch),
          terminal_(stderr_is_terminal()),
          start_(Clock::now()) {}

    // True when a line is due after `epoch` (the caller then brings the metrics up to date).
    bool due(long epoch, Clock::time_point now) const {
        if (terminal_) return epoch >= total_ || now - last_draw_ >= std::chrono::milliseconds(100);
        const long span = total_ - first_;
        return span < 10 || (epoch - first_) * 10 / span != last_tenth_;
    }

    // `metrics`: the latest full metrics; `loss`: the training loss of the epoch just ended.
    void draw(const EpochMetrics& metrics, double loss, long epoch, int experts,
              Clock::time_point now) {
        if (terminal_) {
            last_draw_ = now;
            std::string line = text(metrics, loss, epoch, experts, now);
            const size_t length = line.size();
            if (line.size() < drawn_length_) line.append(drawn_length_ - line.size(), ' ');
            drawn_length_ = length;
            std::cerr << "\r" << line << std::flush;
        } else {
            const long span = total_ - first_;
            last_tenth_ = span > 0 ? (epoch - first_) * 10 / span : 10;
            std::cerr << text(metrics, loss, epoch, experts, now) << "\n";
        }
    }

    void finish() {
        if (terminal_ && drawn_length_ > 0) std::cerr << "\n";
    }

  private:
    std::string text(const EpochMetrics& m, double loss, long epoch, int experts,
                     Clock::time_point now) const {
        const double seconds = std::chrono::duration<double>(now - start_).count();
        std::ostringstream out;
        out << "epoch " << epoch << "/" << total_ << "  loss " << fixed(loss, 4) << "  train "
            << fixed(100 * m.train_accuracy, 1) << "%";
        if (!std::isnan(m.test_accuracy))
            out << "  test " << fixed(100 * m.test_accuracy, 1) << "%";
        out << "  active " << m.active_experts << "/" << experts;
        if (seconds > 0) out << "  " << fixed(double(epoch - first_) / seconds, 0) << " epochs/s";
        return out.str();
    }

    long first_, total_;
    bool terminal_;
    Clock::time_point start_;
    Clock::time_point last_draw_{};
    size_t drawn_length_ = 0;
    long last_tenth_ = 0;
};

// The --log CSV. Rows are kept in memory and the file is written (atomically) when the run ends,
// so a run that fails before it trains leaves an existing log as it was.
class MetricsLog {
  public:
    MetricsLog(const std::string& path, int experts) : path_(path) {
        check_writable_destination(path_, "the log");
        out_ << "epoch,loss,train_accuracy,test_accuracy,gate_entropy,active_experts";
        for (int i = 0; i < experts; ++i) out_ << ",utilisation_" << i;
        for (int i = 0; i < experts; ++i) out_ << ",top_share_" << i;
        out_ << ",top_expert_accuracy";
        for (int i = 0; i < experts; ++i) out_ << ",own_accuracy_" << i;
        out_ << "\n";
    }

    void write(const EpochMetrics& m) {
        out_ << m.epoch << "," << exact(m.loss) << "," << exact(m.train_accuracy) << ","
             << exact(m.test_accuracy) << "," << exact(m.gate_entropy) << "," << m.active_experts;
        for (double u : m.utilisation) out_ << "," << exact(u);
        for (double s : m.top_share) out_ << "," << exact(s);
        out_ << "," << exact(m.top_expert_accuracy);
        for (double a : m.own_accuracy) out_ << "," << exact(a);
        out_ << "\n";
    }

    void close() { write_file_atomically(path_, out_.view(), "the log"); }

  private:
    std::string path_;
    std::ostringstream out_;
};

// What the loader noticed, and a --label that a built-in dataset ignores.
void warn_about_data(const CliRequest& request, const Config& config, const Dataset& dataset) {
    if (request.was_given("dataset.label_column") && !config.dataset.name.starts_with("csv:")) {
        std::cerr << kProgram << ": warning: --label names the label column of a CSV file; "
                  << config.dataset.name << " is a built-in dataset with its own labels, so "
                  << "--label " << config.dataset.label_column << " is ignored.\n";
    }
    for (const std::string& warning : dataset.warnings)
        std::cerr << kProgram << ": warning: " << one_line(warning) << "\n";
}

int run_train(const CliRequest& request) {
    const CommandFiles& files = request.files;
    if (files["--init"] && files["--resume"])
        throw UsageError(
            "give --init (start from a model's weights) or --resume (continue a "
            "saved training), not both");

    std::optional<SavedModel> initial;
    const std::optional<std::string>& start_file =
        files["--resume"] ? files["--resume"] : files["--init"];
    // The file's config is the baseline; the flags on this command line override it.
    if (start_file) initial = load_model(*start_file);
    if (files["--resume"] && !initial->training) {
        throw ModelFormatError("'" + *start_file +
                               "' holds a model but not its training state; --init starts from "
                               "its weights, --resume needs a file written by 'moelab-cli train "
                               "--save'.");
    }
    const Config config = request.config(initial ? initial->config : Config{});
    validate(config);
    // A regression set trains linear Gaussian experts and reports RMSE (app/cli_regression.h).
    if (const DatasetInfo* info = find_dataset(config.dataset.name); info && info->regression) {
        for (const char* flag : {"--init", "--resume", "--save", "--log"})
            if (files[flag])
                throw UsageError(std::string(flag) + " is not available for the regression set " +
                                 config.dataset.name + "; train it without " + flag + ".");
        return run_regression_train(config, load_data(config.dataset), request.json);
    }

    // Where the results go is checked before the training, which may take hours.
    if (files["--save"]) check_writable_destination(*files["--save"], "the model");
    std::optional<MetricsLog> log;
    if (files["--log"]) log.emplace(*files["--log"], config.experts);

    const auto dataset = load_data(config.dataset);
    warn_about_data(request, config, *dataset);
    Trainer trainer(config, dataset);
    if (files["--resume"]) {
        trainer.restore(*initial->training);
        if (trainer.apply(config)) {
            throw ConfigError("--resume continues the training in '" + *start_file +
                              "', but the flags change its model, seed or data, which would "
                              "start afresh; use --init to start from its weights instead.");
        }
    } else if (initial) {
        const ModelSpec wanted = ModelSpec::from(config, dataset->dimensions(), dataset->classes());
        if (!(initial->model.spec() == wanted)) {
            throw ConfigError("The model in '" + *start_file + "' (" +
                              initial->model.spec().describe() + ") does not fit this training (" +
                              wanted.describe() + ").");
        }
        trainer.set_model(initial->model, initial->standardization);
    }

    const auto start = std::chrono::steady_clock::now();
    const long first_epoch = trainer.epoch();
    const double seconds_before = trainer.training_seconds();
    Progress progress(first_epoch, first_epoch + config.epochs);
    // Full metrics ten times a second at most (and never taking more than a tenth of the time),
    // or every --metrics-every epochs; always at the end.
    MetricsSchedule schedule(config, std::chrono::milliseconds(100));
    // The history thins itself in a long run (training/history.h), so what is new is what comes
    // after the epoch last logged; it is looked at after every epoch, before anything new thins.
    long logged_epoch =
        trainer.history().metrics.empty() ? -1 : trainer.history().metrics.back().epoch;
    auto log_new_metrics = [&]() {
        const auto& metrics = trainer.history().metrics;
        size_t first = metrics.size();
        while (first > 0 && metrics[first - 1].epoch > logged_epoch) --first;
        for (size_t i = first; i < metrics.size(); ++i)
            if (log) log->write(metrics[i]);
        if (!metrics.empty()) logged_epoch = std::max(logged_epoch, metrics.back().epoch);
    };
    {
        InterruptGuard guard(trainer);
        try {
            while (trainer.epoch() - first_epoch < config.epochs && !g_interrupted.load()) {
                if (!trainer.train_epoch()) break;
                const auto now = std::chrono::steady_clock::now();
                const bool draw = progress.due(trainer.epoch(), now);
                // A progress line shows current metrics, unless the user fixed their interval.
                if (schedule.due(now) || (draw && config.metrics_every <= 0)) {
                    trainer.record_metrics();
                    schedule.recorded(now, std::chrono::steady_clock::now());
                }
                log_new_metrics();
                if (draw && !trainer.history().metrics.empty())
                    progress.draw(trainer.history().metrics.back(),
                                  trainer.history().epoch_loss.back(), trainer.epoch(),
                                  config.experts, now);
            }
            trainer.record_metrics();
            log_new_metrics();
        } catch (const DivergenceError& error) {
            // The core says what blew up, at which epoch, and what it restored; the log keeps the
            // epochs before. Nothing is saved: the run failed.
            progress.finish();
            if (log) log->close();
            const std::string lower_rate = exact(config.learning_rate / 10);
            return fail(1, std::string(error.what()) + " For example --lr " + lower_rate +
                               (config.optimizer == OptimizerType::Adam ? std::string(".")
                                                                        : " or --optimizer adam."));
        }
    }
    progress.finish();
    const double elapsed =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (log) log->close();

    const long trained = trainer.epoch() - first_epoch;
    const EpochMetrics& final_metrics = trainer.history().metrics.back();
    const double training = trainer.training_seconds() - seconds_before;
    if (files["--save"])
        save_model(saved_model_of(trainer, /*with_training=*/true), *files["--save"]);

    if (request.json) {
        nlohmann::ordered_json report = nlohmann::ordered_json::object();
        report["dataset"] = dataset_json(*dataset);
        report["config"] = config_to_ordered_json(config);
        report["model"] = describe_model(config);
        report["precision"] = std::string(to_string(config.precision));
        report["threads"] = trainer.threads();
        report["epochs"] = trained;
        report["epoch"] = trainer.epoch();
        report["elapsed_seconds"] = elapsed;
        report["training_seconds"] = training;
        report["epochs_per_second"] = elapsed > 0 ? trained / elapsed : 0.0;
        report["us_per_epoch"] = trained > 0 ? 1e6 * elapsed / double(trained) : 0.0;
        report["peak_resident_bytes"] = peak_resident_bytes();
        report["metrics"] = metrics_json(final_metrics);
        if (files["--save"]) report["saved"] = *files["--save"];
        std::cout << report.dump(2) << "\n";
    } else {
        std::ostream& out = std::cout;
        print_row(out, "dataset", describe_dataset(*dataset));
        print_row(out, "model", describe_model(config));
        print_row(out, "precision",
                  std::string(to_string(config.precision)) + ", " +
                      std::to_string(trainer.threads()) +
                      (trainer.threads() == 1 ? " thread" : " threads"));
        print_row(out, "epochs",
                  std::to_string(trained) +
                      (first_epoch > 0 ? " (now at epoch " + std::to_string(trainer.epoch()) + ")"
                                       : std::string()));
        print_row(out, "train accuracy", percent(final_metrics.train_accuracy));
        print_row(out, "test accuracy", percent(final_metrics.test_accuracy));
        print_entanglement(out, final_metrics);
        print_row(out, "loss", fixed(final_metrics.loss, 6));
        print_row(
            out, "active experts",
            std::to_string(final_metrics.active_experts) + " of " + std::to_string(config.experts));
        print_routing(out, final_metrics, *dataset);
        print_row(out, "epochs/second",
                  elapsed > 0 ? fixed(trained / elapsed, 1) : std::string("-"));
        print_row(
            out, "elapsed",
            fixed(elapsed, 4) + " s (training " + fixed(training, 4) + " s, the rest metrics)");
        print_row(out, "us/epoch",
                  trained > 0 ? fixed(1e6 * elapsed / double(trained), 2) : std::string("-"));
        if (const double peak = peak_resident_bytes(); peak > 0)
            print_row(out, "peak memory", fixed(peak / 1e6, 1) + " MB resident");
        if (files["--save"]) print_row(out, "saved", *files["--save"]);
    }
    if (g_interrupted.load()) {
        return fail(130, "interrupted at epoch " + std::to_string(trainer.epoch()) + " of " +
                             std::to_string(first_epoch + config.epochs) + ".");
    }
    return 0;
}

// ---- eval --------------------------------------------------------------------------------------

// The share of correct cases and the mean loss in `sums` (NaN without cases).
std::pair<double, double> accuracy_and_loss(const MetricsSums& sums) {
    if (sums.cases == 0) return {std::nan(""), std::nan("")};
    return {double(sums.correct) / double(sums.cases), sums.loss / double(sums.cases)};
}

int run_eval(const CliRequest& request) {
    const CommandFiles& own = request.files;

    const SavedModel saved = load_model(*own["--model"]);
    const Config config = request.config(saved.config);
    const auto dataset = load_data(config.dataset);
    warn_about_data(request, config, *dataset);
    const ModelSpec& shape = saved.model.spec();
    if (dataset->dimensions() != shape.inputs || dataset->classes() != shape.classes) {
        throw DatasetError("The model in '" + *own["--model"] + "' takes " +
                           std::to_string(shape.inputs) + " inputs and " +
                           std::to_string(shape.classes) + " classes, but " + dataset->name +
                           " has " + std::to_string(dataset->dimensions()) + " features and " +
                           std::to_string(dataset->classes()) + " classes.");
    }
    if (!saved.class_names.empty() && saved.class_names != dataset->class_names) {
        std::cerr << kProgram << ": warning: the model's class names differ from " << dataset->name
                  << "'s; accuracy assumes the classes are in the same order.\n";
    }
    // In double, with the model's own standardisation.
    const Split split = make_split(*dataset);
    Evaluation<double> evaluation(saved.model, config, dataset, saved.standardization,
                                  split.train_index, split.test_index,
                                  resolve_threads(config.threads));
    evaluation.run();
    EpochMetrics metrics = evaluation.result();
    metrics.epoch = saved.training ? saved.training->epoch : 0;
    const auto [train_accuracy, train_loss] = accuracy_and_loss(evaluation.train_sums());
    const double test_accuracy = accuracy_and_loss(evaluation.test_sums()).first;

    if (request.json) {
        nlohmann::ordered_json report = nlohmann::ordered_json::object();
        report["model_file"] = *own["--model"];
        report["model"] = describe_model(config);
        report["dataset"] = dataset_json(*dataset);
        report["metrics"] = metrics_json(metrics);
        std::cout << report.dump(2) << "\n";
        return 0;
    }
    std::ostream& out = std::cout;
    print_row(out, "model", *own["--model"] + ": " + describe_model(config));
    print_row(out, "dataset", describe_dataset(*dataset));
    print_row(out, "train accuracy", percent(train_accuracy));
    print_row(out, "test accuracy", percent(test_accuracy));
    print_entanglement(out, metrics);
    print_row(out, "loss", std::isnan(train_loss) ? std::string("-") : fixed(train_loss, 6));
    print_routing(out, metrics, *dataset);
    return 0;
}

// ---- datasets ----------------------------------------------------------------------------------

int run_datasets() {
    size_t width = 8;
    for (const auto& info : dataset_registry()) width = std::max(width, info.name.size() + 2);
    for (const auto& info : dataset_registry()) {
        std::cout << "  " << std::left << std::setw(int(width)) << info.name << info.description;
        if (info.synthetic) std::cout << " [synthetic: --cases, --noise, --data-seed]";
        std::cout << "\n";
    }
    std::cout << "  " << std::left << std::setw(int(width)) << "csv:PATH"
              << "a CSV file of numeric features and a label column (--label; default the last)\n";
    return 0;
}

}  // namespace

int run_cli(int argc, char** argv) {
    const std::vector<std::string> arguments(argv + std::min(argc, 1), argv + argc);
    if (arguments.empty()) {
        std::cerr << cli_help();
        return 2;
    }
    try {
        const CliRequest request = parse_cli(arguments);
        for (const std::string& warning : request.warnings)
            std::cerr << kProgram << ": warning: " << warning << "\n";
        if (request.output) {
            std::cout << *request.output;
            return 0;
        }
        switch (request.command) {
            case CliCommand::Train:
                return run_train(request);
            case CliCommand::Eval:
                return run_eval(request);
            case CliCommand::Datasets:
                return run_datasets();
            case CliCommand::Reproduce:
                return run_reproduce(request);
            case CliCommand::None:
                break;
        }
        std::cerr << cli_help();
        return 2;
    } catch (const UsageError& error) {
        return fail(2, error.what());
    } catch (const std::exception& error) {
        // DatasetError, ModelFormatError, ConfigError, file errors: the message says what and
        // where.
        return fail(1, error.what());
    }
}

}  // namespace moelab
