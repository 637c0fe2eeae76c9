#pragma once
// One expert's first layer on only the cases routed to it (sparse compute, issue 8), read from
// and written to the stacked first-layer weights in place.
//
// The first layers of the gate, the noise and every expert are one R x D matrix W, column-major
// (W(u, d) at d R + u): expert i owns the units [first, first + units). Cutting that block out
// and gathering the expert's cases for a GEMM copied every routed case's inputs three times
// (the gather, the GEMM's packing of them forward and again backward) and wrote the expert's
// D x units gradient through strided stores; with 10 units per expert that made top-2 routing
// over 8 experts slower than computing all 8 (W2: 178 ms against 143 ms an epoch). Here the
// units run across the SIMD lanes instead:
//   forward   out(k, u) = sum_d x(row_k, d) W(u, d): for each d, one packet of W's column
//             (the expert's units, contiguous) times the broadcast x(row_k, d), for 4 cases at
//             once, reading the cases where they lie in the batch;
//   backward  dW(u, d) = sum_k g(k, u) x(row_k, d): for 4 columns d at once, the packet of
//             g's row k times the broadcast x(row_k, d), stored straight into dW's column.
// A packet reads past the expert's last unit into the next rows of W (the next expert, or the
// next column's gate rows, or the biases after W): supported() checks that such reads stay
// inside the parameters; those lanes are never stored.
#include <Eigen/Core>
#include <span>

#include "model/types.h"

namespace moelab {

template <typename Scalar>
struct RoutedFirstLayer {
    // Units rounded up to whole packets: the row stride of the padded out and g buffers.
    static Eigen::Index padded_units(int units);

    // Whether the kernel may read W for these sizes in a parameter vector of `parameter_count`.
    static bool supported(Eigen::Index parameter_count, int R, int D, int first, int units);

    // out (rows.size() x padded_units(units), row-major) = the cases' x W_expert^T, without the
    // bias. `x` is row-major with row stride `x_stride`; `weights` points at W(0, 0).
    static void forward(const Scalar* weights, int R, int D, int first, int units, const Scalar* x,
                        Eigen::Index x_stride, std::span<const int> rows, Scalar* out);

    // dW(first + u, d) = sum_k g(k, u) x(rows[k], d) for every d and u < units, written into
    // `weight_gradient` (the same layout as W) without touching the other rows. `g` is
    // rows.size() x padded_units(units), row-major, and zero in the padding. No rows: dW = 0.
    static void backward(const Scalar* g, int R, int D, int first, int units, const Scalar* x,
                         Eigen::Index x_stride, std::span<const int> rows, Scalar* weight_gradient);
};

extern template struct RoutedFirstLayer<float>;
extern template struct RoutedFirstLayer<double>;

}  // namespace moelab
