#pragma once
// The registry of datasets by name: built-in (vowels), synthetic generators, CSV files,
// Fashion-MNIST.
#include <string>
#include <vector>

#include "training/config.h"
#include "data/dataset.h"

namespace moelab {

struct DatasetInfo {
    std::string name;
    std::string description;  // one line
    bool synthetic = false;   // takes size, noise and seed
    bool two_dimensional = false;
};

// Every registered name, in display order (vowels first). "csv:PATH" is not listed but accepted.
const std::vector<DatasetInfo>& dataset_registry();

// Loads or generates the named dataset and assigns its train/test split.
// Throws DatasetError (bad file, bad name) with a message naming what is wrong.
Dataset load_dataset(const DatasetConfig& config);

}  // namespace moelab
