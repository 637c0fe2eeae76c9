#pragma once
// A Config as JSON, generated from the knob table (training/knobs.h): one entry per knob under its
// key ("experts", "dataset": {"cases": ...}), choices by name, hidden layers as arrays, switches
// (noisy_gate) as true or false.
#include <nlohmann/json_fwd.hpp>

#include "training/config.h"

namespace moelab {

nlohmann::json config_to_json(const Config& config);
// The same, with the entries in the table's order, for files people read.
nlohmann::ordered_json config_to_ordered_json(const Config& config);

// Entries missing from `json` keep their values in `defaults`; K follows N as on the command line
// (a dense gate stays dense). A wrong type or value throws ConfigError naming the entry ("Config
// entry 'dataset.cases' must be ..."). Reads the files of version 1 too: "dataset": {"size": N},
// hidden layers as one integer (0 = none), K = N for the dense gate. A file written before a knob
// existed lacks its entry, so the knob keeps its default.
Config config_from_json(const nlohmann::json& json, Config defaults = {});

}  // namespace moelab
