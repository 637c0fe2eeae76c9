#pragma once
// The message a call throws, or "(no error)": for tests that check what a user is told.
#include <exception>
#include <string>

namespace moelab::test {

template <typename Call>
std::string error_of(Call call) {
    try {
        call();
    } catch (const std::exception& error) {
        return error.what();
    }
    return "(no error)";
}

}  // namespace moelab::test
