#include "io/session_file.h"

#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstring>
#include <fstream>
#include <limits>
#include <ostream>
#include <sstream>

#include "data/registry.h"
#include "errors.h"
#include "io/atomic_file.h"
#include "io/config_json.h"
#include "io/json_fields.h"
#include "io/regression_session.h"

namespace moelab {

namespace {

using json = nlohmann::json;
using ordered_json = nlohmann::ordered_json;

constexpr const char* kFormatName = "moelab-session";
constexpr const char* kClassificationKind = "classification";
constexpr const char* kRegressionKind = "regression";
// The version a classification session is written in: version 1 programs open it.
constexpr int kClassificationVersion = 1;
// Deeper than any session (the model's metric matrices sit 8 levels down); a deeper document is
// refused before its values are touched, so no reader recurses without bound.
constexpr int kMaxDepth = 64;

// ---- messages ----------------------------------------------------------------------------------

// A problem at a JSON pointer (json_fields.h); load_session adds the file's name.
using json_fields::child;
using json_fields::FieldProblem;
using json_fields::kind_of;
using json_fields::problem;
using json_fields::read_integer;
using json_fields::read_string;
using json_fields::require;
using json_fields::require_array;

// A short rendering of an offending value (a whole array would drown the message).
std::string brief(const json& value) {
    std::string text = value.dump();
    if (text.size() > 40) text = text.substr(0, 37) + "...";
    return text;
}

std::vector<std::string> read_strings(const json& object, const char* key,
                                      const std::string& pointer) {
    const json& array = require_array(object, key, pointer);
    std::vector<std::string> strings;
    for (size_t i = 0; i < array.size(); ++i)
        strings.push_back(read_string(array[i], child(child(pointer, key), i)));
    return strings;
}

// ---- numbers written exactly -------------------------------------------------------------------

// A float as the double of its shortest decimal text: the file reads "812.5", not
// "812.5000000000001", and converting that double back to float gives the same float.
double float_for_file(float value) {
    char text[64];
    const auto written = std::to_chars(text, text + sizeof(text), value);
    double exact = value;
    std::from_chars(text, written.ptr, exact);
    return exact;
}

// ---- parsing -----------------------------------------------------------------------------------

struct TooDeep {};

json parse_bounded(std::string_view bytes) {
    const json::parser_callback_t depth_guard = [](int depth, json::parse_event_t, json&) {
        if (depth > kMaxDepth) throw TooDeep{};
        return true;
    };
    return json::parse(bytes.begin(), bytes.end(), depth_guard);
}

// nlohmann's "[json.exception.parse_error.101] parse error at line 3, column 4: ..." without
// its prefix.
std::string without_prefix(const std::string& what) {
    if (const auto end = what.find("] "); what.starts_with("[json") && end != std::string::npos)
        return what.substr(end + 2);
    return what;
}

Config read_config(const json& value, const std::string& pointer) {
    if (!value.is_object()) problem(pointer + " must be an object, not " + kind_of(value));
    try {
        return config_from_json(value);
    } catch (const std::exception& error) {
        problem(pointer + ": " + error.what());
    }
}

std::vector<ChangeMark> read_marks(const json& document) {
    std::vector<ChangeMark> marks;
    const auto it = document.find("marks");
    if (it == document.end()) return marks;
    if (!it->is_array()) problem("/marks must be an array, not " + kind_of(*it));
    for (size_t i = 0; i < it->size(); ++i) {
        const json& entry = (*it)[i];
        const std::string pointer = child("/marks", i);
        if (!entry.is_object()) problem(pointer + " must be an object, not " + kind_of(entry));
        ChangeMark mark;
        mark.epoch = long(read_integer(require(entry, "epoch", pointer), child(pointer, "epoch"), 0,
                                       std::numeric_limits<long>::max()));
        mark.label = read_string(require(entry, "label", pointer), child(pointer, "label"));
        const auto before = entry.find("before"), after = entry.find("after");
        if ((before == entry.end()) != (after == entry.end()))
            problem(pointer + " must have both \"before\" and \"after\" or neither");
        if (before != entry.end()) {
            mark.before = read_config(*before, child(pointer, "before"));
            mark.after = read_config(*after, child(pointer, "after"));
        }
        marks.push_back(std::move(mark));
    }
    return marks;
}

SavedModel read_model(const json& document) {
    const json& model = require(document, "model", "");
    if (!model.is_object()) problem("/model must be an object, not " + kind_of(model));
    SavedModel saved;
    try {
        saved = model_from_json(model);
    } catch (const std::exception& error) {
        // The model reader names its entries with dots ("training.optimizer.kind").
        problem(std::string("/model: ") + error.what());
    }
    if (!saved.training) problem("/model lacks the entry \"training\" (the training state)");
    return saved;
}

Dataset read_dataset(const json& value, const std::string& pointer);

void check_fits_model(const Dataset& data, const SavedModel& model) {
    const ModelSpec& spec = model.model.spec();
    if (data.dimensions() != spec.inputs)
        problem("/dataset has " + std::to_string(data.dimensions()) + " features but the model " +
                std::to_string(spec.inputs) + " inputs");
    if (data.classes() != spec.classes)
        problem("/dataset has " + std::to_string(data.classes()) + " classes but the model " +
                std::to_string(spec.classes) + " outputs");
}

// A regression session: its training, the data set it names (always one the program makes), the
// marks and the view.
Session read_regression_session(const json& document) {
    Session session;
    session.kind = SessionKind::Regression;
    try {
        session.regression =
            regression_state_from_json(require(document, kRegressionKind, ""), "/regression");
    } catch (const SessionError& error) {
        // Its message ends in a full stop; the caller adds one.
        std::string message = error.what();
        if (message.ends_with(".")) message.pop_back();
        problem(message);
    }
    const json& dataset = require(document, "dataset", "");
    if (!dataset.is_object()) problem("/dataset must be an object, not " + kind_of(dataset));
    const std::string source =
        read_string(require(dataset, "source", "/dataset"), "/dataset/source");
    if (source != "registry")
        problem("/dataset/source must be \"registry\" for a regression, not \"" + source + "\"");
    const std::string stated = read_string(require(dataset, "name", "/dataset"), "/dataset/name");
    const std::string& name = session.regression->config.dataset.name;
    if (stated != name)
        problem("/dataset/name is \"" + stated + "\" but /regression/config/dataset/name is \"" +
                name + "\"");
    session.marks = read_marks(document);
    if (const auto view = document.find("view"); view != document.end()) {
        if (!view->is_object()) problem("/view must be an object, not " + kind_of(*view));
        session.view = *view;
    }
    return session;
}

Session read_session(const json& document) {
    if (!document.is_object())
        problem("the document must be a JSON object, not " + kind_of(document));
    const json& format = require(document, "format", "");
    if (!format.is_string() || format.get<std::string>() != kFormatName)
        problem("/format must be \"" + std::string(kFormatName) + "\", not " + brief(format) +
                (format == "moelab-model" ? " (this is a model file, not a session)" : ""));
    const json& version = require(document, "version", "");
    if (!version.is_number_integer())
        problem("/version must be a whole number, not " + kind_of(version));
    // A whole number in JSON is unsigned when it is not negative.
    const bool newer = version.is_number_unsigned()
                           ? version.get<std::uint64_t>() > std::uint64_t(kSessionFileVersion)
                           : version.get<std::int64_t>() > kSessionFileVersion;
    if (newer)
        problem("/version is " + version.dump() +
                ": a newer MoE Lab wrote this session; this one reads versions up to " +
                std::to_string(kSessionFileVersion));
    if (!version.is_number_unsigned() || version.get<std::uint64_t>() < 1)
        problem("/version " + version.dump() + " is not supported");

    Session session;
    if (const auto kind = document.find("kind"); kind != document.end()) {
        const std::string name = read_string(*kind, "/kind");
        if (name == kRegressionKind)
            session.kind = SessionKind::Regression;
        else if (name != kClassificationKind)
            problem("/kind is \"" + name + "\": this MoE Lab opens sessions of the kinds \"" +
                    kClassificationKind + "\" and \"" + kRegressionKind +
                    "\" only (a newer MoE Lab may know it)");
    }
    if (session.kind == SessionKind::Regression) return read_regression_session(document);
    session.model = read_model(document);
    const json& dataset = require(document, "dataset", "");
    if (!dataset.is_object()) problem("/dataset must be an object, not " + kind_of(dataset));
    const std::string source =
        read_string(require(dataset, "source", "/dataset"), "/dataset/source");
    const std::string& name = session.model.config.dataset.name;
    if (source == "embedded") {
        session.embedded_data = read_dataset(dataset, "/dataset");
        if (session.embedded_data->name != name)
            problem("/dataset/name is \"" + session.embedded_data->name +
                    "\" but /model/config/dataset/name is \"" + name + "\"");
        check_fits_model(*session.embedded_data, session.model);
    } else if (source == "registry") {
        const std::string stated =
            read_string(require(dataset, "name", "/dataset"), "/dataset/name");
        if (stated != name)
            problem("/dataset/name is \"" + stated + "\" but /model/config/dataset/name is \"" +
                    name + "\"");
        if (should_embed_dataset(session.model.config.dataset))
            problem("/dataset/name \"" + name + "\" is not a data set this program makes itself (" +
                    accepted_dataset_names() + "); its rows should be embedded");
    } else {
        problem("/dataset/source must be \"registry\" or \"embedded\", not \"" + source + "\"");
    }
    session.marks = read_marks(document);
    if (const auto view = document.find("view"); view != document.end()) {
        if (!view->is_object()) problem("/view must be an object, not " + kind_of(*view));
        session.view = *view;
    }
    return session;
}

}  // namespace

bool should_embed_dataset(const DatasetConfig& config) {
    return config.name.starts_with("csv:") || find_dataset(config.name) == nullptr;
}

nlohmann::ordered_json dataset_to_json(const Dataset& data) {
    ordered_json out = ordered_json::object();
    out["source"] = "embedded";
    out["name"] = data.name;
    out["description"] = data.description;
    out["feature_names"] = data.feature_names;
    out["class_names"] = data.class_names;
    out["class_symbols"] = data.class_symbols;
    ordered_json rows = ordered_json::array();
    for (Eigen::Index r = 0; r < data.features.rows(); ++r) {
        ordered_json row = ordered_json::array();
        for (Eigen::Index c = 0; c < data.features.cols(); ++c) {
            const float value = data.features(r, c);
            if (!std::isfinite(value))
                throw SessionError("Cannot save the data: row " + std::to_string(r) + " column " +
                                   std::to_string(c) + " is not finite.");
            row.push_back(float_for_file(value));
        }
        rows.push_back(std::move(row));
    }
    out["features"] = std::move(rows);
    out["labels"] = data.labels;
    out["groups"] = data.groups;
    ordered_json test = ordered_json::array();
    for (bool is_test : data.is_test) test.push_back(is_test ? 1 : 0);
    out["test"] = std::move(test);
    return out;
}

Dataset dataset_from_json(const nlohmann::json& value, const std::string& pointer) {
    try {
        return read_dataset(value, pointer);
    } catch (const FieldProblem& bad) {
        throw SessionError(bad.message + ".");
    }
}

namespace {

Dataset read_dataset(const json& value, const std::string& pointer) {
    if (!value.is_object()) problem(pointer + " must be an object, not " + kind_of(value));
    Dataset data;
    data.name = read_string(require(value, "name", pointer), child(pointer, "name"));
    if (const auto description = value.find("description"); description != value.end())
        data.description = read_string(*description, child(pointer, "description"));
    data.feature_names = read_strings(value, "feature_names", pointer);
    data.class_names = read_strings(value, "class_names", pointer);
    data.class_symbols = read_strings(value, "class_symbols", pointer);
    const size_t classes = data.class_names.size();
    if (classes < 2)
        problem(child(pointer, "class_names") + " must name at least 2 classes, not " +
                std::to_string(classes));
    if (!data.class_symbols.empty() && data.class_symbols.size() != classes)
        problem(child(pointer, "class_symbols") + " has " +
                std::to_string(data.class_symbols.size()) + " entries, expected " +
                std::to_string(classes) + " (one per class) or none");
    const size_t features = data.feature_names.size();
    if (features < 1) problem(child(pointer, "feature_names") + " must name at least 1 feature");

    const std::string rows_pointer = child(pointer, "features");
    const json& rows = require_array(value, "features", pointer);
    const size_t cases = rows.size();
    if (cases == 0) problem(rows_pointer + " holds no rows");
    data.features.resize(Eigen::Index(cases), Eigen::Index(features));
    for (size_t r = 0; r < cases; ++r) {
        const json& row = rows[r];
        const std::string row_pointer = child(rows_pointer, r);
        if (!row.is_array()) problem(row_pointer + " must be an array, not " + kind_of(row));
        if (row.size() != features)
            problem(row_pointer + " has " + std::to_string(row.size()) + " values, expected " +
                    std::to_string(features) + " (one per feature name)");
        for (size_t c = 0; c < features; ++c) {
            const json& number = row[c];
            if (!number.is_number())
                problem(child(row_pointer, c) + " must be a number, not " + kind_of(number));
            const double x = number.get<double>();
            if (!(std::abs(x) <= kLargestFeature))
                problem(child(row_pointer, c) + " is " + number.dump() +
                        ", larger than a feature may be");
            data.features(Eigen::Index(r), Eigen::Index(c)) = float(x);
        }
    }
    const json& labels = require_array(value, "labels", pointer);
    if (labels.size() != cases)
        problem(child(pointer, "labels") + " has " + std::to_string(labels.size()) +
                " entries, expected " + std::to_string(cases) + " (one per row)");
    for (size_t i = 0; i < cases; ++i)
        data.labels.push_back(int(read_integer(labels[i], child(child(pointer, "labels"), i), 0,
                                               (long long)classes - 1)));
    const json& groups = require_array(value, "groups", pointer);
    if (!groups.empty() && groups.size() != cases)
        problem(child(pointer, "groups") + " has " + std::to_string(groups.size()) +
                " entries, expected " + std::to_string(cases) + " (one per row) or none");
    for (size_t i = 0; i < groups.size(); ++i)
        data.groups.push_back(
            int(read_integer(groups[i], child(child(pointer, "groups"), i),
                             std::numeric_limits<int>::min(), std::numeric_limits<int>::max())));
    const json& test = require_array(value, "test", pointer);
    if (test.size() != cases)
        problem(child(pointer, "test") + " has " + std::to_string(test.size()) +
                " entries, expected " + std::to_string(cases) + " (1 for a test row, else 0)");
    size_t training_rows = 0;
    for (size_t i = 0; i < cases; ++i) {
        const bool is_test = read_integer(test[i], child(child(pointer, "test"), i), 0, 1) == 1;
        data.is_test.push_back(is_test);
        training_rows += is_test ? 0 : 1;
    }
    if (training_rows == 0) problem(child(pointer, "test") + " leaves no training rows");
    return data;
}

}  // namespace

namespace {

ordered_json marks_to_json(const std::vector<ChangeMark>& marks) {
    ordered_json out = ordered_json::array();
    for (const ChangeMark& mark : marks) {
        ordered_json entry = ordered_json::object();
        entry["epoch"] = mark.epoch;
        entry["label"] = mark.label;
        if (mark.before && mark.after) {
            entry["before"] = config_to_ordered_json(*mark.before);
            entry["after"] = config_to_ordered_json(*mark.after);
        }
        out.push_back(std::move(entry));
    }
    return out;
}

ordered_json view_for_file(const json& view) {
    return ordered_json::parse(view.is_object()
                                   ? view.dump(-1, ' ', false, json::error_handler_t::replace)
                                   : std::string("{}"));
}

std::string regression_session_to_text(const Session& session) {
    if (!session.regression)
        throw SessionError("Cannot save a regression session without its training state.");
    const RegressionTrainingState& state = *session.regression;
    const DatasetInfo* info = find_dataset(state.config.dataset.name);
    if (!info || !info->regression)
        throw SessionError("Cannot save the session: '" + state.config.dataset.name +
                           "' is not a regression set this program makes.");
    ordered_json document = ordered_json::object();
    document["format"] = kFormatName;
    document["version"] = kSessionFileVersion;
    document["kind"] = kRegressionKind;
    ordered_json reference = ordered_json::object();
    reference["source"] = "registry";
    reference["name"] = state.config.dataset.name;
    document["dataset"] = std::move(reference);
    document[kRegressionKind] = regression_state_to_json(state);
    document["marks"] = marks_to_json(session.marks);
    document["view"] = view_for_file(session.view);
    return readable_json(document) + "\n";
}

}  // namespace

std::string session_to_text(const Session& session) {
    if (session.kind == SessionKind::Regression) return regression_session_to_text(session);
    if (!session.model.training)
        throw SessionError("Cannot save a session without its training state.");
    ordered_json document = ordered_json::object();
    document["format"] = kFormatName;
    document["version"] = kClassificationVersion;
    const DatasetConfig& data_config = session.model.config.dataset;
    if (session.embedded_data) {
        Dataset named = *session.embedded_data;
        named.name = data_config.name;
        document["dataset"] = dataset_to_json(named);
    } else {
        if (should_embed_dataset(data_config))
            throw SessionError("Cannot save the session: the data set '" + data_config.name +
                               "' must travel in the file, and its rows were not given.");
        ordered_json reference = ordered_json::object();
        reference["source"] = "registry";
        reference["name"] = data_config.name;
        document["dataset"] = std::move(reference);
    }
    try {
        document["model"] = model_to_ordered_json(session.model);
    } catch (const std::exception& error) {
        throw SessionError(std::string("Cannot save the session: ") + error.what());
    }
    document["marks"] = marks_to_json(session.marks);
    document["view"] = view_for_file(session.view);
    return readable_json(document) + "\n";
}

void save_session(const Session& session, std::ostream& out) {
    out << session_to_text(session);
}

void save_session(const Session& session, const std::string& path) {
    std::string text;
    try {
        text = session_to_text(session);
    } catch (const SessionError& error) {
        throw std::runtime_error("Cannot save the session to '" + path + "': " + error.what());
    }
    write_file_atomically(path, text, "the session");
}

Session load_session(std::string_view bytes, const std::string& source_name) {
    const std::string opening = "Cannot open the session '" + source_name + "': ";
    if (bytes.empty()) throw SessionError(opening + "the file is empty.");
    json document;
    try {
        document = parse_bounded(bytes);
    } catch (const TooDeep&) {
        throw SessionError(opening + "its JSON nests deeper than " + std::to_string(kMaxDepth) +
                           " levels; no session does.");
    } catch (const json::exception& error) {
        throw SessionError(opening + "the file is not complete JSON (cut short or damaged): " +
                           without_prefix(error.what()));
    }
    try {
        return read_session(document);
    } catch (const FieldProblem& bad) {
        throw SessionError(opening + bad.message + ".");
    } catch (const std::exception& error) {
        throw SessionError(opening + error.what());
    }
}

Session load_session_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in)
        throw SessionError("Cannot open the session '" + path + "': " + std::strerror(errno) + ".");
    std::ostringstream bytes;
    bytes << in.rdbuf();
    if (in.bad())
        throw SessionError("Cannot read the session '" + path + "': " + std::strerror(errno) + ".");
    return load_session(bytes.str(), path);
}

}  // namespace moelab
