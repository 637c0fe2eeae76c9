# Writes OUTPUT, a C++ file defining `std::string_view moelab::embedded::SYMBOL()` with the bytes of INPUT.
file(READ "${INPUT}" content HEX)
string(LENGTH "${content}" hex_length)
math(EXPR byte_count "${hex_length} / 2")
string(REGEX REPLACE "([0-9a-f][0-9a-f])" "0x\\1," bytes "${content}")
string(REGEX REPLACE "(0x[0-9a-f][0-9a-f],){32}" "\\0\n" bytes "${bytes}")
file(WRITE "${OUTPUT}" "// Generated from ${INPUT}; do not edit.
#include <string_view>
namespace moelab::embedded {
namespace {
const unsigned char data[] = {
${bytes}
};
}  // namespace
std::string_view ${SYMBOL}() { return {reinterpret_cast<const char*>(data), ${byte_count}}; }
}  // namespace moelab::embedded
")
