#pragma once
// The moelab-model JSON file: config, standardisation, and every layer's weights.
#include <nlohmann/json_fwd.hpp>
#include <string>

#include "data/dataset.h"
#include "io/config_json.h"  // the config part: config_to_json, config_from_json
#include "model/model.h"
#include "training/config.h"

namespace moelab {

struct SavedModel {
    Config config;
    Standardization standardization;
    Mixture<double> model{ModelShape{}};
    std::vector<std::string> class_names;  // may be empty in files from other programs
    std::vector<std::string> feature_names;
};

nlohmann::json model_to_json(const SavedModel& saved);
// Throws ModelFormatError naming what is wrong (missing key, wrong shape, not a number...).
SavedModel model_from_json(const nlohmann::json& json, const Config& defaults = {});

// Files: save writes to a temporary file and renames it (atomic); errors as std::runtime_error.
void save_model(const SavedModel& saved, const std::string& path);
SavedModel load_model(const std::string& path, const Config& defaults = {});

}  // namespace moelab
