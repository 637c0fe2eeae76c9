#include "analysis/contour.h"

#include <algorithm>
#include <array>
#include <bit>
#include <cstdint>
#include <cstring>

namespace moelab {

namespace {

struct Segment {
    std::array<long, 2> edge;  // global edge ids of the two end points
    std::array<Point, 2> point;
};

// The segments between the labels a < b.
struct SegmentGroup {
    int a = 0, b = 0;
    std::vector<Segment> segments;
};

// Marching-squares table: for each case (bit k set = corner k inside), pairs of crossed edges.
// Corners: 0 (c, r), 1 (c+1, r), 2 (c+1, r+1), 3 (c, r+1). Edges: 0 = 0-1, 1 = 1-2, 2 = 3-2, 3 =
// 0-3. Saddles (5 and 10) are resolved separately.
constexpr std::array<std::array<int, 2>, 16> kEdgePairs{{
    {-1, -1},
    {3, 0},
    {0, 1},
    {3, 1},
    {1, 2},
    {-1, -1},
    {0, 2},
    {3, 2},
    {2, 3},
    {0, 2},
    {-1, -1},
    {1, 2},
    {1, 3},
    {0, 1},
    {3, 0},
    {-1, -1},
}};
constexpr std::array<std::array<int, 2>, 4> kEdgeCorners{{{0, 1}, {1, 2}, {3, 2}, {0, 3}}};

// Eight labels from `p` as one word, label k in byte k.
inline std::uint64_t eight_labels(const std::uint8_t* p) {
    std::uint64_t word = 0;
    if constexpr (std::endian::native == std::endian::little) {
        std::memcpy(&word, p, sizeof word);
    } else {
        for (int k = 0; k < 8; ++k) word |= std::uint64_t{p[k]} << (8 * k);
    }
    return word;
}

}  // namespace

// The segments of the current field grouped by label pair, and an open-addressing table from an
// edge id to the (at most two) segments that end on it.
struct BoundaryTracer::Scratch {
    std::vector<SegmentGroup> groups;
    size_t group_count = 0;
    struct Slot {
        long edge = -1;
        std::array<int, 2> segment{-1, -1};
    };
    std::vector<Slot> by_edge;
    std::vector<char> used;
    std::vector<std::uint32_t> blocks;  // cell (c, r) of each block whose labels differ

    SegmentGroup& group(int a, int b) {
        for (size_t g = 0; g < group_count; ++g)
            if (groups[g].a == a && groups[g].b == b) return groups[g];
        if (group_count == groups.size()) groups.emplace_back();
        SegmentGroup& added = groups[group_count++];
        added.a = a;
        added.b = b;
        added.segments.clear();
        return added;
    }

    // Slot of `edge` (probing from its hash), empty if absent.
    Slot& slot(long edge) {
        const size_t mask = by_edge.size() - 1;
        size_t at = (static_cast<std::uint64_t>(edge) * 0x9E3779B97F4A7C15ull) >> 20 & mask;
        while (by_edge[at].edge != -1 && by_edge[at].edge != edge) at = (at + 1) & mask;
        return by_edge[at];
    }
};

BoundaryTracer::BoundaryTracer() : scratch_(std::make_unique<Scratch>()) {}
BoundaryTracer::~BoundaryTracer() = default;

std::vector<Boundary> BoundaryTracer::trace(const LabelField& field, const GridSpec& spec) {
    const int W = spec.width, H = spec.height;
    if (W < 2 || H < 2 || field.label.size() != size_t(W) * size_t(H) ||
        field.margin.size() != field.label.size())
        return {};
    Scratch& scratch = *scratch_;
    scratch.group_count = 0;
    const std::uint8_t* labels = field.label.data();
    const float* margins = field.margin.data();

    auto cell = [W](int c, int r) { return size_t(r) * size_t(W) + size_t(c); };
    // A small positive floor keeps points of exact ties strictly inside their label.
    constexpr float kFloor = 1e-6f;

    // Marching squares on the block of cells (c, r) .. (c + 1, r + 1), whose labels differ.
    auto block = [&](int c, int r) {
        const std::array<size_t, 4> corner{cell(c, r), cell(c + 1, r), cell(c + 1, r + 1),
                                           cell(c, r + 1)};
        std::array<int, 4> label;
        for (int k = 0; k < 4; ++k) label[k] = labels[corner[k]];
        const std::array<Point, 4> position{
            Point{spec.x_at(c), spec.y_at(r)}, Point{spec.x_at(c + 1), spec.y_at(r)},
            Point{spec.x_at(c + 1), spec.y_at(r + 1)}, Point{spec.x_at(c), spec.y_at(r + 1)}};
        const std::array<long, 4> edge_id{long(cell(c, r)) * 2, long(cell(c + 1, r)) * 2 + 1,
                                          long(cell(c, r + 1)) * 2, long(cell(c, r)) * 2 + 1};

        for (int k = 0; k < 4; ++k) {
            const int inside_label = label[k];
            bool seen = false;
            for (int j = 0; j < k; ++j) seen |= label[j] == inside_label;
            if (seen) continue;
            // Signed field of this label: +margin on its cells, -margin elsewhere.
            std::array<float, 4> f;
            int code = 0;
            for (int j = 0; j < 4; ++j) {
                const float m = margins[corner[j]] + kFloor;
                f[j] = label[j] == inside_label ? m : -m;
                if (f[j] > 0) code |= 1 << j;
            }
            auto crossing = [&](int e) {
                const int a = kEdgeCorners[e][0], b = kEdgeCorners[e][1];
                const double t = f[a] / (f[a] - f[b]);
                return Point{position[a].x + t * (position[b].x - position[a].x),
                             position[a].y + t * (position[b].y - position[a].y)};
            };
            auto outside_label = [&](int e) {
                const int a = kEdgeCorners[e][0], b = kEdgeCorners[e][1];
                return f[a] < 0 ? label[a] : label[b];
            };
            auto emit = [&](int e0, int e1) {
                const int other = outside_label(e0);
                // Each boundary once: from the side of the smaller label.
                if (other < inside_label) return;
                scratch.group(inside_label, other)
                    .segments.push_back(
                        Segment{{edge_id[e0], edge_id[e1]}, {crossing(e0), crossing(e1)}});
            };
            if (code == 5 || code == 10) {
                const bool centre_inside = (f[0] + f[1] + f[2] + f[3]) > 0;
                if ((code == 5) == centre_inside) {
                    emit(0, 1);
                    emit(2, 3);
                } else {
                    emit(3, 0);
                    emit(1, 2);
                }
            } else if (code != 0 && code != 15) {
                emit(kEdgePairs[code][0], kEdgePairs[code][1]);
            }
        }
    };

    // First the blocks where a label changes, in raster order (a stream through the labels), then
    // marching squares on them. Their margins are scattered over megabytes the evaluation wrote
    // long ago: each block's are fetched a few blocks ahead, so their cache misses overlap.
    std::vector<std::uint32_t>& blocks = scratch.blocks;
    blocks.clear();
    for (int r = 0; r + 1 < H; ++r) {
        const std::uint8_t* row0 = labels + cell(0, r);
        const std::uint8_t* row1 = labels + cell(0, r + 1);
        const std::uint32_t first = std::uint32_t(cell(0, r));
        int c = 0;
        // Eight blocks at a time: block c + k is uniform when byte k of every difference is zero.
        for (; c + 8 < W; c += 8) {
            const std::uint64_t a0 = eight_labels(row0 + c), a1 = eight_labels(row0 + c + 1);
            const std::uint64_t b0 = eight_labels(row1 + c), b1 = eight_labels(row1 + c + 1);
            std::uint64_t differ = (a0 ^ a1) | (a0 ^ b0) | (a0 ^ b1);
            while (differ != 0) {
                const int k = std::countr_zero(differ) / 8;
                blocks.push_back(first + std::uint32_t(c + k));
                differ &= ~(std::uint64_t{0xFF} << (8 * k));
            }
        }
        for (; c + 1 < W; ++c) {
            const int l = row0[c];
            if (row0[c + 1] != l || row1[c] != l || row1[c + 1] != l)
                blocks.push_back(first + std::uint32_t(c));
        }
    }
    constexpr size_t kAhead = 8;
    for (size_t b = 0; b < blocks.size(); ++b) {
        if (b + kAhead < blocks.size()) {
            const float* ahead = margins + blocks[b + kAhead];
            __builtin_prefetch(ahead);
            __builtin_prefetch(ahead + W);
        }
        block(int(blocks[b] % std::uint32_t(W)), int(blocks[b] / std::uint32_t(W)));
    }

    std::sort(scratch.groups.begin(), scratch.groups.begin() + std::ptrdiff_t(scratch.group_count),
              [](const SegmentGroup& x, const SegmentGroup& y) {
                  return x.a != y.a ? x.a < y.a : x.b < y.b;
              });
    std::vector<Boundary> boundaries;
    boundaries.reserve(scratch.group_count);
    for (size_t g = 0; g < scratch.group_count; ++g) {
        const std::vector<Segment>& segments = scratch.groups[g].segments;
        Boundary boundary;
        boundary.a = scratch.groups[g].a;
        boundary.b = scratch.groups[g].b;
        // Join segments that share an edge crossing into polylines.
        const size_t wanted = std::bit_ceil(std::max<size_t>(16, segments.size() * 4));
        scratch.by_edge.assign(wanted, Scratch::Slot{});
        for (int s = 0; s < int(segments.size()); ++s) {
            for (long e : segments[size_t(s)].edge) {
                Scratch::Slot& slot = scratch.slot(e);
                if (slot.edge == -1) {
                    slot.edge = e;
                    slot.segment = {s, -1};
                } else {
                    slot.segment[1] = s;
                }
            }
        }
        scratch.used.assign(segments.size(), 0);
        std::vector<char>& used = scratch.used;
        auto next_segment = [&](long edge, int from) {
            const auto& pair_of = scratch.slot(edge).segment;
            const int other = pair_of[0] == from ? pair_of[1] : pair_of[0];
            return (other >= 0 && !used[size_t(other)]) ? other : -1;
        };
        // Walks from segment s out through `edge`, appending points.
        auto walk = [&](int s, long edge, Polyline& line) {
            int current = next_segment(edge, s);
            while (current >= 0) {
                used[size_t(current)] = 1;
                const auto& seg = segments[size_t(current)];
                const int exit = seg.edge[0] == edge ? 1 : 0;
                line.push_back(seg.point[size_t(exit)]);
                edge = seg.edge[size_t(exit)];
                current = next_segment(edge, current);
            }
        };
        Polyline backward;
        for (int s = 0; s < int(segments.size()); ++s) {
            if (used[size_t(s)]) continue;
            used[size_t(s)] = 1;
            Polyline line{segments[size_t(s)].point[0], segments[size_t(s)].point[1]};
            walk(s, segments[size_t(s)].edge[1], line);
            backward.clear();
            walk(s, segments[size_t(s)].edge[0], backward);
            line.insert(line.begin(), backward.rbegin(), backward.rend());
            boundary.lines.push_back(std::move(line));
        }
        boundaries.push_back(std::move(boundary));
    }
    return boundaries;
}

std::vector<Boundary> label_boundaries(const LabelField& field, const GridSpec& spec) {
    BoundaryTracer tracer;
    return tracer.trace(field, spec);
}

}  // namespace moelab
