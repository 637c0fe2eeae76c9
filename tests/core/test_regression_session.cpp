// Regression sessions (io/session_file.h with "kind": "regression", io/regression_session.h): the
// whole regression training comes back exactly, goes on bit for bit as if it had never been saved,
// classification sessions are still written as before, a kind this program does not know is
// refused by name, and a cut or wrongly shaped regression block gives a message naming the entry,
// never a crash.
#include <gtest/gtest.h>

#include <bit>
#include <cmath>
#include <cstring>
#include <nlohmann/json.hpp>
#include <random>

#include "damaged_text.h"
#include "data/registry.h"
#include "errors.h"
#include "io/regression_session.h"
#include "io/session_file.h"
#include "training/regression_trainer.h"
#include "training/trainer.h"

namespace moelab {
namespace {

using nlohmann::json;

Config sine_config(Precision precision = Precision::Float) {
    Config config;
    config.dataset.name = "sine";
    config.dataset.cases = 120;
    config.experts = 3;
    config.loss = LossType::CompetitiveLog;
    config.optimizer = OptimizerType::Adam;
    config.learning_rate = 0.05;
    config.batch_size = 16;  // mini-batches: the shuffle's random generator matters
    config.seed = 7;
    config.precision = precision;
    return config;
}

std::shared_ptr<const Dataset> data_of(const Config& config) {
    return std::make_shared<const Dataset>(load_dataset(config.dataset));
}

Session session_of(const RegressionTrainer& trainer) {
    Session session;
    session.kind = SessionKind::Regression;
    session.regression = trainer.state();
    session.view = {{"central_tab", 2}};
    return session;
}

// The same double, or both NaN.
bool same(double a, double b) {
    return std::bit_cast<std::uint64_t>(a) == std::bit_cast<std::uint64_t>(b) ||
           (std::isnan(a) && std::isnan(b));
}

void expect_same_state(const RegressionTrainingState& a, const RegressionTrainingState& b) {
    EXPECT_EQ(a.config, b.config);
    EXPECT_EQ(a.inputs, b.inputs);
    EXPECT_EQ(a.experts, b.experts);
    ASSERT_EQ(a.parameters.size(), b.parameters.size());
    for (size_t j = 0; j < a.parameters.size(); ++j)
        EXPECT_TRUE(same(a.parameters[j], b.parameters[j])) << "weight " << j;
    EXPECT_EQ(a.optimizer, b.optimizer);
    EXPECT_EQ(a.shuffle_rng, b.shuffle_rng);
    EXPECT_EQ(a.order, b.order);
    EXPECT_EQ(a.epoch, b.epoch);
    EXPECT_EQ(a.history_stride, b.history_stride);
    EXPECT_EQ(a.history_appended, b.history_appended);
    ASSERT_EQ(a.history.size(), b.history.size());
    for (size_t i = 0; i < a.history.size(); ++i) {
        EXPECT_EQ(a.history[i].epoch, b.history[i].epoch);
        EXPECT_TRUE(same(a.history[i].loss, b.history[i].loss)) << "point " << i;
        EXPECT_TRUE(same(a.history[i].train_rmse, b.history[i].train_rmse)) << "point " << i;
        EXPECT_TRUE(same(a.history[i].test_rmse, b.history[i].test_rmse)) << "point " << i;
    }
}

class RegressionSessionPrecision : public testing::TestWithParam<Precision> {};

TEST_P(RegressionSessionPrecision, EveryFieldComesBackExactly) {
    RegressionTrainer trainer(sine_config(GetParam()), data_of(sine_config(GetParam())));
    for (int e = 0; e < 7; ++e) trainer.train_epoch();
    const Session saved = session_of(trainer);
    const std::string text = session_to_text(saved);
    const Session loaded = load_session(text, "curve.moelab");
    EXPECT_EQ(loaded.kind, SessionKind::Regression);
    ASSERT_TRUE(loaded.regression);
    expect_same_state(*saved.regression, *loaded.regression);
    EXPECT_EQ(loaded.regression->epoch, 7);
    EXPECT_EQ(loaded.regression->history.size(), 7u);
    EXPECT_EQ(loaded.config(), trainer.state().config);
    EXPECT_EQ(loaded.view, saved.view);
    // Written again, the same bytes.
    EXPECT_EQ(session_to_text(loaded), text);
    const json document = json::parse(text);
    EXPECT_EQ(document["version"], 2);
    EXPECT_EQ(document["kind"], "regression");
    EXPECT_EQ(document["dataset"]["source"], "registry");
    EXPECT_EQ(document["dataset"]["name"], "sine");
}

TEST_P(RegressionSessionPrecision, TheTrainingGoesOnBitForBitAfterLoading) {
    const Config config = sine_config(GetParam());
    RegressionTrainer kept(config, data_of(config));
    for (int e = 0; e < 9; ++e) kept.train_epoch();
    const Session loaded = load_session(session_to_text(session_of(kept)), "curve.moelab");
    // Opened on another day: the data set made again from its name and settings.
    RegressionTrainer reopened(*loaded.regression, data_of(loaded.config()));
    EXPECT_EQ(reopened.epoch(), 9);
    for (int e = 0; e < 11; ++e) {
        kept.train_epoch();
        reopened.train_epoch();
    }
    const RegressionTrainingState a = kept.state(), b = reopened.state();
    ASSERT_EQ(a.parameters.size(), b.parameters.size());
    EXPECT_EQ(
        std::memcmp(a.parameters.data(), b.parameters.data(), sizeof(double) * a.parameters.size()),
        0);
    expect_same_state(a, b);
    // And the picture's numbers: the same weights give the same metrics.
    EXPECT_TRUE(same(kept.evaluate().train_rmse, reopened.evaluate().train_rmse));
}

INSTANTIATE_TEST_SUITE_P(Precisions, RegressionSessionPrecision,
                         testing::Values(Precision::Float, Precision::Double));

TEST(RegressionSession, TheHistoryHoldsEachEpochsLossAndRmse) {
    Config config = sine_config(Precision::Double);
    config.batch_size = 0;  // one full batch: the epoch's loss is the objective before its step
    RegressionTraining<double> training(config, data_of(config));
    const double first_loss = training.objective(training.model().parameters(), nullptr);
    training.train_epoch();
    const RegressionMetrics after = training.evaluate();
    training.train_epoch();
    ASSERT_EQ(training.history().size(), 2u);
    EXPECT_EQ(training.history()[0].epoch, 1);
    EXPECT_EQ(training.history()[0].loss, first_loss);
    EXPECT_EQ(training.history()[0].train_rmse, after.train_rmse);
    EXPECT_EQ(training.history()[0].test_rmse, after.test_rmse);
    EXPECT_EQ(training.history()[1].epoch, 2);
    EXPECT_NE(training.history()[1].train_rmse, after.train_rmse);
}

TEST(RegressionSession, AClassificationSessionIsWrittenAsBefore) {
    Config config;
    config.dataset.name = "blobs";
    config.dataset.cases = 60;
    config.experts = 2;
    Trainer trainer(config, data_of(config));
    trainer.train(2);
    Session session;
    session.model = saved_model_of(trainer, true);
    const json document = json::parse(session_to_text(session));
    EXPECT_EQ(document["version"], 1);  // version 1 programs open it
    EXPECT_FALSE(document.contains("kind"));
    EXPECT_FALSE(document.contains("regression"));
    const Session loaded = load_session(document.dump(), "lesson.moelab");
    EXPECT_EQ(loaded.kind, SessionKind::Classification);
    EXPECT_FALSE(loaded.regression);
    // "kind": "classification" says the same as no kind.
    json explicit_kind = document;
    explicit_kind["kind"] = "classification";
    EXPECT_EQ(load_session(explicit_kind.dump(), "lesson.moelab").kind,
              SessionKind::Classification);
}

// ---- bad files ---------------------------------------------------------------------------------

class BadRegressionSession : public testing::Test {
  protected:
    void SetUp() override {
        RegressionTrainer trainer(sine_config(), data_of(sine_config()));
        for (int e = 0; e < 3; ++e) trainer.train_epoch();
        good_ = json::parse(session_to_text(session_of(trainer)));
    }
    static std::string message_for(const std::string& text) {
        try {
            load_session(text, "curve.moelab");
        } catch (const SessionError& error) {
            return error.what();
        }
        return "";
    }
    std::string message_for(const json& document) const { return message_for(document.dump()); }
    // Expects the message for `document` to name the file and contain `expected`.
    void expect_message(const json& document, const std::string& expected) const {
        const std::string message = message_for(document);
        EXPECT_NE(message.find("'curve.moelab'"), std::string::npos) << message;
        EXPECT_NE(message.find(expected), std::string::npos) << message;
    }
    json good_;
};

TEST_F(BadRegressionSession, TheGoodFileLoads) {
    EXPECT_EQ(message_for(good_), "");
}

TEST_F(BadRegressionSession, AKindThisProgramDoesNotKnowIsRefusedByName) {
    json bad = good_;
    bad["kind"] = "reinforcement";
    expect_message(bad,
                   "/kind is \"reinforcement\": this MoE Lab opens sessions of the kinds "
                   "\"classification\" and \"regression\" only");
    bad["kind"] = 3;
    expect_message(bad, "/kind must be a string, not the number 3");
}

TEST_F(BadRegressionSession, ATruncatedFileSaysItIsCutShort) {
    const std::string text = good_.dump(2);
    const size_t block = text.find("\"regression\"");
    ASSERT_NE(block, std::string::npos);
    for (size_t length : {block + 40, block + (text.size() - block) / 2, text.size() - 3}) {
        const std::string message = message_for(text.substr(0, length));
        EXPECT_NE(message.find("'curve.moelab'"), std::string::npos) << message;
        EXPECT_NE(message.find("not complete JSON"), std::string::npos) << message;
    }
}

TEST_F(BadRegressionSession, EveryMissingEntryIsNamed) {
    json bad = good_;
    bad.erase("regression");
    expect_message(bad, "lacks the entry \"regression\"");
    for (const char* key :
         {"config", "model", "optimizer", "shuffle_rng", "order", "epoch", "history"}) {
        bad = good_;
        bad["regression"].erase(key);
        expect_message(bad, std::string("/regression lacks the entry \"") + key + "\"");
    }
    for (const char* key : {"inputs", "experts", "parameters"}) {
        bad = good_;
        bad["regression"]["model"].erase(key);
        expect_message(bad, std::string("/regression/model lacks the entry \"") + key + "\"");
    }
    bad = good_;
    bad["regression"]["optimizer"]["vectors"].erase("m");
    expect_message(bad, "/regression/optimizer/vectors lacks the entry \"m\"");
    bad = good_;
    bad["regression"]["history"].erase("points");
    expect_message(bad, "/regression/history lacks the entry \"points\"");
}

TEST_F(BadRegressionSession, AWronglyShapedBlockNamesItsEntry) {
    json bad = good_;
    bad["regression"] = json::array();
    expect_message(bad, "/regression must be an object, not an array");
    bad = good_;
    bad["regression"]["model"]["parameters"][3] = "0.5";
    expect_message(bad, "/regression/model/parameters/3 must be a number, not a string");
    bad = good_;
    bad["regression"]["model"]["parameters"].erase(0);
    expect_message(bad,
                   "/regression/model/parameters has 11 values, expected 12 (2 N (D + 1) for "
                   "3 experts on 1 inputs)");
    bad = good_;
    bad["regression"]["model"]["experts"] = 4;
    expect_message(bad, "/regression/model/experts is 4 but /regression/config/experts is 3");
    bad = good_;
    bad["regression"]["optimizer"]["vectors"]["v"].push_back(0.0);
    expect_message(bad, "/regression/optimizer/vectors/v has 13 values, expected 12");
    bad = good_;
    bad["regression"]["optimizer"]["kind"] = "sgd";
    expect_message(bad, "/regression/optimizer/kind is \"sgd\" but the config's optimizer is");
    bad = good_;
    bad["regression"]["order"][1] = bad["regression"]["order"][0];
    expect_message(bad, "/regression/order/1 repeats the training case");
    bad = good_;
    bad["regression"]["order"][0] = -1;
    expect_message(bad, "/regression/order/0 is -1, outside 0 to");
    bad = good_;
    bad["regression"]["epoch"] = 5;
    expect_message(bad, "/regression/history/appended is 3 but /regression/epoch is 5");
    bad = good_;
    bad["regression"]["history"]["points"][1] = json::array({2, 0.5});
    expect_message(bad,
                   "/regression/history/points/1 must be [epoch, loss, training RMSE, test "
                   "RMSE], not an array of 2 values");
    bad = good_;
    bad["regression"]["history"]["points"].erase(2);
    expect_message(bad,
                   "/regression/history holds 2 points, which do not fit a stride of 1 over "
                   "3 epochs");
    bad = good_;
    bad["regression"]["history"]["points"][0][1] = nullptr;
    expect_message(bad, "/regression/history/points/0/1 must be a number, not null");
    // A classification set is not a regression, and the knobs a regression refuses stay refused.
    bad = good_;
    bad["regression"]["config"]["dataset"]["name"] = "blobs";
    bad["dataset"]["name"] = "blobs";
    expect_message(bad, "/regression/config/dataset/name is \"blobs\", not a regression set");
    bad = good_;
    bad["regression"]["config"]["gate"] = "mlp";
    expect_message(bad, "/regression/config: ");
    bad = good_;
    bad["dataset"]["name"] = "step";
    expect_message(bad,
                   "/dataset/name is \"step\" but /regression/config/dataset/name is \"sine\"");
    bad = good_;
    bad["dataset"]["source"] = "embedded";
    expect_message(bad, "/dataset/source must be \"registry\" for a regression");
}

TEST_F(BadRegressionSession, AStateThatDoesNotFitItsDataIsRefusedWhenRestored) {
    Session loaded = load_session(good_.dump(), "curve.moelab");
    // The same file, but 40 cases instead of 120: the saved order does not fit this split.
    Config fewer = loaded.config();
    fewer.dataset.cases = 40;
    EXPECT_THROW(RegressionTrainer(*loaded.regression, data_of(fewer)), ConfigError);
    loaded.regression->shuffle_rng = "not a generator";
    EXPECT_THROW(RegressionTrainer(*loaded.regression, data_of(loaded.config())), ConfigError);
}

TEST_F(BadRegressionSession, RandomDamageGivesAMessageNeverACrash) {
    // As the session fuzzer does, in small; what loads is also restored into a trainer, which
    // either takes it or refuses it with an error naming what does not fit, and trains on.
    const std::string text = good_.dump(1);
    const size_t block = text.find("\"regression\"");
    std::mt19937_64 rng(1991);
    int refused = 0, restored = 0;
    for (int trial = 0; trial < 2000; ++trial) {
        // Mostly inside the regression block.
        std::string damaged = test::damaged_text(text, rng, 3, block);
        if (damaged.size() <= block) damaged = text.substr(0, block + 1);
        try {
            const Session session = load_session(damaged, "damaged.moelab");
            try {
                RegressionTrainer trainer(*session.regression, data_of(session.config()));
                trainer.train_epoch();
                ++restored;
            } catch (const ConfigError&) {
            } catch (const DatasetError&) {
            } catch (const DivergenceError&) {
                // A weight damaged to 1e300: the step says so and keeps the weights.
            }
        } catch (const SessionError& error) {
            ++refused;
            EXPECT_NE(std::string(error.what()).find("'damaged.moelab'"), std::string::npos);
        }
    }
    EXPECT_GT(refused, 1500);
    EXPECT_GT(restored, 0);  // harmless damage (a digit of a weight) still opens
}

}  // namespace
}  // namespace moelab
