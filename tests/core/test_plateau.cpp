// The stall detector: a curve that stays flat below a good accuracy for long enough is a plateau;
// a curve still climbing, too short, or flat at a good accuracy is not.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <vector>

#include "analysis/plateau.h"

namespace moelab {
namespace {

// Rises linearly from `start` to `level` over `rise` epochs, then stays at `level` (with a small
// wobble) until `last`, one point every `every` epochs.
std::vector<AccuracyPoint> curve(double start, double level, long rise, long last,
                                 long every = 10) {
    std::vector<AccuracyPoint> points;
    for (long e = 0; e <= last; e += every) {
        const double climbed = e >= rise ? level : start + (level - start) * double(e) / rise;
        const double wobble = e >= rise ? 0.004 * std::sin(double(e)) : 0.0;
        points.push_back({e, climbed + wobble});
    }
    return points;
}

TEST(Plateau, FlatBelowGoodAccuracyForLongEnoughIsAStall) {
    const auto points = curve(0.5, 0.57, 200, 1000);
    const auto plateau = find_plateau(points, PlateauRule{.epochs = 500});
    ASSERT_TRUE(plateau.has_value());
    EXPECT_NEAR(plateau->accuracy, 0.574, 0.001);
    // From the end of the rise less than a point above (the curve passes 56.4% at about 185).
    EXPECT_GE(plateau->since, 150);
    EXPECT_LE(plateau->since, 200);
    EXPECT_EQ(plateau->epochs, 1000 - plateau->since);
}

TEST(Plateau, TooShortIsNotYetAStall) {
    const auto points = curve(0.5, 0.57, 200, 600);
    EXPECT_FALSE(find_plateau(points, PlateauRule{.epochs = 500}).has_value());
}

TEST(Plateau, AGoodAccuracyIsSuccessNotAStall) {
    const auto points = curve(0.5, 0.95, 200, 2000);
    EXPECT_FALSE(find_plateau(points, PlateauRule{.epochs = 500}).has_value());
    const auto just_below = curve(0.5, 0.74, 200, 2000);
    EXPECT_TRUE(find_plateau(just_below, PlateauRule{.epochs = 500}).has_value());
}

TEST(Plateau, ASlowSteadyClimbIsNotAStall) {
    // 0.5 to 0.8 over 3000 epochs: 1 percentage point every 100 epochs, never 500 epochs flat.
    const auto points = curve(0.5, 0.8, 3000, 3000);
    EXPECT_FALSE(find_plateau(points, PlateauRule{.epochs = 500}).has_value());
}

TEST(Plateau, ANewBestWithinTheToleranceDoesNotRestartTheCount) {
    // Flat near 56% with a wobble of half a point, then a last point at a new best of 56.9%.
    std::vector<AccuracyPoint> points;
    for (long e = 0; e <= 1000; e += 10) points.push_back({e, 0.56 + 0.005 * std::sin(0.7 * e)});
    points.push_back({1010, 0.569});
    const auto plateau = find_plateau(points, PlateauRule{.epochs = 500});
    ASSERT_TRUE(plateau.has_value());
    EXPECT_EQ(plateau->since, 0);
    EXPECT_DOUBLE_EQ(plateau->accuracy, 0.569);
    EXPECT_EQ(plateau->epochs, 1010);
}

TEST(Plateau, AJumpAfterALongFlatStretchRestartsTheCount) {
    auto points = curve(0.5, 0.57, 100, 1000);
    for (long e = 1010; e <= 1200; e += 10) points.push_back({e, 0.70});
    EXPECT_FALSE(find_plateau(points, PlateauRule{.epochs = 500}).has_value());
    for (long e = 1210; e <= 1800; e += 10) points.push_back({e, 0.70});
    const auto plateau = find_plateau(points, PlateauRule{.epochs = 500});
    ASSERT_TRUE(plateau.has_value());
    EXPECT_EQ(plateau->since, 1010);
    EXPECT_DOUBLE_EQ(plateau->accuracy, 0.70);
}

TEST(Plateau, MissingAccuraciesAreSkippedAndAnEmptyCurveHasNone) {
    EXPECT_FALSE(find_plateau(std::vector<AccuracyPoint>{}).has_value());
    auto points = curve(0.5, 0.6, 0, 800);
    points.insert(points.begin() + 5, {45, std::numeric_limits<double>::quiet_NaN()});
    const auto plateau = find_plateau(points, PlateauRule{.epochs = 500});
    ASSERT_TRUE(plateau.has_value());
    EXPECT_EQ(plateau->since, 0);
}

TEST(Plateau, AGoodAccuracyIsHalfwayFromChanceToPerfect) {
    EXPECT_DOUBLE_EQ(halfway_from_chance(2), 0.75);
    EXPECT_DOUBLE_EQ(halfway_from_chance(4), 0.625);
    EXPECT_DOUBLE_EQ(halfway_from_chance(10), 0.55);
    EXPECT_DOUBLE_EQ(halfway_from_chance(0), 0.75);  // no classes: as for two, no crash
    // The spiral's 57% of two classes is a stall; the vowels' 88.7% of four is not.
    const auto spiral = curve(0.5, 0.57, 200, 1000);
    EXPECT_TRUE(find_plateau(spiral, {.good_accuracy = halfway_from_chance(2)}).has_value());
    const auto vowels = curve(0.6, 0.887, 200, 1000);
    EXPECT_FALSE(find_plateau(vowels, {.good_accuracy = halfway_from_chance(4)}).has_value());
}

TEST(Plateau, LinearExpertsAreThoseWithoutHiddenUnits) {
    Config config;
    config.expert_hidden = {};
    EXPECT_TRUE(has_linear_experts(config));
    config.expert_hidden = {8};
    EXPECT_FALSE(has_linear_experts(config));
}

}  // namespace
}  // namespace moelab
