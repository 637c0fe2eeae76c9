// libFuzzer target: the moelab-model file (io/model_file.h), with or without a training state. Any
// input either loads or is refused with a ModelFormatError or ConfigError (a message naming what is
// wrong); every other outcome (a crash, a sanitizer report, another exception, a hang) is a bug.
#include <cstddef>
#include <cstdint>

#include "errors.h"
#include "fuzz_input_file.h"
#include "io/model_file.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string& path = moelab::fuzz::write_input(data, size);
    // The defaults a file's missing settings take, made once (as a program does at start).
    static const moelab::Config defaults;
    try {
        const moelab::SavedModel saved = moelab::load_model(path, defaults);
        // What loaded must be whole: the weights fit the model's shape.
        moelab::fuzz::require(
            saved.model.parameters().size() == saved.model.structure().parameter_count(),
            "weights that fit the model's shape");
    } catch (const moelab::ModelFormatError&) {
        // Refused with a message: the expected answer to bad input.
    } catch (const moelab::ConfigError&) {
        // A setting out of range, named: also a clear refusal.
    }
    return 0;
}
