#include "data/drawn_dataset.h"

#include <charconv>
#include <cmath>
#include <map>

#include "errors.h"

namespace moelab {

Dataset make_drawn_dataset(const std::vector<DrawnPoint>& points,
                           const std::vector<std::string>& class_names,
                           const std::vector<std::string>& feature_names) {
    if (class_names.size() < 2) throw DatasetError("Drawn data needs at least two classes.");
    if (feature_names.size() != 2) throw DatasetError("Drawn data has exactly two features.");
    Dataset dataset;
    dataset.name = kDrawnDatasetName;
    dataset.description = "Points drawn on the plane.";
    dataset.class_names = class_names;
    dataset.feature_names = feature_names;
    dataset.features.resize(Eigen::Index(points.size()), 2);
    dataset.labels.reserve(points.size());
    for (size_t i = 0; i < points.size(); ++i) {
        const DrawnPoint& point = points[i];
        if (point.label < 0 || point.label >= int(class_names.size())) {
            throw DatasetError("Drawn point " + std::to_string(i + 1) + " has class " +
                               std::to_string(point.label) + ", but there are only " +
                               std::to_string(class_names.size()) + " classes.");
        }
        if (!std::isfinite(point.x) || !std::isfinite(point.y) ||
            std::abs(point.x) > kLargestFeature || std::abs(point.y) > kLargestFeature) {
            throw DatasetError("Drawn point " + std::to_string(i + 1) +
                               " lies outside the range of numbers a feature may take.");
        }
        dataset.features(Eigen::Index(i), 0) = float(point.x);
        dataset.features(Eigen::Index(i), 1) = float(point.y);
        dataset.labels.push_back(point.label);
    }
    dataset.is_test.assign(points.size(), false);
    return dataset;
}

std::vector<DrawnPoint> drawn_points_of(const Dataset& dataset) {
    if (dataset.dimensions() != 2)
        throw DatasetError("Only data of two features can be drawn on the plane; " + dataset.name +
                           " has " + std::to_string(dataset.dimensions()) + ".");
    std::vector<DrawnPoint> points;
    points.reserve(size_t(dataset.size()));
    for (int i = 0; i < dataset.size(); ++i)
        points.push_back(
            {dataset.features(i, 0), dataset.features(i, 1), dataset.labels[size_t(i)]});
    return points;
}

std::vector<std::string> numbered_class_names(int classes) {
    std::vector<std::string> names;
    for (int c = 1; c <= classes; ++c) names.push_back("Class " + std::to_string(c));
    return names;
}

namespace {

// A field as the CSV reader takes it back: quoted when it holds a comma, a quote, a line break or
// spaces at its ends (the reader keeps them, a person's editor might not).
std::string csv_field(const std::string& text) {
    const bool quote = text.find_first_of(",\"\r\n") != std::string::npos || text.empty() ||
                       text.front() == ' ' || text.back() == ' ';
    if (!quote) return text;
    std::string field = "\"";
    for (const char c : text) {
        if (c == '"') field += '"';
        field += c;
    }
    return field + '"';
}

std::string shortest(float value) {
    char buffer[32];
    const auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
    return std::string(buffer, result.ptr);
}

}  // namespace

std::string dataset_csv_text(const Dataset& dataset) {
    std::map<int, int> counts;
    for (const int label : dataset.labels) ++counts[label];
    for (const auto& [label, count] : counts) {
        if (count < 2) {
            throw DatasetError("Class '" + dataset.class_names.at(size_t(label)) +
                               "' has only one point; a CSV data set needs at least two points "
                               "of every class it holds.");
        }
    }
    if (counts.size() < 2)
        throw DatasetError("A CSV data set needs points of at least two classes.");
    std::string text;
    for (int f = 0; f < dataset.dimensions(); ++f) {
        const std::string name = f < int(dataset.feature_names.size())
                                     ? dataset.feature_names[size_t(f)]
                                     : "x" + std::to_string(f + 1);
        text += csv_field(name) + ',';
    }
    text += "class\n";
    for (int i = 0; i < dataset.size(); ++i) {
        for (int f = 0; f < dataset.dimensions(); ++f)
            text += shortest(dataset.features(i, f)) + ',';
        text += csv_field(dataset.class_names.at(size_t(dataset.labels[size_t(i)]))) + '\n';
    }
    return text;
}

}  // namespace moelab
