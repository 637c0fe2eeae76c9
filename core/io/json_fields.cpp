#include "io/json_fields.h"

#include <cmath>
#include <cstdint>

namespace moelab::json_fields {

using json = nlohmann::json;

void problem(const std::string& message) {
    throw FieldProblem{message};
}

std::string child(const std::string& pointer, const std::string& key) {
    std::string escaped;
    for (char c : key) {  // RFC 6901: ~ and / are escaped
        if (c == '~')
            escaped += "~0";
        else if (c == '/')
            escaped += "~1";
        else
            escaped += c;
    }
    return pointer + "/" + escaped;
}

std::string child(const std::string& pointer, size_t index) {
    return pointer + "/" + std::to_string(index);
}

std::string kind_of(const json& value) {
    switch (value.type()) {
        case json::value_t::null:
            return "null";
        case json::value_t::object:
            return "an object";
        case json::value_t::array:
            return "an array";
        case json::value_t::string:
            return "a string";
        case json::value_t::boolean:
            return "true or false";
        default:
            return "the number " + value.dump();
    }
}

const json& require(const json& object, const char* key, const std::string& pointer) {
    const auto it = object.find(key);
    if (it == object.end())
        problem((pointer.empty() ? std::string("the document") : pointer) + " lacks the entry \"" +
                key + "\"");
    return *it;
}

const json& require_object(const json& object, const char* key, const std::string& pointer) {
    const json& value = require(object, key, pointer);
    if (!value.is_object())
        problem(child(pointer, key) + " must be an object, not " + kind_of(value));
    return value;
}

const json& require_array(const json& object, const char* key, const std::string& pointer) {
    const json& value = require(object, key, pointer);
    if (!value.is_array())
        problem(child(pointer, key) + " must be an array, not " + kind_of(value));
    return value;
}

std::string read_string(const json& value, const std::string& pointer) {
    if (!value.is_string()) problem(pointer + " must be a string, not " + kind_of(value));
    return value.get<std::string>();
}

long long read_integer(const json& value, const std::string& pointer, long long low,
                       long long high) {
    if (!value.is_number_integer())
        problem(pointer + " must be a whole number, not " + kind_of(value));
    // An unsigned value above the signed range is out of range, not negative.
    const bool above =
        value.is_number_unsigned() && value.get<std::uint64_t>() > std::uint64_t(high);
    const long long number = value.get<long long>();
    if (above || number < low || number > high)
        problem(pointer + " is " + value.dump() + ", outside " + std::to_string(low) + " to " +
                std::to_string(high));
    return number;
}

double read_finite(const json& value, const std::string& pointer) {
    if (!value.is_number()) problem(pointer + " must be a number, not " + kind_of(value));
    const double number = value.get<double>();
    if (!std::isfinite(number)) problem(pointer + " is not a finite number");
    return number;
}

}  // namespace moelab::json_fields
