#pragma once
// Writing a file so that a reader never sees half of it: the text goes to a fresh temporary file
// beside the target, is flushed to the disk, and is renamed over the target.
//
// The target is what the path names after following symbolic links, so saving onto a link updates
// the file it points to and leaves the link in place. An existing target keeps its permissions
// (and, where the program may, its owner). Only regular files are written: a directory, a device
// (/dev/full), a FIFO or a socket is refused rather than replaced by a regular file.
//
// The temporary is named "<target>.tmp-<pid>-XXXXXX". A save that was killed leaves one behind;
// the next save to the same target removes those whose process is gone.
#include <string>
#include <string_view>

namespace moelab {

// Throws std::runtime_error("Cannot save <what> to '<path>': <reason>.") on failure; the target is
// then untouched and the temporary removed.
void write_file_atomically(const std::string& path, std::string_view text,
                           const std::string& what = "the file");

// The checks write_file_atomically makes before it writes, for a caller about to do long work
// whose result goes to `path`: the folder exists and may be written, and the target, if it exists,
// is a regular file. Throws the same std::runtime_error as write_file_atomically.
void check_writable_destination(const std::string& path, const std::string& what = "the file");

}  // namespace moelab
