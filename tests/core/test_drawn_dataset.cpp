// Drawn data (data/drawn_dataset.h): an ordinary Dataset whose every point trains, and its CSV
// text, which the CSV loader reads back to the same points and classes.
#include <gtest/gtest.h>

#include "data/csv_loader.h"
#include "data/drawn_dataset.h"
#include "data/registry.h"
#include "errors.h"
#include "training/config.h"

namespace moelab {
namespace {

const std::vector<std::string> kFeatures{"x", "y"};

TEST(DrawnDataset, EveryPointIsATrainingCase) {
    const std::vector<DrawnPoint> points{{0.5, 1.25, 0}, {-3, 2, 1}, {7.125, -0.1, 2}};
    const Dataset data = make_drawn_dataset(points, numbered_class_names(3), kFeatures);
    EXPECT_EQ(data.name, kDrawnDatasetName);
    EXPECT_EQ(data.size(), 3);
    EXPECT_EQ(data.classes(), 3);
    EXPECT_EQ(data.class_names[2], "Class 3");
    const Split split = make_split(data);
    EXPECT_EQ(split.train_index.size(), 3u);
    EXPECT_TRUE(split.test_index.empty());
    EXPECT_EQ(drawn_points_of(data)[1], (DrawnPoint{-3, 2, 1}));
}

TEST(DrawnDataset, RefusesALabelOutOfRangeOrAnInfiniteValue) {
    EXPECT_THROW(make_drawn_dataset({{0, 0, 2}}, numbered_class_names(2), kFeatures), DatasetError);
    EXPECT_THROW(make_drawn_dataset({{INFINITY, 0, 0}}, numbered_class_names(2), kFeatures),
                 DatasetError);
    EXPECT_THROW(make_drawn_dataset({}, numbered_class_names(1), kFeatures), DatasetError);
}

TEST(DrawnDataset, CsvRoundTripKeepsEveryPointAndClass) {
    // Awkward names (a comma, a quote) and values with no short decimal form.
    const std::vector<std::string> classes{"left, low", "say \"hi\"", "Class 3"};
    const std::vector<DrawnPoint> points{
        {0.1, 1.0 / 3, 0}, {-2.7e-5, 123456.7, 0}, {3.14159, -2.5, 1}, {1e10, 0, 1}, {0.2, 0.3, 1}};
    const Dataset drawn = make_drawn_dataset(points, classes, {"F1 (Hz)", "F2, Hz"});
    const Dataset read = parse_csv_dataset(dataset_csv_text(drawn), "drawn.csv");
    ASSERT_EQ(read.size(), drawn.size());
    ASSERT_EQ(read.dimensions(), 2);
    EXPECT_EQ(read.feature_names, (std::vector<std::string>{"F1 (Hz)", "F2, Hz"}));
    // Class 3 has no points, so the file holds two classes.
    ASSERT_EQ(read.classes(), 2);
    for (int i = 0; i < drawn.size(); ++i) {
        EXPECT_EQ(read.features(i, 0), drawn.features(i, 0)) << "row " << i;
        EXPECT_EQ(read.features(i, 1), drawn.features(i, 1)) << "row " << i;
        EXPECT_EQ(read.class_names[size_t(read.labels[size_t(i)])],
                  drawn.class_names[size_t(drawn.labels[size_t(i)])]);
    }
}

TEST(DrawnDataset, CsvTextRefusesAClassOfOnePoint) {
    const Dataset drawn =
        make_drawn_dataset({{0, 0, 0}, {1, 1, 0}, {2, 2, 1}}, numbered_class_names(2), kFeatures);
    try {
        dataset_csv_text(drawn);
        FAIL() << "expected a DatasetError";
    } catch (const DatasetError& error) {
        EXPECT_NE(std::string(error.what()).find("Class 2"), std::string::npos) << error.what();
    }
    const Dataset one_class =
        make_drawn_dataset({{0, 0, 0}, {1, 1, 0}}, numbered_class_names(2), kFeatures);
    EXPECT_THROW(dataset_csv_text(one_class), DatasetError);
}

TEST(DrawnDataset, ConfigsNameItButNoFileLoadsIt) {
    Config config;
    config.dataset.name = kDrawnDatasetName;
    EXPECT_NO_THROW(validate(config));
    try {
        load_dataset(config.dataset);
        FAIL() << "expected a DatasetError";
    } catch (const DatasetError& error) {
        EXPECT_NE(std::string(error.what()).find("drawn in the app"), std::string::npos)
            << error.what();
    }
}

}  // namespace
}  // namespace moelab
