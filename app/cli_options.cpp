#include "cli_options.h"

#include <CLI/CLI.hpp>
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <sstream>

#include "cli_reproduce.h"
#include "errors.h"

#ifndef MOELAB_VERSION
#define MOELAB_VERSION "unknown"
#endif

namespace moelab {

namespace {

constexpr const char* kProgram = "moelab-cli";
constexpr size_t kNameColumn = 26;   // where the descriptions start in --help
constexpr size_t kTextColumns = 74;  // and how wide they may be

// Breaks `text` into lines of at most `width` characters at spaces (CLI11 indents the next lines).
std::string wrap(std::string_view text, size_t width = kTextColumns) {
    std::string out;
    size_t line = 0;
    size_t start = 0;
    while (start < text.size()) {
        size_t end = text.find(' ', start);
        if (end == std::string_view::npos) end = text.size();
        const std::string_view word = text.substr(start, end - start);
        if (line > 0 && line + 1 + word.size() > width) {
            out += '\n';
            line = 0;
        } else if (line > 0) {
            out += ' ';
            ++line;
        }
        out += word;
        line += word.size();
        start = end + 1;
    }
    return out;
}

// "4", "0.333333", "0 = dense", "the last column".
std::string default_text(const Knob& knob, const KnobValue& value) {
    if (const auto* real = std::get_if<double>(&value)) {
        // Six significant digits are enough to read; the exact value is in Config{}.
        char rounded[32];
        std::snprintf(rounded, sizeof rounded, "%.6g", *real);
        return format_number(std::strtod(rounded, nullptr)) +
               (knob.zero && *real == 0 ? std::string(" = ") + knob.zero : std::string());
    }
    if (!knob.zero || !knob.is_zero(value)) return knob.format(value);
    if (knob.type == KnobType::Text) return knob.zero;
    return knob.format(value) + " = " + knob.zero;
}

// One option's help: what it does, what it accepts, its default.
std::string option_help(const Knob& knob, const std::string& default_value) {
    const std::string accepts =
        knob.type == KnobType::Toggle
            ? "on when given alone, or " + std::string(knob.flag) + "=on|off"
            : knob.expected();
    return wrap(std::string(knob.help) + "; " + accepts + " (default: " + default_value + ")");
}

// A switch given its value as the next argument ("--noisy-gate off"): the message, else "".
// Switches take a value only after '=', so that a bare one never swallows what follows it.
std::string separate_switch_value(std::span<const std::string> args, const std::string& word) {
    const auto at = std::find(args.begin(), args.end(), word);
    if (at == args.begin() || at == args.end()) return {};
    const Knob* knob = find_knob_by_flag(*(at - 1));
    if (!knob || knob->type != KnobType::Toggle) return {};
    return std::string(knob->flag) + " takes its value after '=' (" + std::string(knob->flag) +
           "=" + word + "), not as the next argument";
}

bool eval_takes(const Knob& knob) {
    return knob.group == KnobGroup::Data || knob.key == "top_k" || knob.key == "threads";
}

struct KnobOption {
    const Knob* knob;
    std::string flag;  // as registered: the knob's flag or an old spelling
    bool deprecated;
    CLI::Option* option;
};

struct FileOption {
    std::string flag;
    CLI::Option* option;
};

// An option of a command's own (not a knob): its flag and what its value is.
struct ValueOption {
    std::string flag;
    std::string value_name;
    CLI::Option* option;
};

// One command of the tool with its options.
struct Command {
    CliCommand kind = CliCommand::None;
    CLI::App* app = nullptr;
    std::vector<KnobOption> knobs;
    std::vector<FileOption> files;
    std::vector<ValueOption> values;
    CLI::Option* json = nullptr;  // --json (train and eval)

    std::vector<std::string> flags() const {
        std::vector<std::string> names{"--help"};
        if (json) names.push_back("--json");
        for (const FileOption& file : files) names.push_back(file.flag);
        for (const ValueOption& value : values) names.push_back(value.flag);
        for (const KnobOption& option : knobs)
            if (!option.deprecated) names.push_back(option.flag);
        return names;
    }
};

// The whole command line, built from the knob table.
class Parser {
  public:
    Parser()
        : app_(wrap("moelab-cli: mixtures of local experts (Jacobs, Jordan, Nowlan & Hinton "
                    "1991) from the command line.",
                    100),
               kProgram) {
        app_.get_formatter()->column_width(kNameColumn);
        app_.set_version_flag("--version", std::string(kProgram) + " " + MOELAB_VERSION,
                              "Print the version and exit");
        app_.allow_extras();
        app_.footer(
            "Example (the paper's vowel experiment):\n"
            "  moelab-cli train --dataset vowels --experts 4 --loss competitive-log --lr 0.5 \\\n"
            "      --epochs 2000 --save vowels.json\n"
            "  moelab-cli eval --model vowels.json\n\n"
            "'moelab-cli COMMAND --help' lists the options of a command.\n"
            "Exit status: 0 success, 1 runtime error (data, model file, divergence), 2 bad usage,\n"
            "130 interrupted.");

        train_.kind = CliCommand::Train;
        train_.app = app_.add_subcommand(
            "train", "Train a mixture of experts; print its accuracy, loss and speed");
        add_file(train_, "--init",
                 "Start from a saved model's weights and standardisation; its config is the "
                 "default that the options given here override");
        add_file(train_, "--resume",
                 "Continue the training saved in FILE (written by --save) bit for bit: its "
                 "weights, optimizer state, position in the epoch and history; options given "
                 "here may change what does not restart it (--epochs, --lr, --loss...)");
        add_file(train_, "--save",
                 "Write the trained model and its whole training state (moelab-model JSON)");
        add_file(train_, "--log",
                 "Write the full metrics as CSV, one row each time they are recorded "
                 "(--metrics-every N: every N epochs)");
        add_json(train_);
        add_knobs(
            train_, [](const Knob&) { return true; },
            [](const Knob& k) { return default_text(k, k.default_value()); });
        train_.app->footer(
            "Prints train and test accuracy, loss, active experts and speed. Progress goes to\n"
            "stderr; Ctrl-C stops early and still saves. Options take a value as the next\n"
            "argument or after '=' (--lr=0.1); switches need none (--noisy-gate turns the\n"
            "noise on) or take one after '=' (--noisy-gate=off). With --init or --resume FILE,\n"
            "the defaults are that file's.");

        eval_.kind = CliCommand::Eval;
        eval_.app = app_.add_subcommand("eval", "Print the accuracy of a saved model on a dataset");
        add_file(eval_, "--model", "The model (moelab-model JSON), required");
        add_json(eval_);
        add_knobs(eval_, eval_takes, [](const Knob&) { return std::string("the model's"); });
        eval_.app->footer(
            "The dataset and its split default to those the model was trained on; inputs are\n"
            "standardised with the model's own statistics.");

        reproduce_.kind = CliCommand::Reproduce;
        reproduce_.app = app_.add_subcommand(
            "reproduce",
            "Table 1 of the paper: ME 4, ME 8, BP 6, BP 12 over many seeds, epochs to criterion");
        reproduce_.app->allow_extras();
        for (const auto& [flag, value_name, help] : reproduce_options())
            add_value(reproduce_, flag, value_name, help);
        reproduce_.app->footer(reproduce_footer());

        datasets_.kind = CliCommand::Datasets;
        datasets_.app = app_.add_subcommand("datasets", "List the datasets train and eval accept");
        datasets_.app->allow_extras();
        datasets_.app->footer("");
    }

    CliRequest parse(std::span<const std::string> args) {
        CliRequest request;
        // CLI11 takes the arguments in reverse order.
        std::vector<std::string> reversed(args.rbegin(), args.rend());
        try {
            app_.parse(reversed);
        } catch (const CLI::CallForHelp&) {
            request.output = app_.help();
            return request;
        } catch (const CLI::CallForAllHelp&) {
            request.output = app_.help();
            return request;
        } catch (const CLI::CallForVersion& version) {
            request.output = std::string(version.what()) + "\n";
            return request;
        } catch (const CLI::ParseError& error) {
            throw UsageError(error.what());
        }

        const Command* command = nullptr;
        for (const Command* candidate : {&train_, &eval_, &datasets_, &reproduce_})
            if (candidate->app->parsed()) command = candidate;
        if (!command) {
            const std::vector<std::string> extras = app_.remaining();
            if (extras.empty())
                throw UsageError("a command is needed: train, eval, datasets or reproduce (see '" +
                                 std::string(kProgram) + " --help')");
            const std::vector<std::string> known{"train",     "eval",   "datasets",
                                                 "reproduce", "--help", "--version"};
            const std::string nearest = nearest_flag(extras.front(), known);
            throw UsageError(
                (extras.front().starts_with("-") ? "unknown flag '" : "unknown command '") +
                extras.front() + "'" + (nearest.empty() ? "" : " (did you mean " + nearest + "?)") +
                "; expected train, eval, datasets or reproduce (see '" + kProgram + " --help')");
        }
        request.command = command->kind;
        request.json = command->json && command->json->count() > 0;
        check_extras(*command, command->app->remaining(), args);
        read_files(*command, request, args);
        read_values(*command, request, args);
        read_knobs(*command, request, args);
        if (command->kind == CliCommand::Eval && !request.files["--model"])
            throw UsageError(std::string("eval needs --model FILE; see '") + kProgram +
                             " eval --help'");
        return request;
    }

    std::string help(std::string_view command) {
        for (const Command* candidate : {&train_, &eval_, &datasets_, &reproduce_})
            if (candidate->app->get_name() == command) return candidate->app->help(kProgram);
        return app_.help();
    }

    const Command& command(CliCommand kind) const {
        switch (kind) {
            case CliCommand::Eval:
                return eval_;
            case CliCommand::Datasets:
                return datasets_;
            case CliCommand::Reproduce:
                return reproduce_;
            default:
                return train_;
        }
    }

  private:
    static std::string see(const Command& command) {
        return "; see '" + std::string(kProgram) + " " + command.app->get_name() + " --help'";
    }

    void add_json(Command& command) {
        command.json = command.app->add_flag("--json")->description(
            wrap("Print the results as one JSON object on stdout (for programs) instead of text"));
        command.json->group("Output");
    }

    void add_file(Command& command, const std::string& flag, const std::string& help) {
        CLI::Option* option = command.app->add_option(flag)->description(wrap(help));
        option->type_name("FILE")->group("Files")->expected(0, 1);
        option->multi_option_policy(CLI::MultiOptionPolicy::TakeLast);
        command.files.push_back({flag, option});
    }

    void add_value(Command& command, const std::string& flag, const std::string& value_name,
                   const std::string& help) {
        CLI::Option* option = command.app->add_option(flag)->description(wrap(help));
        option->type_name(value_name)->group("Options")->expected(0, 1);
        option->multi_option_policy(CLI::MultiOptionPolicy::TakeLast);
        command.values.push_back({flag, value_name, option});
    }

    template <typename Takes, typename DefaultText>
    void add_knobs(Command& command, Takes takes, DefaultText default_of) {
        command.app->allow_extras();
        for (const Knob& knob : knobs()) {
            if (!takes(knob)) continue;
            auto add = [&](std::string_view flag, bool deprecated) {
                // A switch is a flag: alone it reads "true"; "--noisy-gate=off" gives its value.
                CLI::Option* option = knob.type == KnobType::Toggle
                                          ? command.app->add_flag(std::string(flag))
                                          : command.app->add_option(std::string(flag));
                if (!deprecated) option->description(option_help(knob, default_of(knob)));
                if (knob.type != KnobType::Toggle)
                    option->type_name(std::string(knob.value_name))->expected(0, 1);
                option->multi_option_policy(CLI::MultiOptionPolicy::TakeLast);
                // An empty group keeps a deprecated spelling out of the help.
                option->group(deprecated ? std::string() : std::string(group_name(knob.group)));
                command.knobs.push_back({&knob, std::string(flag), deprecated, option});
            };
            // Old spellings first, so that the current flag wins when both are given.
            for (std::string_view old : knob.old_flags) add(old, true);
            add(knob.flag, false);
        }
    }

    // Arguments the command does not know: the first one is a usage error.
    void check_extras(const Command& command, const std::vector<std::string>& extras,
                      std::span<const std::string> args) const {
        if (extras.empty()) return;
        const std::string& first = extras.front();
        if (command.kind == CliCommand::Datasets)
            throw UsageError("datasets takes no arguments, got '" + first + "'");
        if (!first.starts_with("-")) {
            if (const std::string message = separate_switch_value(args, first); !message.empty())
                throw UsageError(message);
            throw UsageError("unexpected argument '" + first + "'" + see(command));
        }
        const std::string name = first.substr(0, first.find('='));
        if (find_knob_by_flag(name))
            throw UsageError(command.app->get_name() + " does not take " + name + see(command));
        const std::string nearest = nearest_flag(name, command.flags());
        throw UsageError("unknown flag '" + name + "'" +
                         (nearest.empty() ? "" : " (did you mean " + nearest + "?)") +
                         see(command));
    }

    // The value of an option given once or more (the last counts); "" stands for a missing one.
    static std::optional<std::string> value_of(const CLI::Option* option, const std::string& flag,
                                               std::string_view needs,
                                               std::span<const std::string> args) {
        if (option->count() == 0) return std::nullopt;
        const std::string value = option->results().empty() ? "" : option->results().back();
        // "--lr=" gives an empty value on purpose; "--lr" at the end or before another option
        // gives none.
        if (value.empty() && std::find(args.begin(), args.end(), flag + "=") == args.end())
            throw UsageError(flag + " needs a value (" + std::string(needs) + ")");
        return value;
    }

    static void read_files(const Command& command, CliRequest& request,
                           std::span<const std::string> args) {
        for (const FileOption& file : command.files) {
            auto value = value_of(file.option, file.flag, "FILE", args);
            if (value && value->empty()) throw UsageError(file.flag + " needs a file name");
            request.files.values[file.flag] = std::move(value);
        }
    }

    static void read_values(const Command& command, CliRequest& request,
                            std::span<const std::string> args) {
        for (const ValueOption& value : command.values) {
            auto text = value_of(value.option, value.flag, value.value_name, args);
            if (text) request.values[value.flag] = std::move(*text);
        }
    }

    static void read_knobs(const Command& command, CliRequest& request,
                           std::span<const std::string> args) {
        for (const KnobOption& option : command.knobs) {
            auto text = value_of(option.option, option.flag, option.knob->value_name, args);
            if (!text) continue;
            // CLI11 reads a switch's "--noisy-gate=" as "--noisy-gate"; an empty value is a
            // mistake, as for the other options.
            if (option.knob->type == KnobType::Toggle &&
                std::find(args.begin(), args.end(), option.flag + "=") != args.end())
                text = "";
            KnobValue value;
            try {
                value = option.knob->parse(*text, option.flag);
            } catch (const ConfigError& error) {
                throw UsageError(error.what());
            }
            if (option.deprecated) {
                request.warnings.push_back(option.flag + " is deprecated; use " +
                                           std::string(option.knob->flag));
            }
            auto same = std::find_if(request.settings.begin(), request.settings.end(),
                                     [&](const KnobSetting& s) { return s.knob == option.knob; });
            if (same != request.settings.end())
                same->value = std::move(value);
            else
                request.settings.push_back({option.knob, std::move(value)});
        }
    }

    CLI::App app_;
    Command train_, eval_, datasets_, reproduce_;
};

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

const std::optional<std::string>& CommandFiles::operator[](std::string_view flag) const {
    static const std::optional<std::string> none;
    const auto it = values.find(flag);
    return it == values.end() ? none : it->second;
}

bool CliRequest::was_given(std::string_view key) const {
    return std::any_of(settings.begin(), settings.end(),
                       [key](const KnobSetting& s) { return s.knob->key == key; });
}

Config CliRequest::config(const Config& defaults) const {
    const Config config = apply_settings(defaults, settings);
    if (const auto problem = find_problem(config)) throw UsageError(problem->flag_message());
    return config;
}

CliRequest parse_cli(std::span<const std::string> args) {
    if (!args.empty() && args.front() == "help") {
        CliRequest request;
        request.output = cli_help(args.size() > 1 ? std::string_view(args[1]) : "");
        return request;
    }
    return Parser().parse(args);
}

std::string cli_help(std::string_view command) {
    return Parser().help(command);
}

std::vector<std::string> command_flags(CliCommand command) {
    Parser parser;
    std::vector<std::string> flags;
    for (const KnobOption& option : parser.command(command).knobs)
        if (!option.deprecated) flags.push_back(option.flag);
    return flags;
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
