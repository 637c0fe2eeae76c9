#pragma once
// Random damage to a file's text for the "never a crash" tests of the loaders: 1 to `max_edits`
// edits (a byte changed, the text cut short, a JSON character inserted, a run erased), each at or
// after `from`.
#include <random>
#include <string>

namespace moelab::test {

inline std::string damaged_text(const std::string& text, std::mt19937_64& rng, int max_edits,
                                size_t from = 0) {
    std::string damaged = text;
    const int edits = 1 + int(rng() % unsigned(max_edits));
    for (int e = 0; e < edits && damaged.size() > from; ++e) {
        const size_t at = from + size_t(rng() % (damaged.size() - from));
        switch (rng() % 4) {
            case 0:
                damaged[at] = char(rng() % 256);
                break;
            case 1:
                damaged.resize(at + 1);
                break;
            case 2:
                damaged.insert(at, 1, "[]{}\",:0-e9"[rng() % 12]);
                break;
            default:
                damaged.erase(at, 1 + size_t(rng() % 16));
                break;
        }
    }
    return damaged;
}

}  // namespace moelab::test
