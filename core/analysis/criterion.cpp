#include "analysis/criterion.h"

namespace moelab {

CriterionEpochs criterion_epochs(std::span<const double> accuracy, double criterion) {
    CriterionEpochs result;
    const long epochs = long(accuracy.size());
    for (long e = 0; e < epochs; ++e) {
        if (accuracy[size_t(e)] >= criterion) {
            result.first = e + 1;
            break;
        }
    }
    // The last epoch below the criterion; the accuracy stays from the one after it. A NaN counts
    // as below.
    long last_below = -1;
    for (long e = epochs - 1; e >= 0; --e) {
        if (!(accuracy[size_t(e)] >= criterion)) {
            last_below = e;
            break;
        }
    }
    if (last_below + 1 < epochs) result.stable = last_below + 2;
    return result;
}

}  // namespace moelab
