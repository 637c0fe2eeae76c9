#pragma once
// Config JSON (the "config" object of model and session files), and the model file.
#include <nlohmann/json_fwd.hpp>

#include "io/model_file.h"
#include "training/config.h"

namespace moelab {

nlohmann::json config_to_json(const Config& config);
// Entries missing from `json` keep their values in `defaults`; a wrong type or value: ConfigError.
Config config_from_json(const nlohmann::json& json, Config defaults = {});

}  // namespace moelab
