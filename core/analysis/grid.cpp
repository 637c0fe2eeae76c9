#include "analysis/grid.h"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <limits>
#include <numeric>
#include <type_traits>

#include "errors.h"
#include "model/forward_backward.h"
#include "training/thread_team.h"

namespace moelab {

GridSpec grid_around(const Dataset& dataset, int width, int height, double padding) {
    GridSpec spec;
    spec.width = width;
    spec.height = height;
    if (dataset.size() == 0 || dataset.dimensions() < 2) return spec;
    const double x_lo = dataset.features.col(0).minCoeff(),
                 x_hi = dataset.features.col(0).maxCoeff();
    const double y_lo = dataset.features.col(1).minCoeff(),
                 y_hi = dataset.features.col(1).maxCoeff();
    const double x_pad = std::max(x_hi - x_lo, 1e-9) * padding;
    const double y_pad = std::max(y_hi - y_lo, 1e-9) * padding;
    spec.x_min = x_lo - x_pad;
    spec.x_max = x_hi + x_pad;
    spec.y_min = y_lo - y_pad;
    spec.y_max = y_hi + y_pad;
    return spec;
}

namespace {

namespace ei = Eigen::internal;
// The widest SIMD packet Eigen uses for float on this build (16 lanes with AVX-512, 8 with AVX).
using Packet = ei::packet_traits<float>::type;
constexpr int kLanes = ei::packet_traits<float>::size;
// The fused kernel needs SIMD tanh and exp; without them every gate takes the model pass.
constexpr bool kFusedKernel =
    kLanes > 1 && ei::packet_traits<float>::HasTanh&& ei::packet_traits<float>::HasExp;

using AlignedFloats = std::vector<float, Eigen::aligned_allocator<float>>;

// 1 / q to within a unit or two of the last place: the hardware's reciprocal estimate and one
// Newton step where there is one (four times the throughput of a division), else a division.
inline Packet reciprocal(const Packet& q) {
#if defined(EIGEN_VECTORIZE_AVX512)
    const Packet r = _mm512_rcp14_ps(q);  // Packet is Packet16f
    return ei::pmul(r, ei::psub(ei::pset1<Packet>(2.0f), ei::pmul(q, r)));
#elif defined(EIGEN_VECTORIZE_AVX)
    const Packet r = _mm256_rcp_ps(q);  // Packet is Packet8f
    return ei::pmul(r, ei::psub(ei::pset1<Packet>(2.0f), ei::pmul(q, r)));
#else
    return ei::pdiv(ei::pset1<Packet>(1.0f), q);
#endif
}

// tanh as Eigen computes it for float (the engine's hidden layers: a 13/6 rational function on
// [-c, c], x itself for tiny x), with the final division by the reciprocal above. The division
// was a third of the grid's time.
inline Packet fast_tanh(const Packet& a) {
#ifdef EIGEN_VECTORIZE_FMA
    const Packet clamp = ei::pset1<Packet>(7.99881172180175781f);
#else
    const Packet clamp = ei::pset1<Packet>(7.90531110763549805f);
#endif
    const Packet x = ei::pmax(ei::pmin(a, clamp), ei::pnegate(clamp));
    const Packet tiny = ei::pcmp_lt(ei::pabs(a), ei::pset1<Packet>(0.0004f));
    const Packet x2 = ei::pmul(x, x);
    Packet p = ei::pmadd(x2, ei::pset1<Packet>(-2.76076847742355e-16f),
                         ei::pset1<Packet>(2.00018790482477e-13f));
    p = ei::pmadd(x2, p, ei::pset1<Packet>(-8.60467152213735e-11f));
    p = ei::pmadd(x2, p, ei::pset1<Packet>(5.12229709037114e-08f));
    p = ei::pmadd(x2, p, ei::pset1<Packet>(1.48572235717979e-05f));
    p = ei::pmadd(x2, p, ei::pset1<Packet>(6.37261928875436e-04f));
    p = ei::pmadd(x2, p, ei::pset1<Packet>(4.89352455891786e-03f));
    p = ei::pmul(x, p);
    Packet q = ei::pmadd(x2, ei::pset1<Packet>(1.19825839466702e-06f),
                         ei::pset1<Packet>(1.18534705686654e-04f));
    q = ei::pmadd(x2, q, ei::pset1<Packet>(2.26843463243900e-03f));
    q = ei::pmadd(x2, q, ei::pset1<Packet>(4.89352518554385e-03f));
    return ei::pselect(tiny, x, ei::pmul(p, reciprocal(q)));
}

// `Block` outputs of a dense layer on one packet of cells, their accumulators in registers:
// out[o] = b[o] + sum_i in[i] w(o, i) for o < Block, tanh'd when `hidden`.
template <int Block>
inline void dense_outputs(const float* in, int cols, const float* weights, Eigen::Index stride,
                          const float* biases, bool hidden, float* out) {
    // Two partial sums per output (even and odd inputs): twice the independent chains of
    // multiply-adds, so their latency hides behind each other.
    Packet sum[Block], odd[Block];
    for (int o = 0; o < Block; ++o) {
        sum[o] = ei::pset1<Packet>(biases[o]);
        odd[o] = ei::pset1<Packet>(0.0f);
    }
    int i = 0;
    for (; i + 2 <= cols; i += 2) {
        const Packet v = ei::pload<Packet>(in + i * kLanes);
        const Packet u = ei::pload<Packet>(in + (i + 1) * kLanes);
        const float* w = weights + i * stride;
        for (int o = 0; o < Block; ++o) {
            sum[o] = ei::pmadd(v, ei::pset1<Packet>(w[o]), sum[o]);
            odd[o] = ei::pmadd(u, ei::pset1<Packet>(w[stride + o]), odd[o]);
        }
    }
    if (i < cols) {
        const Packet v = ei::pload<Packet>(in + i * kLanes);
        const float* w = weights + i * stride;
        for (int o = 0; o < Block; ++o) sum[o] = ei::pmadd(v, ei::pset1<Packet>(w[o]), sum[o]);
    }
    for (int o = 0; o < Block; ++o) {
        const Packet total = ei::padd(sum[o], odd[o]);
        ei::pstore(out + o * kLanes, hidden ? fast_tanh(total) : total);
    }
}

// One dense layer inside the flat parameter vector: w(o, i) = weights[o + i * stride].
struct DenseLayer {
    const float* weights = nullptr;
    Eigen::Index stride = 0;
    const float* biases = nullptr;
    int rows = 0, cols = 0;
};

// A feed-forward network as DenseNetwork runs it: its block of the stacked first layer, then tanh
// and each deeper layer (tanh after every one but the last). No deeper layer: linear.
//
// The kernel hands the first deeper layer r = 1 / (1 + e^(2a)) instead of tanh a = 1 - 2r, so that
// layer's weights and biases are folded here: w' = -2 w, b' = b + sum_i w(., i).
struct NetworkLayers {
    int first_row = 0, first_rows = 0;
    std::vector<DenseLayer> deeper;
    std::vector<float> folded_weights, folded_biases;
};

// The network whose layers (in forward order) are `slices`, if they chain as DenseNetwork's do
// from the stacked first layer to `outputs` outputs.
bool describe_network(const Vector<float>& parameters, const std::vector<DenseSlice>& slices,
                      int outputs, NetworkLayers& network) {
    if (slices.empty() || !slices[0].in_input_layer()) return false;
    network.first_row = slices[0].first_row;
    network.first_rows = slices[0].rows;
    network.deeper.clear();
    int width = slices[0].rows;
    for (size_t l = 1; l < slices.size(); ++l) {
        const DenseSlice& slice = slices[l];
        if (slice.in_input_layer() || slice.cols != width) return false;
        network.deeper.push_back(
            DenseLayer{parameters.data() + slice.weight_offset, slice.weight_stride,
                       parameters.data() + slice.bias_offset, slice.rows, slice.cols});
        width = slice.rows;
    }
    if (!network.deeper.empty()) {
        DenseLayer& layer = network.deeper.front();
        network.folded_weights.resize(size_t(layer.rows) * size_t(layer.cols));
        network.folded_biases.resize(size_t(layer.rows));
        for (int o = 0; o < layer.rows; ++o) {
            double bias = layer.biases[o];
            for (int i = 0; i < layer.cols; ++i) {
                const float w = layer.weights[o + i * layer.stride];
                network.folded_weights[size_t(o) + size_t(i) * size_t(layer.rows)] = -2.0f * w;
                bias += w;
            }
            network.folded_biases[size_t(o)] = float(bias);
        }
        layer.weights = network.folded_weights.data();
        layer.stride = layer.rows;
        layer.biases = network.folded_biases.data();
    }
    return width == outputs;
}

// Per cell of a packet, the argmax of `count` packets of scores stored `kLanes` floats apart (the
// first maximum wins, as in training's routing) and the margin top - runner-up (1 for one score).
// `Fixed` > 0: count is that constant, so the loop unrolls (the classes of the common data sets).
template <int Fixed = 0>
inline void label_and_margin(const float* scores, int runtime_count, Packet& label,
                             Packet& margin) {
    const int count = Fixed > 0 ? Fixed : runtime_count;
    Packet top = ei::pload<Packet>(scores);
    Packet second = ei::pset1<Packet>(-std::numeric_limits<float>::infinity());
    Packet best = ei::pzero(top);
    for (int j = 1; j < count; ++j) {
        const Packet v = ei::pload<Packet>(scores + j * kLanes);
        const Packet wins = ei::pcmp_lt(top, v);
        second = ei::pselect(wins, top, ei::pmax(second, v));
        best = ei::pselect(wins, ei::pset1<Packet>(float(j)), best);
        top = ei::pmax(top, v);
    }
    label = best;
    margin = count > 1 ? ei::psub(top, second) : ei::pset1<Packet>(1.0f);
}

// Per cell of a packet, the two largest of `count` (>= 2) packets of scores stored `kLanes` floats
// apart, and their indices, ranked as training's routing ranks them (ties: the lower index). One
// pass serves the gate's label and margin and top-1 and top-2 routing.
inline void top_two(const float* scores, int count, Packet& first_index, Packet& first,
                    Packet& second_index, Packet& second) {
    const Packet one = ei::pset1<Packet>(1.0f);
    first = ei::pload<Packet>(scores);
    first_index = ei::pzero(first);
    second = ei::pset1<Packet>(-std::numeric_limits<float>::infinity());
    second_index = ei::pset1<Packet>(-1.0f);
    Packet index = first_index;
    for (int j = 1; j < count; ++j) {
        index = ei::padd(index, one);
        const Packet v = ei::pload<Packet>(scores + j * kLanes);
        const Packet wins = ei::pcmp_lt(first, v);
        const Packet beats_second = ei::pcmp_lt(second, v);
        second = ei::pselect(wins, first, ei::pselect(beats_second, v, second));
        second_index =
            ei::pselect(wins, first_index, ei::pselect(beats_second, index, second_index));
        first_index = ei::pselect(wins, index, first_index);
        first = ei::pmax(first, v);
    }
}

// Whole packets a and b interleaved (a0 b0 a1 b1 ...) into 2 kLanes floats at `out`, and their
// values (small whole numbers) as bytes into 2 kLanes bytes at `bytes`: two routed experts per
// cell, cell-major. Vector shuffles where the build has them, else lane by lane.
inline void interleave_store(const Packet& a, const Packet& b, float* out) {
#if defined(EIGEN_VECTORIZE_AVX512)
    const __m512i low = _mm512_set_epi32(23, 7, 22, 6, 21, 5, 20, 4, 19, 3, 18, 2, 17, 1, 16, 0);
    const __m512i high =
        _mm512_set_epi32(31, 15, 30, 14, 29, 13, 28, 12, 27, 11, 26, 10, 25, 9, 24, 8);
    _mm512_storeu_ps(out, _mm512_permutex2var_ps(a, low, b));
    _mm512_storeu_ps(out + kLanes, _mm512_permutex2var_ps(a, high, b));
#elif defined(EIGEN_VECTORIZE_AVX)
    const __m256 low = _mm256_unpacklo_ps(a, b), high = _mm256_unpackhi_ps(a, b);
    _mm256_storeu_ps(out, _mm256_permute2f128_ps(low, high, 0x20));
    _mm256_storeu_ps(out + kLanes, _mm256_permute2f128_ps(low, high, 0x31));
#else
    alignas(64) float la[kLanes], lb[kLanes];
    ei::pstore(la, a);
    ei::pstore(lb, b);
    for (int l = 0; l < kLanes; ++l) {
        out[2 * l] = la[l];
        out[2 * l + 1] = lb[l];
    }
#endif
}

inline void interleave_store(const Packet& a, const Packet& b, std::uint8_t* bytes) {
#if defined(EIGEN_VECTORIZE_AVX512)
    const __m128i a8 = _mm512_cvtepi32_epi8(_mm512_cvttps_epi32(a));
    const __m128i b8 = _mm512_cvtepi32_epi8(_mm512_cvttps_epi32(b));
    _mm_storeu_si128(reinterpret_cast<__m128i*>(bytes), _mm_unpacklo_epi8(a8, b8));
    _mm_storeu_si128(reinterpret_cast<__m128i*>(bytes + kLanes), _mm_unpackhi_epi8(a8, b8));
#else
    alignas(64) float la[kLanes], lb[kLanes];
    ei::pstore(la, a);
    ei::pstore(lb, b);
    for (int l = 0; l < kLanes; ++l) {
        bytes[2 * l] = std::uint8_t(la[l]);
        bytes[2 * l + 1] = std::uint8_t(lb[l]);
    }
#endif
}

// Column-loop version for the model pass: the same argmax and margin over the columns of a
// B x count block.
template <typename Block>
void label_and_margin_columns(const Block& scores, std::uint8_t* label, float* margin) {
    using Column = Eigen::ArrayXf;
    const Eigen::Index B = scores.rows(), count = scores.cols();
    Column top = scores.col(0).array();
    Column second = Column::Constant(B, -std::numeric_limits<float>::infinity());
    Column best = Column::Zero(B);
    for (Eigen::Index j = 1; j < count; ++j) {
        const auto v = scores.col(j).array();
        const auto wins = v > top;
        second = wins.select(top, second.max(v));
        best = wins.select(Column::Constant(B, float(j)), best);
        top = top.max(v);
    }
    for (Eigen::Index b = 0; b < B; ++b) label[b] = std::uint8_t(best[b]);
    Eigen::Map<Column>(margin, B) = count > 1 ? Column(top - second) : Column::Ones(B);
}

void prepare_grid(GridEvaluation& grid, const GridSpec& spec, int experts, int classes, int top_k,
                  bool noisy) {
    const size_t cells = size_t(spec.width) * size_t(spec.height);
    grid.spec = spec;
    grid.experts = experts;
    grid.classes = classes;
    // As the kernels clamp K (top_k below 1 routes to one expert).
    const int routed = std::clamp(top_k, 1, std::max(1, experts));
    grid.routed = routed < experts ? routed : 0;
    grid.gate_routed.resize(cells * size_t(grid.routed));
    grid.gate_routed_probability.resize(cells * size_t(grid.routed));
    auto allocate = [cells](LabelField& field) {
        field.label.resize(cells);
        field.margin.resize(cells);
    };
    allocate(grid.mixture);
    allocate(grid.gate);
    grid.expert.resize(size_t(experts));
    for (auto& field : grid.expert) allocate(field);
    grid.gate_probabilities.resize(cells * size_t(experts));
    grid.gate_top_probability.resize(cells);
    grid.noisy = noisy;
    const size_t noisy_cells = noisy ? cells : 0;
    grid.noisy_gate.label.resize(noisy_cells);
    grid.noisy_gate.margin.resize(noisy_cells);
    grid.noisy_top_probability.resize(noisy_cells);
    grid.noisy_routed.resize(noisy_cells * size_t(grid.routed));
    grid.noisy_routed_probability.resize(noisy_cells * size_t(grid.routed));
}

// One cell's routing from its N logits `logit(i)`, as training routes: its K largest (ties: the
// lower index) in order into `order`, and their softmax, in that order, into `probability`.
template <typename Logit>
void route_cell(const Logit& logit, int N, int K, std::vector<int>& order, float* probability) {
    order.resize(size_t(N));
    std::iota(order.begin(), order.end(), 0);
    std::partial_sort(order.begin(), order.begin() + K, order.end(), [&](int a, int b) {
        const float la = logit(a), lb = logit(b);
        return la > lb || (la == lb && a < b);
    });
    const float top = logit(order[0]);
    float sum = 0;
    for (int j = 0; j < K; ++j) sum += probability[j] = std::exp(logit(order[size_t(j)]) - top);
    for (int j = 0; j < K; ++j) probability[j] /= sum;
}

// Runs body(part, row) for every grid row on every thread of `team`, rows handed out a few at a
// time (the parts' speeds differ on a busy machine).
template <typename Body>
void for_each_row(ThreadTeam& team, int rows, const Body& body) {
    constexpr int kRowsPerGrab = 4;
    std::atomic<int> next{0};
    team.run([&](int part) {
        for (;;) {
            const int begin = next.fetch_add(kRowsPerGrab, std::memory_order_relaxed);
            if (begin >= rows) return;
            const int end = std::min(rows, begin + kRowsPerGrab);
            for (int row = begin; row < end; ++row) body(part, row);
        }
    });
}

}  // namespace

// The buffers of one thread: a handful of packets per network for the fused kernel (a few KB,
// in L1), or one ForwardBackward per grid row for the model pass.
struct GridEvaluator::Workspace {
    AlignedFloats offset;  // R: y * w1(r, 1) + b1(r), the first layer's share of the row
    AlignedFloats activations, next_activations;  // widest layer x kLanes
    AlignedFloats gate_logits, probabilities;     // N x kLanes
    AlignedFloats expert_logits;                  // N * C x kLanes
    AlignedFloats exponentials;                   // C x kLanes
    AlignedFloats mixture;                        // C x kLanes
    AlignedFloats lanes;                          // kLanes: a packet spilled for scalar stores
    AlignedFloats routed;                         // K x kLanes: the routed experts, in order
    AlignedFloats shares;                         // K x kLanes: and their probabilities
    AlignedFloats routed_index;                   // K x kLanes: routed experts to be stored
    // With noise: the noise layer's logits, then H, in place; the routing under H.
    AlignedFloats noisy_logits, noisy_marks;   // N x kLanes: H; the routing's probabilities
    AlignedFloats noisy_routed, noisy_shares;  // K x kLanes
    AlignedFloats row_factor;  // R: exp(2 a(k)) of this row, exp(a(k)) for noise (evaluate_fused)
    std::vector<std::ptrdiff_t> table_start;  // R: where column 0 of this row reads its table

    ForwardBackward<float> pass;
    Eigen::MatrixXf x, mixture_rows, gate_probabilities_t, noisy_rows;
    std::vector<int> order;               // N: experts sorted by a cell's gate logits
    std::vector<float> cell_probability;  // N: a cell's routed probabilities
};

GridEvaluator::GridEvaluator() = default;
GridEvaluator::~GridEvaluator() = default;

void GridEvaluator::evaluate(const Mixture<float>& model, const Standardization& standardization,
                             int top_k, const GridSpec& spec, int threads, GridEvaluation& grid,
                             std::span<const float> noise) {
    threads = std::max(1, threads);
    if (!team_ || team_->size() != threads) {
        team_.reset();  // its threads end before the new team's start
        team_ = std::make_unique<ThreadTeam>(threads);
    }
    evaluate(model, standardization, top_k, spec, *team_, grid, noise);
}

void GridEvaluator::evaluate(const Mixture<float>& model, const Standardization& standardization,
                             int top_k, const GridSpec& spec, ThreadTeam& team,
                             GridEvaluation& grid, std::span<const float> noise) {
    const int threads = team.size();
    const ModelSpec& shape = model.spec();
    if (shape.inputs != 2) throw ConfigError("Grid evaluation needs a model with two inputs.");
    if (spec.width < 1 || spec.height < 1 || spec.width > 1024 || spec.height > 1024)
        throw ConfigError("Grid resolution must be between 1x1 and 1024x1024.");
    if (shape.experts > 255 || shape.classes > 255)
        throw ConfigError("Grid evaluation labels at most 255 experts and 255 classes.");
    if (!noise.empty() && noise.size() != size_t(shape.experts))
        throw ConfigError("A noise draw for the grid needs one value per expert.");
    // A model without a noise layer draws no noise (its gate has none to scale it).
    if (!model.structure().noise_layer()) noise = {};
    prepare_grid(grid, spec, shape.experts, shape.classes, top_k, !noise.empty());
    while (workspaces_.size() < size_t(threads))
        workspaces_.push_back(std::make_unique<Workspace>());

    // The standardised coordinates of every column (padded to whole packets) and row.
    const float mean_x = float(standardization.mean[0]), mean_y = float(standardization.mean[1]);
    const float std_x = float(standardization.std[0]), std_y = float(standardization.std[1]);
    const int padded = (spec.width + kLanes - 1) / kLanes * kLanes;
    x_.resize(size_t(padded));
    for (int col = 0; col < padded; ++col)
        x_[size_t(col)] = (float(spec.x_at(std::min(col, spec.width - 1))) - mean_x) / std_x;
    x0_ = (spec.x_at(0) - standardization.mean[0]) / standardization.std[0];
    dx_ = (spec.x_max - spec.x_min) / spec.width / standardization.std[0];
    y_.resize(size_t(spec.height));
    for (int row = 0; row < spec.height; ++row)
        y_[size_t(row)] = (float(spec.y_at(row)) - mean_y) / std_y;

    const Gate& gate = model.structure().gate();
    // The fused kernel knows plain feed-forward networks; any other gate goes through the model.
    const bool known_gate = gate.dense_network() != nullptr && !gate.reads_expert_hidden();
    if (kFusedKernel && known_gate && !force_model_pass_) {
        evaluate_fused(model, spec, top_k, noise, team, grid);
    } else {
        evaluate_by_model_pass(model, spec, top_k, noise, team, grid);
    }
}

void GridEvaluator::evaluate_fused(const Mixture<float>& model, const GridSpec& spec, int top_k,
                                   std::span<const float> noise, ThreadTeam& team,
                                   GridEvaluation& grid) {
    const int threads = team.size();
    const ModelStructure& structure = model.structure();
    const Vector<float>& parameters = model.parameters();
    const int N = structure.expert_count(), C = model.spec().classes;
    const int R = structure.input_layer_rows(), W = spec.width, H = spec.height;
    const int K = std::clamp(top_k, 1, N);

    NetworkLayers gate_network;
    std::vector<NetworkLayers> experts(static_cast<size_t>(N));
    bool chained = describe_network(parameters, structure.gate().layers(), N, gate_network);
    for (int i = 0; i < N; ++i)
        chained = chained && describe_network(parameters, structure.experts()[size_t(i)].layers(),
                                              C, experts[size_t(i)]);
    // A shared expert (DeepSeek-MoE) is one more network every cell uses: the mixture is
    // (1 - w) sum_i p_i o_i + w o_shared with w = 1 / (K + 1), as in training.
    const Expert* shared = structure.shared_expert();
    NetworkLayers shared_network;
    if (shared)
        chained = chained && describe_network(parameters, shared->layers(), C, shared_network);
    const float shared_weight = shared ? 1.0f / float(K + 1) : 0.0f;
    if (!chained) {
        evaluate_by_model_pass(model, spec, top_k, noise, team, grid);
        return;
    }
    // With a noise draw, the noise layer: linear, one logit per expert, in the first layer.
    const bool noisy = !noise.empty();
    const int noise_first_row = noisy ? structure.noise_layer()->first_row : 0;
    int widest = 1;
    auto widen = [&widest](const NetworkLayers& network) {
        widest = std::max(widest, network.first_rows);
        for (const DenseLayer& layer : network.deeper) widest = std::max(widest, layer.rows);
    };
    widen(gate_network);
    for (const auto& expert : experts) widen(expert);
    if (shared) widen(shared_network);
    for (int t = 0; t < threads; ++t) {
        Workspace& ws = *workspaces_[size_t(t)];
        ws.offset.resize(size_t(R));
        ws.activations.resize(size_t(widest) * kLanes);
        ws.next_activations.resize(size_t(widest) * kLanes);
        ws.gate_logits.resize(size_t(N) * kLanes);
        ws.probabilities.resize(size_t(N) * kLanes);
        ws.expert_logits.resize(size_t(N + (shared ? 1 : 0)) * size_t(C) * kLanes);
        ws.exponentials.resize(size_t(C) * kLanes);
        ws.mixture.resize(size_t(C) * kLanes);
        ws.lanes.resize(kLanes);
        ws.routed.resize(size_t(K) * kLanes);
        ws.shares.resize(size_t(K) * kLanes);
        ws.routed_index.resize(size_t(K) * kLanes);
        if (noisy) {
            ws.noisy_logits.resize(size_t(N) * kLanes);
            ws.noisy_marks.resize(size_t(N) * kLanes);
            ws.noisy_routed.resize(size_t(K) * kLanes);
            ws.noisy_shares.resize(size_t(K) * kLanes);
        }
        ws.row_factor.resize(size_t(R));
        ws.table_start.resize(size_t(R));
    }
    // The stacked first layer W1 (R x 2, column-major) and b1.
    const float* w_x = parameters.data();
    const float* w_y = parameters.data() + R;
    const float* b1 = parameters.data() + 2 * Eigen::Index(R);
    const float* xs = x_.data();
    const float* ys = y_.data();

    // tanh of the first layer without a division per unit and cell. Along a grid row the
    // pre-activation of unit r is linear in the column: a(c) = a(k) + s (c - k), s = w_x dx. So
    // e^(2 a(c)) = e^(2 a(k)) e^(2 s (c - k)): a factor per row and unit times a table per unit,
    // and tanh a = 1 - 2 / (1 + e^(2a)) costs a load, a multiply-add and a reciprocal. Column k
    // is where a changes sign (clamped to the row), so neither factor is huge where their product
    // is moderate: each exponent is clamped to +-40, where tanh is +-1 in float anyway.
    constexpr float kExponentLimit = 40.0f;
    const std::ptrdiff_t table_stride = 2 * std::ptrdiff_t(W) + kLanes;
    table_of_row_.assign(size_t(R), -1);
    int tables = 0;
    auto mark = [&](const NetworkLayers& network) {
        if (network.deeper.empty()) return;
        for (int j = 0; j < network.first_rows; ++j)
            table_of_row_[size_t(network.first_row + j)] = tables++;
    };
    mark(gate_network);
    for (const auto& expert : experts) mark(expert);
    if (shared) mark(shared_network);
    // The noise layer's softplus(n) = log(1 + e^n) takes e^n from tables too, of n, not 2n.
    auto exponent_factor = [&](int r) {
        return noisy && r >= noise_first_row && r < noise_first_row + N ? 1.0 : 2.0;
    };
    if (noisy)
        for (int i = 0; i < N; ++i) table_of_row_[size_t(noise_first_row + i)] = tables++;
    exp_table_.resize(size_t(tables) * size_t(table_stride));
    for (int r = 0; r < R; ++r) {
        const int t = table_of_row_[size_t(r)];
        if (t < 0) continue;
        const double step = exponent_factor(r) * double(w_x[r]) * dx_;
        float* table = exp_table_.data() + std::ptrdiff_t(t) * table_stride;
        for (std::ptrdiff_t m = 0; m < table_stride; ++m)
            table[m] = float(std::clamp(step * double(m - (W - 1)), -double(kExponentLimit),
                                        double(kExponentLimit)));
    }
    if (!exp_table_.empty()) {
        Eigen::Map<Eigen::ArrayXf> exponents(exp_table_.data(), Eigen::Index(exp_table_.size()));
        exponents = exponents.exp();
    }
    const float* exp_table = exp_table_.data();
    const int* table_of_row = table_of_row_.data();
    const double x0 = x0_, dx = dx_;

    // One network on the packet of cells at x (this row's first-layer offsets in `offset`):
    // its outputs, kLanes floats apart, into `out`.
    auto run_network = [&](const NetworkLayers& network, Packet x, int col0, Workspace& ws,
                           float* out) {
        const float* wx = w_x + network.first_row;
        const float* offset = ws.offset.data() + network.first_row;
        if (network.deeper.empty()) {
            for (int j = 0; j < network.first_rows; ++j)
                ei::pstore(out + j * kLanes,
                           ei::pmadd(x, ei::pset1<Packet>(wx[j]), ei::pset1<Packet>(offset[j])));
            return;
        }
        float* in = ws.activations.data();
        float* next = ws.next_activations.data();
        const Packet one = ei::pset1<Packet>(1.0f);
        const std::ptrdiff_t* starts = ws.table_start.data() + network.first_row;
        const float* factors = ws.row_factor.data() + network.first_row;
        const float* table = exp_table + col0;
        // r = 1 / (1 + e^(2a)); tanh a = 1 - 2r is folded into the next layer's weights.
        for (int j = 0; j < network.first_rows; ++j) {
            const Packet denominator = ei::pmadd(ei::ploadu<Packet>(table + starts[j]),
                                                 ei::pset1<Packet>(factors[j]), one);
            ei::pstore(in + j * kLanes, reciprocal(denominator));
        }
        for (size_t l = 0; l < network.deeper.size(); ++l) {
            const DenseLayer& layer = network.deeper[l];
            const bool last = l + 1 == network.deeper.size();
            float* target = last ? out : next;
            // Four outputs at a time, then the rest one by one.
            int o = 0;
            for (; o + 4 <= layer.rows; o += 4)
                dense_outputs<4>(in, layer.cols, layer.weights + o, layer.stride, layer.biases + o,
                                 !last, target + o * kLanes);
            for (; o < layer.rows; ++o)
                dense_outputs<1>(in, layer.cols, layer.weights + o, layer.stride, layer.biases + o,
                                 !last, target + o * kLanes);
            std::swap(in, next);
        }
    };

    const Packet zero = ei::pset1<Packet>(0.0f);
    // An expert whose gate probability is at most this in every cell of a packet adds less than
    // N times it to any class probability of the mixture, below float's resolution of them: its
    // softmax is skipped there (as it is, exactly, where top-K routing gives it 0).
    const Packet negligible = ei::pset1<Packet>(1e-8f);
    const Packet minus_infinity = ei::pset1<Packet>(-std::numeric_limits<float>::infinity());

    // Routes a packet of cells from N packets of logits `l` as training does: the first choice
    // into `label` and its margin over the runner-up into `margin`; into `p` (N packets) each
    // cell's softmax over its experts; with K < N also the chosen experts, in the order chosen,
    // into `chosen`, and their probabilities in that order into `shares` (K packets each).
    auto route = [&](const float* l, float* p, float* chosen, float* shares, Packet& label,
                     Packet& margin) {
        const Packet one = ei::pset1<Packet>(1.0f);
        if (K <= 2 && K < N) {
            // Top-1 and top-2 (the common cases): one pass finds both, and the softmax over
            // them is 1, or 1 / (1 + e) and e / (1 + e) with e = e^(L_second - L_first).
            Packet first_index, first, second_index, second;
            top_two(l, N, first_index, first, second_index, second);
            label = first_index;
            margin = ei::psub(first, second);
            ei::pstore(chosen, first_index);
            Packet first_share = one, second_share = zero;
            if (K == 2) {
                const Packet e = ei::pexp(ei::psub(second, first));
                first_share = reciprocal(ei::padd(one, e));
                second_share = ei::pmul(e, first_share);
                ei::pstore(chosen + kLanes, second_index);
                ei::pstore(shares + kLanes, second_share);
            }
            ei::pstore(shares, first_share);
            Packet index = zero;
            for (int i = 0; i < N; ++i, index = ei::padd(index, one)) {
                const Packet v = ei::pselect(ei::pcmp_eq(second_index, index), second_share, zero);
                ei::pstore(p + i * kLanes,
                           ei::pselect(ei::pcmp_eq(first_index, index), first_share, v));
            }
            return;
        }
        label_and_margin(l, N, label, margin);
        if (K >= N) {
            Packet top = ei::pload<Packet>(l);
            for (int i = 1; i < N; ++i) top = ei::pmax(top, ei::pload<Packet>(l + i * kLanes));
            Packet sum = zero;
            for (int i = 0; i < N; ++i) {
                const Packet v = ei::pexp(ei::psub(ei::pload<Packet>(l + i * kLanes), top));
                ei::pstore(p + i * kLanes, v);
                sum = ei::padd(sum, v);
            }
            const Packet inverse = ei::pdiv(one, sum);
            for (int i = 0; i < N; ++i)
                ei::pstore(p + i * kLanes, ei::pmul(ei::pload<Packet>(p + i * kLanes), inverse));
            return;
        }
        // Top-K, K > 2: K times the largest logit not yet kept (the lower index wins ties);
        // the kept ones are marked in p with a non-zero placeholder.
        for (int i = 0; i < N; ++i) ei::pstore(p + i * kLanes, zero);
        for (int k = 0; k < K; ++k) {
            Packet best = minus_infinity, best_index = ei::pset1<Packet>(-1.0f);
            for (int i = 0; i < N; ++i) {
                const Packet kept = ei::pcmp_lt(zero, ei::pload<Packet>(p + i * kLanes));
                const Packet v =
                    ei::pselect(kept, minus_infinity, ei::pload<Packet>(l + i * kLanes));
                const Packet wins = ei::pcmp_lt(best, v);
                best = ei::pselect(wins, v, best);
                best_index = ei::pselect(wins, ei::pset1<Packet>(float(i)), best_index);
            }
            if (k + 1 < K)
                for (int i = 0; i < N; ++i) {
                    const Packet now = ei::pcmp_eq(best_index, ei::pset1<Packet>(float(i)));
                    ei::pstore(p + i * kLanes,
                               ei::pselect(now, one, ei::pload<Packet>(p + i * kLanes)));
                }
            ei::pstore(chosen + k * kLanes, best_index);
            ei::pstore(shares + k * kLanes, best);
        }
        // The softmax over the K kept only: e^(L_k - L_first), the first being 1; every other
        // expert gets exactly 0.
        const Packet first = ei::pload<Packet>(shares);
        Packet sum = one;
        ei::pstore(shares, one);
        for (int k = 1; k < K; ++k) {
            const Packet e = ei::pexp(ei::psub(ei::pload<Packet>(shares + k * kLanes), first));
            ei::pstore(shares + k * kLanes, e);
            sum = ei::padd(sum, e);
        }
        const Packet inverse = ei::pdiv(one, sum);
        for (int i = 0; i < N; ++i) ei::pstore(p + i * kLanes, zero);
        for (int k = 0; k < K; ++k) {
            const Packet share = ei::pmul(ei::pload<Packet>(shares + k * kLanes), inverse);
            ei::pstore(shares + k * kLanes, share);
            const Packet expert = ei::pload<Packet>(chosen + k * kLanes);
            for (int i = 0; i < N; ++i) {
                const Packet here = ei::pcmp_eq(expert, ei::pset1<Packet>(float(i)));
                ei::pstore(p + i * kLanes,
                           ei::pselect(here, share, ei::pload<Packet>(p + i * kLanes)));
            }
        }
    };

    for_each_row(team, H, [&](int part, int row) {
        Workspace& ws = *workspaces_[size_t(part)];
        for (int r = 0; r < R; ++r) ws.offset[size_t(r)] = ys[row] * w_y[r] + b1[r];
        // Each tanh'd unit's column k and factor e^(2 a(k)) for this row.
        for (int r = 0; r < R; ++r) {
            const int t = table_of_row[r];
            if (t < 0) {
                ws.row_factor[size_t(r)] = 0.0f;
                continue;
            }
            const double a0 = double(w_x[r]) * x0 + double(ws.offset[size_t(r)]);
            const double slope = double(w_x[r]) * dx;
            int k = 0;
            const double crossing = slope != 0.0 ? std::round(-a0 / slope) : 0.0;
            if (std::isfinite(crossing)) k = int(std::clamp(crossing, 0.0, double(W - 1)));
            ws.row_factor[size_t(r)] =
                float(std::clamp(exponent_factor(r) * (a0 + slope * k), -double(kExponentLimit),
                                 double(kExponentLimit)));
            ws.table_start[size_t(r)] = std::ptrdiff_t(t) * table_stride + (W - 1) - k;
        }
        {
            Eigen::Map<Eigen::ArrayXf> factors(ws.row_factor.data(), R);
            factors = factors.exp();
        }
        float* lanes = ws.lanes.data();
        float* s = ws.gate_logits.data();
        float* p = ws.probabilities.data();
        float* z = ws.expert_logits.data();
        float* e = ws.exponentials.data();
        float* y = ws.mixture.data();
        for (int col0 = 0; col0 < W; col0 += kLanes) {
            const int count = std::min(kLanes, W - col0);
            const size_t base = size_t(row) * size_t(W) + size_t(col0);
            const Packet x = ei::ploadu<Packet>(xs + col0);
            // Stores one packet's lanes into a label field (and its margin), whole or the valid
            // part of the row's last packet.
            auto store = [&](LabelField& field, Packet label, Packet margin) {
                std::uint8_t* labels = &field.label[base];
#if defined(EIGEN_VECTORIZE_AVX512)
                if (count == kLanes) {  // sixteen labels narrowed to bytes in one store
                    _mm_storeu_si128(reinterpret_cast<__m128i*>(labels),
                                     _mm512_cvtepi32_epi8(_mm512_cvttps_epi32(label)));
                } else
#endif
                {
                    ei::pstore(lanes, label);
                    for (int l = 0; l < count; ++l) labels[l] = std::uint8_t(lanes[l]);
                }
                if (count == kLanes) {
                    ei::pstoreu(&field.margin[base], margin);
                } else {
                    ei::pstore(lanes, margin);
                    std::copy_n(lanes, count, &field.margin[base]);
                }
            };
            Packet label, margin;

            // The gate: logits, its top expert and margin, the routed probabilities.
            run_network(gate_network, x, col0, ws, s);
            route(s, p, ws.routed.data(), ws.shares.data(), label, margin);
            store(grid.gate, label, margin);
            // The first choice's probability (the first kept, or the largest) into `top_out`,
            // and with K < N the routed experts in the order chosen with their probabilities.
            auto store_routing = [&](const float* probability, const float* chosen,
                                     const float* shares, float* top_out, std::uint8_t* routed,
                                     float* routed_probability) {
                Packet top = ei::pload<Packet>(shares);
                if (K >= N) {
                    top = ei::pload<Packet>(probability);
                    for (int i = 1; i < N; ++i)
                        top = ei::pmax(top, ei::pload<Packet>(probability + i * kLanes));
                }
                if (count == kLanes) {
                    ei::pstoreu(top_out, top);
                } else {
                    ei::pstore(lanes, top);
                    std::copy_n(lanes, count, top_out);
                }
                if (K >= N) return;
                // (An index is -1 only if every logit were NaN.)
                const Packet last = ei::pset1<Packet>(float(N - 1));
                auto index = [&](int j) {
                    return ei::pmin(ei::pmax(ei::pload<Packet>(chosen + j * kLanes), zero), last);
                };
                if (K == 2 && count == kLanes) {
                    interleave_store(index(0), index(1), routed);
                    interleave_store(ei::pload<Packet>(shares), ei::pload<Packet>(shares + kLanes),
                                     routed_probability);
                    return;
                }
                for (int j = 0; j < K; ++j)
                    ei::pstore(ws.routed_index.data() + j * kLanes, index(j));
                const float* indices = ws.routed_index.data();
                for (int l = 0; l < count; ++l)
                    for (int j = 0; j < K; ++j) {
                        routed[l * K + j] = std::uint8_t(indices[j * kLanes + l]);
                        routed_probability[l * K + j] = shares[j * kLanes + l];
                    }
            };
            const size_t first_routed = base * size_t(K < N ? K : 0);
            store_routing(p, ws.routed.data(), ws.shares.data(), &grid.gate_top_probability[base],
                          grid.gate_routed.data() + first_routed,
                          grid.gate_routed_probability.data() + first_routed);
            // All the probabilities, cell-major: p (N x kLanes) transposed.
            float* probabilities = &grid.gate_probabilities[base * size_t(N)];
            if (count == kLanes) {
                for (int l = 0; l < kLanes; ++l)
                    for (int i = 0; i < N; ++i) probabilities[l * N + i] = p[i * kLanes + l];
            } else {
                for (int l = 0; l < count; ++l)
                    for (int i = 0; i < N; ++i) probabilities[l * N + i] = p[i * kLanes + l];
            }
            if (noisy) {
                // This picture's draw (eq. 4): H = s + eps softplus(n), n the noise layer's
                // logits (linear in x). softplus(n) = log(1 + e^n), e^n from the tables as for
                // tanh; n itself past 15, where the two agree in float (and where a table's
                // clamped exponent may not be e^n); below -15 it is under 3e-7, as good as 0.
                float* h = ws.noisy_logits.data();
                const float* wx = w_x + noise_first_row;
                const float* offset = ws.offset.data() + noise_first_row;
                const std::ptrdiff_t* starts = ws.table_start.data() + noise_first_row;
                const float* factors = ws.row_factor.data() + noise_first_row;
                const float* table = exp_table + col0;
                const Packet one = ei::pset1<Packet>(1.0f), linear = ei::pset1<Packet>(15.0f);
                for (int i = 0; i < N; ++i) {
                    const Packet n =
                        ei::pmadd(x, ei::pset1<Packet>(wx[i]), ei::pset1<Packet>(offset[i]));
                    const Packet e = ei::pmul(ei::ploadu<Packet>(table + starts[i]),
                                              ei::pset1<Packet>(factors[i]));
                    const Packet scale =
                        ei::pselect(ei::pcmp_lt(linear, n), n, ei::plog(ei::padd(one, e)));
                    ei::pstore(h + i * kLanes, ei::pmadd(ei::pset1<Packet>(noise[size_t(i)]), scale,
                                                         ei::pload<Packet>(s + i * kLanes)));
                }
                route(h, ws.noisy_marks.data(), ws.noisy_routed.data(), ws.noisy_shares.data(),
                      label, margin);
                store(grid.noisy_gate, label, margin);
                store_routing(ws.noisy_marks.data(), ws.noisy_routed.data(), ws.noisy_shares.data(),
                              &grid.noisy_top_probability[base],
                              grid.noisy_routed.data() + first_routed,
                              grid.noisy_routed_probability.data() + first_routed);
            }

            // Each expert: its class and margin in logits everywhere; its softmax, weighted by
            // the gate, only where the gate gives it a weight that counts. Compiled for 2, 3 and
            // 4 classes (unrolled) and for any other count.
            auto experts_and_mixture = [&](auto fixed) {
                constexpr int F = decltype(fixed)::value;
                const int classes = F > 0 ? F : C;
                for (int c = 0; c < classes; ++c) ei::pstore(y + c * kLanes, zero);
                // y += weight softmax(zi), weight a packet of mixture weights.
                auto add_softmax = [&](const float* zi, const Packet& mixture_weight) {
                    Packet top = ei::pload<Packet>(zi);
                    for (int c = 1; c < classes; ++c)
                        top = ei::pmax(top, ei::pload<Packet>(zi + c * kLanes));
                    Packet sum = zero;
                    for (int c = 0; c < classes; ++c) {
                        const Packet v =
                            ei::pexp(ei::psub(ei::pload<Packet>(zi + c * kLanes), top));
                        ei::pstore(e + c * kLanes, v);
                        sum = ei::padd(sum, v);
                    }
                    // w / sum_c exp(z_c - max)
                    const Packet weight = ei::pdiv(mixture_weight, sum);
                    for (int c = 0; c < classes; ++c)
                        ei::pstore(y + c * kLanes,
                                   ei::pmadd(weight, ei::pload<Packet>(e + c * kLanes),
                                             ei::pload<Packet>(y + c * kLanes)));
                };
                const Packet routed_share = ei::pset1<Packet>(1.0f - shared_weight);
                for (int i = 0; i < N; ++i) {
                    float* zi = z + size_t(i) * size_t(classes) * kLanes;
                    run_network(experts[size_t(i)], x, col0, ws, zi);
                    label_and_margin<F>(zi, classes, label, margin);
                    store(grid.expert[size_t(i)], label, margin);
                    const Packet pi = ei::pload<Packet>(p + i * kLanes);
                    if (!ei::predux_any(ei::pcmp_lt(negligible, pi))) continue;
                    add_softmax(zi, shared ? ei::pmul(routed_share, pi) : pi);
                }
                if (shared) {
                    float* zs = z + size_t(N) * size_t(classes) * kLanes;
                    run_network(shared_network, x, col0, ws, zs);
                    add_softmax(zs, ei::pset1<Packet>(shared_weight));
                }
                label_and_margin<F>(y, classes, label, margin);
                store(grid.mixture, label, margin);
            };
            switch (C) {
                case 2:
                    experts_and_mixture(std::integral_constant<int, 2>{});
                    break;
                case 3:
                    experts_and_mixture(std::integral_constant<int, 3>{});
                    break;
                case 4:
                    experts_and_mixture(std::integral_constant<int, 4>{});
                    break;
                default:
                    experts_and_mixture(std::integral_constant<int, 0>{});
            }
        }
    });
}

void GridEvaluator::evaluate_by_model_pass(const Mixture<float>& model, const GridSpec& spec,
                                           int top_k, std::span<const float> noise,
                                           ThreadTeam& team, GridEvaluation& grid) {
    const int W = spec.width, H = spec.height, N = model.spec().experts, C = model.spec().classes;
    const int K = std::clamp(top_k, 1, N);
    const float* xs = x_.data();
    const float* ys = y_.data();
    // One batch per grid row; each thread keeps its own buffers.
    for (int part = 0; part < team.size(); ++part) {
        Workspace& ws = *workspaces_[size_t(part)];
        ws.x.resize(W, 2);
        for (int col = 0; col < W; ++col) ws.x(col, 0) = xs[col];
    }
    for_each_row(team, H, [&](int part, int row) {
        Workspace& ws = *workspaces_[size_t(part)];
        {
            ws.x.col(1).setConstant(ys[row]);
            ws.pass.forward(model, ws.x, top_k);
            ws.pass.mixture_probabilities(ws.mixture_rows);
            // Cells of one grid row are contiguous in every field.
            const size_t base = size_t(row) * size_t(W);
            label_and_margin_columns(ws.mixture_rows, &grid.mixture.label[base],
                                     &grid.mixture.margin[base]);
            label_and_margin_columns(ws.pass.gate_logits(), &grid.gate.label[base],
                                     &grid.gate.margin[base]);
            for (int i = 0; i < N; ++i) {
                label_and_margin_columns(ws.pass.expert_logits().middleCols(Eigen::Index(i) * C, C),
                                         &grid.expert[size_t(i)].label[base],
                                         &grid.expert[size_t(i)].margin[base]);
            }
            Eigen::Map<Eigen::VectorXf>(&grid.gate_top_probability[base], W) =
                ws.pass.gate_probabilities().rowwise().maxCoeff();
            ws.gate_probabilities_t = ws.pass.gate_probabilities().transpose();  // N x W
            std::copy_n(ws.gate_probabilities_t.data(), size_t(W) * size_t(N),
                        &grid.gate_probabilities[base * size_t(N)]);
            if (K < N) {
                // The K largest logits of each cell, ties to the lower index (as routing keeps
                // them).
                const auto& logits = ws.pass.gate_logits();
                ws.order.resize(size_t(N));
                for (int col = 0; col < W; ++col) {
                    std::iota(ws.order.begin(), ws.order.end(), 0);
                    std::partial_sort(ws.order.begin(), ws.order.begin() + K, ws.order.end(),
                                      [&](int a, int b) {
                                          const float la = logits(col, a), lb = logits(col, b);
                                          return la > lb || (la == lb && a < b);
                                      });
                    const size_t cell = base + size_t(col);
                    for (int j = 0; j < K; ++j) {
                        const int expert = ws.order[size_t(j)];
                        grid.gate_routed[cell * size_t(K) + size_t(j)] = std::uint8_t(expert);
                        grid.gate_routed_probability[cell * size_t(K) + size_t(j)] =
                            ws.gate_probabilities_t(expert, col);
                    }
                }
            }
            if (!noise.empty()) {
                // This picture's draw (eq. 4): H = s + eps softplus(n), the noise scale
                // softplus(n) from the clean pass (it computes it whenever the model has noise
                // weights); then routed as training routes.
                const Eigen::Map<const Eigen::VectorXf> eps(noise.data(), N);
                ws.noisy_rows = ws.pass.gate_logits() + ws.pass.noise_scale() * eps.asDiagonal();
                label_and_margin_columns(ws.noisy_rows, &grid.noisy_gate.label[base],
                                         &grid.noisy_gate.margin[base]);
                ws.cell_probability.resize(size_t(N));
                for (int col = 0; col < W; ++col) {
                    route_cell([&](int i) { return ws.noisy_rows(col, i); }, N, K, ws.order,
                               ws.cell_probability.data());
                    const size_t cell = base + size_t(col);
                    grid.noisy_top_probability[cell] = ws.cell_probability[0];
                    for (int j = 0; j < K && K < N; ++j) {
                        grid.noisy_routed[cell * size_t(K) + size_t(j)] =
                            std::uint8_t(ws.order[size_t(j)]);
                        grid.noisy_routed_probability[cell * size_t(K) + size_t(j)] =
                            ws.cell_probability[size_t(j)];
                    }
                }
            }
        }
    });
}

GridEvaluation evaluate_grid(const Mixture<float>& model, const Standardization& standardization,
                             int top_k, const GridSpec& spec, int threads,
                             std::span<const float> noise) {
    GridEvaluator evaluator;
    GridEvaluation grid;
    evaluator.evaluate(model, standardization, top_k, spec, threads, grid, noise);
    return grid;
}

}  // namespace moelab
