#include "io/regression_session.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "data/registry.h"
#include "errors.h"
#include "io/config_json.h"
#include "io/json_fields.h"
#include "io/session_file.h"
#include "training/decimated_series.h"
#include "training/regression_trainer.h"

namespace moelab {

namespace {

using json = nlohmann::json;
using ordered_json = nlohmann::ordered_json;

// Problems are json_fields::FieldProblem inside; regression_state_from_json turns them into
// SessionError.
using json_fields::child;
using json_fields::kind_of;
using json_fields::problem;
using json_fields::read_finite;
using json_fields::read_integer;
using json_fields::require;
using json_fields::require_array;
using json_fields::require_object;

// A number that may be missing (an RMSE without cases): null in the file, NaN here.
double read_maybe_number(const json& value, const std::string& pointer) {
    return value.is_null() ? std::numeric_limits<double>::quiet_NaN() : read_finite(value, pointer);
}

std::vector<double> read_numbers(const json& array, const std::string& pointer) {
    std::vector<double> numbers;
    numbers.reserve(array.size());
    for (size_t i = 0; i < array.size(); ++i)
        numbers.push_back(read_finite(array[i], child(pointer, i)));
    return numbers;
}

ordered_json finite_numbers(const std::vector<double>& values, const std::string& what) {
    ordered_json array = ordered_json::array();
    for (size_t i = 0; i < values.size(); ++i) {
        if (!std::isfinite(values[i]))
            throw SessionError("Cannot save the regression training: " + what + " " +
                               std::to_string(i) + " is not finite.");
        array.push_back(values[i]);
    }
    return array;
}

ordered_json maybe_number(double value) {
    return std::isfinite(value) ? ordered_json(value) : ordered_json(nullptr);
}

Config read_regression_config(const json& value, const std::string& pointer) {
    if (!value.is_object()) problem(pointer + " must be an object, not " + kind_of(value));
    Config config;
    try {
        config = config_from_json(value);
        normalise(config);
        validate_regression_config(config);
    } catch (const std::exception& error) {
        problem(pointer + ": " + error.what());
    }
    const DatasetInfo* info = find_dataset(config.dataset.name);
    if (!info || !info->regression)
        problem(child(pointer, "dataset") + "/name is \"" + config.dataset.name +
                "\", not a regression set this program makes (" + accepted_dataset_names() + ")");
    return config;
}

}  // namespace

nlohmann::ordered_json regression_state_to_json(const RegressionTrainingState& state) {
    ordered_json out = ordered_json::object();
    out["config"] = config_to_ordered_json(state.config);
    ordered_json model = ordered_json::object();
    model["inputs"] = state.inputs;
    model["experts"] = state.experts;
    model["parameters"] = finite_numbers(state.parameters, "weight");
    out["model"] = std::move(model);
    ordered_json optimizer = ordered_json::object();
    optimizer["kind"] = std::string(to_string(state.optimizer.type));
    optimizer["steps"] = state.optimizer.steps;
    ordered_json vectors = ordered_json::object();
    for (const auto& [name, values] : state.optimizer.vectors)
        vectors[name] = finite_numbers(values, "optimizer value '" + name + "'");
    optimizer["vectors"] = std::move(vectors);
    out["optimizer"] = std::move(optimizer);
    out["shuffle_rng"] = state.shuffle_rng;
    out["order"] = state.order;
    out["epoch"] = state.epoch;
    ordered_json history = ordered_json::object();
    history["stride"] = state.history_stride;
    history["appended"] = state.history_appended;
    ordered_json points = ordered_json::array();
    for (const RegressionHistoryPoint& point : state.history) {
        if (!std::isfinite(point.loss))
            throw SessionError("Cannot save the regression training: the loss of epoch " +
                               std::to_string(point.epoch) + " is not finite.");
        points.push_back(
            ordered_json::array({point.epoch, point.loss, maybe_number(point.train_rmse),
                                 maybe_number(point.test_rmse)}));
    }
    history["points"] = std::move(points);
    out["history"] = std::move(history);
    return out;
}

namespace {

RegressionTrainingState read_regression_state(const nlohmann::json& value,
                                              const std::string& pointer) {
    if (!value.is_object()) problem(pointer + " must be an object, not " + kind_of(value));
    RegressionTrainingState state;
    state.config =
        read_regression_config(require(value, "config", pointer), child(pointer, "config"));

    // The model: its shape fixes how many weights there are (regression_mixture.h).
    const std::string model_pointer = child(pointer, "model");
    const json& model = require_object(value, "model", pointer);
    constexpr long long kMostInputs = 1 << 16;
    state.inputs = int(read_integer(require(model, "inputs", model_pointer),
                                    child(model_pointer, "inputs"), 1, kMostInputs));
    state.experts = int(read_integer(require(model, "experts", model_pointer),
                                     child(model_pointer, "experts"), 1, 1000));
    if (state.experts != state.config.experts)
        problem(child(model_pointer, "experts") + " is " + std::to_string(state.experts) + " but " +
                child(pointer, "config") + "/experts is " + std::to_string(state.config.experts));
    const size_t weights = 2 * size_t(state.experts) * (size_t(state.inputs) + 1);
    const json& parameters = require_array(model, "parameters", model_pointer);
    if (parameters.size() != weights)
        problem(child(model_pointer, "parameters") + " has " + std::to_string(parameters.size()) +
                " values, expected " + std::to_string(weights) + " (2 N (D + 1) for " +
                std::to_string(state.experts) + " experts on " + std::to_string(state.inputs) +
                " inputs)");
    state.parameters = read_numbers(parameters, child(model_pointer, "parameters"));

    // The optimizer: of the kind the config names, with its own vectors, each empty (no step
    // yet) or one value per weight.
    const std::string optimizer_pointer = child(pointer, "optimizer");
    const json& optimizer = require_object(value, "optimizer", pointer);
    const json& kind = require(optimizer, "kind", optimizer_pointer);
    if (!kind.is_string())
        problem(child(optimizer_pointer, "kind") + " must be a string, not " + kind_of(kind));
    try {
        state.optimizer.type = parse_optimizer(kind.get<std::string>());
    } catch (const std::exception& error) {
        problem(child(optimizer_pointer, "kind") + ": " + error.what());
    }
    if (state.optimizer.type != state.config.optimizer)
        problem(child(optimizer_pointer, "kind") + " is \"" + kind.get<std::string>() +
                "\" but the config's optimizer is \"" +
                std::string(to_string(state.config.optimizer)) + "\"");
    state.optimizer.steps =
        long(read_integer(require(optimizer, "steps", optimizer_pointer),
                          child(optimizer_pointer, "steps"), 0, std::numeric_limits<long>::max()));
    const std::string vectors_pointer = child(optimizer_pointer, "vectors");
    const json& vectors = require_object(optimizer, "vectors", optimizer_pointer);
    for (const auto& [name, values] : make_optimizer<double>(state.config)->state().vectors) {
        const json& entry = require_array(vectors, name.c_str(), vectors_pointer);
        if (!entry.empty() && entry.size() != weights)
            problem(child(vectors_pointer, name) + " has " + std::to_string(entry.size()) +
                    " values, expected " + std::to_string(weights) + " (one per weight) or none");
        state.optimizer.vectors.emplace_back(name,
                                             read_numbers(entry, child(vectors_pointer, name)));
    }
    if (state.optimizer.vectors.size() != vectors.size())
        problem(vectors_pointer + " does not hold exactly the vectors of the " +
                std::string(to_string(state.optimizer.type)) + " optimizer");

    const json& rng = require(value, "shuffle_rng", pointer);
    if (!rng.is_string())
        problem(child(pointer, "shuffle_rng") + " must be a string, not " + kind_of(rng));
    state.shuffle_rng = rng.get<std::string>();

    // The order: a permutation of the positions 0 ... n-1 in the training split.
    const std::string order_pointer = child(pointer, "order");
    const json& order = require_array(value, "order", pointer);
    std::vector<bool> seen(order.size(), false);
    for (size_t i = 0; i < order.size(); ++i) {
        const int position =
            int(read_integer(order[i], child(order_pointer, i), 0, (long long)order.size() - 1));
        if (seen[size_t(position)])
            problem(child(order_pointer, i) + " repeats the training case " +
                    std::to_string(position));
        seen[size_t(position)] = true;
        state.order.push_back(position);
    }
    if (state.order.empty()) problem(order_pointer + " holds no training cases");

    state.epoch = long(read_integer(require(value, "epoch", pointer), child(pointer, "epoch"), 0,
                                    std::numeric_limits<long>::max()));

    // The history: points spaced as a decimated series keeps them, one appended per epoch.
    const std::string history_pointer = child(pointer, "history");
    const json& history = require_object(value, "history", pointer);
    state.history_stride =
        long(read_integer(require(history, "stride", history_pointer),
                          child(history_pointer, "stride"), 1, std::numeric_limits<long>::max()));
    state.history_appended =
        long(read_integer(require(history, "appended", history_pointer),
                          child(history_pointer, "appended"), 0, std::numeric_limits<long>::max()));
    if (state.history_appended != state.epoch)
        problem(child(history_pointer, "appended") + " is " +
                std::to_string(state.history_appended) + " but " + child(pointer, "epoch") +
                " is " + std::to_string(state.epoch) + " (one point per epoch)");
    const std::string points_pointer = child(history_pointer, "points");
    const json& points = require_array(history, "points", history_pointer);
    if (points.size() > RegressionTraining<double>::kHistoryCapacity + 1)
        problem(points_pointer + " has " + std::to_string(points.size()) +
                " points, more than the history keeps");
    for (size_t i = 0; i < points.size(); ++i) {
        const json& entry = points[i];
        const std::string entry_pointer = child(points_pointer, i);
        if (!entry.is_array() || entry.size() != 4)
            problem(entry_pointer + " must be [epoch, loss, training RMSE, test RMSE], not " +
                    kind_of(entry) +
                    (entry.is_array() ? " of " + std::to_string(entry.size()) + " values" : ""));
        RegressionHistoryPoint point;
        point.epoch = long(read_integer(entry[0], child(entry_pointer, 0), 1, state.epoch));
        point.loss = read_finite(entry[1], child(entry_pointer, 1));
        point.train_rmse = read_maybe_number(entry[2], child(entry_pointer, 2));
        point.test_rmse = read_maybe_number(entry[3], child(entry_pointer, 3));
        state.history.push_back(point);
    }
    DecimatedSeries<RegressionHistoryPoint> check(RegressionTraining<double>::kHistoryCapacity);
    if (!check.restore(state.history, state.history_stride, state.history_appended))
        problem(history_pointer + " holds " + std::to_string(points.size()) +
                " points, which do not fit a stride of " + std::to_string(state.history_stride) +
                " over " + std::to_string(state.history_appended) + " epochs");
    return state;
}

}  // namespace

RegressionTrainingState regression_state_from_json(const nlohmann::json& value,
                                                   const std::string& pointer) {
    try {
        return read_regression_state(value, pointer);
    } catch (const json_fields::FieldProblem& bad) {
        throw SessionError(bad.message + ".");
    }
}

}  // namespace moelab
