#pragma once
// The training flags (--experts 4 --loss competitive ...) as one table, parsed into a Config and
// documented with their defaults. moelab-cli uses it for `train` and `eval`; the desktop app uses
// it for `moelab --export-figure out.png [training flags]`, so both accept exactly the same flags.
#include <iosfwd>
#include <set>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "training/config.h"

namespace moelab {

// A bad flag or value. what() is one line without the program name, e.g.
// "--experts expects an integer from 1 to 32, got 'x'"; programs print it and exit with code 2.
class UsageError : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

struct ParsedTrainingFlags {
    Config config;
    std::set<std::string, std::less<>> given;  // the training flags present, as typed: "--experts"
    std::vector<std::string> other_arguments;  // everything that is not a training flag, in order

    bool was_given(std::string_view flag) const { return given.contains(flag); }
};

// Parses the training flags among `args` (without the program name or sub-command) on top of
// `defaults`. A flag takes its value from the next argument or after '=' (--lr=0.1). Arguments that
// are not training flags are passed through in other_arguments, so a program can add its own flags.
// --top-k, when absent, follows --experts (dense stays dense). Throws UsageError naming the flag.
ParsedTrainingFlags parse_training_flags(std::span<const std::string> args,
                                         const Config& defaults = {});

// One line per training flag, in groups (data, model, training): the flag, its value, what it
// does and its default taken from `defaults`.
void print_training_flags_help(std::ostream& out, const Config& defaults = {});

// Every training flag name ("--experts", ...), in help order.
std::vector<std::string> training_flag_names();

// The candidate closest to a mistyped flag (a couple of edits away), or "" if none is close.
std::string nearest_flag(std::string_view typed, std::span<const std::string> candidates);

}  // namespace moelab
