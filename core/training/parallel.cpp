#include "training/parallel.h"

#include <omp.h>

#include <algorithm>

namespace moelab {

int resolve_threads(int requested, int reserved) {
    if (omp_in_parallel()) return 1;
    if (requested > 0) return requested;
    return std::max(1, omp_get_num_procs() - std::max(0, reserved));
}

}  // namespace moelab
