#include "io/atomic_file.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <random>
#include <stdexcept>

#if defined(__unix__) || defined(__APPLE__)
#include <unistd.h>
#endif

namespace moelab {

void write_file_atomically(const std::string& path, std::string_view text,
                           const std::string& what) {
    auto fail = [&](const std::string& why) {
        throw std::runtime_error("Cannot save " + what + " to '" + path + "': " + why + ".");
    };

    // A fresh temporary beside the target, so the rename stays on one file system and a reader
    // never sees a half-written file.
    std::mt19937_64 rng(std::random_device{}());
    std::string temporary;
    std::FILE* file = nullptr;
    for (int attempt = 0; attempt < 100 && !file; ++attempt) {
        static constexpr char letters[] = "abcdefghijklmnopqrstuvwxyz0123456789";
        temporary = path + ".tmp-";
        for (int i = 0; i < 6; ++i) temporary += letters[rng() % (sizeof(letters) - 1)];
        file = std::fopen(temporary.c_str(), "wbx");
        if (!file && errno != EEXIST) fail(std::strerror(errno));
    }
    if (!file) fail("no free temporary name");

    errno = 0;
    bool ok = std::fwrite(text.data(), 1, text.size(), file) == text.size();
    ok = std::fflush(file) == 0 && ok;
#if defined(__unix__) || defined(__APPLE__)
    ok = ok && ::fsync(fileno(file)) == 0;
#endif
    const int write_errno = errno;
    ok = std::fclose(file) == 0 && ok;
    if (!ok) {
        const int error = write_errno ? write_errno : errno;
        std::remove(temporary.c_str());
        fail(error ? std::strerror(error) : "write failed");
    }
    std::error_code error;
    std::filesystem::rename(temporary, path, error);
    if (error) {
        std::remove(temporary.c_str());
        fail(error.message());
    }
}

}  // namespace moelab
