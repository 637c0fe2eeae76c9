// The moelab-session file: every field comes back exactly, a training continues bit for bit after
// a load, a user's CSV data travels inside the file, and every kind of bad file (cut short, not
// JSON, newer, a wrong type, a missing entry) gives a message naming the file and the entry.
#include <gtest/gtest.h>

#include <unistd.h>
#include <bit>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <random>
#include <sstream>

#include "damaged_text.h"
#include "data/registry.h"
#include "errors.h"
#include "io/session_file.h"
#include "training/trainer.h"

namespace moelab {
namespace {

using nlohmann::json;

std::filesystem::path fresh_directory(const std::string& name) {
    const auto directory = std::filesystem::temp_directory_path() /
                           ("moelab_session_" + name + "_" + std::to_string(::getpid()));
    std::filesystem::remove_all(directory);
    std::filesystem::create_directories(directory);
    return directory;
}

std::string read_text(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

void write_text(const std::filesystem::path& path, const std::string& text) {
    std::ofstream(path, std::ios::binary) << text;
}

bool bitwise_equal(const Eigen::VectorXd& a, const Eigen::VectorXd& b) {
    return a.size() == b.size() &&
           std::memcmp(a.data(), b.data(), sizeof(double) * size_t(a.size())) == 0;
}

// The same double, or both NaN.
bool same(double a, double b) {
    return std::bit_cast<std::uint64_t>(a) == std::bit_cast<std::uint64_t>(b) ||
           (std::isnan(a) && std::isnan(b));
}

bool same(const std::vector<double>& a, const std::vector<double>& b) {
    if (a.size() != b.size()) return false;
    for (size_t i = 0; i < a.size(); ++i)
        if (!same(a[i], b[i])) return false;
    return true;
}

bool same(const Eigen::MatrixXd& a, const Eigen::MatrixXd& b) {
    return a.rows() == b.rows() && a.cols() == b.cols() &&
           same(std::vector<double>(a.data(), a.data() + a.size()),
                std::vector<double>(b.data(), b.data() + b.size()));
}

// Every field of an epoch's metrics; `timing`: the wall time too (a file keeps it; two trainings
// that went on separately took their own time).
void expect_same_metrics(const EpochMetrics& a, const EpochMetrics& b, bool timing = true) {
    EXPECT_EQ(a.epoch, b.epoch);
    EXPECT_TRUE(same(a.loss, b.loss));
    EXPECT_TRUE(same(a.train_accuracy, b.train_accuracy));
    EXPECT_TRUE(same(a.test_accuracy, b.test_accuracy));
    EXPECT_TRUE(same(a.gate_entropy, b.gate_entropy));
    EXPECT_TRUE(same(a.utilisation, b.utilisation));
    EXPECT_TRUE(same(a.top_share, b.top_share));
    EXPECT_TRUE(same(a.responsibility, b.responsibility));
    EXPECT_EQ(a.active_experts, b.active_experts);
    if (timing) {
        EXPECT_TRUE(same(a.seconds, b.seconds));
    }
    EXPECT_TRUE(same(a.routing, b.routing));
    EXPECT_TRUE(same(a.expert_given_class_entropy, b.expert_given_class_entropy));
    EXPECT_TRUE(same(a.class_given_expert_entropy, b.class_given_expert_entropy));
    EXPECT_TRUE(same(a.expert_class_information, b.expert_class_information));
    EXPECT_EQ(a.dead_experts, b.dead_experts);
    EXPECT_EQ(a.dropped_cases, b.dropped_cases);
    EXPECT_EQ(a.dropped_rows, b.dropped_rows);
    EXPECT_TRUE(same(a.balance_loss, b.balance_loss));
    EXPECT_EQ(a.strongest_cases, b.strongest_cases);
    EXPECT_TRUE(same(a.own_accuracy, b.own_accuracy));
    EXPECT_TRUE(same(a.top_expert_accuracy, b.top_expert_accuracy));
    EXPECT_TRUE(same(a.noise_first_choice_flips, b.noise_first_choice_flips));
    EXPECT_TRUE(same(a.noise_routed_set_flips, b.noise_routed_set_flips));
}

void expect_same_training(const TrainingState& a, const TrainingState& b, bool timing = true) {
    EXPECT_EQ(a.config, b.config);
    EXPECT_EQ(a.spec, b.spec);
    EXPECT_TRUE(bitwise_equal(a.standardization.mean, b.standardization.mean));
    EXPECT_TRUE(bitwise_equal(a.standardization.std, b.standardization.std));
    EXPECT_TRUE(same(a.parameters, b.parameters));
    EXPECT_EQ(a.optimizer.type, b.optimizer.type);
    EXPECT_EQ(a.optimizer.steps, b.optimizer.steps);
    ASSERT_EQ(a.optimizer.vectors.size(), b.optimizer.vectors.size());
    for (size_t i = 0; i < a.optimizer.vectors.size(); ++i) {
        EXPECT_EQ(a.optimizer.vectors[i].first, b.optimizer.vectors[i].first);
        EXPECT_TRUE(same(a.optimizer.vectors[i].second, b.optimizer.vectors[i].second));
    }
    EXPECT_EQ(a.shuffle_rng, b.shuffle_rng);
    EXPECT_EQ(a.order, b.order);
    EXPECT_EQ(a.cursor, b.cursor);
    EXPECT_EQ(a.epoch, b.epoch);
    EXPECT_TRUE(same(a.epoch_loss_sum, b.epoch_loss_sum));
    EXPECT_EQ(a.epoch_cases, b.epoch_cases);
    EXPECT_EQ(a.epoch_dropped_rows, b.epoch_dropped_rows);
    EXPECT_EQ(a.last_epoch_dropped_rows, b.last_epoch_dropped_rows);
    if (timing) {
        EXPECT_TRUE(same(a.seconds, b.seconds));
    }
    EXPECT_TRUE(same(a.history.epoch_loss.points(), b.history.epoch_loss.points()));
    EXPECT_EQ(a.history.epoch_loss.stride(), b.history.epoch_loss.stride());
    EXPECT_EQ(a.history.epoch_loss.appended(), b.history.epoch_loss.appended());
    ASSERT_EQ(a.history.metrics.size(), b.history.metrics.size());
    for (size_t i = 0; i < a.history.metrics.size(); ++i)
        expect_same_metrics(a.history.metrics[i], b.history.metrics[i], timing);
}

void expect_same_data(const Dataset& a, const Dataset& b) {
    EXPECT_EQ(a.name, b.name);
    EXPECT_EQ(a.description, b.description);
    ASSERT_EQ(a.features.rows(), b.features.rows());
    ASSERT_EQ(a.features.cols(), b.features.cols());
    EXPECT_EQ(std::memcmp(a.features.data(), b.features.data(),
                          sizeof(float) * size_t(a.features.size())),
              0);
    EXPECT_EQ(a.labels, b.labels);
    EXPECT_EQ(a.class_names, b.class_names);
    EXPECT_EQ(a.class_symbols, b.class_symbols);
    EXPECT_EQ(a.feature_names, b.feature_names);
    EXPECT_EQ(a.groups, b.groups);
    EXPECT_EQ(a.is_test, b.is_test);
}

// A training with every part of the state in use: Adam's vectors, mid-epoch position, top-K with
// capacity (dropped rows), the balance term, metrics recorded every other epoch.
Config busy_config() {
    Config config;
    config.dataset.name = "moons";
    config.dataset.cases = 240;
    config.dataset.noise = 0.15;
    config.dataset.seed = 7;
    config.experts = 4;
    config.top_k = 2;
    config.capacity_factor = 1.0;
    config.expert_hidden = {5};
    config.gate = GateType::Mlp;
    config.gate_hidden = {6};
    config.loss = LossType::MixtureNll;
    config.balance_weight = 0.05;
    config.optimizer = OptimizerType::Adam;
    config.learning_rate = 0.02;
    config.batch_size = 32;
    config.metrics_every = 2;
    config.seed = 11;
    return config;
}

Session session_of(const Trainer& trainer) {
    Session session;
    session.model = saved_model_of(trainer, true);
    if (should_embed_dataset(trainer.config().dataset)) session.embedded_data = trainer.dataset();
    return session;
}

TEST(SessionFile, EveryFieldComesBackExactly) {
    const Config config = busy_config();
    auto data = std::make_shared<const Dataset>(load_dataset(config.dataset));
    Trainer trainer(config, data);
    trainer.train(6);
    trainer.step();  // mid-epoch: cursor, order and the epoch's partial loss are in use
    Session session = session_of(trainer);
    Config before = config, after = config;
    before.learning_rate = 0.1;
    before.loss = LossType::CompetitiveLog;
    session.marks = {{2, "eq. 3", std::nullopt, std::nullopt},
                     {4, "Learning rate 0.02, NLL", before, after}};
    session.view = {{"figure", {{"paper_style", true}, {"highlighted_expert", 2}}},
                    {"zoom", {0.25, -1.5, 2.0, 3.0}},
                    {"title", "F1 / F2 ~ \"vowels\""}};
    EXPECT_FALSE(session.embedded_data.has_value());  // moons are made again from the settings

    const std::string text = session_to_text(session);
    const Session loaded = load_session(text, "busy.moelab");
    EXPECT_EQ(loaded.model.config, config);
    EXPECT_EQ(loaded.model.model.spec(), trainer.spec());
    EXPECT_TRUE(bitwise_equal(loaded.model.model.parameters(), trainer.model().parameters()));
    EXPECT_EQ(loaded.model.class_names, data->class_names);
    EXPECT_EQ(loaded.model.feature_names, data->feature_names);
    ASSERT_TRUE(loaded.model.training.has_value());
    expect_same_training(trainer.state(), *loaded.model.training);
    // Dropped cases and the strongest cases are in the history, so they are checked for real.
    const EpochMetrics& last = loaded.model.training->history.metrics.back();
    EXPECT_FALSE(last.strongest_cases.empty());
    EXPECT_GT(last.routing.size(), 0);
    EXPECT_EQ(loaded.marks, session.marks);
    EXPECT_EQ(loaded.view, session.view);
    EXPECT_FALSE(loaded.embedded_data.has_value());
    // Written again, the same text: nothing is lost or reordered on the way.
    EXPECT_EQ(session_to_text(loaded), text);
}

TEST(SessionFile, TheTrainingContinuesBitForBitAfterLoading) {
    const Config config = busy_config();
    auto data = std::make_shared<const Dataset>(load_dataset(config.dataset));
    Trainer original(config, data);
    original.train(4);
    original.step();
    original.step();

    const auto directory = fresh_directory("continue");
    const std::string path = (directory / "run.moelab").string();
    save_session(session_of(original), path);
    const Session loaded = load_session_file(path);
    // The data is made again from its name and settings, as the app does on opening.
    auto remade = std::make_shared<const Dataset>(load_dataset(loaded.model.config.dataset));
    Trainer resumed(loaded.model.config, remade);
    resumed.restore(*loaded.model.training);
    for (int e = 0; e < 3; ++e) {
        original.train_epoch();
        resumed.train_epoch();
    }
    original.record_metrics();
    resumed.record_metrics();
    EXPECT_TRUE(bitwise_equal(original.model().parameters(), resumed.model().parameters()));
    expect_same_training(original.state(), resumed.state(), false);
    std::filesystem::remove_all(directory);
}

TEST(SessionFile, ACsvDataSetTravelsInTheFileAndOpensWithoutIt) {
    const auto directory = fresh_directory("csv");
    const auto csv = directory / "points.csv";
    std::filesystem::copy_file(std::filesystem::path(MOELAB_TEST_DATA_DIR) / "small_points.csv",
                               csv);
    Config config;
    config.dataset.name = "csv:" + csv.string();
    config.dataset.test_fraction = 0.25;
    config.experts = 3;
    config.batch_size = 5;
    config.learning_rate = 0.3;
    auto data = std::make_shared<const Dataset>(load_dataset(config.dataset));
    Trainer original(config, data);
    original.train(3);
    original.step();
    const Session session = session_of(original);
    ASSERT_TRUE(session.embedded_data.has_value());
    const std::string path = (directory / "csv.moelab").string();
    save_session(session, path);
    std::filesystem::remove(csv);  // another machine: the CSV file is not there

    const Session loaded = load_session_file(path);
    ASSERT_TRUE(loaded.embedded_data.has_value());
    expect_same_data(*data, *loaded.embedded_data);
    Trainer resumed(loaded.model.config, std::make_shared<const Dataset>(*loaded.embedded_data));
    resumed.restore(*loaded.model.training);
    original.train(2);
    resumed.train(2);
    EXPECT_TRUE(bitwise_equal(original.model().parameters(), resumed.model().parameters()));
    std::filesystem::remove_all(directory);
}

TEST(SessionFile, EmbeddedFeaturesAreExactFloats) {
    // Drawn points are arbitrary floats: every one must come back as the same float.
    std::mt19937_64 rng(5);
    Dataset drawn;
    drawn.name = "drawn";
    drawn.feature_names = {"x", "y"};
    drawn.class_names = {"red", "blue", "green"};
    drawn.features.resize(300, 2);
    for (Eigen::Index r = 0; r < drawn.features.rows(); ++r) {
        for (Eigen::Index c = 0; c < 2; ++c) {
            float value;
            do {  // any float a feature may hold: subnormals, -0, 1e37
                value = std::bit_cast<float>(std::uint32_t(rng()));
            } while (!(std::abs(value) <= kLargestFeature));
            drawn.features(r, c) = value;
        }
        drawn.labels.push_back(int(r % 3));
        drawn.is_test.push_back(r % 4 == 0);
    }
    const json document = json::parse(dataset_to_json(drawn).dump());
    expect_same_data(drawn, dataset_from_json(document, "/dataset"));
}

// ---- bad files ---------------------------------------------------------------------------------

class BadSessionFile : public ::testing::Test {
  protected:
    void SetUp() override {
        Config config;
        config.dataset.name = "blobs";
        config.dataset.cases = 60;
        config.experts = 2;
        Trainer trainer(config, std::make_shared<const Dataset>(load_dataset(config.dataset)));
        trainer.train(2);
        good_ = json::parse(session_to_text(session_of(trainer)));
    }

    // The message load_session gives for `document` (as text), or "" when it loads.
    static std::string message_for(const std::string& text) {
        try {
            load_session(text, "lesson.moelab");
        } catch (const SessionError& error) {
            return error.what();
        }
        return "";
    }
    std::string message_for(const json& document) const { return message_for(document.dump()); }

    json good_;
};

TEST_F(BadSessionFile, TheGoodFileLoads) {
    EXPECT_EQ(message_for(good_), "");
}

TEST_F(BadSessionFile, ATruncatedFileSaysItIsCutShort) {
    const std::string text = good_.dump(2);
    for (size_t length : {text.size() / 2, text.size() - 2, size_t(1)}) {
        const std::string message = message_for(text.substr(0, length));
        EXPECT_NE(message.find("'lesson.moelab'"), std::string::npos) << message;
        EXPECT_NE(message.find("not complete JSON"), std::string::npos) << message;
        EXPECT_NE(message.find("line "), std::string::npos) << message;
    }
    EXPECT_NE(message_for(std::string()).find("empty"), std::string::npos);
}

TEST_F(BadSessionFile, GarbageAndDeepNestingAreRefusedWithoutACrash) {
    EXPECT_NE(message_for(std::string("\x89PNG\r\n\x1a\n\0\0", 10)).find("not complete JSON"),
              std::string::npos);
    const std::string deep = std::string(100000, '[') + std::string(100000, ']');
    EXPECT_NE(message_for(deep).find("nests deeper"), std::string::npos);
    EXPECT_NE(message_for(std::string("[1, 2]")).find("must be a JSON object, not an array"),
              std::string::npos);
    EXPECT_NE(message_for(std::string("{\"version\": 1e999}")).find("lesson.moelab"),
              std::string::npos);
}

TEST_F(BadSessionFile, ANewerVersionNamesBothVersions) {
    json newer = good_;
    newer["version"] = kSessionFileVersion + 1;
    newer["model"] = "something a later program writes";
    const std::string message = message_for(newer);
    EXPECT_NE(message.find("'lesson.moelab'"), std::string::npos) << message;
    EXPECT_NE(message.find("/version is " + std::to_string(kSessionFileVersion + 1) +
                           ": a newer MoE Lab wrote this session"),
              std::string::npos)
        << message;
    EXPECT_NE(message.find("up to " + std::to_string(kSessionFileVersion)), std::string::npos)
        << message;
    newer["version"] = json(std::uint64_t(1) << 63);
    EXPECT_NE(message_for(newer).find("a newer MoE Lab"), std::string::npos);
    newer["version"] = 0;
    EXPECT_NE(message_for(newer).find("/version 0 is not supported"), std::string::npos);
}

TEST_F(BadSessionFile, AWrongTypeNamesItsJsonPointer) {
    json bad = good_;
    bad["version"] = "1";
    EXPECT_NE(message_for(bad).find("/version must be a whole number, not a string"),
              std::string::npos);
    bad = good_;
    bad["marks"] = json::array({{{"epoch", 1}, {"label", 3}}});
    EXPECT_NE(message_for(bad).find("/marks/0/label must be a string, not the number 3"),
              std::string::npos);
    bad = good_;
    bad["marks"] = json::array({{{"epoch", 1}, {"label", "x"}, {"before", json::object()}}});
    EXPECT_NE(message_for(bad).find("/marks/0 must have both \"before\" and \"after\""),
              std::string::npos);
    bad["marks"][0]["after"] = {{"experts", "many"}};
    EXPECT_NE(message_for(bad).find("/marks/0/after: "), std::string::npos) << message_for(bad);
    bad = good_;
    bad["view"] = json::array();
    EXPECT_NE(message_for(bad).find("/view must be an object, not an array"), std::string::npos);
    bad = good_;
    bad["dataset"]["source"] = "cloud";
    EXPECT_NE(message_for(bad).find("/dataset/source must be \"registry\" or \"embedded\""),
              std::string::npos);
    // Inside the model, the model reader's own names follow the pointer of the model.
    bad = good_;
    bad["model"]["training"]["optimizer"]["kind"] = 7;
    EXPECT_NE(message_for(bad).find("/model: training.optimizer.kind must be a string"),
              std::string::npos)
        << message_for(bad);
    bad = good_;
    bad["format"] = "moelab-model";
    EXPECT_NE(message_for(bad).find("this is a model file, not a session"), std::string::npos);
}

TEST_F(BadSessionFile, AMissingEntryIsNamed) {
    for (const char* key : {"format", "version", "model", "dataset"}) {
        json bad = good_;
        bad.erase(key);
        EXPECT_NE(message_for(bad).find(std::string("lacks the entry \"") + key + "\""),
                  std::string::npos)
            << message_for(bad);
    }
    json bad = good_;
    bad["model"].erase("training");
    EXPECT_NE(message_for(bad).find("/model lacks the entry \"training\""), std::string::npos);
}

TEST_F(BadSessionFile, EmbeddedRowsAreCheckedEntryByEntry) {
    // The blobs as if they were a user's file.
    json bad = good_;
    DatasetConfig blobs;
    blobs.name = "blobs";
    blobs.cases = 60;
    Dataset rows = load_dataset(blobs);
    rows.name = "csv:/gone/points.csv";
    bad["model"]["config"]["dataset"]["name"] = rows.name;
    bad["dataset"] = json::parse(dataset_to_json(rows).dump());
    EXPECT_EQ(message_for(bad), "");

    json broken = bad;
    broken["dataset"]["features"][3][1] = "12";
    EXPECT_NE(message_for(broken).find("/dataset/features/3/1 must be a number, not a string"),
              std::string::npos);
    broken = bad;
    broken["dataset"]["labels"][7] = 5;
    EXPECT_NE(message_for(broken).find("/dataset/labels/7 is 5, outside 0 to 1"), std::string::npos)
        << message_for(broken);
    broken = bad;
    broken["dataset"]["features"][0] = json::array({1.0});
    EXPECT_NE(message_for(broken).find("/dataset/features/0 has 1 values, expected 2"),
              std::string::npos);
    broken = bad;
    broken["dataset"]["features"][2][0] = 1e300;
    EXPECT_NE(message_for(broken).find("/dataset/features/2/0 is 1e+300, larger than"),
              std::string::npos)
        << message_for(broken);
    broken = bad;
    broken["dataset"]["class_names"].push_back("third");
    broken["dataset"]["class_symbols"].push_back("3");
    EXPECT_NE(message_for(broken).find("/dataset has 3 classes but the model 2 outputs"),
              std::string::npos)
        << message_for(broken);
    broken = bad;
    broken["dataset"]["source"] = "registry";
    EXPECT_NE(message_for(broken).find("its rows should be embedded"), std::string::npos);
}

TEST_F(BadSessionFile, RandomDamageGivesAMessageNeverACrash) {
    // What the fuzzer of load_session will do, in small: flipped bytes, cuts, inserted brackets.
    const std::string text = good_.dump(1);
    std::mt19937_64 rng(2026);
    int refused = 0;
    for (int trial = 0; trial < 3000; ++trial) {
        std::string damaged = test::damaged_text(text, rng, 4);
        if (damaged.empty()) damaged = "{";
        try {
            load_session(damaged, "damaged.moelab");
        } catch (const SessionError& error) {
            ++refused;
            EXPECT_NE(std::string(error.what()).find("'damaged.moelab'"), std::string::npos);
        }
    }
    EXPECT_GT(refused, 2000);  // most damage is caught; some (inside a label) is harmless
}

TEST_F(BadSessionFile, AFailedSaveLeavesTheOldFileUntouched) {
    const auto directory = fresh_directory("atomic");
    const auto path = directory / "kept.moelab";
    write_text(path, good_.dump());
    Session without_training = load_session(good_.dump(), "kept.moelab");
    without_training.model.training.reset();
    EXPECT_THROW(save_session(without_training, path.string()), std::runtime_error);
    EXPECT_EQ(read_text(path), good_.dump());
    EXPECT_EQ(std::distance(std::filesystem::directory_iterator(directory),
                            std::filesystem::directory_iterator()),
              1);  // no temporary left behind
    try {
        load_session_file((directory / "missing.moelab").string());
        ADD_FAILURE() << "a missing file loaded";
    } catch (const SessionError& error) {
        EXPECT_NE(std::string(error.what()).find("missing.moelab"), std::string::npos);
    }
    std::filesystem::remove_all(directory);
}

}  // namespace
}  // namespace moelab
