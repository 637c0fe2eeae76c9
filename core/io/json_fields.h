#pragma once
// Reading a JSON document entry by entry, each problem named by its JSON pointer (RFC 6901):
// "/model/parameters/3 must be a number, not a string". The session file (io/session_file.*) and
// its regression block (io/regression_session.*) read with these.
#include <nlohmann/json.hpp>
#include <string>

namespace moelab::json_fields {

// What is wrong and where, without the file's name or a final full stop (the reader adds them).
struct FieldProblem {
    std::string message;
};

[[noreturn]] void problem(const std::string& message);

// The pointer of an object's entry (~ and / escaped) or of an array's element.
std::string child(const std::string& pointer, const std::string& key);
std::string child(const std::string& pointer, size_t index);

// "an object", "a string", "the number 3", ... for messages.
std::string kind_of(const nlohmann::json& value);

// An entry that must be there (an empty pointer is the whole document).
const nlohmann::json& require(const nlohmann::json& object, const char* key,
                              const std::string& pointer);
const nlohmann::json& require_object(const nlohmann::json& object, const char* key,
                                     const std::string& pointer);
const nlohmann::json& require_array(const nlohmann::json& object, const char* key,
                                    const std::string& pointer);

std::string read_string(const nlohmann::json& value, const std::string& pointer);
// A whole number in [low, high].
long long read_integer(const nlohmann::json& value, const std::string& pointer, long long low,
                       long long high);
double read_finite(const nlohmann::json& value, const std::string& pointer);

}  // namespace moelab::json_fields
