#include "analysis/contour.h"

#include <array>
#include <map>
#include <unordered_map>

namespace moelab {

namespace {

struct Segment {
    std::array<long, 2> edge;  // global edge ids of the two end points
    std::array<Point, 2> point;
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

}  // namespace

std::vector<Boundary> label_boundaries(const LabelField& field, const GridSpec& spec) {
    const int W = spec.width, H = spec.height;
    std::map<std::pair<int, int>, std::vector<Segment>> groups;
    if (W < 2 || H < 2 || field.label.size() != size_t(W) * size_t(H)) return {};

    auto cell = [W](int c, int r) { return size_t(r) * size_t(W) + size_t(c); };
    // A small positive floor keeps points of exact ties strictly inside their label.
    constexpr float kFloor = 1e-6f;

    for (int r = 0; r + 1 < H; ++r) {
        for (int c = 0; c + 1 < W; ++c) {
            const std::array<size_t, 4> corner{cell(c, r), cell(c + 1, r), cell(c + 1, r + 1),
                                               cell(c, r + 1)};
            std::array<int, 4> label;
            for (int k = 0; k < 4; ++k) label[k] = field.label[corner[k]];
            if (label[0] == label[1] && label[1] == label[2] && label[2] == label[3]) continue;

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
                    const float m = field.margin[corner[j]] + kFloor;
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
                    groups[{inside_label, other}].push_back(
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
        }
    }

    std::vector<Boundary> boundaries;
    for (auto& [pair, segments] : groups) {
        Boundary boundary;
        boundary.a = pair.first;
        boundary.b = pair.second;
        // Join segments that share an edge crossing into polylines.
        std::unordered_map<long, std::array<int, 2>> by_edge;
        by_edge.reserve(segments.size() * 2);
        for (int s = 0; s < int(segments.size()); ++s) {
            for (long e : segments[s].edge) {
                auto [it, inserted] = by_edge.try_emplace(e, std::array<int, 2>{s, -1});
                if (!inserted) it->second[1] = s;
            }
        }
        std::vector<bool> used(segments.size(), false);
        auto next_segment = [&](long edge, int from) {
            const auto& pair_of = by_edge.at(edge);
            const int other = pair_of[0] == from ? pair_of[1] : pair_of[0];
            return (other >= 0 && !used[other]) ? other : -1;
        };
        // Walks from segment s out through `edge`, appending points.
        auto walk = [&](int s, long edge, Polyline& line) {
            int current = next_segment(edge, s);
            while (current >= 0) {
                used[current] = true;
                const auto& seg = segments[current];
                const int exit = seg.edge[0] == edge ? 1 : 0;
                line.push_back(seg.point[exit]);
                edge = seg.edge[exit];
                current = next_segment(edge, current);
            }
        };
        for (int s = 0; s < int(segments.size()); ++s) {
            if (used[s]) continue;
            used[s] = true;
            Polyline forward{segments[s].point[0], segments[s].point[1]};
            walk(s, segments[s].edge[1], forward);
            Polyline backward;
            walk(s, segments[s].edge[0], backward);
            Polyline line(backward.rbegin(), backward.rend());
            line.insert(line.end(), forward.begin(), forward.end());
            boundary.lines.push_back(std::move(line));
        }
        boundaries.push_back(std::move(boundary));
    }
    return boundaries;
}

}  // namespace moelab
