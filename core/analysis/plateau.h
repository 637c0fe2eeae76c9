#pragma once
// Has a training stopped improving well short of a good accuracy? The app tells a class so when a
// mixture of linear experts stalls (the spiral at about 57%: straight boundaries cannot follow its
// arms, however long it trains) and suggests what would help, hidden units.
#include <optional>
#include <span>

#include "training/config.h"

namespace moelab {

// One point of the accuracy curve.
struct AccuracyPoint {
    long epoch = 0;
    double accuracy = 0;  // fraction in [0, 1]
};

struct PlateauRule {
    // The curve must have stayed within `tolerance` of its best for at least this many epochs.
    long epochs = 500;
    double tolerance = 0.01;  // one percentage point
    // A plateau at or above this accuracy is the training's success, not a stall
    // (halfway_from_chance gives the app's choice for a number of classes).
    double good_accuracy = 0.75;
};

// Halfway from guessing (1 / classes) to every case right: 0.75 for two classes, 0.625 for the
// paper's four vowels. A plateau below it has learnt less than half of what there is to learn;
// the vowels' linear mixtures, which settle near 90%, never count as stalled.
double halfway_from_chance(int classes);

struct Plateau {
    double accuracy = 0;  // the best accuracy of the curve
    long since = 0;       // the epoch from which it never rose by more than the tolerance
    long epochs = 0;      // how long it has stayed there: last epoch - since
};

// The plateau the curve ends on, if it has lasted rule.epochs and lies below rule.good_accuracy.
// It starts at the first point after which the curve never beat its best so far by more than
// rule.tolerance (the patience rule of early stopping): a wobble around the level neither ends nor
// restarts it, and a slow climb keeps moving its start forward, so it is not a stall. `history`
// is ordered by epoch; NaN points are skipped.
std::optional<Plateau> find_plateau(std::span<const AccuracyPoint> history,
                                    const PlateauRule& rule = {});

// Whether the experts of `config` are linear (no hidden layer) in a mixture of more than one
// expert: then a plateau is most likely the straight boundaries' limit, and hidden units help.
bool has_linear_experts(const Config& config);

}  // namespace moelab
