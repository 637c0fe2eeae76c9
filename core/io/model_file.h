#pragma once
// The moelab-model file (JSON): the config, the standardisation, the class and feature names, every
// component's kind, settings and weights, and optionally the whole training state (optimizer,
// random generator, position in the epoch, history), so a training can be resumed bit for bit.
//
// Version 2 names each component's kind and hidden layers (any depth); version 1 files (a gate and
// experts of one or two layers) still load. An attentive gate writes its query network as its
// "layers" and its key matrix (no biases) as "key": {"W": ...}. Numbers are written exactly: a
// double read back is the same double.
#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string>
#include <vector>

#include "data/dataset.h"
#include "model/mixture.h"
#include "training/config.h"
#include "training/training_state.h"

namespace moelab {

class Trainer;

inline constexpr int kModelFileVersion = 2;

struct SavedModel {
    Config config;
    Standardization standardization;
    Mixture<double> model{ModelSpec{}};
    std::vector<std::string> class_names;  // may be empty in files from other programs
    std::vector<std::string> feature_names;
    // The whole training, when the file holds it (its parameters are the model's weights).
    std::optional<TrainingState> training;
};

// What a trainer has now: config, weights, standardisation, names and, with `with_training`, the
// whole training state.
SavedModel saved_model_of(const Trainer& trainer, bool with_training);

nlohmann::json model_to_json(const SavedModel& saved);
// The same with the entries in the file's order (for documents that embed a model: sessions).
// Throws ModelFormatError for weights that are not finite.
nlohmann::ordered_json model_to_ordered_json(const SavedModel& saved);
// JSON text indented like dump(2), except that an array of plain values stays on one line (a
// weight matrix reads as one line per row). Numbers are the shortest exact text.
std::string readable_json(const nlohmann::ordered_json& value);
// Throws ModelFormatError naming what is wrong (missing key, wrong shape, not a number...).
SavedModel model_from_json(const nlohmann::json& json, const Config& defaults = {});

// Files: save writes atomically (io/atomic_file.h); errors as std::runtime_error.
void save_model(const SavedModel& saved, const std::string& path);
SavedModel load_model(const std::string& path, const Config& defaults = {});

}  // namespace moelab
