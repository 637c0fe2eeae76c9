#include "cli_options.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <functional>
#include <iomanip>
#include <limits>
#include <ostream>
#include <sstream>

#include "data/registry.h"

namespace moelab {

namespace {

// How a flag reads its value and writes it into the config; throws UsageError with `flag` named.
using Apply = std::function<void(Config&, std::string_view flag, std::string_view value)>;
using ShowDefault = std::function<std::string(const Config&)>;

struct Flag {
    std::string_view group;
    std::string_view name;
    std::string_view value;
    std::string_view help;
    ShowDefault show_default;
    Apply apply;
};

[[noreturn]] void bad_value(std::string_view flag, std::string_view expected,
                            std::string_view value) {
    throw UsageError(std::string(flag) + " expects " + std::string(expected) + ", got '" +
                     std::string(value) + "'");
}

template <typename Integer>
bool parse_integer(std::string_view text, Integer& out) {
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), out);
    return error == std::errc() && end == text.data() + text.size() && !text.empty();
}

bool parse_double(std::string_view text, double& out) {
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), out);
    return error == std::errc() && end == text.data() + text.size() && !text.empty() &&
           std::isfinite(out);
}

std::string format_number(double value) {
    std::ostringstream out;
    out << std::setprecision(6) << value;
    return out.str();
}

// An integer knob within [low, high].
template <typename Integer, typename Field>
Apply integer_in(Integer low, Integer high, Field field) {
    return [low, high, field](Config& config, std::string_view flag, std::string_view value) {
        Integer parsed{};
        if (!parse_integer(value, parsed) || parsed < low || parsed > high) {
            std::string expected;
            if (high == std::numeric_limits<Integer>::max()) {
                expected = low == 0 ? "a non-negative integer"
                                    : "an integer of at least " + std::to_string(low);
            } else {
                expected = "an integer from " + std::to_string(low) + " to " + std::to_string(high);
            }
            bad_value(flag, expected, value);
        }
        field(config) = parsed;
    };
}

// A real knob accepted by `accepts`, described by `expected` in errors.
template <typename Field>
Apply number_where(std::function<bool(double)> accepts, std::string expected, Field field) {
    return
        [accepts, expected, field](Config& config, std::string_view flag, std::string_view value) {
            double parsed = 0;
            if (!parse_double(value, parsed) || !accepts(parsed)) bad_value(flag, expected, value);
            field(config) = parsed;
        };
}

template <typename Enum, size_t Count, typename Field>
Apply one_of(std::array<Enum, Count> values, Field field) {
    return [values, field](Config& config, std::string_view flag, std::string_view value) {
        std::string names;
        for (Enum candidate : values) {
            if (to_string(candidate) == value) {
                field(config) = candidate;
                return;
            }
            names += (names.empty() ? "" : ", ") + std::string(to_string(candidate));
        }
        bad_value(flag, "one of " + names, value);
    };
}

std::string widths_text(const std::vector<int>& widths) {
    std::string text;
    for (int width : widths) text += (text.empty() ? "" : ",") + std::to_string(width);
    return text.empty() ? std::string("0") : text;
}

// Hidden layer widths: "0" (none), "8" or "16,8".
template <typename Field>
Apply widths(Field field) {
    return [field](Config& config, std::string_view flag, std::string_view value) {
        std::vector<int> parsed;
        if (value != "0") {
            size_t start = 0;
            while (start <= value.size()) {
                const size_t comma = std::min(value.find(',', start), value.size());
                int width = 0;
                if (!parse_integer(value.substr(start, comma - start), width) || width < 1 ||
                    width > 256)
                    bad_value(flag, "hidden layer widths from 1 to 256 separated by commas, or 0",
                              value);
                parsed.push_back(width);
                start = comma + 1;
            }
        }
        field(config) = std::move(parsed);
    };
}

bool is_dataset_name(std::string_view name) {
    if (name.starts_with("csv:")) return name.size() > 4;
    const auto& registry = dataset_registry();
    return std::any_of(registry.begin(), registry.end(),
                       [name](const DatasetInfo& info) { return info.name == name; });
}

const std::vector<Flag>& flags() {
    constexpr auto kMaxInt = std::numeric_limits<int>::max();
    constexpr auto kMaxLong = std::numeric_limits<long>::max();
    constexpr auto kMaxSeed = std::numeric_limits<std::uint64_t>::max();
    static const std::vector<Flag> table = {
        // Data.
        {"Data", "--dataset", "NAME", "a dataset from 'moelab-cli datasets', or csv:PATH",
         [](const Config& c) { return c.dataset.name; },
         [](Config& c, std::string_view flag, std::string_view value) {
             if (!is_dataset_name(value)) {
                 std::string names;
                 for (const auto& info : dataset_registry()) names += info.name + ", ";
                 bad_value(flag, "one of " + names + "or csv:PATH", value);
             }
             c.dataset.name = std::string(value);
         }},
        {"Data", "--size", "N",
         "cases of a synthetic dataset or training images of fashion-mnist, 4 to 1000000; 0 = "
         "the dataset's own size",
         [](const Config& c) { return std::to_string(c.dataset.cases); },
         integer_in(0, 1000000, [](Config& c) -> int& { return c.dataset.cases; })},
        {"Data", "--noise", "X", "noise of a synthetic dataset, 0 to 10",
         [](const Config& c) { return format_number(c.dataset.noise); },
         number_where([](double x) { return x >= 0 && x <= 10; }, "a number from 0 to 10",
                      [](Config& c) -> double& { return c.dataset.noise; })},
        {"Data", "--data-seed", "N", "seed of a synthetic dataset and of the CSV split",
         [](const Config& c) { return std::to_string(c.dataset.seed); },
         integer_in(std::uint64_t{0}, kMaxSeed,
                    [](Config& c) -> std::uint64_t& { return c.dataset.seed; })},
        {"Data", "--test-fraction", "X",
         "held-out share of each class, in [0, 1) (the vowels split by speaker)",
         [](const Config& c) { return format_number(c.dataset.test_fraction); },
         number_where([](double x) { return x >= 0 && x < 1; }, "a number in [0, 1)",
                      [](Config& c) -> double& { return c.dataset.test_fraction; })},
        {"Data", "--label", "COLUMN", "label column of a CSV dataset",
         [](const Config& c) {
             return c.dataset.label_column.empty() ? std::string("the last column")
                                                   : c.dataset.label_column;
         },
         [](Config& c, std::string_view flag, std::string_view value) {
             if (value.empty()) bad_value(flag, "a column name", value);
             c.dataset.label_column = std::string(value);
         }},
        // Model.
        {"Model", "--experts", "N", "number of experts, 1 to 32",
         [](const Config& c) { return std::to_string(c.experts); },
         integer_in(1, 32, [](Config& c) -> int& { return c.experts; })},
        {"Model", "--top-k", "K",
         "experts each case is routed to, 1 to N; K = N is the dense gate of 1991",
         [](const Config& c) {
             return c.dense() ? std::string("the number of experts") : std::to_string(c.top_k);
         },
         integer_in(0, 32, [](Config& c) -> int& { return c.top_k; })},
        {"Model", "--hidden", "N", "tanh hidden units per expert, 0 (linear) to 64",
         [](const Config& c) { return widths_text(c.expert_hidden); },
         widths([](Config& c) -> std::vector<int>& { return c.expert_hidden; })},
        {"Model", "--gate", "TYPE", "gating network: linear or mlp",
         [](const Config& c) { return std::string(to_string(c.gate)); },
         one_of(std::array{GateType::Linear, GateType::Mlp},
                [](Config& c) -> GateType& { return c.gate; })},
        {"Model", "--gate-hidden", "N", "tanh hidden units of the mlp gate, 1 to 64",
         [](const Config& c) { return widths_text(c.gate_hidden); },
         widths([](Config& c) -> std::vector<int>& { return c.gate_hidden; })},
        // Training.
        {"Training", "--loss", "NAME",
         "cooperative (eq. 1), competitive (eq. 2), competitive-log (eq. 3) or mixture-nll",
         [](const Config& c) { return std::string(to_string(c.loss)); },
         one_of(std::array{LossType::Cooperative, LossType::Competitive, LossType::CompetitiveLog,
                           LossType::MixtureNll},
                [](Config& c) -> LossType& { return c.loss; })},
        {"Training", "--optimizer", "NAME", "sgd, momentum, adam or ftrl",
         [](const Config& c) { return std::string(to_string(c.optimizer)); },
         one_of(std::array{OptimizerType::Sgd, OptimizerType::Momentum, OptimizerType::Adam,
                           OptimizerType::Ftrl},
                [](Config& c) -> OptimizerType& { return c.optimizer; })},
        {"Training", "--lr", "X", "learning rate, above 0 and below 1e6",
         [](const Config& c) { return format_number(c.learning_rate); },
         number_where([](double x) { return x > 0 && x < 1e6; }, "a number above 0 and below 1e6",
                      [](Config& c) -> double& { return c.learning_rate; })},
        {"Training", "--momentum", "X", "momentum of the momentum optimizer, in [0, 1)",
         [](const Config& c) { return format_number(c.momentum); },
         number_where([](double x) { return x >= 0 && x < 1; }, "a number in [0, 1)",
                      [](Config& c) -> double& { return c.momentum; })},
        {"Training", "--adam-beta1", "X", "Adam's first-moment decay, in [0, 1)",
         [](const Config& c) { return format_number(c.adam_beta1); },
         number_where([](double x) { return x >= 0 && x < 1; }, "a number in [0, 1)",
                      [](Config& c) -> double& { return c.adam_beta1; })},
        {"Training", "--adam-beta2", "X", "Adam's second-moment decay, in [0, 1)",
         [](const Config& c) { return format_number(c.adam_beta2); },
         number_where([](double x) { return x >= 0 && x < 1; }, "a number in [0, 1)",
                      [](Config& c) -> double& { return c.adam_beta2; })},
        {"Training", "--adam-eps", "X", "Adam's epsilon, above 0",
         [](const Config& c) { return format_number(c.adam_epsilon); },
         number_where([](double x) { return x > 0; }, "a positive number",
                      [](Config& c) -> double& { return c.adam_epsilon; })},
        {"Training", "--ftrl-beta", "X", "FTRL's beta, 0 or more",
         [](const Config& c) { return format_number(c.ftrl_beta); },
         number_where([](double x) { return x >= 0; }, "a non-negative number",
                      [](Config& c) -> double& { return c.ftrl_beta; })},
        {"Training", "--ftrl-l1", "X", "FTRL's L1 strength, 0 or more",
         [](const Config& c) { return format_number(c.ftrl_l1); },
         number_where([](double x) { return x >= 0; }, "a non-negative number",
                      [](Config& c) -> double& { return c.ftrl_l1; })},
        {"Training", "--ftrl-l2", "X", "FTRL's L2 strength, 0 or more",
         [](const Config& c) { return format_number(c.ftrl_l2); },
         number_where([](double x) { return x >= 0; }, "a non-negative number",
                      [](Config& c) -> double& { return c.ftrl_l2; })},
        {"Training", "--batch", "N", "cases per step; 0 = the full training set",
         [](const Config& c) { return std::to_string(c.batch_size); },
         integer_in(0, kMaxInt, [](Config& c) -> int& { return c.batch_size; })},
        {"Training", "--epochs", "N", "passes over the training data",
         [](const Config& c) { return std::to_string(c.epochs); },
         integer_in(0L, kMaxLong, [](Config& c) -> long& { return c.epochs; })},
        {"Training", "--seed", "N", "seed of the initial weights and the batch order",
         [](const Config& c) { return std::to_string(c.seed); },
         integer_in(std::uint64_t{0}, kMaxSeed,
                    [](Config& c) -> std::uint64_t& { return c.seed; })},
        {"Training", "--threads", "N", "OpenMP threads, 0 (the library's default) to 1024",
         [](const Config& c) { return std::to_string(c.threads); },
         integer_in(0, 1024, [](Config& c) -> int& { return c.threads; })},
        {"Training", "--precision", "NAME", "float (fast, the default) or double",
         [](const Config& c) { return std::string(to_string(c.precision)); },
         one_of(std::array{Precision::Float, Precision::Double},
                [](Config& c) -> Precision& { return c.precision; })},
        {"Training", "--metrics-every", "N",
         "full metrics every N epochs; 0 = ten times a second and at the end",
         [](const Config& c) { return std::to_string(c.metrics_every); },
         integer_in(0L, kMaxLong, [](Config& c) -> long& { return c.metrics_every; })},
        {"Training", "--balance", "W", "weight of the load-balancing loss (Switch Transformer)",
         [](const Config& c) { return format_number(c.balance_weight); },
         number_where([](double x) { return x >= 0; }, "a non-negative number",
                      [](Config& c) -> double& { return c.balance_weight; })},
        {"Training", "--importance", "W", "weight of the importance loss (Shazeer et al. 2017)",
         [](const Config& c) { return format_number(c.importance_weight); },
         number_where([](double x) { return x >= 0; }, "a non-negative number",
                      [](Config& c) -> double& { return c.importance_weight; })},
    };
    return table;
}

const Flag* find_flag(std::string_view name) {
    for (const Flag& flag : flags())
        if (flag.name == name) return &flag;
    return nullptr;
}

size_t edit_distance(std::string_view a, std::string_view b) {
    std::vector<size_t> row(b.size() + 1);
    for (size_t j = 0; j <= b.size(); ++j) row[j] = j;
    for (size_t i = 1; i <= a.size(); ++i) {
        size_t diagonal = row[0];
        row[0] = i;
        for (size_t j = 1; j <= b.size(); ++j) {
            const size_t above = row[j];
            row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] != b[j - 1])});
            diagonal = above;
        }
    }
    return row[b.size()];
}

}  // namespace

ParsedTrainingFlags parse_training_flags(std::span<const std::string> args,
                                         const Config& defaults) {
    ParsedTrainingFlags parsed;
    parsed.config = defaults;
    for (size_t i = 0; i < args.size(); ++i) {
        const std::string_view argument = args[i];
        const size_t equals = argument.find('=');
        const bool inline_value = argument.starts_with("--") && equals != std::string_view::npos;
        const std::string_view name = inline_value ? argument.substr(0, equals) : argument;
        const Flag* flag = find_flag(name);
        if (!flag) {
            parsed.other_arguments.push_back(args[i]);
            continue;
        }
        std::string_view value;
        if (inline_value) {
            value = argument.substr(equals + 1);
        } else if (i + 1 < args.size()) {
            value = args[++i];
        } else {
            throw UsageError(std::string(name) + " needs a value (" + std::string(flag->value) +
                             ")");
        }
        flag->apply(parsed.config, name, value);
        parsed.given.insert(std::string(name));
    }

    Config& config = parsed.config;
    if (parsed.was_given("--experts") && !parsed.was_given("--top-k"))
        config.top_k = defaults.top_k == 0 ? 0 : std::min(defaults.top_k, config.experts);
    if (parsed.was_given("--top-k") && config.top_k > config.experts) {
        throw UsageError("--top-k expects an integer from 1 to the number of experts (" +
                         std::to_string(config.experts) + "), got '" +
                         std::to_string(config.top_k) + "'");
    }
    normalise(config);
    return parsed;
}

void print_training_flags_help(std::ostream& out, const Config& defaults) {
    std::string_view group;
    for (const Flag& flag : flags()) {
        if (flag.group != group) {
            group = flag.group;
            out << (group == flags().front().group ? "" : "\n") << group << ":\n";
        }
        std::string left = "  " + std::string(flag.name) + " " + std::string(flag.value);
        if (left.size() < 24)
            left.resize(24, ' ');
        else
            left += "  ";
        out << left << flag.help << " (default: " << flag.show_default(defaults) << ")\n";
    }
}

std::vector<std::string> training_flag_names() {
    std::vector<std::string> names;
    for (const Flag& flag : flags()) names.emplace_back(flag.name);
    return names;
}

std::string nearest_flag(std::string_view typed, std::span<const std::string> candidates) {
    std::string best;
    size_t best_distance = 3;  // more than two edits away is a different word, not a typo
    for (const std::string& candidate : candidates) {
        const size_t distance = edit_distance(typed, candidate);
        if (distance < best_distance) {
            best = candidate;
            best_distance = distance;
        }
    }
    return best;
}

}  // namespace moelab
