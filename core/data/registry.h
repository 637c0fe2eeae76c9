#pragma once
// The registry of datasets: a table from name to description and loader, used alike by the
// command-line tool, the app and the tests. "csv:PATH" is accepted besides the names.
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "data/dataset.h"
#include "training/config.h"

namespace moelab {

struct DatasetInfo {
    std::string name;
    std::string description;  // one line, English (the app shows its own translations)
    bool synthetic = false;   // generated: takes cases, noise and the data seed
    bool two_dimensional = false;
    // What cases = 0 means: the generated size, or every training image (0 = a fixed size).
    int default_cases = 0;
    // Loads or generates the cases; the split is assigned by load_dataset.
    std::function<Dataset(const DatasetConfig&)> load;
    // Real-valued targets (Dataset::targets): trained by the regression trainer
    // (training/regression_trainer.h), not the classification one.
    bool regression = false;
};

// Every registered dataset, in display order (vowels first).
const std::vector<DatasetInfo>& dataset_registry();
// The entry of `name`, or null.
const DatasetInfo* find_dataset(std::string_view name);
// "vowels, vowels-10, ..., or csv:PATH", for messages.
std::string accepted_dataset_names();

// Loads or generates the named dataset and assigns its train/test split.
// Throws DatasetError (bad file, bad name) with a message naming what is wrong.
Dataset load_dataset(const DatasetConfig& config);

}  // namespace moelab
