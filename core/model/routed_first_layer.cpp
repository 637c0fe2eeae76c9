#include "model/routed_first_layer.h"

#include <algorithm>
#include <cstdint>
#include <type_traits>

namespace moelab {

namespace {

namespace ei = Eigen::internal;

template <typename Scalar>
using PacketOf = typename ei::packet_traits<Scalar>::type;

template <typename Scalar>
constexpr int kLanes = ei::unpacket_traits<PacketOf<Scalar>>::size;

// Packets of units per pass over the cases.
constexpr int kMaxChunk = 2;

// Stores the first `count` lanes of `packet` at `to` (1 <= count <= lanes).
template <typename Scalar>
inline void store_first_lanes(Scalar* to, const PacketOf<Scalar>& packet, int count) {
    constexpr int L = kLanes<Scalar>;
    if (count == L) {
        ei::pstoreu(to, packet);
        return;
    }
#if defined(EIGEN_VECTORIZE_AVX512)
    if constexpr (std::is_same_v<Scalar, float> && L == 16) {  // Packet16f
        ei::pstoreu(to, packet, static_cast<std::uint16_t>((1u << count) - 1u));
        return;
    }
#elif defined(EIGEN_VECTORIZE_AVX)
    if constexpr (std::is_same_v<Scalar, float> && L == 8) {  // Packet8f
        ei::pstoreu(to, packet, static_cast<std::uint8_t>((1u << count) - 1u));
        return;
    }
#endif
    alignas(64) Scalar lanes[L];
    ei::pstoreu(lanes, packet);
    std::copy_n(lanes, count, to);
}

// out[j][p L ..] = sum_d x[j][d] w(d R + p L ..) for RB cases and PC packets of units.
template <typename Scalar, int RB, int PC>
void forward_block(const Scalar* w, Eigen::Index R, int D, const Scalar* const* x,
                   Scalar* const* out) {
    using Packet = PacketOf<Scalar>;
    constexpr int L = kLanes<Scalar>;
    Packet acc[RB][PC];
    for (int j = 0; j < RB; ++j)
        for (int p = 0; p < PC; ++p) acc[j][p] = ei::pset1<Packet>(Scalar(0));
    for (int d = 0; d < D; ++d, w += R) {
        Packet column[PC];
        for (int p = 0; p < PC; ++p) column[p] = ei::ploadu<Packet>(w + p * L);
        for (int j = 0; j < RB; ++j) {
            const Packet xb = ei::pset1<Packet>(x[j][d]);
            for (int p = 0; p < PC; ++p) acc[j][p] = ei::pmadd(xb, column[p], acc[j][p]);
        }
    }
    for (int j = 0; j < RB; ++j)
        for (int p = 0; p < PC; ++p) ei::pstoreu(out[j] + p * L, acc[j][p]);
}

// dw(d0 + j, p L ..) = sum_k x(rows[k], d0 + j) g(k, p L ..) for DB columns and PC packets,
// storing `last_lanes` lanes of the last packet.
template <typename Scalar, int DB, int PC>
void backward_block(const Scalar* g, Eigen::Index g_stride, const Scalar* x, Eigen::Index x_stride,
                    std::span<const int> rows, int d0, Scalar* dw, Eigen::Index R, int last_lanes) {
    using Packet = PacketOf<Scalar>;
    constexpr int L = kLanes<Scalar>;
    Packet acc[DB][PC];
    for (int j = 0; j < DB; ++j)
        for (int p = 0; p < PC; ++p) acc[j][p] = ei::pset1<Packet>(Scalar(0));
    for (size_t k = 0; k < rows.size(); ++k) {
        const Scalar* gk = g + Eigen::Index(k) * g_stride;
        Packet gp[PC];
        for (int p = 0; p < PC; ++p) gp[p] = ei::ploadu<Packet>(gk + p * L);
        const Scalar* xk = x + Eigen::Index(rows[k]) * x_stride + d0;
        for (int j = 0; j < DB; ++j) {
            const Packet xb = ei::pset1<Packet>(xk[j]);
            for (int p = 0; p < PC; ++p) acc[j][p] = ei::pmadd(xb, gp[p], acc[j][p]);
        }
    }
    for (int j = 0; j < DB; ++j) {
        Scalar* column = dw + Eigen::Index(d0 + j) * R;
        for (int p = 0; p + 1 < PC; ++p) ei::pstoreu(column + p * L, acc[j][p]);
        store_first_lanes<Scalar>(column + (PC - 1) * L, acc[j][PC - 1], last_lanes);
    }
}

// Cases (forward) or columns (backward) per block: 8 with one packet of units, 4 with two, so
// that one load of W's column (or of g's row) serves 8 or 4 FMAs and the accumulators fit in 16
// registers (AVX2) as well as 32 (AVX-512).
template <int PC>
constexpr int kBlockOf = PC == 1 ? 8 : 4;

template <typename Scalar, int PC>
void forward_chunk(const Scalar* w, Eigen::Index R, int D, const Scalar* x, Eigen::Index x_stride,
                   std::span<const int> rows, Scalar* out, Eigen::Index out_stride) {
    constexpr int RB = kBlockOf<PC>;
    const Eigen::Index n = Eigen::Index(rows.size());
    Eigen::Index k = 0;
    for (; k + RB <= n; k += RB) {
        const Scalar* xs[RB];
        Scalar* outs[RB];
        for (int j = 0; j < RB; ++j) {
            xs[j] = x + Eigen::Index(rows[size_t(k + j)]) * x_stride;
            outs[j] = out + (k + j) * out_stride;
        }
        forward_block<Scalar, RB, PC>(w, R, D, xs, outs);
    }
    if (k < n) {
        // The last few cases as a whole block, its missing cases repeating a real one into a
        // scratch row: one case at a time would be a chain of dependent FMAs, each reloading W.
        alignas(64) Scalar scratch[PC * kLanes<Scalar>];
        const Scalar* xs[RB];
        Scalar* outs[RB];
        for (int j = 0; j < RB; ++j) {
            const bool real = k + j < n;
            xs[j] = x + Eigen::Index(rows[size_t(real ? k + j : k)]) * x_stride;
            outs[j] = real ? out + (k + j) * out_stride : scratch;
        }
        forward_block<Scalar, RB, PC>(w, R, D, xs, outs);
    }
}

template <typename Scalar, int PC>
void backward_chunk(const Scalar* g, Eigen::Index g_stride, const Scalar* x, Eigen::Index x_stride,
                    std::span<const int> rows, int D, Scalar* dw, Eigen::Index R, int last_lanes) {
    constexpr int DB = kBlockOf<PC>;
    int d0 = 0;
    for (; d0 + DB <= D; d0 += DB)
        backward_block<Scalar, DB, PC>(g, g_stride, x, x_stride, rows, d0, dw, R, last_lanes);
    for (; d0 < D; ++d0)
        backward_block<Scalar, 1, PC>(g, g_stride, x, x_stride, rows, d0, dw, R, last_lanes);
}

}  // namespace

template <typename Scalar>
Eigen::Index RoutedFirstLayer<Scalar>::padded_units(int units) {
    constexpr int L = kLanes<Scalar>;
    return Eigen::Index((units + L - 1) / L) * L;
}

template <typename Scalar>
bool RoutedFirstLayer<Scalar>::supported(Eigen::Index parameter_count, int R, int D, int first,
                                         int units) {
    if (units <= 0 || D <= 0 || first < 0 || first + units > R) return false;
    // The last packet of the last column reads up to padded_units - units past the block.
    const Eigen::Index last_read = Eigen::Index(D - 1) * R + first + padded_units(units);
    return last_read <= parameter_count;
}

template <typename Scalar>
void RoutedFirstLayer<Scalar>::forward(const Scalar* weights, int R, int D, int first, int units,
                                       const Scalar* x, Eigen::Index x_stride,
                                       std::span<const int> rows, Scalar* out) {
    constexpr int L = kLanes<Scalar>;
    const Eigen::Index stride = padded_units(units);
    const int packets = int(stride / L);
    for (int p0 = 0; p0 < packets; p0 += kMaxChunk) {
        const Scalar* w = weights + first + p0 * L;
        if (packets - p0 >= 2)
            forward_chunk<Scalar, 2>(w, R, D, x, x_stride, rows, out + p0 * L, stride);
        else
            forward_chunk<Scalar, 1>(w, R, D, x, x_stride, rows, out + p0 * L, stride);
    }
}

template <typename Scalar>
void RoutedFirstLayer<Scalar>::backward(const Scalar* g, int R, int D, int first, int units,
                                        const Scalar* x, Eigen::Index x_stride,
                                        std::span<const int> rows, Scalar* weight_gradient) {
    constexpr int L = kLanes<Scalar>;
    const Eigen::Index stride = padded_units(units);
    const int packets = int(stride / L);
    for (int p0 = 0; p0 < packets; p0 += kMaxChunk) {
        const int chunk = std::min(kMaxChunk, packets - p0);
        const int last_lanes = p0 + chunk == packets ? units - (packets - 1) * L : L;
        Scalar* dw = weight_gradient + first + p0 * L;
        if (chunk == 2)
            backward_chunk<Scalar, 2>(g + p0 * L, stride, x, x_stride, rows, D, dw, R, last_lanes);
        else
            backward_chunk<Scalar, 1>(g + p0 * L, stride, x, x_stride, rows, D, dw, R, last_lanes);
    }
}

template struct RoutedFirstLayer<float>;
template struct RoutedFirstLayer<double>;

}  // namespace moelab
