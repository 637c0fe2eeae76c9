#include "analysis/noise_flips.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <vector>

namespace moelab {

double NoiseFlips::first_choice_share() const {
    return cases > 0 ? double(first_choice) / double(cases) : std::nan("");
}

double NoiseFlips::routed_set_share() const {
    return cases > 0 ? double(routed_set) / double(cases) : std::nan("");
}

namespace {

// The k largest of `logits` (ties: the lower index) as a set, and the first of them.
template <typename Scalar>
int top_set(const std::vector<Scalar>& logits, int k, std::vector<int>& order,
            std::vector<char>& in_set) {
    std::iota(order.begin(), order.end(), 0);
    std::partial_sort(order.begin(), order.begin() + k, order.end(), [&](int a, int b) {
        return logits[size_t(a)] > logits[size_t(b)] ||
               (logits[size_t(a)] == logits[size_t(b)] && a < b);
    });
    std::fill(in_set.begin(), in_set.end(), char(0));
    for (int j = 0; j < k; ++j) in_set[size_t(order[size_t(j)])] = 1;
    return order[0];
}

}  // namespace

template <typename Scalar>
void count_noise_flips(const ForwardBackward<Scalar>& pass, const NoiseDraw& noise, int top_k,
                       NoiseFlips& flips) {
    if (!pass.has_noise_scale()) return;
    const int N = pass.experts();
    const int K = std::clamp(top_k, 1, N);
    const Matrix<Scalar>& s = pass.gate_logits();
    const Matrix<Scalar>& scale = pass.noise_scale();
    const size_t n = static_cast<size_t>(N);
    std::vector<Scalar> clean(n), noisy(n);
    std::vector<int> order(n);
    std::vector<char> clean_set(n), noisy_set(n);
    for (Eigen::Index b = 0; b < pass.cases(); ++b) {
        for (int i = 0; i < N; ++i) {
            clean[size_t(i)] = s(b, i);
            // eq. 4, as ForwardBackward adds it in training.
            noisy[size_t(i)] = s(b, i) + Scalar(noise(size_t(b), i)) * scale(b, i);
        }
        const int clean_first = top_set(clean, K, order, clean_set);
        const int noisy_first = top_set(noisy, K, order, noisy_set);
        flips.first_choice += clean_first != noisy_first;
        flips.routed_set += clean_set != noisy_set;
    }
    flips.cases += pass.cases();
}

template <typename Scalar>
NoiseFlips noise_flips(const Mixture<Scalar>& model, const InputBatch<Scalar>& x,
                       std::span<const int> rows, int top_k, std::uint64_t key) {
    NoiseFlips flips;
    ForwardBackward<Scalar> pass;
    // Only the gate's logits and the noise scales are needed: let the experts compute only
    // their routed cases.
    ForwardSettings settings;
    settings.rule.k = top_k;
    settings.sparse_experts = true;
    pass.forward(model, x, settings);
    count_noise_flips(pass, NoiseDraw{key, rows}, top_k, flips);
    return flips;
}

template void count_noise_flips(const ForwardBackward<float>&, const NoiseDraw&, int, NoiseFlips&);
template void count_noise_flips(const ForwardBackward<double>&, const NoiseDraw&, int, NoiseFlips&);
template NoiseFlips noise_flips(const Mixture<float>&, const InputBatch<float>&,
                                std::span<const int>, int, std::uint64_t);
template NoiseFlips noise_flips(const Mixture<double>&, const InputBatch<double>&,
                                std::span<const int>, int, std::uint64_t);

}  // namespace moelab
