#include "data/registry.h"

#include <algorithm>

#include "data/csv_loader.h"
#include "errors.h"
#include "data/fashion_mnist.h"
#include "data/synthetic.h"
#include "data/vowels.h"

namespace moelab {

namespace {

constexpr std::string_view kCsvPrefix = "csv:";

const DatasetInfo* find_info(std::string_view name) {
    const auto& registry = dataset_registry();
    const auto found = std::find_if(registry.begin(), registry.end(),
                                    [&](const DatasetInfo& info) { return info.name == name; });
    return found == registry.end() ? nullptr : &*found;
}

std::string accepted_names() {
    std::string names;
    for (const DatasetInfo& info : dataset_registry()) names += info.name + ", ";
    return names + "or csv:PATH";
}

}  // namespace

const std::vector<DatasetInfo>& dataset_registry() {
    // {name, description, synthetic, two_dimensional}
    static const std::vector<DatasetInfo> registry{
        {"vowels",
         "Peterson & Barney (1952) vowels [i] [I] [a] [A] by formants F1 and F2, the task of "
         "Jacobs "
         "et al. (1991); 408 training and 200 test tokens, split by speaker.",
         false, true},
        {"vowels-10", "Peterson & Barney (1952), all ten vowels by F1 and F2; split by speaker.",
         false, true},
        {"blobs", "Two Gaussian blobs that one straight line separates.", true, true},
        {"xor", "Four quadrants, opposite quadrants in the same class: no line separates them.",
         true, true},
        {"circles", "A disc inside a ring.", true, true},
        {"moons", "Two interleaved half circles.", true, true},
        {"spiral", "Two spiral arms wound around each other.", true, true},
        {"checkerboard", "A 4 x 4 checkerboard of two classes.", true, true},
        {"two-vowels",
         "Two classes, each two elongated clusters in two regions: one line per region separates "
         "them, no single line does (the case for local experts).",
         true, true},
        {"fashion-mnist",
         "Fashion-MNIST: 28 x 28 images of clothing, 10 classes, 784 features; size limits the "
         "60000 training images, the 10000 test images are kept.",
         false, false},
    };
    return registry;
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
    } else {
        const DatasetInfo* info = find_info(config.name);
        if (info == nullptr)
            throw DatasetError("Unknown dataset '" + config.name +
                               "' (expected one of: " + accepted_names() + ").");
        if (config.name == "vowels") {
            dataset = load_vowels(VowelSubset::PaperFour);
        } else if (config.name == "vowels-10") {
            dataset = load_vowels(VowelSubset::AllTen);
        } else if (config.name == "fashion-mnist") {
            dataset = load_fashion_mnist(fashion_mnist_directory(), config.cases > 0 ? config.cases : 60000);
        } else {
            dataset = generate_synthetic(config.name, config.cases > 0 ? config.cases : 400, config.noise, config.seed);
        }
        if (dataset.description.empty()) dataset.description = info->description;
    }
    dataset.name = config.name;
    // Datasets that bring their own split (vowels by speaker, Fashion-MNIST's files) keep it.
    assign_split(dataset, config.test_fraction, config.seed);
    return dataset;
}

}  // namespace moelab
