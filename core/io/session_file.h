#pragma once
// The moelab-session file (.moelab, JSON): everything a class saw, to be opened again later or on
// another machine. It holds
//   "format": "moelab-session", "version": 1 for a classification, 2 for a regression (the
//              version that brought "kind": a program of version 1 says a newer one wrote it),
//   "kind":    "classification" (also when the entry is missing: every version 1 file) or
//              "regression"; a kind this program does not know is refused by name;
//   "dataset": where the data comes from: {"source": "registry", "name": ...} for a data set the
//              program ships or generates (its generator settings are /model/config/dataset), or
//              {"source": "embedded", ...} with every row, label and the train/test split, for a
//              user's CSV file or drawn points, so the session opens without the original file;
//   "model":   a classification: a whole moelab-model document (io/model_file.h) with its
//              training state: config, weights, optimizer, random generator, position in the
//              epoch, metric history;
//   "regression": a regression (instead of "model"): the whole regression training
//              (io/regression_session.h), its config with the data set, weights, optimizer,
//              random generator, epoch and loss/RMSE history; its data set is always one the
//              program makes ("registry");
//   "marks":   the knob changes the charts mark on their time axis ({"epoch", "label", "before",
//              "after"}: the configs on either side of the change);
//   "view":    an object the app fills and reads back (view rectangle, docks, figure style, speed);
//              the core keeps it as it is.
//
// Reading is a pure function of the bytes that never crashes: every problem is a SessionError
// naming the file and the JSON pointer of the bad entry ("/dataset/labels/7").
#include <iosfwd>
#include <nlohmann/json.hpp>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "data/dataset.h"
#include "io/model_file.h"
#include "training/regression_state.h"

namespace moelab {

// The newest version this program reads; it writes version 1 for a classification (so programs
// from before regression sessions open it) and 2 for a regression.
inline constexpr int kSessionFileVersion = 2;
inline constexpr const char* kSessionSuffix = ".moelab";

// A session file that cannot be read (not JSON, cut short, a newer version, a wrong entry).
// what() is a complete sentence naming the file.
class SessionError : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

// A change of knobs in the middle of the training, as the charts mark it: after `epoch` epochs,
// the config went from `before` to `after` (the app words the label from these in the reader's
// language); `label` is how the saving program worded it.
struct ChangeMark {
    long epoch = 0;
    std::string label;
    std::optional<Config> before, after;  // both or neither

    bool operator==(const ChangeMark&) const = default;
};

// What a session trains: the name of each kind is its "kind" in the file.
enum class SessionKind { Classification, Regression };

struct Session {
    SessionKind kind = SessionKind::Classification;
    // A classification: the config, weights, standardisation and names, and the whole training
    // (required).
    SavedModel model;
    // A regression: its whole training (required for that kind, empty otherwise).
    std::optional<RegressionTrainingState> regression;
    // The rows themselves, when the data is not one the program can make again from its name
    // (should_embed_dataset); its name is model.config.dataset.name.
    std::optional<Dataset> embedded_data;
    std::vector<ChangeMark> marks;
    nlohmann::json view = nlohmann::json::object();

    // The config of the training the session holds, of either kind.
    const Config& config() const {
        return kind == SessionKind::Regression && regression ? regression->config : model.config;
    }
};

// True for data the program cannot make again from the config alone: a CSV file (it may be gone
// or changed by the time the session is opened) or any name the registry does not know.
bool should_embed_dataset(const DatasetConfig& config);

// A dataset as the session embeds it: names, symbols, description, every row (raw units), labels,
// groups and the train/test split. Numbers are written exactly (a float read back is the same).
nlohmann::ordered_json dataset_to_json(const Dataset& dataset);
// Reads what dataset_to_json wrote; `pointer` is where it sits in the document ("/dataset").
// Throws SessionError without a file name (load_session adds it).
Dataset dataset_from_json(const nlohmann::json& json, const std::string& pointer);

// The whole session as text (readable JSON, one line per weight row). Throws SessionError when
// the session cannot be written (weights that are not finite, no training state).
std::string session_to_text(const Session& session);
void save_session(const Session& session, std::ostream& out);
// Writes atomically (io/atomic_file.h): the file is the complete new session or untouched.
// Throws std::runtime_error naming the path.
void save_session(const Session& session, const std::string& path);

// Reads a session from the bytes of a file; `source_name` (the path) names it in messages.
// Throws SessionError; any other input problem is reported the same way.
Session load_session(std::string_view bytes, const std::string& source_name);
// Reads the file at `path` (SessionError when it cannot be read).
Session load_session_file(const std::string& path);

}  // namespace moelab
