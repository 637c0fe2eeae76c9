#pragma once
// The noise of noisy top-K gating (Shazeer et al. 2017, eq. 4): H_i(x) = s_i(x) + eps_i *
// softplus(n_i(x)), eps_i ~ N(0, 1), during training only. The standard normal draws are a pure
// function of (key, dataset row, expert): a case gets the same noise in a step whatever the number
// of threads or how the batch is split, and a resumed training draws what it would have drawn.
#include <cmath>
#include <cstdint>
#include <numbers>
#include <span>
#include <vector>

namespace moelab {

// SplitMix64's finaliser: a well-mixed 64-bit value from any 64-bit input.
constexpr std::uint64_t mix64(std::uint64_t x) {
    x += 0x9e3779b97f4a7c15ull;
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ull;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebull;
    return x ^ (x >> 31);
}

// A standard normal value for (key, row, expert), by Box-Muller from two hashed uniforms.
inline double standard_normal(std::uint64_t key, std::uint64_t row, std::uint64_t expert) {
    const std::uint64_t a = mix64(key ^ mix64(row ^ mix64(expert + 0x51ed270b27d5a1c3ull)));
    const std::uint64_t b = mix64(a);
    // u1 in (0, 1] so its log is finite; u2 in [0, 1).
    const double u1 = (double(a >> 11) + 1.0) * (1.0 / 9007199254740992.0);
    const double u2 = double(b >> 11) * (1.0 / 9007199254740992.0);
    return std::sqrt(-2.0 * std::log(u1)) * std::cos(2.0 * std::numbers::pi * u2);
}

// The noise of one step: its key (from the seed and the step's place in the training) and the
// dataset rows of the batch's cases, in batch order.
struct NoiseDraw {
    std::uint64_t key = 0;
    std::span<const int> rows;

    double operator()(std::size_t case_index, int expert) const {
        return standard_normal(key, std::uint64_t(rows[case_index]), std::uint64_t(expert));
    }
};

// Pictures of the noise (issue 8). The app draws the gate's regions under one draw per frame: the
// same eps for every point of the plane, so the regions shift together, each point by as much as
// the noise scale softplus(n(x)) there. That draw is eps_i = standard_normal(key, 0, i), what a
// NoiseDraw of this key gives a case of dataset row 0, so a test can rebuild it with a forward
// pass. Distinct streams from the training's own noise, all from the one seed.
inline constexpr std::uint64_t kFrameNoiseStream = 0xbb67ae8584caa73bull;
inline constexpr std::uint64_t kFlipNoiseStream = 0x3c6ef372fe94f82bull;

// The key of the draw of the picture of `epoch`: a paused picture keeps its draw, and every
// epoch trained draws a new one.
constexpr std::uint64_t frame_noise_key(std::uint64_t seed, long epoch) {
    return mix64(seed ^ kFrameNoiseStream) ^ mix64(std::uint64_t(epoch));
}

// eps for a whole picture: N values, one per expert.
inline std::vector<float> frame_noise(std::uint64_t key, int experts) {
    std::vector<float> eps(size_t(experts > 0 ? experts : 0));
    for (size_t i = 0; i < eps.size(); ++i) eps[i] = float(standard_normal(key, 0, i));
    return eps;
}

// The key of the per-case draws with which the metrics count the cases the noise re-routes
// (analysis/noise_flips.h): the seed alone, so every evaluation compares the same draws and the
// share moves with the model, not with the dice.
constexpr std::uint64_t flip_noise_key(std::uint64_t seed) {
    return mix64(seed ^ kFlipNoiseStream);
}

}  // namespace moelab
