#pragma once
// Between a running training and a session file: the session of a trainer (its whole state, the
// knob marks of the charts and the view), and a trainer continued from a session.
#include <memory>
#include <nlohmann/json.hpp>
#include <utility>
#include <vector>

#include "io/session_file.h"
#include "snapshot.h"
#include "training/trainer.h"

namespace moelab {

// The whole training with the rows of data that cannot be made again from its name (a CSV file,
// drawn points).
// `mark_configs` (empty, or one per mark): the configs on either side of each change.
Session session_of_training(const Trainer& trainer, const std::vector<KnobChange>& marks,
                            const std::vector<std::pair<Config, Config>>& mark_configs,
                            const nlohmann::json& view);

// The session's marks as the charts show them: worded in this program's language from the configs
// on either side of each change, or as the file words them when it has no configs.
std::vector<KnobChange> knob_changes_of(const Session& session);

// The data a session trains on: its embedded rows, `current` when that is the same data set, or
// the data set made again from its name and settings. Throws DatasetError.
std::shared_ptr<const Dataset> session_data(const Session& session,
                                            const std::shared_ptr<const Dataset>& current,
                                            const DatasetConfig& current_config);

// A trainer exactly where the session's training stopped. Throws ConfigError when the saved
// training does not fit the data.
std::unique_ptr<Trainer> trainer_from_session(const Session& session,
                                              std::shared_ptr<const Dataset> data,
                                              int reserved_threads);

}  // namespace moelab
