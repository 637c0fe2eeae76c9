#pragma once
// Data a person draws on the plane: an ordinary Dataset of two features (so sessions and the
// trainer take it like any other), every point a training case, and its CSV text, which the CSV
// loader (data/csv_loader.h) reads back.
#include <string>
#include <vector>

#include "data/dataset.h"

namespace moelab {

// The name a config gives drawn data: the worker receives the points themselves, not a file.
inline constexpr const char* kDrawnDatasetName = "drawn";

struct DrawnPoint {
    double x = 0;  // feature 0, raw units
    double y = 0;  // feature 1
    int label = 0;

    bool operator==(const DrawnPoint&) const = default;
};

// The drawn points as a Dataset named kDrawnDatasetName, with `class_names` (2 or more) and two
// `feature_names`. Every point is a training case: a drawn set is small, and each point the
// teacher draws should count. Throws DatasetError for a label out of range or a value that is not
// finite.
Dataset make_drawn_dataset(const std::vector<DrawnPoint>& points,
                           const std::vector<std::string>& class_names,
                           const std::vector<std::string>& feature_names);

// The points of a 2-D Dataset.
std::vector<DrawnPoint> drawn_points_of(const Dataset& dataset);

// "Class 1", "Class 2", ...: the classes of a drawing started on an empty plane.
std::vector<std::string> numbered_class_names(int classes);

// The dataset as CSV text: a header of the feature names and "class", then one row per case with
// its class name. Values are written exactly (the shortest text that reads back to the same
// float). The CSV loader needs every class it sees to have at least two rows and at least two
// classes: otherwise this throws DatasetError saying which class is short, since the file would
// not load.
std::string dataset_csv_text(const Dataset& dataset);

}  // namespace moelab
