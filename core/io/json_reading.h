#pragma once
// Small helpers for reading JSON documents with messages that name the offending place
// ("experts[2].layers[0].W row 3 column 1 is not a number").
#include <Eigen/Core>
#include <nlohmann/json.hpp>
#include <string>

#include "errors.h"

namespace moelab::json_reading {

using json = nlohmann::json;

// A short rendering of an offending value for error messages; a whole weight matrix would drown
// the message.
inline std::string brief(const json& value) {
    std::string text = value.dump();
    if (text.size() > 40) text = text.substr(0, 37) + "...";
    return text;
}

inline const json* find_entry(const json& object, const char* key) {
    if (!object.is_object()) return nullptr;
    const auto it = object.find(key);
    return it == object.end() ? nullptr : &*it;
}

[[noreturn]] inline void format_error(const std::string& message) {
    throw ModelFormatError(message);
}

inline const json& require_entry(const json& object, const char* key, const std::string& path) {
    const json* value = find_entry(object, key);
    if (!value)
        format_error((path.empty() ? "The file" : path) + " lacks the entry \"" + key + "\".");
    return *value;
}

inline std::string join(const std::string& path, const char* key) {
    return path.empty() ? std::string(key) : path + "." + key;
}

inline std::string indexed(const std::string& path, size_t index) {
    return path + "[" + std::to_string(index) + "]";
}

inline double read_number(const json& value, const std::string& path) {
    if (!value.is_number()) format_error(path + " is not a number (got " + brief(value) + ").");
    return value.get<double>();
}

inline long long read_integer(const json& value, const std::string& path) {
    if (!value.is_number_integer())
        format_error(path + " is not an integer (got " + brief(value) + ").");
    return value.get<long long>();
}

inline Eigen::VectorXd read_vector(const json& value, const std::string& path) {
    if (!value.is_array())
        format_error(path + " must be an array of numbers, got " + brief(value) + ".");
    Eigen::VectorXd vector(static_cast<Eigen::Index>(value.size()));
    for (size_t i = 0; i < value.size(); ++i)
        vector(Eigen::Index(i)) = read_number(value[i], indexed(path, i));
    return vector;
}

// A matrix written as an array of rows.
inline Eigen::MatrixXd read_matrix(const json& value, const std::string& path) {
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

}  // namespace moelab::json_reading
