#pragma once
// moelab-cli's command line, read with CLI11: the commands train, eval, datasets and reproduce.
// Every training option is generated from the knob table (training/knobs.h): its flag, value name,
// help with the range and the default, and the range check of the table's parser.
#include <map>
#include <optional>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "training/config.h"
#include "training/knobs.h"

namespace moelab {

// A bad flag or value. what() is one line without the program name, e.g.
// "--experts expects an integer from 1 to 32, got 'x'"; programs print it and exit with code 2.
class UsageError : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

enum class CliCommand { None, Train, Eval, Datasets, Reproduce };

// The files a command names (train: --init, --save, --log; eval: --model), by flag.
struct CommandFiles {
    std::map<std::string, std::optional<std::string>, std::less<>> values;

    // The file given with `flag`, or nothing (also for flags the command does not have).
    const std::optional<std::string>& operator[](std::string_view flag) const;
};

struct CliRequest {
    CliCommand command = CliCommand::None;
    // Help or version text: print it to stdout and exit with 0.
    std::optional<std::string> output;
    std::vector<KnobSetting> settings;  // the training flags given, in the table's order
    CommandFiles files;
    // The command's own options that are not knobs (reproduce: --runs, --sweep...), by flag, as
    // given (the last one counts); app/cli_reproduce.cpp reads them.
    std::map<std::string, std::string, std::less<>> values;
    bool json = false;                  // --json: the results as one JSON object on stdout
    std::vector<std::string> warnings;  // deprecated spellings: print them to stderr and go on

    // Whether the training flag of `key` was given ("experts"; a deprecated spelling counts).
    bool was_given(std::string_view key) const;
    // `defaults` (Config{}, or the config of the --init or --model file) with the flags applied; K
    // follows N unless --top-k was given (a dense gate stays dense). Throws UsageError naming the
    // flag when the result breaks a rule ("--top-k expects an integer from 1 to the number of
    // experts (2), got '3'").
    Config config(const Config& defaults = {}) const;
};

// Reads the arguments after the program name. Throws UsageError: an unknown flag (with the nearest
// known one: "did you mean --experts?"), a bad value, a flag the command does not take.
CliRequest parse_cli(std::span<const std::string> args);

// What --help prints for the tool (command empty) or for "train", "eval" or "datasets".
std::string cli_help(std::string_view command = {});

// The training flags a command takes ("--experts", ...), in help order.
std::vector<std::string> command_flags(CliCommand command);

// The candidate closest to a mistyped word (a couple of edits away), or "" if none is close.
std::string nearest_flag(std::string_view typed, std::span<const std::string> candidates);

}  // namespace moelab
