#pragma once
// How much the noise of a noisy top-K gate re-routes (Shazeer et al. 2017, eq. 4): the share of
// cases whose first choice, and whose set of K experts, differ under H = s + eps softplus(n) from
// the clean logits s, each case with its own draw eps ~ N(0, 1) per expert, as in training. Where
// the learned noise scale is small beside the gaps between the logits, hardly a case moves; where
// it is large, many do.
#include <cstdint>
#include <span>

#include "model/forward_backward.h"
#include "model/gate_noise.h"
#include "model/mixture.h"

namespace moelab {

struct NoiseFlips {
    long cases = 0;
    long first_choice = 0;  // cases whose first choice the noise changes
    // Cases whose set of K experts it changes (the first choice's count for K = 1; none for the
    // dense gate, K = N, which routes every case to every expert).
    long routed_set = 0;

    void merge(const NoiseFlips& other) {
        cases += other.cases;
        first_choice += other.first_choice;
        routed_set += other.routed_set;
    }
    // Shares of the cases counted (NaN without any).
    double first_choice_share() const;
    double routed_set_share() const;
};

// Adds the cases of a clean forward pass of a model with a noise layer (pass.has_noise_scale():
// its gate logits s and noise scales softplus(n)), case b drawn as `noise(b, i)`, routed to its
// top `top_k` experts (clamped to [1, N]; ties to the lower index, as training routes). Adds
// nothing for a model without a noise layer.
template <typename Scalar>
void count_noise_flips(const ForwardBackward<Scalar>& pass, const NoiseDraw& noise, int top_k,
                       NoiseFlips& flips);

// The same for `model` on `x` (standardised inputs, one case a row) whose dataset rows are
// `rows`, drawn with `key` (see NoiseDraw).
template <typename Scalar>
NoiseFlips noise_flips(const Mixture<Scalar>& model, const InputBatch<Scalar>& x,
                       std::span<const int> rows, int top_k, std::uint64_t key);

}  // namespace moelab
