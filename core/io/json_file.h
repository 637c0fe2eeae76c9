#pragma once
// Reading a JSON document from a file with messages that name the file, and with limits that keep
// a hostile or broken file from crashing the program: only regular files, at most
// kJsonFileMaxBytes, and arrays and objects nested at most kJsonMaxDepth deep (a file of 100000
// '[' would otherwise exhaust the stack of every recursive walk over the document).
#include <cstddef>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

namespace moelab {

inline constexpr int kJsonMaxDepth = 64;
inline constexpr std::size_t kJsonFileMaxBytes = std::size_t(1) << 30;  // 1 GiB

// Throws ModelFormatError("'<path>' ...") for a missing, unreadable, non-regular or too large
// file, text that is not JSON (with line and column), nesting deeper than kJsonMaxDepth (with line
// and column) and numbers beyond double's range (with line and column).
// `what` names the kind of file in messages ("Cannot open the model file ...").
nlohmann::json read_json_file(const std::string& path, const std::string& what = "file");

// The same checks on text in memory; `source` names it in messages ("'<source>' ...").
nlohmann::json parse_json_text(std::string_view text, const std::string& source);

}  // namespace moelab
