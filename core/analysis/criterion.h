#pragma once
// Epochs to criterion (the paper's Table 1): when a training's accuracy on the training set first
// reaches the criterion, and from when on it never falls below it again. With large learning rates
// the accuracy crosses the criterion and falls back, so the two differ.
#include <span>

namespace moelab {

struct CriterionEpochs {
    // Epochs (1-based: 1 = after the first epoch) at which the accuracy first reached the
    // criterion, and after which it stayed at or above it to the end of the sequence; 0 = never.
    long first = 0;
    long stable = 0;

    bool reached() const { return first > 0; }
    bool stays() const { return stable > 0; }
};

// `accuracy[e]` is the training accuracy after epoch e + 1.
CriterionEpochs criterion_epochs(std::span<const double> accuracy, double criterion);

}  // namespace moelab
