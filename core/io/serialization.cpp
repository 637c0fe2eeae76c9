#include "io/serialization.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <nlohmann/json.hpp>
#include <utility>

#include "errors.h"

namespace moelab {

namespace {

using json = nlohmann::json;

// A short rendering of an offending value for error messages; a whole weight matrix would drown
// the message.
std::string brief(const json& value) {
    std::string text = value.dump();
    if (text.size() > 40) text = text.substr(0, 37) + "...";
    return text;
}

const json* find_entry(const json& object, const char* key) {
    const auto it = object.find(key);
    return it == object.end() ? nullptr : &*it;
}

// ---- Config ------------------------------------------------------------------------------------

[[noreturn]] void config_type_error(const std::string& key, const char* expected,
                                    const json& value) {
    throw ConfigError("Config entry '" + key + "' must be " + expected + ", got " + brief(value) +
                      ".");
}

// Reads the entries of one JSON object into config fields; entries the object lacks are left alone.
class ConfigReader {
  public:
    ConfigReader(const json& object, std::string prefix)
        : object_(object), prefix_(std::move(prefix)) {}

    bool has(const char* key) const { return find_entry(object_, key) != nullptr; }

    template <typename Integer>
    void integer(const char* key, Integer& out) const {
        const json* value = find_entry(object_, key);
        if (!value) return;
        constexpr bool is_signed = std::numeric_limits<Integer>::is_signed;
        const char* expected = is_signed ? "an integer" : "a non-negative integer";
        if (value->is_number_unsigned()) {
            const auto v = value->get<std::uint64_t>();
            if (!std::in_range<Integer>(v)) config_type_error(prefix_ + key, expected, *value);
            out = static_cast<Integer>(v);
        } else if (value->is_number_integer()) {
            const auto v = value->get<std::int64_t>();
            if (!std::in_range<Integer>(v)) config_type_error(prefix_ + key, expected, *value);
            out = static_cast<Integer>(v);
        } else if (value->is_number_float()) {
            // Programs whose numbers are all doubles (JavaScript, Python's float) may write 4.0.
            const double v = value->get<double>();
            const double limit = std::ldexp(1.0, std::numeric_limits<Integer>::digits);
            const double lowest = is_signed ? -limit : 0.0;
            if (!(v == std::floor(v) && v >= lowest && v < limit))
                config_type_error(prefix_ + key, expected, *value);
            out = static_cast<Integer>(v);
        } else {
            config_type_error(prefix_ + key, expected, *value);
        }
    }

    void number(const char* key, double& out) const {
        const json* value = find_entry(object_, key);
        if (!value) return;
        if (!value->is_number()) config_type_error(prefix_ + key, "a number", *value);
        out = value->get<double>();
    }

    void string(const char* key, std::string& out) const {
        const json* value = find_entry(object_, key);
        if (!value) return;
        if (!value->is_string()) config_type_error(prefix_ + key, "a string", *value);
        out = value->get<std::string>();
    }

    // Hidden layer widths: an array of positive integers, or (files of version 1) one integer,
    // 0 meaning no hidden layer.
    void widths(const char* key, std::vector<int>& out) const {
        const json* value = find_entry(object_, key);
        if (!value) return;
        if (value->is_number()) {
            int units = 0;
            integer(key, units);
            out = units > 0 ? std::vector<int>{units} : std::vector<int>{};
            return;
        }
        if (!value->is_array())
            config_type_error(prefix_ + key, "an array of hidden layer widths", *value);
        std::vector<int> widths;
        for (const json& element : *value) {
            if (!element.is_number_integer())
                config_type_error(prefix_ + key, "an array of hidden layer widths", *value);
            widths.push_back(element.get<int>());
        }
        out = std::move(widths);
    }

    template <typename Enum, typename Parse>
    void name(const char* key, Enum& out, Parse parse) const {
        std::string text;
        if (!has(key)) return;
        string(key, text);
        try {
            out = parse(text);
        } catch (const ConfigError& error) {
            throw ConfigError("Config entry '" + prefix_ + key + "': " + error.what());
        }
    }

  private:
    const json& object_;
    std::string prefix_;
};

template <typename Json>
Json config_document(const Config& config) {
    const DatasetConfig& d = config.dataset;
    return Json{
        {"dataset",
         {{"name", d.name},
          {"cases", d.cases},
          {"noise", d.noise},
          {"seed", d.seed},
          {"test_fraction", d.test_fraction},
          {"label_column", d.label_column}}},
        {"experts", config.experts},
        {"top_k", config.top_k},
        {"expert_hidden", config.expert_hidden},
        {"gate", std::string(to_string(config.gate))},
        {"gate_hidden", config.gate_hidden},
        {"loss", std::string(to_string(config.loss))},
        {"optimizer", std::string(to_string(config.optimizer))},
        {"learning_rate", config.learning_rate},
        {"momentum", config.momentum},
        {"adam_beta1", config.adam_beta1},
        {"adam_beta2", config.adam_beta2},
        {"adam_epsilon", config.adam_epsilon},
        {"ftrl_beta", config.ftrl_beta},
        {"ftrl_l1", config.ftrl_l1},
        {"ftrl_l2", config.ftrl_l2},
        {"batch_size", config.batch_size},
        {"epochs", config.epochs},
        {"seed", config.seed},
        {"threads", config.threads},
        {"precision", std::string(to_string(config.precision))},
        {"metrics_every", config.metrics_every},
        {"balance_weight", config.balance_weight},
        {"importance_weight", config.importance_weight},
    };
}

}  // namespace

nlohmann::json config_to_json(const Config& config) {
    return config_document<json>(config);
}

Config config_from_json(const nlohmann::json& document, Config defaults) {
    if (!document.is_object())
        throw ConfigError("A config must be a JSON object, got " + brief(document) + ".");
    Config config = std::move(defaults);
    if (const auto* dataset = find_entry(document, "dataset")) {
        if (!dataset->is_object()) config_type_error("dataset", "an object", *dataset);
        const ConfigReader d(*dataset, "dataset.");
        d.string("name", config.dataset.name);
        d.integer("size", config.dataset.cases);  // version 1's name
        d.integer("cases", config.dataset.cases);
        d.number("noise", config.dataset.noise);
        d.integer("seed", config.dataset.seed);
        d.number("test_fraction", config.dataset.test_fraction);
        d.string("label_column", config.dataset.label_column);
    }
    const ConfigReader c(document, "");
    const int default_top_k = config.top_k;
    c.integer("experts", config.experts);
    c.integer("top_k", config.top_k);
    // A file that sets the experts but not K keeps the defaults' routing: dense stays dense.
    if (c.has("experts") && !c.has("top_k"))
        config.top_k = default_top_k == 0 ? 0 : std::min(default_top_k, config.experts);
    c.widths("expert_hidden", config.expert_hidden);
    c.name("gate", config.gate, parse_gate);
    c.widths("gate_hidden", config.gate_hidden);
    c.name("precision", config.precision, parse_precision);
    c.integer("metrics_every", config.metrics_every);
    c.number("balance_weight", config.balance_weight);
    c.number("importance_weight", config.importance_weight);
    c.name("loss", config.loss, parse_loss);
    c.name("optimizer", config.optimizer, parse_optimizer);
    c.number("learning_rate", config.learning_rate);
    c.number("momentum", config.momentum);
    c.number("adam_beta1", config.adam_beta1);
    c.number("adam_beta2", config.adam_beta2);
    c.number("adam_epsilon", config.adam_epsilon);
    c.number("ftrl_beta", config.ftrl_beta);
    c.number("ftrl_l1", config.ftrl_l1);
    c.number("ftrl_l2", config.ftrl_l2);
    c.integer("batch_size", config.batch_size);
    c.integer("epochs", config.epochs);
    c.integer("seed", config.seed);
    c.integer("threads", config.threads);
    normalise(config);
    validate(config);
    return config;
}

}  // namespace moelab
