// Data that cannot hurt the program (issue 10, hardening): devices and FIFOs given as CSV files, a
// size cap, a header that is really data, and standardisation that does not care about units.
#include <gtest/gtest.h>

#include <sys/stat.h>
#include <unistd.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <limits>
#include <string>

#include "data/csv_loader.h"
#include "data/dataset.h"
#include "data/synthetic.h"
#include "error_of.h"
#include "errors.h"
#include "training/trainer.h"

namespace moelab {
namespace {

namespace fs = std::filesystem;

using test::error_of;

fs::path scratch(const std::string& name) {
    const fs::path directory =
        fs::temp_directory_path() / ("moelab_data_safety_" + std::to_string(::getpid()));
    fs::create_directories(directory);
    return directory / name;
}

TEST(CsvSafety, DevicesAreRefusedWithoutReadingThem) {
    // /dev/zero was read until 2.1 GB were resident.
    for (const char* device : {"/dev/zero", "/dev/urandom"}) {
        EXPECT_EQ(error_of([&] { load_csv_dataset(device); }),
                  "Cannot open the CSV file " + std::string(device) +
                      ": it is not a regular file (a device, pipe or socket); MoE Lab reads CSV "
                      "data from regular files only.");
    }
}

TEST(CsvSafety, AFifoIsRefusedWithoutBlocking) {
    // Opening a FIFO for reading blocks until a writer comes; the loader must not open it.
    const fs::path fifo = scratch("points.csv");
    fs::remove(fifo);
    ASSERT_EQ(::mkfifo(fifo.c_str(), 0644), 0);
    EXPECT_THROW(load_csv_dataset(fifo.string()), DatasetError);
    fs::remove(fifo);
}

TEST(CsvSafety, FilesBeyondTheCapAreRefusedNamingTheCap) {
    const fs::path big = scratch("big.csv");
    { std::ofstream(big) << "x,label\n"; }
    fs::resize_file(big, kCsvMaxBytes + 1);  // sparse: no disk is used
    const std::string message = error_of([&] { load_csv_dataset(big.string()); });
    EXPECT_EQ(message, "Cannot open the CSV file " + big.string() + ": it has " +
                           std::to_string(kCsvMaxBytes + 1) +
                           " bytes; MoE Lab reads CSV files of at most 512 MiB.");
    fs::remove(big);
}

TEST(CsvSafety, AHeaderOfNumbersIsReadWithAWarning) {
    // No header and text labels: the first row of data becomes the header.
    const Dataset data = parse_csv_dataset("1.5,2.5,a\n1,2,a\n3,4,b\n1,3,a\n4,4,b\n", "points.csv");
    EXPECT_EQ(data.size(), 4);
    ASSERT_EQ(data.warnings.size(), 1u);
    EXPECT_EQ(data.warnings[0],
              "points.csv, line 1: every feature column is named by a number (\"1.5\", ...); if "
              "this row is data, it was read as the header and is not used. Add a first row "
              "naming the columns.");
    const Dataset named = parse_csv_dataset("x,y,c\n1,2,a\n3,4,b\n1,3,a\n4,4,b\n", "named.csv");
    EXPECT_TRUE(named.warnings.empty());
    // Also when the label column is the first.
    const Dataset first = parse_csv_dataset("a,7\nb,1\na,2\nb,3\na,4\n", "first.csv", "a");
    ASSERT_EQ(first.warnings.size(), 1u);
    EXPECT_NE(first.warnings[0].find("(\"7\")"), std::string::npos) << first.warnings[0];
}

// The same points in units a hundred orders of magnitude apart (within float's range).
Dataset scaled(const Dataset& data, float factor) {
    Dataset copy = data;
    copy.features *= factor;
    return copy;
}

TEST(Standardisation, DoesNotDependOnTheUnits) {
    Dataset moons = generate_synthetic("moons", 200, 0.1, 3);
    assign_split(moons, 0.25, 3);
    const Dataset huge = scaled(moons, 1e36f);
    const Dataset tiny = scaled(moons, 1e-30f);
    const Split reference = make_split(moons);
    for (const Dataset* data : {&huge, &tiny}) {
        const Split split = make_split(*data);
        const Eigen::MatrixXd a = reference.standardization.apply(moons.features.cast<double>());
        const Eigen::MatrixXd b = split.standardization.apply(data->features.cast<double>());
        ASSERT_TRUE(b.allFinite());
        EXPECT_LT((a - b).cwiseAbs().maxCoeff(), 1e-5);
    }

    // And they train alike: same seed, same accuracy to rounding.
    Config config;
    config.dataset.name = "moons";
    config.epochs = 60;
    config.threads = 1;
    auto train = [&](const Dataset& data) {
        Trainer trainer(config, std::make_shared<const Dataset>(data));
        trainer.train(config.epochs);
        return trainer.history().metrics.back().train_accuracy;
    };
    const double accuracy = train(moons);
    EXPECT_GT(accuracy, 0.8);
    EXPECT_NEAR(train(huge), accuracy, 0.02);
}

TEST(Standardisation, ANearlyConstantFeatureStaysNearZeroInAnyUnits) {
    // Values that differ only by float rounding near 1e37: dividing by 1 (the old rule for a
    // constant feature) gave standardised values of 1e30, which overflow when squared in float.
    FeatureMatrix features(4, 1);
    const float base = 1e37f;
    features << base, std::nextafter(base, 2e37f), base, std::nextafter(base, 0.0f);
    const Standardization fitted = Standardization::fit(features);
    EXPECT_LE(fitted.apply(features.cast<double>()).cwiseAbs().maxCoeff(), 1e-6);
    // A constant feature becomes exactly 0, divided by 1.
    const FeatureMatrix constant = FeatureMatrix::Constant(3, 1, 5.0f);
    EXPECT_EQ(Standardization::fit(constant).apply(constant.cast<double>()).cwiseAbs().maxCoeff(),
              0.0);
    EXPECT_EQ(Standardization::fit(constant).std(0), 1.0);
    EXPECT_EQ(Standardization::fit(FeatureMatrix::Zero(3, 1)).std(0), 1.0);
    // Tiny units are not mistaken for a constant feature.
    FeatureMatrix small(2, 1);
    small << -1e-30f, 1e-30f;
    const Standardization tiny = Standardization::fit(small);
    EXPECT_NEAR(tiny.apply(small.cast<double>())(1, 0), 1.0, 1e-6);
}

TEST(Standardisation, ValuesFloatCannotTrainOnAreRefusedByName) {
    Dataset moons = generate_synthetic("moons", 40, 0.1, 3);
    moons.name = "drawn";
    assign_split(moons, 0.25, 3);
    moons.features(5, 1) = std::numeric_limits<float>::infinity();
    EXPECT_EQ(error_of([&] { make_split(moons); }),
              "The dataset drawn has the value inf in case 6, feature \"" + moons.feature_names[1] +
                  "\"; MoE Lab trains on finite values of magnitude up to 1e37.");
    moons.features(5, 1) = 3e38f;
    EXPECT_THROW(make_split(moons), DatasetError);
}

TEST(Standardisation, CsvValuesBeyondFloatAreRefusedWithTheirPlace) {
    // +-1e200 cannot be held in float32, the precision of training and drawing.
    const std::string message = error_of([] {
        parse_csv_dataset("x,y,label\n1e200,0,a\n-1e200,0,b\n1e200,1,a\n-1e200,1,b\n", "e.csv");
    });
    EXPECT_EQ(message,
              "e.csv, line 2, column 1 (\"x\"): the number \"1e200\" is too large; MoE Lab "
              "trains on values of magnitude up to 1e37. Rescale the column (for example divide "
              "it by a power of ten).");
}

}  // namespace
}  // namespace moelab
