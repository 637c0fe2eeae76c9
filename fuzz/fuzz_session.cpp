// libFuzzer target: the session file (io/session_file.h), read through a real file as File > Open
// session and `moelab FILE.moelab` read it. Any input either loads or is refused with a
// SessionError (a message naming the file and the bad entry); every other outcome (a crash, a
// sanitizer report, another exception, a hang) is a bug.
#include <cstddef>
#include <cstdint>

#include "fuzz_input_file.h"
#include "io/session_file.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string& path = moelab::fuzz::write_input(data, size);
    try {
        const moelab::Session session = moelab::load_session_file(path);
        // What loaded must be whole: the weights fit the model's shape, and every embedded row has
        // its features and its label.
        moelab::fuzz::require(session.model.model.parameters().size() ==
                                  session.model.model.structure().parameter_count(),
                              "weights that fit the model's shape");
        // A regression's weights fit its shape: 2 N (D + 1).
        if (session.regression)
            moelab::fuzz::require(session.regression->parameters.size() ==
                                      2 * size_t(session.regression->experts) *
                                          (size_t(session.regression->inputs) + 1),
                                  "regression weights that fit the model's shape");
        if (session.embedded_data)
            moelab::fuzz::require(
                session.embedded_data->features.rows() == session.embedded_data->size(),
                "features and a label for every embedded row");
    } catch (const moelab::SessionError&) {
        // Refused with a message: the expected answer to bad input.
    }
    return 0;
}
