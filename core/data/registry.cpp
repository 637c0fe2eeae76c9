#include "data/registry.h"

#include <algorithm>

#include "data/csv_loader.h"
#include "data/drawn_dataset.h"
#include "data/fashion_mnist.h"
#include "data/regression_data.h"
#include "data/synthetic.h"
#include "data/vowels.h"
#include "errors.h"

namespace moelab {

namespace {

constexpr std::string_view kCsvPrefix = "csv:";
constexpr int kSyntheticCases = 400;
constexpr int kFashionTrainingImages = 60000;

DatasetInfo synthetic(std::string name, std::string description) {
    DatasetInfo info{std::move(name), std::move(description), true, true, kSyntheticCases, {}};
    info.load = [name = info.name](const DatasetConfig& config) {
        return generate_synthetic(name, config.cases > 0 ? config.cases : kSyntheticCases,
                                  config.noise, config.seed);
    };
    return info;
}

// A generated 1-D regression set (data/regression_data.h): real-valued targets, one feature.
DatasetInfo regression(std::string name, std::string description) {
    DatasetInfo info{std::move(name), std::move(description), true, false, kSyntheticCases, {}};
    info.regression = true;
    info.load = [name = info.name](const DatasetConfig& config) {
        return generate_regression(name, config.cases > 0 ? config.cases : kSyntheticCases,
                                   config.noise, config.seed);
    };
    return info;
}

std::vector<DatasetInfo> make_registry() {
    std::vector<DatasetInfo> registry;
    registry.push_back(
        {"vowels",
         "Peterson & Barney (1952) vowels [i] [I] [a] [A] by formants F1 and F2, the task of "
         "Jacobs et al. (1991); 408 training and 200 test tokens, split by speaker.",
         false, true, 0, [](const DatasetConfig&) { return load_vowels(VowelSubset::PaperFour); }});
    registry.push_back(
        {"vowels-10", "Peterson & Barney (1952), all ten vowels by F1 and F2; split by speaker.",
         false, true, 0, [](const DatasetConfig&) { return load_vowels(VowelSubset::AllTen); }});
    registry.push_back(synthetic("blobs", "Two Gaussian blobs that one straight line separates."));
    registry.push_back(synthetic(
        "xor", "Four quadrants, opposite quadrants in the same class: no line separates them."));
    registry.push_back(synthetic("circles", "A disc inside a ring."));
    registry.push_back(synthetic("moons", "Two interleaved half circles."));
    registry.push_back(synthetic("spiral", "Two spiral arms wound around each other."));
    registry.push_back(synthetic("checkerboard", "A 4 x 4 checkerboard of two classes."));
    registry.push_back(synthetic(
        "two-vowels",
        "Two classes, each two elongated clusters in two regions: one line per region separates "
        "them, no single line does (the case for local experts)."));
    registry.push_back(
        {"fashion-mnist",
         "Fashion-MNIST: 28 x 28 images of clothing, 10 classes, 784 features; all 60000 training "
         "and 10000 test images (cases limits the training images).",
         false, false, kFashionTrainingImages, [](const DatasetConfig& config) {
             return load_fashion_mnist(fashion_mnist_directory(),
                                       config.cases > 0 ? config.cases : kFashionTrainingImages);
         }});
    registry.push_back(regression(
        "piecewise-linear",
        "Regression: y = |x| + noise on [-1, 1], two straight pieces meeting at 0; one linear "
        "expert per piece fits it."));
    registry.push_back(
        regression("sine", "Regression: y = sin(pi x) + noise on [-1, 1], one period of a sine."));
    registry.push_back(regression(
        "step", "Regression: y = 0 for x < 0 and 1 for x >= 0, plus noise, on [-1, 1]."));
    return registry;
}

}  // namespace

const std::vector<DatasetInfo>& dataset_registry() {
    static const std::vector<DatasetInfo> registry = make_registry();
    return registry;
}

const DatasetInfo* find_dataset(std::string_view name) {
    const auto& registry = dataset_registry();
    const auto found = std::find_if(registry.begin(), registry.end(),
                                    [&](const DatasetInfo& info) { return info.name == name; });
    return found == registry.end() ? nullptr : &*found;
}

std::string accepted_dataset_names() {
    std::string names;
    for (const DatasetInfo& info : dataset_registry()) names += info.name + ", ";
    return names + "or csv:PATH";
}

Dataset load_dataset(const DatasetConfig& config) {
    Dataset dataset;
    if (config.name.starts_with(kCsvPrefix)) {
        const std::string path = config.name.substr(kCsvPrefix.size());
        if (path.empty())
            throw DatasetError(
                "The dataset name csv: needs a file path after the colon, as in "
                "csv:data/points.csv.");
        dataset = load_csv_dataset(path, config.label_column);
    } else if (config.name == kDrawnDatasetName) {
        throw DatasetError(
            "The data set 'drawn' holds points drawn in the app; it is carried with them (a "
            "session file, or Data > Save drawn data as CSV), and cannot be loaded by its name.");
    } else {
        const DatasetInfo* info = find_dataset(config.name);
        if (info == nullptr)
            throw DatasetError("Unknown dataset '" + config.name +
                               "' (expected one of: " + accepted_dataset_names() + ").");
        dataset = info->load(config);
        if (dataset.description.empty()) dataset.description = info->description;
    }
    dataset.name = config.name;
    // Datasets that bring their own split (vowels by speaker, Fashion-MNIST's files) keep it.
    assign_split(dataset, config.test_fraction, config.seed);
    return dataset;
}

}  // namespace moelab
