#pragma once
// A valid value other than the default for every knob of the table, for the tests that walk it
// (GoogleTest for the core, Qt Test for the UI).
#include <cmath>
#include <map>
#include <optional>
#include <string>

#include "training/knobs.h"

namespace moelab::test {

// Text knobs take names the table cannot invent; every Text knob must be listed here (the tests
// fail for one that is not, so none is skipped silently).
inline const std::map<std::string, std::string, std::less<>>& text_examples() {
    static const std::map<std::string, std::string, std::less<>> examples{
        {"dataset.name", "moons"},
        {"dataset.label_column", "species"},  // a column of tests/data/small_points.csv
    };
    return examples;
}

// A value the knob accepts that differs from `base`'s (Config{} by default); nothing for a Text
// knob missing from text_examples().
inline std::optional<KnobValue> find_non_default_value(const Knob& knob,
                                                       const Config& base = Config{}) {
    const KnobValue default_value = knob.get(base);
    auto fits = [&](const KnobValue& candidate) {
        return knob.accepts(candidate) && candidate != default_value;
    };
    switch (knob.type) {
        case KnobType::Integer: {
            const long long d = std::get<long long>(default_value);
            for (long long candidate : {2 * d, d + 1, knob.integers.low + 1, knob.integers.low})
                if (fits(candidate)) return candidate;
            break;
        }
        case KnobType::Seed:
            return std::get<std::uint64_t>(default_value) + 1;
        case KnobType::Real: {
            const double d = std::get<double>(default_value);
            const double middle = std::isinf(knob.reals.high)
                                      ? knob.reals.low + 1
                                      : (knob.reals.low + knob.reals.high) / 2;
            for (double candidate : {2 * d, d / 2, d + 0.5, middle})
                if (fits(candidate)) return candidate;
            break;
        }
        case KnobType::Choice:
            for (const KnobChoice& choice : knob.choices)
                if (fits(choice.value)) return choice.value;
            break;
        case KnobType::Widths:
            for (const std::vector<int>& candidate : {std::vector<int>{3}, std::vector<int>{3, 2}})
                if (fits(candidate)) return candidate;
            break;
        case KnobType::Text:
            if (const auto it = text_examples().find(knob.key); it != text_examples().end())
                return it->second;
            break;
        case KnobType::Toggle:
            return !std::get<bool>(default_value);
    }
    return std::nullopt;
}

}  // namespace moelab::test
