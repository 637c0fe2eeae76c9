#include "io/config_json.h"

#include <cmath>
#include <limits>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "errors.h"
#include "training/knobs.h"

namespace moelab {

namespace {

using json = nlohmann::json;

// A short rendering of an offending value for error messages.
std::string brief(const json& value) {
    std::string text = value.dump();
    if (text.size() > 40) text = text.substr(0, 37) + "...";
    return text;
}

// "dataset.cases" -> {"dataset", "cases"}.
std::vector<std::string> path_of(std::string_view key) {
    std::vector<std::string> path;
    size_t start = 0;
    for (size_t dot = key.find('.'); dot != std::string_view::npos; dot = key.find('.', start)) {
        path.emplace_back(key.substr(start, dot - start));
        start = dot + 1;
    }
    path.emplace_back(key.substr(start));
    return path;
}

// Choices by name, toggles as true and false, the rest as they are.
template <typename Json>
Json value_to_json(const Knob& knob, const KnobValue& value) {
    if (knob.type == KnobType::Choice) return Json(knob.format(value));
    return std::visit([](const auto& v) { return Json(v); }, value);
}

// What an entry must be, for messages: a toggle is true or false in a file, not on or off.
std::string expected_entry(const Knob& knob) {
    return knob.type == KnobType::Toggle ? std::string("true or false") : knob.expected();
}

template <typename Json>
Json document(const Config& config) {
    Json out = Json::object();
    for (const Knob& knob : knobs()) {
        const std::vector<std::string> path = path_of(knob.key);
        Json* place = &out;
        for (size_t i = 0; i + 1 < path.size(); ++i) {
            if (!place->contains(path[i])) (*place)[path[i]] = Json::object();
            place = &(*place)[path[i]];
        }
        (*place)[path.back()] = value_to_json<Json>(knob, knob.get(config));
    }
    return out;
}

[[noreturn]] void entry_error(std::string_view key, const std::string& expected,
                              const json& value) {
    throw ConfigError("Config entry '" + std::string(key) + "' must be " + expected + ", got " +
                      brief(value) + ".");
}

// The entry at `key` ("dataset.cases"), or null; a parent that is not an object is an error.
const json* find_entry(const json& document, std::string_view key) {
    const json* place = &document;
    std::string walked;
    for (const std::string& part : path_of(key)) {
        if (!place->is_object()) entry_error(walked, "an object", *place);
        const auto it = place->find(part);
        if (it == place->end()) return nullptr;
        place = &*it;
        walked += (walked.empty() ? "" : ".") + part;
    }
    return place;
}

// An integral JSON number (4, or 4.0 from a program whose numbers are all doubles) within
// [low, high], else nothing.
template <typename Integer>
std::optional<Integer> integral(const json& value) {
    if (value.is_number_unsigned()) {
        const auto v = value.get<std::uint64_t>();
        if (std::in_range<Integer>(v)) return static_cast<Integer>(v);
    } else if (value.is_number_integer()) {
        const auto v = value.get<std::int64_t>();
        if (std::in_range<Integer>(v)) return static_cast<Integer>(v);
    } else if (value.is_number_float()) {
        const double v = value.get<double>();
        const double limit = std::ldexp(1.0, std::numeric_limits<Integer>::digits);
        const double lowest = std::numeric_limits<Integer>::is_signed ? -limit : 0.0;
        if (v == std::floor(v) && v >= lowest && v < limit) return static_cast<Integer>(v);
    }
    return std::nullopt;
}

// Reads one entry as the knob's value; nothing if it has the wrong type.
std::optional<KnobValue> read_value(const Knob& knob, const json& value) {
    switch (knob.type) {
        case KnobType::Integer:
            if (auto v = integral<long long>(value)) return KnobValue(*v);
            break;
        case KnobType::Seed:
            if (auto v = integral<std::uint64_t>(value)) return KnobValue(*v);
            break;
        case KnobType::Real:
            if (value.is_number()) return KnobValue(value.get<double>());
            break;
        case KnobType::Choice:
            if (value.is_string()) {
                if (const KnobChoice* choice = knob.find_choice(value.get<std::string>()))
                    return KnobValue(choice->value);
            }
            break;
        case KnobType::Widths:
            // Version 1 files: one integer, 0 = no hidden layer.
            if (auto units = integral<int>(value)) {
                return KnobValue(*units > 0 ? std::vector<int>{*units} : std::vector<int>{});
            }
            if (value.is_array()) {
                std::vector<int> widths;
                for (const json& element : value) {
                    const auto width = integral<int>(element);
                    if (!width) return std::nullopt;
                    widths.push_back(*width);
                }
                return KnobValue(std::move(widths));
            }
            break;
        case KnobType::Text:
            if (value.is_string()) return KnobValue(value.get<std::string>());
            break;
        case KnobType::Toggle:
            if (value.is_boolean()) return KnobValue(value.get<bool>());
            break;
    }
    return std::nullopt;
}

}  // namespace

nlohmann::json config_to_json(const Config& config) {
    return document<json>(config);
}

nlohmann::ordered_json config_to_ordered_json(const Config& config) {
    return document<nlohmann::ordered_json>(config);
}

Config config_from_json(const nlohmann::json& json_document, Config defaults) {
    if (!json_document.is_object())
        throw ConfigError("A config must be a JSON object, got " + brief(json_document) + ".");
    std::vector<KnobSetting> settings;
    for (const Knob& knob : knobs()) {
        // Older keys first, so that the current one wins when a file has both.
        std::vector<std::string_view> keys = knob.old_keys;
        keys.push_back(knob.key);
        for (std::string_view key : keys) {
            const json* entry = find_entry(json_document, key);
            if (!entry) continue;
            std::optional<KnobValue> value = read_value(knob, *entry);
            if (!value || !knob.accepts(*value)) entry_error(key, expected_entry(knob), *entry);
            settings.push_back({&knob, std::move(*value)});
        }
    }
    Config config = apply_settings(defaults, settings);
    validate(config);
    return config;
}

}  // namespace moelab
