#include "analysis/criterion.h"

#include "training/knobs.h"

namespace moelab {

std::string_view to_string(CriterionKind kind) {
    return kind == CriterionKind::Accuracy ? "accuracy" : "error";
}

std::optional<CriterionKind> criterion_kind_from_string(std::string_view text) {
    if (text == "accuracy") return CriterionKind::Accuracy;
    if (text == "error") return CriterionKind::Error;
    return std::nullopt;
}

double default_threshold(CriterionKind kind) {
    return kind == CriterionKind::Accuracy ? kDefaultAccuracyCriterion : kDefaultErrorCriterion;
}

std::string describe(const Criterion& criterion) {
    return criterion.kind == CriterionKind::Accuracy
               ? "training accuracy >= " + format_number(criterion.threshold)
               : "training mean squared error <= " + format_number(criterion.threshold);
}

CriterionEpochs criterion_epochs(std::span<const double> values, const Criterion& criterion) {
    CriterionEpochs result;
    const long epochs = long(values.size());
    for (long e = 0; e < epochs; ++e) {
        if (criterion.met(values[size_t(e)])) {
            result.first = e + 1;
            break;
        }
    }
    // The last epoch that fails the criterion; it is met from the one after it. A NaN fails.
    long last_failing = -1;
    for (long e = epochs - 1; e >= 0; --e) {
        if (!criterion.met(values[size_t(e)])) {
            last_failing = e;
            break;
        }
    }
    if (last_failing + 1 < epochs) result.stable = last_failing + 2;
    return result;
}

CriterionEpochs criterion_epochs(std::span<const double> accuracy, double criterion) {
    return criterion_epochs(accuracy, Criterion{CriterionKind::Accuracy, criterion});
}

}  // namespace moelab
