#include "io/atomic_file.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <random>
#include <stdexcept>

namespace moelab {

namespace fs = std::filesystem;

namespace {

[[noreturn]] void fail(const std::string& path, const std::string& what, const std::string& why) {
    throw std::runtime_error("Cannot save " + what + " to '" + path + "': " + why + ".");
}

// What the path names once symbolic links are followed (the link's target may not exist yet).
fs::path resolve_links(const std::string& path, const std::string& what) {
    fs::path current(path);
    for (int hops = 0; hops < 40; ++hops) {
        std::error_code error;
        if (!fs::is_symlink(fs::symlink_status(current, error))) return current;
        const fs::path target = fs::read_symlink(current, error);
        if (error) fail(path, what, "cannot read the symbolic link: " + error.message());
        current = target.is_absolute() ? target : current.parent_path() / target;
    }
    fail(path, what, "too many levels of symbolic links");
}

// The folder a file is written into ("." for a bare name).
fs::path folder_of(const fs::path& target) {
    return target.has_parent_path() ? target.parent_path() : fs::path(".");
}

// The checks every save makes: returns the resolved target; `existing` is filled when it exists.
fs::path checked_target(const std::string& path, const std::string& what, struct stat* existing,
                        bool& exists) {
    if (path.empty()) fail(path, what, "the file name is empty");
    const fs::path target = resolve_links(path, what);
    const fs::path folder = folder_of(target);
    struct stat folder_status {};
    if (::stat(folder.c_str(), &folder_status) != 0) {
        if (errno == ENOENT)
            fail(path, what, "the folder '" + folder.string() + "' does not exist");
        fail(path, what,
             "cannot reach the folder '" + folder.string() + "': " + std::strerror(errno));
    }
    if (!S_ISDIR(folder_status.st_mode))
        fail(path, what, "'" + folder.string() + "' is not a folder");
    exists = ::stat(target.c_str(), existing) == 0;
    if (exists) {
        if (S_ISDIR(existing->st_mode)) fail(path, what, "it is a folder");
        if (!S_ISREG(existing->st_mode))
            fail(path, what,
                 "it is not a regular file (a device, pipe or socket); MoE Lab writes only regular "
                 "files");
    } else if (errno != ENOENT) {
        fail(path, what, std::strerror(errno));
    }
    if (::access(folder.c_str(), W_OK | X_OK) != 0)
        fail(path, what,
             "the folder '" + folder.string() + "' cannot be written (" + std::strerror(errno) +
                 ")");
    return target;
}

// Temporaries left by saves to `target` whose process is gone: a killed save's leftovers.
void remove_stale_temporaries(const fs::path& target) {
    const std::string prefix = target.filename().string() + ".tmp-";
    std::error_code error;
    for (fs::directory_iterator it(folder_of(target), error), end; !error && it != end;
         it.increment(error)) {
        const std::string name = it->path().filename().string();
        if (!name.starts_with(prefix)) continue;
        const std::string rest = name.substr(prefix.size());  // "<pid>-XXXXXX"
        const auto dash = rest.find('-');
        if (dash == std::string::npos || dash == 0 || rest.size() - dash - 1 != 6) continue;
        pid_t pid = 0;
        try {
            pid = static_cast<pid_t>(std::stol(rest.substr(0, dash)));
        } catch (const std::exception&) {
            continue;
        }
        if (pid <= 0 || (::kill(pid, 0) == 0 || errno != ESRCH)) continue;
        std::error_code ignored;
        fs::remove(it->path(), ignored);
    }
}

bool write_all(int descriptor, std::string_view text) {
    while (!text.empty()) {
        const ssize_t written = ::write(descriptor, text.data(), text.size());
        if (written < 0) {
            if (errno == EINTR) continue;
            return false;
        }
        text.remove_prefix(static_cast<size_t>(written));
    }
    return true;
}

}  // namespace

void check_writable_destination(const std::string& path, const std::string& what) {
    struct stat existing {};
    bool exists = false;
    const fs::path target = checked_target(path, what, &existing, exists);
    if (exists && ::access(target.c_str(), W_OK) != 0)
        fail(path, what, std::string("the file cannot be written (") + std::strerror(errno) + ")");
}

void write_file_atomically(const std::string& path, std::string_view text,
                           const std::string& what) {
    struct stat existing {};
    bool exists = false;
    const fs::path target = checked_target(path, what, &existing, exists);
    remove_stale_temporaries(target);

    // A fresh temporary beside the target, so the rename stays on one file system and a reader
    // never sees a half-written file. Its name carries this process's id (see the header).
    std::mt19937_64 rng(std::random_device{}());
    std::string temporary;
    int descriptor = -1;
    for (int attempt = 0; attempt < 100 && descriptor < 0; ++attempt) {
        static constexpr char letters[] = "abcdefghijklmnopqrstuvwxyz0123456789";
        temporary = target.string() + ".tmp-" + std::to_string(::getpid()) + "-";
        for (int i = 0; i < 6; ++i) temporary += letters[rng() % (sizeof(letters) - 1)];
        descriptor = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
        if (descriptor < 0 && errno != EEXIST) fail(path, what, std::strerror(errno));
    }
    if (descriptor < 0) fail(path, what, "no free temporary name");

    bool ok = true;
    int error = 0;
    if (exists) {
        // The replacement keeps the target's permissions and, where allowed, its owner.
        if (::fchown(descriptor, existing.st_uid, existing.st_gid) != 0) {
            // Not the owner and not root: the file becomes ours, as with any editor's save.
        }
        if (::fchmod(descriptor, existing.st_mode & 07777) != 0) {
            ok = false;
            error = errno;
        }
    }
    if (ok && !write_all(descriptor, text)) {
        ok = false;
        error = errno;
    }
    if (ok && ::fsync(descriptor) != 0) {
        ok = false;
        error = errno;
    }
    if (::close(descriptor) != 0 && ok) {
        ok = false;
        error = errno;
    }
    if (!ok) {
        std::remove(temporary.c_str());
        fail(path, what, error ? std::strerror(error) : "write failed");
    }
    if (::rename(temporary.c_str(), target.c_str()) != 0) {
        error = errno;
        std::remove(temporary.c_str());
        fail(path, what, std::strerror(error));
    }
}

}  // namespace moelab
