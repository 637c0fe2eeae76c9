#pragma once
// The knob table: every field of Config described once, with its JSON key, its command-line flag,
// its group, a translatable label and one-line help, its type and range, what 0 means where 0 is
// special, how a change takes effect and where the app's control panel shows it; and the rules
// between knobs (K <= N, the hidden layers the MLP and attentive gates need). The CLI options
// (CLI11), the app's options (QCommandLineParser), the config JSON, validation and the control
// panel are generated from it, so a new knob is one entry in knobs.cpp.
//
// Defaults are not written in the table: they are what Config{} holds (default_value()).
#include <cstdint>
#include <functional>
#include <limits>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "training/config.h"

// Marks an English string for Qt's lupdate without the core depending on Qt. The app looks the text
// up with QCoreApplication::translate(context, text); ui/translations.cmake tells lupdate to read
// this macro as QT_TRANSLATE_NOOP.
#define MOELAB_TRANSLATE_NOOP(context, text) text

namespace moelab {

// The translation context of every text in the knob table.
inline constexpr const char* kKnobsContext = "moelab::Knobs";

enum class KnobType {
    Integer,  // an int or long field
    Seed,     // a std::uint64_t field: any integer from 0 to 2^64 - 1
    Real,     // a double field (always finite)
    Choice,   // an enum field, named by the knob's choices
    Widths,   // hidden-layer widths, written "16,8"; "0" = no hidden layer
    Text,     // a string field
    Toggle,   // a bool field: on or off; a bare flag turns it on, --flag=off off
};

// Groups of the command-line help.
enum class KnobGroup { Data, Model, Training, Run };

// What a change of the knob does to a training in progress (TrainingWorker, Trainer::apply).
enum class KnobEffect {
    ReloadData,    // the data are loaded or generated again, and the weights re-initialised
    Reinitialise,  // the model's shape or its seed: new weights
    BetweenSteps,  // applies between two steps; the weights stay
    RunOnly,       // read when a run starts (the CLI's number of epochs)
};

// Where the app's control panel shows a knob: in one of its boxes, in the collapsed "Advanced"
// box, or not at all.
enum class PanelPlace { Hidden, Model, Learning, Data, Advanced };

// The value of any knob: Integer and Choice as long long (a Choice holds its enum's value), Seed as
// uint64, Real as double, Widths as the list of widths, Text as the string, Toggle as bool.
using KnobValue =
    std::variant<long long, std::uint64_t, double, std::vector<int>, std::string, bool>;

inline constexpr long long kNoUpperLimit = std::numeric_limits<long long>::max();
inline constexpr double kInfinity = std::numeric_limits<double>::infinity();

// Integers from low to high, both included; kNoUpperLimit = up to the field type's largest value.
struct IntegerRange {
    long long low = 0;
    long long high = kNoUpperLimit;
};

// Reals between low and high, each end open or closed; high = kInfinity for no upper limit.
struct RealRange {
    double low = 0;
    double high = kInfinity;
    bool low_open = false;
    bool high_open = false;
};

struct KnobChoice {
    long long value;        // the enum's value
    std::string_view name;  // in flags and files: "competitive-log"
    const char* label;      // translatable: "Competitive log-likelihood (eq. 3)"
    const char* help;       // translatable, one line
};

// A Text knob's values: accepts() decides, expected() says what it wants in messages.
struct TextRule {
    std::function<bool(std::string_view)> accepts = nullptr;
    std::function<std::string()> expected = nullptr;
};

// How the control panel draws a knob beyond what its type says.
struct ControlHints {
    // A slider with a value label: a log slider for a log-scale knob, else a linear one (a Real
    // knob's in steps of `step`, its 0 shown as the knob's `zero` text).
    bool slider = false;
    // The part of the range the control spans when narrower than the table's range (NaN = all).
    double low = std::numeric_limits<double>::quiet_NaN();
    double high = std::numeric_limits<double>::quiet_NaN();
    double step = 0;                          // spin box or slider step; 0 = chosen from the range
    bool percent = false;                     // a fraction shown as a percentage
    std::vector<std::string_view> presets{};  // Widths: the combo's list, as parse() reads them
};

// Reads and writes one field of a Config as a KnobValue (knobs.cpp builds it from the field).
struct KnobField {
    std::function<KnobValue(const Config&)> get = nullptr;
    std::function<void(Config&, const KnobValue&)> set = nullptr;
    long long type_max = 0;  // an integer field's largest value
};

struct Knob {
    std::string_view key;                       // JSON key, "experts" or "dataset.cases"
    std::string_view flag;                      // "--experts"
    std::vector<std::string_view> old_flags{};  // spellings still accepted, with a warning
    std::vector<std::string_view> old_keys{};   // JSON keys of older files ("dataset.size")
    KnobGroup group = KnobGroup::Run;
    const char* label = "";             // translatable, short: "Experts"
    const char* help = "";              // translatable, one line
    std::string_view value_name = "X";  // in usage texts: "N", "NAME", "WIDTHS"; none for a Toggle
    KnobType type = KnobType::Integer;
    IntegerRange integers{};            // Integer; Widths: each layer's width
    RealRange reals{};                  // Real
    int max_layers = 0;                 // Widths
    std::vector<KnobChoice> choices{};  // Choice
    TextRule text{};                    // Text; default: any text
    // What 0 (an empty list or text) means where it is special, translatable: "dense". Such a
    // value is accepted besides the range.
    const char* zero = nullptr;
    bool log_scale = false;
    KnobEffect effect = KnobEffect::BetweenSteps;
    PanelPlace panel = PanelPlace::Hidden;
    ControlHints control{};
    // Whether the knob matters for `config` (momentum only for the momentum optimizer); null =
    // always. The panel disables what does not matter.
    std::function<bool(const Config&)> applies = nullptr;
    KnobField field{};

    KnobValue get(const Config& config) const { return field.get(config); }
    // Writes without checking; validate() or find_problem() judge the result.
    void set(Config& config, const KnobValue& value) const { field.set(config, value); }
    // Out of line: GCC 12 inlining a temporary Config here reports its strings as
    // maybe-uninitialized under -march=x86-64-v3 (a false positive).
    KnobValue default_value() const;
    bool matters(const Config& config) const { return !applies || applies(config); }

    // What the knob accepts, for messages: "an integer from 1 to 32",
    // "a number above 0 and below 1e6", "one of linear, mlp", "on or off".
    std::string expected() const;
    // Whether `value` has the knob's type and lies in its range (rules between knobs aside).
    bool accepts(const KnobValue& value) const;
    // Reads a value as typed on a command line or in a control (a Toggle: on, true, 1 or off,
    // false, 0). Throws ConfigError with one line, "<name> expects <expected()>, got '<text>'";
    // `name` defaults to the flag.
    KnobValue parse(std::string_view text, std::string_view name = {}) const;
    std::optional<KnobValue> try_parse(std::string_view text) const;
    // The text parse() reads back: "4", "0.5", "16,8", "competitive-log", "on".
    std::string format(const KnobValue& value) const;
    // format() plus what a special 0 means: "0 (dense)".
    std::string describe(const KnobValue& value) const;
    bool is_zero(const KnobValue& value) const;

    const KnobChoice* find_choice(std::string_view name) const;
    const KnobChoice* find_choice(long long value) const;
};

// Every knob, in the order of the command-line help (Data, Model, Training, Run).
const std::vector<Knob>& knobs();
// By JSON key ("dataset.cases"); find_knob returns null, knob() throws std::logic_error.
const Knob* find_knob(std::string_view key);
const Knob& knob(std::string_view key);
// By flag ("--cases") or an old spelling of it ("--size").
const Knob* find_knob_by_flag(std::string_view flag);

// Translatable names of the groups ("Data") and one-line descriptions of the effects.
const char* group_name(KnobGroup group);
const char* effect_description(KnobEffect effect);

// A knob out of range or a rule broken, with what the knob should have been.
struct KnobProblem {
    const Knob* knob = nullptr;
    std::string expected;  // "an integer from 1 to the number of experts (4)"
    KnobValue value;

    // For a flag: "--top-k expects an integer from 1 to the number of experts (4), got '6'".
    std::string flag_message() const;
    // For a config: "top_k (--top-k) must be an integer from 1 to ..., got 6."
    std::string config_message() const;
};

// A rule between knobs.
struct KnobRule {
    const char* description = "";          // one English line, for documentation and tests
    std::vector<std::string_view> keys{};  // the knobs it relates; the first is the one it blames
    std::function<std::optional<KnobProblem>(const Config&)> check = nullptr;
    // After some knobs were set (`was_set`), makes the others follow; null = nothing follows.
    std::function<void(Config&, const Config& before, const std::function<bool(const Knob&)>&)>
        follow = nullptr;
    // Puts the related knobs in their canonical form (K = N becomes 0); null = nothing to do.
    std::function<void(Config&)> normalise = nullptr;
};
const std::vector<KnobRule>& knob_rules();

// The first knob out of range, else the first rule broken; nothing for a valid config.
std::optional<KnobProblem> find_problem(const Config& config);

// One knob set to one value (from a flag, a file entry or a control).
struct KnobSetting {
    const Knob* knob = nullptr;
    KnobValue value;
};

// After some knobs were set, the others follow the rules: K follows N (a dense gate stays dense;
// a sparse K larger than the new N is clamped to it) unless K was set too. `before` is the config
// before the settings; `was_set` says which knobs were. Ends with normalise().
void follow_rules(Config& config, const Config& before,
                  const std::function<bool(const Knob&)>& was_set);

// `base` with the settings applied in order, then follow_rules(). Does not validate.
Config apply_settings(const Config& base, std::span<const KnobSetting> settings);

// Numbers as people write them: the shortest text that reads back exactly, "1e6" not "1e+06".
std::string format_number(double value);

}  // namespace moelab
