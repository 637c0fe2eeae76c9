#pragma once
// Writing a file so that a reader never sees half of it: the text goes to a fresh temporary file
// beside the target, is flushed to the disk, and is renamed over the target.
#include <string>
#include <string_view>

namespace moelab {

// Throws std::runtime_error("Cannot save <what> to '<path>': <reason>.") on failure; the target is
// then untouched and the temporary removed.
void write_file_atomically(const std::string& path, std::string_view text,
                           const std::string& what = "the file");

}  // namespace moelab
