#pragma once
// The fuzz targets feed the loaders through a real file, as the programs do: one scratch file per
// process, rewritten with each input, so the loader under test is exactly the one people use
// (opening, reading and parsing), not a shortcut past its file handling.
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

namespace moelab::fuzz {

// Writes the input into this process's scratch file and returns its path. The file is removed when
// the process exits.
inline const std::string& write_input(const std::uint8_t* data, std::size_t size) {
    static const std::string path = [] {
        const std::filesystem::path file = std::filesystem::temp_directory_path() /
                                           ("moelab-fuzz-" + std::to_string(::getpid()) + ".in");
        static const std::string name = file.string();
        std::atexit([] { std::remove(name.c_str()); });
        return name;
    }();
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
    out.close();
    if (!out) {
        std::fprintf(stderr, "fuzz: cannot write the scratch file %s\n", path.c_str());
        std::abort();
    }
    return path;
}

// A property of what loaded; a violation is a bug the fuzzer reports like a crash.
inline void require(bool holds, const char* what) {
    if (holds) return;
    std::fprintf(stderr, "fuzz: the loaded result broke its promise: %s\n", what);
    std::abort();
}

}  // namespace moelab::fuzz
