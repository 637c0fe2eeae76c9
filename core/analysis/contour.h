#pragma once
// Marching squares on label fields: the lines where a label changes, joined into polylines.
#include <memory>
#include <vector>

#include "analysis/grid.h"

namespace moelab {

struct Point {
    double x = 0, y = 0;
};

using Polyline = std::vector<Point>;

// The boundary between the cells labelled `a` and the cells labelled `b` (a < b).
struct Boundary {
    int a = 0, b = 0;
    std::vector<Polyline> lines;  // in raw input units
};

// Every boundary of a label field, one entry per pair of labels that touch (ordered by a, then b).
// Contours follow the zero of the signed margin (+margin inside a label, -margin outside), so they
// are smooth, not staircase.
std::vector<Boundary> label_boundaries(const LabelField& field, const GridSpec& spec);

// label_boundaries with buffers kept between calls: a renderer keeps one per thread and traces
// frame after frame without allocating scratch. Most 2 x 2 blocks of cells carry one label; whole
// runs of them are skipped by comparing eight labels of two rows at once, and marching squares
// runs only on the blocks where a label changes.
class BoundaryTracer {
  public:
    BoundaryTracer();
    ~BoundaryTracer();
    BoundaryTracer(const BoundaryTracer&) = delete;
    BoundaryTracer& operator=(const BoundaryTracer&) = delete;

    std::vector<Boundary> trace(const LabelField& field, const GridSpec& spec);

  private:
    struct Scratch;
    std::unique_ptr<Scratch> scratch_;
};

// Splits polylines into pieces where `inside(point)` holds and pieces where it does not.
struct SplitLines {
    std::vector<Polyline> inside, outside;
};
template <typename Predicate>
SplitLines split_lines(const std::vector<Polyline>& lines, Predicate inside) {
    SplitLines result;
    for (const auto& line : lines) {
        Polyline current;
        bool current_inside = false;
        for (size_t k = 0; k < line.size(); ++k) {
            const bool in = inside(line[k]);
            if (current.empty()) {
                current_inside = in;
            } else if (in != current_inside) {
                current.push_back(line[k]);  // keep the pieces joined
                (current_inside ? result.inside : result.outside).push_back(std::move(current));
                current = {line[k - 1]};
                current_inside = in;
            }
            current.push_back(line[k]);
        }
        if (current.size() > 1)
            (current_inside ? result.inside : result.outside).push_back(std::move(current));
    }
    return result;
}

}  // namespace moelab
