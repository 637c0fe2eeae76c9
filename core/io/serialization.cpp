#include "io/serialization.h"

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <limits>
#include <nlohmann/json.hpp>
#include <random>
#include <type_traits>
#include <utility>

#if defined(__unix__) || defined(__APPLE__)
#include <unistd.h>
#endif

#include "errors.h"

namespace moelab {

namespace {

using json = nlohmann::json;

constexpr const char* kFormatName = "moelab-model";
constexpr int kFormatVersion = 1;

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

// ---- Model -------------------------------------------------------------------------------------

[[noreturn]] void format_error(const std::string& message) {
    throw ModelFormatError(message);
}

const json& require_entry(const json& object, const char* key, const std::string& path) {
    const json* value = find_entry(object, key);
    if (!value)
        format_error((path.empty() ? "The file" : path) + " lacks the entry \"" + key + "\".");
    return *value;
}

std::string join(const std::string& path, const char* key) {
    return path.empty() ? std::string(key) : path + "." + key;
}

std::string indexed(const std::string& path, size_t index) {
    return path + "[" + std::to_string(index) + "]";
}

double read_number(const json& value, const std::string& path) {
    if (!value.is_number()) format_error(path + " is not a number (got " + brief(value) + ").");
    return value.get<double>();
}

Eigen::VectorXd read_vector(const json& value, const std::string& path) {
    if (!value.is_array())
        format_error(path + " must be an array of numbers, got " + brief(value) + ".");
    Eigen::VectorXd vector(static_cast<Eigen::Index>(value.size()));
    for (size_t i = 0; i < value.size(); ++i)
        vector(Eigen::Index(i)) = read_number(value[i], indexed(path, i));
    return vector;
}

// A matrix written as an array of rows.
Eigen::MatrixXd read_matrix(const json& value, const std::string& path) {
    if (!value.is_array() || value.empty())
        format_error(path + " must be a non-empty array of rows, got " + brief(value) + ".");
    const size_t rows = value.size();
    size_t cols = 0;
    Eigen::MatrixXd matrix;
    for (size_t r = 0; r < rows; ++r) {
        const json& row = value[r];
        const std::string row_path = path + " row " + std::to_string(r);
        if (!row.is_array()) format_error(row_path + " is not an array (got " + brief(row) + ").");
        if (r == 0) {
            cols = row.size();
            if (cols == 0) format_error(row_path + " is empty.");
            matrix.resize(Eigen::Index(rows), Eigen::Index(cols));
        } else if (row.size() != cols) {
            format_error(row_path + " has " + std::to_string(row.size()) + " entries, expected " +
                         std::to_string(cols) + " like row 0.");
        }
        for (size_t c = 0; c < cols; ++c) {
            matrix(Eigen::Index(r), Eigen::Index(c)) =
                read_number(row[c], row_path + " column " + std::to_string(c));
        }
    }
    return matrix;
}

struct Layer {
    Eigen::MatrixXd weights;  // rows = outputs, cols = inputs
    Eigen::VectorXd biases;
};

std::vector<Layer> read_network(const json& network, const std::string& path) {
    if (!network.is_object())
        format_error(path + " must be an object, got " + brief(network) + ".");
    const std::string layers_path = join(path, "layers");
    const json& layers = require_entry(network, "layers", path);
    if (!layers.is_array() || layers.empty() || layers.size() > 2) {
        format_error(
            layers_path +
            " must be an array of one layer (linear) or two (one tanh hidden layer), got " +
            brief(layers) + ".");
    }
    std::vector<Layer> result;
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
        if (l > 0 && read.weights.cols() != result.back().weights.rows()) {
            format_error(join(layer_path, "W") + " has " + std::to_string(read.weights.cols()) +
                         " columns, expected " + std::to_string(result.back().weights.rows()) +
                         " (the rows of the layer before).");
        }
        result.push_back(std::move(read));
    }
    return result;
}

// The writers are templates so the file can keep a readable key order (ordered_json) while
// model_to_json returns the plain json the header promises.
template <typename Json>
Json matrix_to_json(const Eigen::Ref<const Eigen::MatrixXd>& matrix, const std::string& path) {
    Json rows = Json::array();
    for (Eigen::Index r = 0; r < matrix.rows(); ++r) {
        Json row = Json::array();
        for (Eigen::Index c = 0; c < matrix.cols(); ++c) {
            // JSON has no NaN or Inf (nlohmann would write null), so such a file could not be read.
            if (!std::isfinite(matrix(r, c))) {
                format_error("Cannot save a model whose " + path + " row " + std::to_string(r) +
                             " column " + std::to_string(c) + " is not finite.");
            }
            row.push_back(matrix(r, c));
        }
        rows.push_back(std::move(row));
    }
    return rows;
}

template <typename Json>
Json vector_to_json(const Eigen::Ref<const Eigen::VectorXd>& vector, const std::string& path) {
    Json values = Json::array();
    for (Eigen::Index i = 0; i < vector.size(); ++i) {
        if (!std::isfinite(vector(i)))
            format_error("Cannot save a model whose " + indexed(path, size_t(i)) +
                         " is not finite.");
        values.push_back(vector(i));
    }
    return values;
}

template <typename Json>
Json network_to_json(const Mixture<double>& model, int network, const std::string& path) {
    Json layers = Json::array();
    const int count = int(model.layout().networks.at(network).layers.size());
    for (int l = 0; l < count; ++l) {
        const std::string layer_path = indexed(path + ".layers", size_t(l));
        Json layer = Json::object();
        layer["W"] = matrix_to_json<Json>(model.weights(network, l), layer_path + ".W");
        layer["b"] = vector_to_json<Json>(model.biases(network, l), layer_path + ".b");
        layers.push_back(std::move(layer));
    }
    Json result = Json::object();
    result["layers"] = std::move(layers);
    return result;
}

// The config as the weights define it: a file always describes the network it holds.
Config config_matching_shape(Config config, const ModelShape& shape) {
    config.experts = shape.experts;
    config.expert_hidden =
        shape.expert_hidden > 0 ? std::vector<int>{shape.expert_hidden} : std::vector<int>{};
    config.gate = shape.gate_hidden > 0 ? GateType::Mlp : GateType::Linear;
    if (shape.gate_hidden > 0) config.gate_hidden = {shape.gate_hidden};
    config.top_k = std::clamp(config.top_k, 0, shape.experts);
    normalise(config);
    return config;
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

// A structural config entry the file states must agree with the weights it holds.
void check_stated(const json* config, const char* key, long long stated, long long actual,
                  const std::string& what) {
    if (config && find_entry(*config, key) && stated != actual) {
        format_error("config." + std::string(key) + " is " + std::to_string(stated) +
                     " but the weights have " + std::to_string(actual) + " " + what + ".");
    }
}

// The config part of a model file, from the knob table (io/config_json.h).
template <typename Json>
Json config_document(const Config& config) {
    if constexpr (std::is_same_v<Json, nlohmann::ordered_json>)
        return config_to_ordered_json(config);
    else
        return config_to_json(config);
}

template <typename Json>
Json model_document(const SavedModel& saved) {
    const Mixture<double>& model = saved.model;
    const ModelShape& shape = model.shape();
    if (saved.standardization.mean.size() != shape.inputs ||
        saved.standardization.std.size() != shape.inputs) {
        format_error("Cannot save a model with " + std::to_string(shape.inputs) +
                     " inputs and a standardisation of " +
                     std::to_string(saved.standardization.mean.size()) + " features.");
    }
    Json out = Json::object();
    out["format"] = kFormatName;
    out["version"] = kFormatVersion;
    out["config"] = config_document<Json>(config_matching_shape(saved.config, shape));
    if (!saved.class_names.empty()) out["class_names"] = saved.class_names;
    if (!saved.feature_names.empty()) out["feature_names"] = saved.feature_names;
    Json standardization = Json::object();
    standardization["mean"] =
        vector_to_json<Json>(saved.standardization.mean, "standardization.mean");
    standardization["std"] = vector_to_json<Json>(saved.standardization.std, "standardization.std");
    out["standardization"] = std::move(standardization);
    out["gate"] = network_to_json<Json>(model, 0, "gate");
    Json experts = Json::array();
    for (int i = 0; i < shape.experts; ++i)
        experts.push_back(network_to_json<Json>(model, i + 1, indexed("experts", size_t(i))));
    out["experts"] = std::move(experts);
    return out;
}

// Indented like dump(2), except that an array of plain values stays on one line, so a weight
// matrix reads as one line per row. Numbers are nlohmann's shortest exact text.
void write_readable(std::string& out, const nlohmann::ordered_json& value, int level) {
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
            out += nlohmann::ordered_json(item.key()).dump() + ": ";
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

}  // namespace

nlohmann::json model_to_json(const SavedModel& saved) {
    return model_document<json>(saved);
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
    if (version.get<std::int64_t>() != kFormatVersion) {
        format_error("version " + version.dump() +
                     " is not supported (this program reads version " +
                     std::to_string(kFormatVersion) + ").");
    }

    // The weights define the shape; everything else is checked against them.
    const std::vector<Layer> gate = read_network(require_entry(document, "gate", ""), "gate");
    const json& experts_json = require_entry(document, "experts", "");
    if (!experts_json.is_array() || experts_json.empty())
        format_error("experts must be a non-empty array of networks, got " + brief(experts_json) +
                     ".");
    std::vector<std::vector<Layer>> experts;
    for (size_t i = 0; i < experts_json.size(); ++i)
        experts.push_back(read_network(experts_json[i], indexed("experts", i)));

    ModelShape shape;
    shape.inputs = int(gate.front().weights.cols());
    shape.experts = int(experts.size());
    shape.gate_hidden = gate.size() > 1 ? int(gate.front().weights.rows()) : 0;
    shape.expert_hidden = experts[0].size() > 1 ? int(experts[0].front().weights.rows()) : 0;
    shape.classes = int(experts[0].back().weights.rows());
    if (gate.back().weights.rows() != shape.experts) {
        format_error("gate.layers[" + std::to_string(gate.size() - 1) + "].W has " +
                     std::to_string(gate.back().weights.rows()) + " rows, expected " +
                     std::to_string(shape.experts) + " (one per expert).");
    }
    if (shape.classes < 2)
        format_error("experts[0] has " + std::to_string(shape.classes) +
                     " output; a classifier needs at least 2.");
    for (size_t i = 0; i < experts.size(); ++i) {
        const std::string path = indexed("experts", i);
        const auto& expert = experts[i];
        if (expert.size() != experts[0].size()) {
            format_error(path + " has " + std::to_string(expert.size()) + " layers, expected " +
                         std::to_string(experts[0].size()) + " like experts[0].");
        }
        if (expert.front().weights.cols() != shape.inputs) {
            format_error(path + ".layers[0].W has " +
                         std::to_string(expert.front().weights.cols()) + " columns, expected " +
                         std::to_string(shape.inputs) + " (the inputs of gate.layers[0].W).");
        }
        if (expert.size() > 1 && expert.front().weights.rows() != shape.expert_hidden) {
            format_error(path + ".layers[0].W has " +
                         std::to_string(expert.front().weights.rows()) + " rows, expected " +
                         std::to_string(shape.expert_hidden) + " hidden units like experts[0].");
        }
        if (expert.back().weights.rows() != shape.classes) {
            format_error(path + ".layers[" + std::to_string(expert.size() - 1) + "].W has " +
                         std::to_string(expert.back().weights.rows()) + " rows, expected " +
                         std::to_string(shape.classes) + " classes like experts[0].");
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
    check_stated(config_json, "experts", stated.experts, shape.experts, "experts");
    check_stated(config_json, "expert_hidden",
                 stated.expert_hidden.empty() ? 0 : stated.expert_hidden.front(),
                 shape.expert_hidden, "hidden units per expert");
    if (config_json && find_entry(*config_json, "gate") &&
        (stated.gate == GateType::Mlp) != (shape.gate_hidden > 0)) {
        format_error("config.gate is " + std::string(to_string(stated.gate)) +
                     " but the gate has " + std::to_string(gate.size()) + " layer" +
                     (gate.size() > 1 ? "s." : "."));
    }
    if (shape.gate_hidden > 0)
        check_stated(config_json, "gate_hidden",
                     stated.gate_hidden.empty() ? 0 : stated.gate_hidden.front(), shape.gate_hidden,
                     "hidden units in the gate");
    const bool states_top_k = config_json && find_entry(*config_json, "top_k");
    const int top_k = stated.top_k;
    saved.config = config_matching_shape(saved.config, shape);
    // A file without K describes the 1991 dense gate.
    if (!states_top_k) saved.config.top_k = 0;
    if (states_top_k && top_k > shape.experts) {
        format_error("config.top_k is " + std::to_string(top_k) + " but the model has only " +
                     std::to_string(shape.experts) + " experts.");
    }
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
        if (values.size() != shape.inputs) {
            format_error(std::string("standardization.") + key + " has " +
                         std::to_string(values.size()) + " entries, expected " +
                         std::to_string(shape.inputs) + " (one per input).");
        }
    }
    for (Eigen::Index i = 0; i < saved.standardization.std.size(); ++i) {
        if (!(saved.standardization.std(i) > 0))
            format_error(indexed("standardization.std", size_t(i)) + " must be positive.");
    }

    saved.class_names = read_names(document, "class_names", size_t(shape.classes), "class");
    saved.feature_names = read_names(document, "feature_names", size_t(shape.inputs), "feature");

    saved.model = Mixture<double>(shape);
    auto fill = [&saved](int network, const std::vector<Layer>& layers) {
        for (int l = 0; l < int(layers.size()); ++l) {
            saved.model.weights(network, l) = layers[size_t(l)].weights;
            saved.model.biases(network, l) = layers[size_t(l)].biases;
        }
    };
    fill(0, gate);
    for (int i = 0; i < shape.experts; ++i) fill(i + 1, experts[size_t(i)]);
    return saved;
}

void save_model(const SavedModel& saved, const std::string& path) {
    std::string text;
    write_readable(text, model_document<nlohmann::ordered_json>(saved), 0);
    text += '\n';
    auto fail = [&path](const std::string& why) {
        throw std::runtime_error("Cannot save the model to '" + path + "': " + why + ".");
    };

    // A fresh temporary beside the target, so the rename stays on one file system and a reader
    // never sees a half-written model.
    std::mt19937_64 rng(std::random_device{}());
    std::string temporary;
    std::FILE* file = nullptr;
    for (int attempt = 0; attempt < 100 && !file; ++attempt) {
        static constexpr char letters[] = "abcdefghijklmnopqrstuvwxyz0123456789";
        temporary = path + ".tmp-";
        for (int i = 0; i < 6; ++i) temporary += letters[rng() % (sizeof(letters) - 1)];
        file = std::fopen(temporary.c_str(), "wbx");
        if (!file && errno != EEXIST) fail(std::strerror(errno));
    }
    if (!file) fail("no free temporary name");

    errno = 0;
    bool ok = std::fwrite(text.data(), 1, text.size(), file) == text.size();
    ok = std::fflush(file) == 0 && ok;
#if defined(__unix__) || defined(__APPLE__)
    ok = ok && ::fsync(fileno(file)) == 0;
#endif
    const int write_errno = errno;
    ok = std::fclose(file) == 0 && ok;
    if (!ok) {
        const int error = write_errno ? write_errno : errno;
        std::remove(temporary.c_str());
        fail(error ? std::strerror(error) : "write failed");
    }
    std::error_code error;
    std::filesystem::rename(temporary, path, error);
    if (error) {
        std::remove(temporary.c_str());
        fail(error.message());
    }
}

SavedModel load_model(const std::string& path, const Config& defaults) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        throw ModelFormatError("Cannot open the model file '" + path +
                               "': " + std::strerror(errno) + ".");
    }
    json parsed;
    try {
        parsed = json::parse(in);
    } catch (const json::parse_error& error) {
        // Drop nlohmann's "[json.exception.parse_error.101] " prefix; the rest names line and
        // column.
        std::string what = error.what();
        if (const auto end = what.find("] "); what.starts_with("[json") && end != std::string::npos)
            what = what.substr(end + 2);
        throw ModelFormatError("'" + path + "' is not valid JSON: " + what);
    }
    try {
        return model_from_json(parsed, defaults);
    } catch (const ModelFormatError& error) {
        throw ModelFormatError("'" + path + "': " + error.what());
    }
}

}  // namespace moelab
