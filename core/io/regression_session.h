#pragma once
// The "regression" block of a moelab-session file (io/session_file.h) of kind "regression": the
// whole state of a regression training (training/regression_state.h) as JSON,
//   "config":    the regression config with its data set (io/config_json.h),
//   "model":     {"inputs": D, "experts": N, "parameters": [...]} in the model's flat order,
//   "optimizer": {"kind", "steps", "vectors": {name: [...]}},
//   "shuffle_rng", "order", "epoch",
//   "history":   {"stride", "appended", "points": [[epoch, loss, train RMSE, test RMSE], ...]}
//                (null for an RMSE without cases).
// Numbers are written exactly (a float or double read back is the same). Reading checks every
// entry and every shape, so a restored training never reads past a vector's end.
#include <nlohmann/json.hpp>
#include <string>

#include "training/regression_state.h"

namespace moelab {

// Throws SessionError for weights, optimizer values or a loss that are not finite.
nlohmann::ordered_json regression_state_to_json(const RegressionTrainingState& state);
// Reads what regression_state_to_json wrote; `pointer` is where it sits ("/regression"). Throws
// SessionError naming the JSON pointer of the bad entry ("/regression/model/parameters/3 must be
// a number, not a string."), without the file's name (load_session adds it).
RegressionTrainingState regression_state_from_json(const nlohmann::json& json,
                                                   const std::string& pointer);

}  // namespace moelab
