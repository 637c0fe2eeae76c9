#include "io/json_file.h"

#include <sys/stat.h>

#include <cerrno>
#include <cstring>
#include <fstream>

#include "errors.h"

namespace moelab {

namespace {

[[noreturn]] void fail(const std::string& source, const std::string& why) {
    throw ModelFormatError("'" + source + "' " + why);
}

// "line L, column C" of a byte offset, both 1-based.
std::string place(std::string_view text, std::size_t offset) {
    std::size_t line = 1, column = 1;
    for (std::size_t i = 0; i < offset && i < text.size(); ++i) {
        if (text[i] == '\n') {
            ++line;
            column = 1;
        } else {
            ++column;
        }
    }
    return "line " + std::to_string(line) + ", column " + std::to_string(column);
}

// Refuses nesting deeper than kJsonMaxDepth before nlohmann builds (and later walks) the tree.
// Brackets inside strings do not count; the parser reports any other malformation itself.
void check_depth(std::string_view text, const std::string& source) {
    int depth = 0;
    bool in_string = false, escaped = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (in_string) {
            if (escaped)
                escaped = false;
            else if (c == '\\')
                escaped = true;
            else if (c == '"')
                in_string = false;
            continue;
        }
        if (c == '"') {
            in_string = true;
        } else if (c == '[' || c == '{') {
            if (++depth > kJsonMaxDepth)
                fail(source, "nests arrays and objects more than " + std::to_string(kJsonMaxDepth) +
                                 " levels deep (at " + place(text, i) +
                                 "); a MoE Lab file is never that deep.");
        } else if (c == ']' || c == '}') {
            --depth;
        }
    }
}

// nlohmann's message without its "[json.exception.parse_error.101] " prefix.
std::string without_prefix(std::string what) {
    if (const auto end = what.find("] "); what.starts_with("[json") && end != std::string::npos)
        what = what.substr(end + 2);
    return what;
}

}  // namespace

nlohmann::json parse_json_text(std::string_view text, const std::string& source) {
    check_depth(text, source);
    try {
        return nlohmann::json::parse(text);
    } catch (const nlohmann::json::parse_error& error) {
        // The rest of nlohmann's message names line and column.
        fail(source, "is not valid JSON: " + without_prefix(error.what()));
    } catch (const nlohmann::json::out_of_range& error) {
        // 406: "number overflow parsing '1e999'": say where that number is.
        std::string what = without_prefix(error.what());
        const auto open = what.find('\''), close = what.rfind('\'');
        if (error.id == 406 && open != std::string::npos && close > open + 1) {
            const std::string number = what.substr(open + 1, close - open - 1);
            const auto at = text.find(number);
            fail(source, "holds the number " + number +
                             (at == std::string_view::npos ? "" : " at " + place(text, at)) +
                             ", which is beyond the range of a double (about 1.8e308).");
        }
        fail(source, "is not valid JSON: " + what);
    }
}

nlohmann::json read_json_file(const std::string& path, const std::string& what) {
    struct stat status {};
    if (::stat(path.c_str(), &status) != 0)
        throw ModelFormatError("Cannot open the " + what + " '" + path +
                               "': " + std::strerror(errno) + ".");
    if (S_ISDIR(status.st_mode))
        throw ModelFormatError("Cannot open the " + what + " '" + path +
                               "': it is a folder, not a file.");
    if (!S_ISREG(status.st_mode))
        throw ModelFormatError("Cannot open the " + what + " '" + path +
                               "': it is not a regular file (a device, pipe or socket).");
    if (std::size_t(status.st_size) > kJsonFileMaxBytes)
        throw ModelFormatError("Cannot open the " + what + " '" + path + "': it has " +
                               std::to_string(status.st_size) +
                               " bytes; MoE Lab reads files of at most 1 GiB.");
    std::ifstream in(path, std::ios::binary);
    if (!in)
        throw ModelFormatError("Cannot open the " + what + " '" + path +
                               "': " + std::strerror(errno) + ".");
    std::string text(std::size_t(status.st_size), '\0');
    in.read(text.data(), std::streamsize(text.size()));
    if (in.bad())
        throw ModelFormatError("Cannot read the " + what + " '" + path +
                               "': " + std::strerror(errno) + ".");
    text.resize(std::size_t(in.gcount()));
    return parse_json_text(text, path);
}

}  // namespace moelab
