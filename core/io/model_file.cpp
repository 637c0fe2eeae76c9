#include "io/model_file.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>
#include <nlohmann/json.hpp>
#include <optional>
#include <utility>

#include "errors.h"
#include "io/atomic_file.h"
#include "io/config_json.h"
#include "io/json_file.h"
#include "io/json_reading.h"
#include "training/trainer.h"

namespace moelab {

namespace {

using namespace json_reading;
using ordered_json = nlohmann::ordered_json;

constexpr const char* kFormatName = "moelab-model";

// ---- writing -----------------------------------------------------------------------------------

ordered_json matrix_to_json(const Eigen::Ref<const Eigen::MatrixXd, 0, Eigen::OuterStride<>>& m,
                            const std::string& path) {
    ordered_json rows = ordered_json::array();
    for (Eigen::Index r = 0; r < m.rows(); ++r) {
        ordered_json row = ordered_json::array();
        for (Eigen::Index c = 0; c < m.cols(); ++c) {
            // JSON has no NaN or Inf (nlohmann would write null), so such a file could not be read.
            if (!std::isfinite(m(r, c))) {
                format_error("Cannot save a model whose " + path + " row " + std::to_string(r) +
                             " column " + std::to_string(c) + " is not finite.");
            }
            row.push_back(m(r, c));
        }
        rows.push_back(std::move(row));
    }
    return rows;
}

template <typename Values>
ordered_json numbers_to_json(const Values& values, const std::string& path) {
    ordered_json array = ordered_json::array();
    for (Eigen::Index i = 0; i < Eigen::Index(values.size()); ++i) {
        const double value = values[i];
        if (!std::isfinite(value))
            format_error("Cannot save a model whose " + indexed(path, size_t(i)) +
                         " is not finite.");
        array.push_back(value);
    }
    return array;
}

// A number that may be NaN (no test split): null in the file.
ordered_json maybe_number(double value) {
    return std::isfinite(value) ? ordered_json(value) : ordered_json(nullptr);
}

ordered_json layers_to_json(const Mixture<double>& model, const std::vector<DenseSlice>& layers,
                            const std::string& path) {
    ordered_json result = ordered_json::array();
    for (size_t l = 0; l < layers.size(); ++l) {
        const std::string layer_path = indexed(path + ".layers", l);
        ordered_json layer = ordered_json::object();
        layer["W"] =
            matrix_to_json(weights_of<double>(model.parameters(), layers[l]), layer_path + ".W");
        layer["b"] =
            numbers_to_json(biases_of<double>(model.parameters(), layers[l]), layer_path + ".b");
        result.push_back(std::move(layer));
    }
    return result;
}

ordered_json metrics_to_json(const EpochMetrics& m) {
    ordered_json out = ordered_json::object();
    out["epoch"] = m.epoch;
    out["loss"] = maybe_number(m.loss);
    out["train_accuracy"] = maybe_number(m.train_accuracy);
    out["test_accuracy"] = maybe_number(m.test_accuracy);
    out["gate_entropy"] = maybe_number(m.gate_entropy);
    out["utilisation"] = m.utilisation;
    out["top_share"] = m.top_share;
    ordered_json responsibility = ordered_json::array();
    for (Eigen::Index r = 0; r < m.responsibility.rows(); ++r) {
        ordered_json row = ordered_json::array();
        for (Eigen::Index c = 0; c < m.responsibility.cols(); ++c)
            row.push_back(m.responsibility(r, c));
        responsibility.push_back(std::move(row));
    }
    out["responsibility"] = std::move(responsibility);
    out["active_experts"] = m.active_experts;
    out["seconds"] = m.seconds;
    ordered_json routing = ordered_json::array();
    for (Eigen::Index r = 0; r < m.routing.rows(); ++r) {
        ordered_json row = ordered_json::array();
        for (Eigen::Index c = 0; c < m.routing.cols(); ++c) row.push_back(m.routing(r, c));
        routing.push_back(std::move(row));
    }
    out["routing"] = std::move(routing);
    out["expert_given_class_entropy"] = maybe_number(m.expert_given_class_entropy);
    out["class_given_expert_entropy"] = maybe_number(m.class_given_expert_entropy);
    out["expert_class_information"] = maybe_number(m.expert_class_information);
    out["dead_experts"] = m.dead_experts;
    out["dropped_cases"] = m.dropped_cases;
    out["balance_loss"] = maybe_number(m.balance_loss);
    out["top_expert_accuracy"] = maybe_number(m.top_expert_accuracy);
    ordered_json own = ordered_json::array();
    for (double a : m.own_accuracy) own.push_back(maybe_number(a));
    out["own_accuracy"] = std::move(own);
    // What the views show of an epoch besides the curves: the dropped cases on the plane, the
    // strongest cases in the gallery, the noise's flips.
    out["dropped_rows"] = m.dropped_rows;
    out["strongest_cases"] = m.strongest_cases;
    out["noise_first_choice_flips"] = maybe_number(m.noise_first_choice_flips);
    out["noise_routed_set_flips"] = maybe_number(m.noise_routed_set_flips);
    return out;
}

ordered_json training_to_json(const TrainingState& state) {
    ordered_json out = ordered_json::object();
    out["epoch"] = state.epoch;
    out["cursor"] = state.cursor;
    out["epoch_loss_sum"] = state.epoch_loss_sum;
    out["epoch_cases"] = state.epoch_cases;
    out["epoch_dropped_rows"] = state.epoch_dropped_rows;
    out["last_epoch_dropped_rows"] = state.last_epoch_dropped_rows;
    out["seconds"] = state.seconds;
    out["shuffle_rng"] = state.shuffle_rng;
    out["order"] = state.order;
    ordered_json optimizer = ordered_json::object();
    optimizer["kind"] = std::string(to_string(state.optimizer.type));
    optimizer["steps"] = state.optimizer.steps;
    ordered_json vectors = ordered_json::object();
    for (const auto& [name, values] : state.optimizer.vectors)
        vectors[name] = numbers_to_json(values, "training.optimizer." + name);
    optimizer["vectors"] = std::move(vectors);
    out["optimizer"] = std::move(optimizer);
    ordered_json history = ordered_json::object();
    history["epoch_loss"] = ordered_json::array();
    for (double loss : state.history.epoch_loss)
        history["epoch_loss"].push_back(maybe_number(loss));
    history["metrics"] = ordered_json::array();
    for (const EpochMetrics& m : state.history.metrics)
        history["metrics"].push_back(metrics_to_json(m));
    // A long run's history is thinned (training/decimated_series.h): its spacing and count, so a
    // resumed run thins it on exactly as the original would. Absent: every point is there.
    auto thinning = [&](const auto& series, const char* stride_key, const char* count_key) {
        if (series.stride() == 1) return;
        history[stride_key] = series.stride();
        history[count_key] = series.appended();
    };
    thinning(state.history.epoch_loss, "epoch_loss_stride", "epoch_loss_count");
    thinning(state.history.metrics, "metrics_stride", "metrics_count");
    out["history"] = std::move(history);
    return out;
}

// The config as the weights define it: a file always describes the network it holds.
Config config_matching_spec(Config config, const ModelSpec& spec) {
    config.experts = spec.experts;
    config.expert_hidden = spec.expert_hidden;
    config.gate = spec.gate;
    // An attentive gate's query network may have no hidden layer: then the config says so too.
    if (!spec.gate_hidden.empty() || spec.gate == GateType::Attentive)
        config.gate_hidden = spec.gate_hidden;
    if (config.top_k > spec.experts) config.top_k = 0;
    normalise(config);
    return config;
}

}  // namespace

nlohmann::ordered_json model_to_ordered_json(const SavedModel& saved) {
    const Mixture<double>& model = saved.model;
    const ModelSpec& spec = model.spec();
    if (saved.standardization.mean.size() != spec.inputs ||
        saved.standardization.std.size() != spec.inputs) {
        format_error("Cannot save a model with " + std::to_string(spec.inputs) +
                     " inputs and a standardisation of " +
                     std::to_string(saved.standardization.mean.size()) + " features.");
    }
    ordered_json out = ordered_json::object();
    out["format"] = kFormatName;
    out["version"] = kModelFileVersion;
    out["config"] = config_to_ordered_json(config_matching_spec(saved.config, spec));
    if (!saved.class_names.empty()) out["class_names"] = saved.class_names;
    if (!saved.feature_names.empty()) out["feature_names"] = saved.feature_names;
    ordered_json standardization = ordered_json::object();
    standardization["mean"] = numbers_to_json(saved.standardization.mean, "standardization.mean");
    standardization["std"] = numbers_to_json(saved.standardization.std, "standardization.std");
    out["standardization"] = std::move(standardization);

    const ModelStructure& structure = model.structure();
    ordered_json gate = ordered_json::object();
    gate["kind"] = std::string(to_string(structure.gate().type()));
    const json settings = structure.gate().settings();
    for (const auto& [key, value] : settings.items()) gate[key] = ordered_json::parse(value.dump());
    std::vector<DenseSlice> gate_layers = structure.gate().layers();
    if (structure.gate().type() == GateType::Attentive) {
        // The query network as "layers" (like an MLP gate's, to h outputs), then the key matrix
        // W_k (h x e, no biases) as "key".
        const DenseSlice key = gate_layers.back();
        gate_layers.pop_back();
        gate["layers"] = layers_to_json(model, gate_layers, "gate");
        ordered_json key_entry = ordered_json::object();
        key_entry["W"] = matrix_to_json(weights_of<double>(model.parameters(), key), "gate.key.W");
        gate["key"] = std::move(key_entry);
    } else {
        gate["layers"] = layers_to_json(model, gate_layers, "gate");
    }
    // A noisy gate's noise layer (inputs -> one noise logit per expert, Shazeer et al. 2017).
    if (const DenseSlice* noise = structure.noise_layer())
        gate["noise"] = layers_to_json(model, {*noise}, "gate.noise").front();
    out["gate"] = std::move(gate);
    ordered_json experts = ordered_json::array();
    for (size_t i = 0; i < structure.experts().size(); ++i) {
        const Expert& expert = structure.experts()[i];
        ordered_json entry = ordered_json::object();
        entry["hidden"] = expert.hidden();
        entry["layers"] = layers_to_json(model, expert.layers(), indexed("experts", i));
        experts.push_back(std::move(entry));
    }
    out["experts"] = std::move(experts);
    if (const Expert* shared = structure.shared_expert()) {
        ordered_json entry = ordered_json::object();
        entry["hidden"] = shared->hidden();
        entry["layers"] = layers_to_json(model, shared->layers(), "shared_expert");
        out["shared_expert"] = std::move(entry);
    }
    if (saved.training) out["training"] = training_to_json(*saved.training);
    return out;
}

namespace {

// Indented like dump(2), except that an array of plain values stays on one line, so a weight
// matrix reads as one line per row. Numbers are nlohmann's shortest exact text.
void write_readable(std::string& out, const ordered_json& value, int level) {
    auto new_line = [&out](int indent) {
        out += '\n';
        out.append(size_t(2 * indent), ' ');
    };
    if (value.is_object() && !value.empty()) {
        out += '{';
        bool first = true;
        for (const auto& item : value.items()) {
            if (!first) out += ',';
            first = false;
            new_line(level + 1);
            out += ordered_json(item.key()).dump() + ": ";
            write_readable(out, item.value(), level + 1);
        }
        new_line(level);
        out += '}';
    } else if (value.is_array() && !value.empty()) {
        const bool flat = std::none_of(value.begin(), value.end(),
                                       [](const auto& element) { return element.is_structured(); });
        out += '[';
        for (size_t i = 0; i < value.size(); ++i) {
            if (i > 0) out += flat ? ", " : ",";
            if (!flat) new_line(level + 1);
            write_readable(out, value[i], level + 1);
        }
        if (!flat) new_line(level);
        out += ']';
    } else {
        out += value.dump();
    }
}

// ---- reading -----------------------------------------------------------------------------------

struct Layer {
    Eigen::MatrixXd weights;  // rows = outputs, cols = inputs
    Eigen::VectorXd biases;
};

// One network as written: its layers, chained (each layer's columns = the rows of the one before).
struct NetworkRead {
    std::vector<Layer> layers;
    std::vector<int> hidden;  // the rows of every layer but the last
};

NetworkRead read_network(const json& network, const std::string& path) {
    if (!network.is_object())
        format_error(path + " must be an object, got " + brief(network) + ".");
    const std::string layers_path = join(path, "layers");
    const json& layers = require_entry(network, "layers", path);
    if (!layers.is_array() || layers.empty())
        format_error(layers_path + " must be a non-empty array of layers, got " + brief(layers) +
                     ".");
    NetworkRead result;
    for (size_t l = 0; l < layers.size(); ++l) {
        const std::string layer_path = indexed(layers_path, l);
        const json& layer = layers[l];
        if (!layer.is_object()) format_error(layer_path + " must be an object with W and b.");
        Layer read;
        read.weights = read_matrix(require_entry(layer, "W", layer_path), join(layer_path, "W"));
        read.biases = read_vector(require_entry(layer, "b", layer_path), join(layer_path, "b"));
        if (read.biases.size() != read.weights.rows()) {
            format_error(join(layer_path, "b") + " has " + std::to_string(read.biases.size()) +
                         " entries, expected " + std::to_string(read.weights.rows()) +
                         " (one per row of W).");
        }
        if (l > 0 && read.weights.cols() != result.layers.back().weights.rows()) {
            format_error(join(layer_path, "W") + " has " + std::to_string(read.weights.cols()) +
                         " columns, expected " +
                         std::to_string(result.layers.back().weights.rows()) +
                         " (the rows of the layer before).");
        }
        if (l + 1 < layers.size()) result.hidden.push_back(int(read.weights.rows()));
        result.layers.push_back(std::move(read));
    }
    // Version 2 states the hidden layers; they must agree with the weights.
    if (const json* hidden = find_entry(network, "hidden")) {
        std::vector<int> stated;
        if (!hidden->is_array()) format_error(join(path, "hidden") + " must be an array.");
        for (size_t i = 0; i < hidden->size(); ++i)
            stated.push_back(int(read_integer((*hidden)[i], indexed(join(path, "hidden"), i))));
        if (stated != result.hidden)
            format_error(join(path, "hidden") + " is " + brief(*hidden) +
                         " but the layers have hidden widths " + describe_widths(result.hidden) +
                         ".");
    }
    return result;
}

std::vector<std::string> read_names(const json& object, const char* key, size_t expected,
                                    const char* what) {
    const json* names = find_entry(object, key);
    if (!names) return {};
    if (!names->is_array() || names->size() != expected) {
        format_error(std::string(key) + " must be an array of " + std::to_string(expected) + " " +
                     what + " names, got " + brief(*names) + ".");
    }
    std::vector<std::string> result;
    for (size_t i = 0; i < names->size(); ++i) {
        if (!(*names)[i].is_string())
            format_error(indexed(key, i) + " is not a string (got " + brief((*names)[i]) + ").");
        result.push_back((*names)[i].get<std::string>());
    }
    return result;
}

// The component's weights from the file into the model, shape by shape.
void fill_layers(Mixture<double>& model, const std::vector<DenseSlice>& slices,
                 const NetworkRead& network, const std::string& path) {
    if (slices.size() != network.layers.size())
        format_error(path + " has " + std::to_string(network.layers.size()) + " layers, expected " +
                     std::to_string(slices.size()) + ".");
    for (size_t l = 0; l < slices.size(); ++l) {
        const Layer& layer = network.layers[l];
        if (layer.weights.rows() != slices[l].rows || layer.weights.cols() != slices[l].cols)
            format_error(
                indexed(path + ".layers", l) + ".W is " + std::to_string(layer.weights.rows()) +
                " x " + std::to_string(layer.weights.cols()) + ", expected " +
                std::to_string(slices[l].rows) + " x " + std::to_string(slices[l].cols) + ".");
        weights_of<double>(model.parameters(), slices[l]) = layer.weights;
        biases_of<double>(model.parameters(), slices[l]) = layer.biases;
    }
}

// A structural config entry the file states must agree with the weights it holds.
void check_stated(const json* config, const char* key, const std::string& stated,
                  const std::string& actual, const std::string& what) {
    if (config && find_entry(*config, key) && stated != actual) {
        format_error("config." + std::string(key) + " is " + stated + " but the weights have " +
                     actual + " " + what + ".");
    }
}

EpochMetrics read_metrics(const json& value, const std::string& path) {
    if (!value.is_object()) format_error(path + " must be an object.");
    auto number = [&](const char* key) {
        const json& entry = require_entry(value, key, path);
        return entry.is_null() ? std::nan("") : read_number(entry, join(path, key));
    };
    auto numbers = [&](const char* key) {
        const Eigen::VectorXd v = read_vector(require_entry(value, key, path), join(path, key));
        return std::vector<double>(v.data(), v.data() + v.size());
    };
    EpochMetrics m;
    m.epoch = long(read_integer(require_entry(value, "epoch", path), join(path, "epoch")));
    m.loss = number("loss");
    m.train_accuracy = number("train_accuracy");
    m.test_accuracy = number("test_accuracy");
    m.gate_entropy = number("gate_entropy");
    m.utilisation = numbers("utilisation");
    m.top_share = numbers("top_share");
    const json& responsibility = require_entry(value, "responsibility", path);
    if (responsibility.is_array() && !responsibility.empty())
        m.responsibility = read_matrix(responsibility, join(path, "responsibility"));
    m.active_experts = int(
        read_integer(require_entry(value, "active_experts", path), join(path, "active_experts")));
    m.seconds = number("seconds");
    // The routing table and its measures (files before issue 8 have none).
    if (const json* routing = find_entry(value, "routing");
        routing && routing->is_array() && !routing->empty())
        m.routing = read_matrix(*routing, join(path, "routing"));
    for (const auto& [key, target] :
         {std::pair{"expert_given_class_entropy", &m.expert_given_class_entropy},
          std::pair{"class_given_expert_entropy", &m.class_given_expert_entropy},
          std::pair{"expert_class_information", &m.expert_class_information},
          std::pair{"balance_loss", &m.balance_loss},
          std::pair{"noise_first_choice_flips", &m.noise_first_choice_flips},
          std::pair{"noise_routed_set_flips", &m.noise_routed_set_flips}}) {
        if (const json* entry = find_entry(value, key))
            *target = entry->is_null() ? std::nan("") : read_number(*entry, join(path, key));
    }
    if (const json* dead = find_entry(value, "dead_experts"))
        m.dead_experts = int(read_integer(*dead, join(path, "dead_experts")));
    if (const json* dropped = find_entry(value, "dropped_cases"))
        m.dropped_cases = long(read_integer(*dropped, join(path, "dropped_cases")));
    if (const json* rows = find_entry(value, "dropped_rows")) {
        if (!rows->is_array()) format_error(join(path, "dropped_rows") + " must be an array.");
        for (size_t i = 0; i < rows->size(); ++i)
            m.dropped_rows.push_back(
                int(read_integer((*rows)[i], indexed(join(path, "dropped_rows"), i))));
    }
    if (const json* strongest = find_entry(value, "strongest_cases")) {
        const std::string strongest_path = join(path, "strongest_cases");
        if (!strongest->is_array()) format_error(strongest_path + " must be an array.");
        for (size_t e = 0; e < strongest->size(); ++e) {
            const json& rows = (*strongest)[e];
            if (!rows.is_array()) format_error(indexed(strongest_path, e) + " must be an array.");
            std::vector<int> read;
            for (size_t i = 0; i < rows.size(); ++i)
                read.push_back(int(read_integer(rows[i], indexed(indexed(strongest_path, e), i))));
            m.strongest_cases.push_back(std::move(read));
        }
    }
    // The entanglement measures (files before issue 9 have none: NaN).
    if (const json* top = find_entry(value, "top_expert_accuracy"); top && !top->is_null())
        m.top_expert_accuracy = read_number(*top, join(path, "top_expert_accuracy"));
    if (const json* own = find_entry(value, "own_accuracy"); own && own->is_array())
        for (size_t i = 0; i < own->size(); ++i)
            m.own_accuracy.push_back(
                (*own)[i].is_null()
                    ? std::nan("")
                    : read_number((*own)[i], indexed(join(path, "own_accuracy"), i)));
    return m;
}

TrainingState read_training(const json& value, const SavedModel& saved) {
    const std::string path = "training";
    if (!value.is_object()) format_error("training must be an object.");
    TrainingState state;
    state.config = saved.config;
    state.spec = saved.model.spec();
    state.standardization = saved.standardization;
    const auto& p = saved.model.parameters();
    state.parameters.assign(p.data(), p.data() + p.size());
    auto integer = [&](const char* key) {
        return read_integer(require_entry(value, key, path), join(path, key));
    };
    state.epoch = long(integer("epoch"));
    state.cursor = long(integer("cursor"));
    state.epoch_cases = long(integer("epoch_cases"));
    // Dropped cases (files before expert capacity have none).
    for (const auto& [key, rows] :
         {std::pair{"epoch_dropped_rows", &state.epoch_dropped_rows},
          std::pair{"last_epoch_dropped_rows", &state.last_epoch_dropped_rows}}) {
        const json* entry = find_entry(value, key);
        if (!entry) continue;
        if (!entry->is_array()) format_error(join(path, key) + " must be an array of row numbers.");
        for (size_t i = 0; i < entry->size(); ++i)
            rows->push_back(int(read_integer((*entry)[i], indexed(join(path, key), i))));
    }
    state.epoch_loss_sum =
        read_number(require_entry(value, "epoch_loss_sum", path), "training.epoch_loss_sum");
    state.seconds = read_number(require_entry(value, "seconds", path), "training.seconds");
    const json& rng = require_entry(value, "shuffle_rng", path);
    if (!rng.is_string()) format_error("training.shuffle_rng must be a string.");
    state.shuffle_rng = rng.get<std::string>();
    const json& order = require_entry(value, "order", path);
    if (!order.is_array()) format_error("training.order must be an array of row numbers.");
    for (size_t i = 0; i < order.size(); ++i)
        state.order.push_back(int(read_integer(order[i], indexed("training.order", i))));

    const json& optimizer = require_entry(value, "optimizer", path);
    const json& kind = require_entry(optimizer, "kind", "training.optimizer");
    if (!kind.is_string()) format_error("training.optimizer.kind must be a string.");
    try {
        state.optimizer.type = parse_optimizer(kind.get<std::string>());
    } catch (const ConfigError& error) {
        format_error(std::string("training.optimizer.kind: ") + error.what());
    }
    state.optimizer.steps = long(read_integer(
        require_entry(optimizer, "steps", "training.optimizer"), "training.optimizer.steps"));
    const json& vectors = require_entry(optimizer, "vectors", "training.optimizer");
    if (!vectors.is_object()) format_error("training.optimizer.vectors must be an object.");
    // The optimizer's own order of vectors (as it writes them), not the file's key order.
    for (const auto& [name, values] : make_optimizer<double>(saved.config)->state().vectors) {
        (void)values;
        const json* entry = find_entry(vectors, name.c_str());
        if (!entry) continue;
        const Eigen::VectorXd v = read_vector(*entry, "training.optimizer.vectors." + name);
        state.optimizer.vectors.emplace_back(name,
                                             std::vector<double>(v.data(), v.data() + v.size()));
    }
    if (state.optimizer.vectors.size() != vectors.size())
        format_error("training.optimizer.vectors does not match the " +
                     std::string(to_string(state.optimizer.type)) + " optimizer.");

    const json& history = require_entry(value, "history", path);
    const json& losses = require_entry(history, "epoch_loss", "training.history");
    if (!losses.is_array()) format_error("training.history.epoch_loss must be an array.");
    std::vector<double> loss_points;
    for (size_t i = 0; i < losses.size(); ++i)
        loss_points.push_back(
            losses[i].is_null()
                ? std::nan("")
                : read_number(losses[i], indexed("training.history.epoch_loss", i)));
    const json& metrics = require_entry(history, "metrics", "training.history");
    if (!metrics.is_array()) format_error("training.history.metrics must be an array.");
    std::vector<EpochMetrics> metric_points;
    for (size_t i = 0; i < metrics.size(); ++i)
        metric_points.push_back(read_metrics(metrics[i], indexed("training.history.metrics", i)));
    // A thinned history names its spacing and count; without them every point is there.
    auto restore = [&](auto& series, auto points, const char* name, const char* stride_key,
                       const char* count_key) {
        const long size = long(points.size());
        const json* stride = find_entry(history, stride_key);
        const json* count = find_entry(history, count_key);
        const std::string stride_path = std::string("training.history.") + stride_key;
        const std::string count_path = std::string("training.history.") + count_key;
        const long stride_value = stride ? long(read_integer(*stride, stride_path)) : 1;
        const long count_value = count ? long(read_integer(*count, count_path)) : size;
        if (!series.restore(std::move(points), stride_value, count_value))
            format_error("training.history." + std::string(name) + " holds " +
                         std::to_string(size) + " entries, which does not fit " + stride_path +
                         " = " + std::to_string(stride_value) + " and " + count_path + " = " +
                         std::to_string(count_value) + ".");
    };
    restore(state.history.epoch_loss, std::move(loss_points), "epoch_loss", "epoch_loss_stride",
            "epoch_loss_count");
    restore(state.history.metrics, std::move(metric_points), "metrics", "metrics_stride",
            "metrics_count");
    return state;
}

}  // namespace

std::string readable_json(const nlohmann::ordered_json& value) {
    std::string text;
    write_readable(text, value, 0);
    return text;
}

SavedModel saved_model_of(const Trainer& trainer, bool with_training) {
    SavedModel saved;
    saved.config = trainer.config();
    saved.standardization = trainer.split().standardization;
    saved.model = trainer.model();
    saved.class_names = trainer.dataset().class_names;
    saved.feature_names = trainer.dataset().feature_names;
    if (with_training) saved.training = trainer.state();
    return saved;
}

nlohmann::json model_to_json(const SavedModel& saved) {
    return nlohmann::json::parse(model_to_ordered_json(saved).dump());
}

SavedModel model_from_json(const nlohmann::json& document, const Config& defaults) {
    if (!document.is_object())
        format_error("A model file must hold a JSON object, got " + brief(document) + ".");
    const json& format = require_entry(document, "format", "");
    if (!format.is_string() || format.get<std::string>() != kFormatName) {
        format_error("format must be \"" + std::string(kFormatName) + "\", got " + brief(format) +
                     ".");
    }
    const json& version = require_entry(document, "version", "");
    if (!version.is_number_integer())
        format_error("version must be an integer, got " + brief(version) + ".");
    const auto file_version = version.get<std::int64_t>();
    if (file_version > kModelFileVersion) {
        format_error("version " + version.dump() + " is newer than this program reads (up to " +
                     std::to_string(kModelFileVersion) + "); a newer MoE Lab wrote it.");
    }
    if (file_version < 1) format_error("version " + version.dump() + " is not supported.");

    // The weights define the shape; everything else is checked against them.
    const json& gate_json = require_entry(document, "gate", "");
    const NetworkRead gate = read_network(gate_json, "gate");
    const json& experts_json = require_entry(document, "experts", "");
    if (!experts_json.is_array() || experts_json.empty())
        format_error("experts must be a non-empty array of networks, got " + brief(experts_json) +
                     ".");
    std::vector<NetworkRead> experts;
    for (size_t i = 0; i < experts_json.size(); ++i)
        experts.push_back(read_network(experts_json[i], indexed("experts", i)));

    ModelSpec spec;
    spec.inputs = int(gate.layers.front().weights.cols());
    spec.experts = int(experts.size());
    spec.expert_hidden = experts[0].hidden;
    spec.classes = int(experts[0].layers.back().weights.rows());
    spec.gate = gate.hidden.empty() ? GateType::Linear : GateType::Mlp;
    if (const json* kind = find_entry(gate_json, "kind")) {
        if (!kind->is_string())
            format_error("gate.kind must be a string, got " + brief(*kind) + ".");
        try {
            spec.gate = parse_gate(kind->get<std::string>());
        } catch (const ConfigError& error) {
            format_error(std::string("gate.kind: ") + error.what());
        }
    }
    if (spec.gate == GateType::Linear && !gate.hidden.empty())
        format_error("gate.kind is linear but the gate has " + std::to_string(gate.layers.size()) +
                     " layers.");
    if (spec.gate == GateType::Mlp && gate.hidden.empty())
        format_error("gate.kind is mlp but the gate has a single layer.");
    spec.gate_hidden = gate.hidden;
    const std::string gate_output = "gate.layers[" + std::to_string(gate.layers.size() - 1) + "].W";
    // The attentive gate's key matrix W_k (h x e): its query network ends in h = e outputs.
    Eigen::MatrixXd key;
    const json* key_json = find_entry(gate_json, "key");
    if (spec.gate == GateType::Attentive) {
        if (spec.expert_hidden.empty())
            format_error(
                "gate.kind is attentive but the experts have no hidden layers; its keys read the "
                "experts' last hidden layer.");
        const int width = spec.expert_hidden.back();
        if (gate.layers.back().weights.rows() != width) {
            format_error(gate_output + " has " + std::to_string(gate.layers.back().weights.rows()) +
                         " rows, expected " + std::to_string(width) +
                         " (an attentive gate's query is as wide as the experts' last hidden "
                         "layer).");
        }
        if (!key_json) format_error("gate lacks the entry \"key\" of its attentive gate.");
        if (!key_json->is_object())
            format_error("gate.key must be an object with W, got " + brief(*key_json) + ".");
        if (find_entry(*key_json, "b"))
            format_error(
                "gate.key has biases (b), but the keys have none: a bias there would add the same "
                "amount to every expert's logit.");
        key = read_matrix(require_entry(*key_json, "W", "gate.key"), "gate.key.W");
        if (key.rows() != width || key.cols() != width) {
            format_error("gate.key.W is " + std::to_string(key.rows()) + " x " +
                         std::to_string(key.cols()) + ", expected " + std::to_string(width) +
                         " x " + std::to_string(width) +
                         " (the query's width x the experts' last hidden width).");
        }
    } else {
        if (key_json)
            format_error("gate.key belongs to an attentive gate, but gate.kind is " +
                         std::string(to_string(spec.gate)) + ".");
        if (gate.layers.back().weights.rows() != spec.experts) {
            format_error(gate_output + " has " + std::to_string(gate.layers.back().weights.rows()) +
                         " rows, expected " + std::to_string(spec.experts) + " (one per expert).");
        }
    }
    if (spec.classes < 2)
        format_error("experts[0] has " + std::to_string(spec.classes) +
                     " output; a classifier needs at least 2.");
    // A noisy gate's noise layer: one linear layer from the inputs to one logit per expert.
    std::optional<Layer> noise;
    if (const json* noise_json = find_entry(gate_json, "noise")) {
        const NetworkRead read =
            read_network(json{{"layers", json::array({*noise_json})}}, "gate.noise");
        noise = read.layers.front();
        if (noise->weights.rows() != spec.experts || noise->weights.cols() != spec.inputs)
            format_error("gate.noise.W is " + std::to_string(noise->weights.rows()) + " x " +
                         std::to_string(noise->weights.cols()) + ", expected " +
                         std::to_string(spec.experts) + " x " + std::to_string(spec.inputs) +
                         " (one noise logit per expert from the inputs).");
        spec.noisy_gate = true;
    }
    // The shared expert, shaped like the routed ones.
    std::optional<NetworkRead> shared;
    if (const json* shared_json = find_entry(document, "shared_expert")) {
        shared = read_network(*shared_json, "shared_expert");
        if (shared->hidden != spec.expert_hidden ||
            shared->layers.front().weights.cols() != spec.inputs ||
            shared->layers.back().weights.rows() != spec.classes)
            format_error("shared_expert must be shaped like experts[0] (" +
                         std::to_string(spec.inputs) + " inputs, hidden layers " +
                         describe_widths(spec.expert_hidden) + ", " + std::to_string(spec.classes) +
                         " classes).");
        spec.shared_expert = true;
    }
    for (size_t i = 0; i < experts.size(); ++i) {
        const std::string path = indexed("experts", i);
        const NetworkRead& expert = experts[i];
        if (expert.layers.size() != experts[0].layers.size()) {
            format_error(path + " has " + std::to_string(expert.layers.size()) +
                         " layers, expected " + std::to_string(experts[0].layers.size()) +
                         " like experts[0].");
        }
        if (expert.layers.front().weights.cols() != spec.inputs) {
            format_error(path + ".layers[0].W has " +
                         std::to_string(expert.layers.front().weights.cols()) +
                         " columns, expected " + std::to_string(spec.inputs) +
                         " (the inputs of gate.layers[0].W).");
        }
        if (expert.hidden != spec.expert_hidden) {
            format_error(path + " has hidden layers " + describe_widths(expert.hidden) +
                         ", expected " + describe_widths(spec.expert_hidden) + " like experts[0].");
        }
        if (expert.layers.back().weights.rows() != spec.classes) {
            format_error(path + ".layers[" + std::to_string(expert.layers.size() - 1) + "].W has " +
                         std::to_string(expert.layers.back().weights.rows()) + " rows, expected " +
                         std::to_string(spec.classes) + " classes like experts[0].");
        }
    }

    SavedModel saved;
    const json* config_json = find_entry(document, "config");
    try {
        saved.config = config_json ? config_from_json(*config_json, defaults) : defaults;
    } catch (const ConfigError& error) {
        format_error(std::string("config: ") + error.what());
    }
    const Config& stated = saved.config;
    check_stated(config_json, "experts", std::to_string(stated.experts),
                 std::to_string(spec.experts), "experts");
    check_stated(config_json, "expert_hidden", describe_widths(stated.expert_hidden),
                 describe_widths(spec.expert_hidden), "hidden units per expert");
    if (config_json && find_entry(*config_json, "gate") && stated.gate != spec.gate) {
        if (find_entry(gate_json, "kind"))
            format_error("config.gate is " + std::string(to_string(stated.gate)) +
                         " but gate.kind is " + std::string(to_string(spec.gate)) + ".");
        format_error("config.gate is " + std::string(to_string(stated.gate)) +
                     " but the gate has " + std::to_string(gate.layers.size()) + " layer" +
                     (gate.layers.size() > 1 ? "s." : "."));
    }
    if (spec.gate == GateType::Mlp || spec.gate == GateType::Attentive)
        check_stated(config_json, "gate_hidden", describe_widths(stated.gate_hidden),
                     describe_widths(spec.gate_hidden), "hidden units in the gate");
    const bool states_top_k = config_json && find_entry(*config_json, "top_k");
    if (states_top_k && stated.top_k > spec.experts) {
        format_error("config.top_k is " + std::to_string(stated.top_k) +
                     " but the model has only " + std::to_string(spec.experts) + " experts.");
    }
    saved.config = config_matching_spec(saved.config, spec);
    // A file without K describes the 1991 dense gate.
    if (!states_top_k) saved.config.top_k = 0;
    try {
        validate(saved.config);
    } catch (const ConfigError& error) {
        format_error(std::string("config: ") + error.what());
    }

    const json& standardization = require_entry(document, "standardization", "");
    if (!standardization.is_object())
        format_error("standardization must be an object with mean and std.");
    saved.standardization.mean = read_vector(
        require_entry(standardization, "mean", "standardization"), "standardization.mean");
    saved.standardization.std = read_vector(
        require_entry(standardization, "std", "standardization"), "standardization.std");
    for (const char* key : {"mean", "std"}) {
        const auto& values =
            std::string(key) == "mean" ? saved.standardization.mean : saved.standardization.std;
        if (values.size() != spec.inputs) {
            format_error(std::string("standardization.") + key + " has " +
                         std::to_string(values.size()) + " entries, expected " +
                         std::to_string(spec.inputs) + " (one per input).");
        }
    }
    for (Eigen::Index i = 0; i < saved.standardization.std.size(); ++i) {
        if (!(saved.standardization.std(i) > 0))
            format_error(indexed("standardization.std", size_t(i)) + " must be positive.");
    }

    saved.class_names = read_names(document, "class_names", size_t(spec.classes), "class");
    saved.feature_names = read_names(document, "feature_names", size_t(spec.inputs), "feature");

    saved.model = Mixture<double>(spec);
    const ModelStructure& structure = saved.model.structure();
    std::vector<DenseSlice> gate_slices = structure.gate().layers();
    if (spec.gate == GateType::Attentive) {
        weights_of<double>(saved.model.parameters(), gate_slices.back()) = key;
        gate_slices.pop_back();
    }
    fill_layers(saved.model, gate_slices, gate, "gate");
    for (size_t i = 0; i < experts.size(); ++i)
        fill_layers(saved.model, structure.experts()[i].layers(), experts[i],
                    indexed("experts", i));
    if (noise) {
        weights_of<double>(saved.model.parameters(), *structure.noise_layer()) = noise->weights;
        biases_of<double>(saved.model.parameters(), *structure.noise_layer()) = noise->biases;
    }
    if (shared)
        fill_layers(saved.model, structure.shared_expert()->layers(), *shared, "shared_expert");
    if (const json* training = find_entry(document, "training"))
        saved.training = read_training(*training, saved);
    return saved;
}

void save_model(const SavedModel& saved, const std::string& path) {
    std::string text;
    try {
        text = readable_json(model_to_ordered_json(saved));
    } catch (const ModelFormatError& error) {
        throw std::runtime_error("Cannot save the model to '" + path + "': " + error.what());
    }
    text += '\n';
    write_file_atomically(path, text, "the model");
}

SavedModel load_model(const std::string& path, const Config& defaults) {
    // Regular files only, of bounded size and nesting (io/json_file.h); messages name the file.
    const json parsed = read_json_file(path, "model file");
    try {
        return model_from_json(parsed, defaults);
    } catch (const ModelFormatError& error) {
        throw ModelFormatError("'" + path + "': " + error.what());
    }
}

}  // namespace moelab
