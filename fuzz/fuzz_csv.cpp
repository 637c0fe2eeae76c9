// libFuzzer target: a person's CSV file (data/csv_loader.h). Any input either loads or is refused
// with a DatasetError (a message naming file, line and column); every other outcome (a crash, a
// sanitizer report, another exception, a hang) is a bug.
#include <cstddef>
#include <cstdint>

#include "data/csv_loader.h"
#include "errors.h"
#include "fuzz_input_file.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string& path = moelab::fuzz::write_input(data, size);
    try {
        const moelab::Dataset dataset = moelab::load_csv_dataset(path);
        // What loaded must be whole: a label in range for every row, finite features.
        moelab::fuzz::require(dataset.features.rows() == dataset.size(), "a label for every row");
        for (int label : dataset.labels)
            moelab::fuzz::require(label >= 0 && label < dataset.classes(), "labels in range");
        moelab::fuzz::require(dataset.features.allFinite(), "finite features");
    } catch (const moelab::DatasetError&) {
        // Refused with a message: the expected answer to bad input.
    }
    return 0;
}
