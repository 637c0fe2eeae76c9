// Trainer: learning on the paper's vowels, determinism, live config changes, divergence rollback.
#include <gtest/gtest.h>

#include <omp.h>
#include <cmath>

#include <cstring>
#include <limits>
#include <thread>

#include "data/registry.h"
#include "errors.h"
#include "training/trainer.h"

namespace moelab {
namespace {

std::shared_ptr<const Dataset> load(const DatasetConfig& config) {
    return std::make_shared<const Dataset>(load_dataset(config));
}

Config vowel_config() {
    Config config;
    config.dataset.name = "vowels";
    config.experts = 4;
    config.top_k = 4;
    config.expert_hidden = {};
    config.loss = LossType::CompetitiveLog;
    config.optimizer = OptimizerType::Sgd;
    config.learning_rate = 0.5;
    config.batch_size = 0;
    config.seed = 1;
    return config;
}

TEST(Trainer, FourLinearExpertsLearnTheVowelsWithEquation3) {
    const Config config = vowel_config();
    Trainer trainer(config, load(config.dataset));
    trainer.train(2000);
    // The loss of every epoch; full metrics at the end of the run.
    ASSERT_EQ(trainer.history().epoch_loss.size(), 2000u);
    ASSERT_FALSE(trainer.history().metrics.empty());
    const EpochMetrics& last = trainer.history().metrics.back();
    EXPECT_EQ(last.epoch, 2000);
    EXPECT_GE(last.test_accuracy, 0.88) << "train " << last.train_accuracy;
    EXPECT_LT(trainer.history().epoch_loss.back(), trainer.history().epoch_loss.front());
    EXPECT_EQ(trainer.config().precision, Precision::Float) << "float32 is the default";
}

TEST(Trainer, BackpropBaselineIsOneMlpExpertWithoutAGate) {
    Config config = vowel_config();
    config.experts = 1;
    config.top_k = 1;
    config.expert_hidden = {6};  // the paper's "BP 6 hid"
    config.loss = LossType::MixtureNll;
    Trainer trainer(config, load(config.dataset));
    trainer.train(300);
    const auto& last = trainer.history().metrics.back();
    EXPECT_DOUBLE_EQ(last.utilisation.at(0), 1.0);  // the lone expert gets every case
    EXPECT_GT(last.test_accuracy, 0.6);
}

Config minibatch_config() {
    Config config;
    config.dataset.name = "moons";
    config.dataset.cases = 300;
    config.experts = 3;
    config.top_k = 2;
    config.expert_hidden = {5};
    config.gate = GateType::Mlp;
    config.loss = LossType::MixtureNll;
    config.optimizer = OptimizerType::Momentum;
    config.learning_rate = 0.1;
    config.batch_size = 32;
    config.threads = 2;
    config.seed = 7;
    return config;
}

bool bitwise_equal(const Eigen::VectorXd& a, const Eigen::VectorXd& b) {
    return a.size() == b.size() &&
           std::memcmp(a.data(), b.data(), sizeof(double) * size_t(a.size())) == 0;
}

TEST(Trainer, SameConfigSeedAndThreadsGiveBitwiseIdenticalWeights) {
    const Config config = minibatch_config();
    auto data = load(config.dataset);
    Trainer first(config, data), second(config, data);
    first.train(40);
    second.train(25);
    second.train(15);
    EXPECT_TRUE(bitwise_equal(first.model().parameters(), second.model().parameters()));

    Config other = config;
    other.seed = 8;
    Trainer third(other, data);
    third.train(40);
    EXPECT_FALSE(bitwise_equal(first.model().parameters(), third.model().parameters()));
}

TEST(Trainer, ShapeKeepingChangesApplyWithoutReset) {
    Config config = minibatch_config();
    Trainer trainer(config, load(config.dataset));
    trainer.train(3);
    const Eigen::VectorXd before = trainer.model().parameters();
    config.learning_rate = 0.01;
    config.loss = LossType::Competitive;
    config.top_k = 1;
    config.optimizer = OptimizerType::Adam;
    EXPECT_FALSE(trainer.apply(config));
    EXPECT_EQ(trainer.epoch(), 3);
    EXPECT_TRUE(bitwise_equal(before, trainer.model().parameters()));
    trainer.train(1);
    EXPECT_EQ(trainer.epoch(), 4);

    config.experts = 5;
    config.top_k = 5;
    EXPECT_TRUE(trainer.apply(config));
    EXPECT_EQ(trainer.epoch(), 0);
    EXPECT_EQ(trainer.model().spec().experts, 5);
}

TEST(Trainer, DivergenceIsReportedAndNeverLandsInTheModel) {
    Config config = vowel_config();
    config.precision = Precision::Double;
    Trainer trainer(config, load(config.dataset));
    trainer.train(2);
    // Weights so large that the logits overflow: the loss becomes NaN.
    Mixture<double> broken = trainer.model();
    broken.parameters().setConstant(1e308);
    trainer.set_model(broken, trainer.split().standardization);
    const Eigen::VectorXd last_good = trainer.model().parameters();
    try {
        trainer.step();
        FAIL() << "expected a DivergenceError";
    } catch (const DivergenceError& error) {
        EXPECT_NE(std::string(error.what()).find("learning rate"), std::string::npos);
    }
    EXPECT_TRUE(bitwise_equal(last_good, trainer.model().parameters()));
}

TEST(Trainer, CancelStopsMidEpoch) {
    Config config = minibatch_config();
    Trainer trainer(config, load(config.dataset));
    trainer.cancel();
    EXPECT_FALSE(trainer.train_epoch());
    EXPECT_EQ(trainer.epoch(), 0);
    trainer.clear_cancel();
    EXPECT_TRUE(trainer.train_epoch());
    EXPECT_EQ(trainer.epoch(), 1);
}

TEST(Trainer, MetricsAreConsistent) {
    Config config = vowel_config();
    Trainer trainer(config, load(config.dataset));
    trainer.train(50);
    const auto& m = trainer.history().metrics.back();
    double utilisation = 0, share = 0;
    for (double u : m.utilisation) utilisation += u;
    for (double s : m.top_share) share += s;
    EXPECT_NEAR(utilisation, 1.0, 1e-6);
    EXPECT_NEAR(share, 1.0, 1e-9);
    EXPECT_GE(m.gate_entropy, 0.0);
    EXPECT_LE(m.gate_entropy, std::log(4.0) + 1e-9);
    ASSERT_EQ(m.responsibility.rows(), 4);
    ASSERT_EQ(m.responsibility.cols(), 4);
    for (int c = 0; c < 4; ++c) EXPECT_NEAR(m.responsibility.row(c).sum(), 1.0, 1e-6);
}

TEST(Trainer, MetricsOnAScheduleLossEveryEpoch) {
    Config config = vowel_config();
    config.metrics_every = 10;
    Trainer trainer(config, load(config.dataset));
    for (int e = 0; e < 35; ++e) ASSERT_TRUE(trainer.train_epoch());
    EXPECT_EQ(trainer.history().epoch_loss.size(), 35u);
    ASSERT_EQ(trainer.history().metrics.size(), 3u);
    EXPECT_EQ(trainer.history().metrics[0].epoch, 10);
    EXPECT_EQ(trainer.history().metrics[2].epoch, 30);
    // Recording again at the same epoch does not duplicate.
    trainer.record_metrics();
    trainer.record_metrics();
    EXPECT_EQ(trainer.history().metrics.size(), 4u);
    EXPECT_EQ(trainer.history().metrics.back().epoch, 35);
}

TEST(Trainer, MetricsTaskGivesTheSameNumbersAsEvaluatingAtOnce) {
    Config config = minibatch_config();
    Trainer trainer(config, load(config.dataset));
    trainer.train(5);
    auto task = trainer.start_metrics();
    // A deadline in the past still evaluates one round per call.
    int rounds = 0;
    while (!task->advance(std::chrono::steady_clock::now())) ++rounds;
    const EpochMetrics from_task = task->result();
    const EpochMetrics at_once = trainer.evaluate();
    EXPECT_EQ(from_task.epoch, 5);
    EXPECT_EQ(from_task.train_accuracy, at_once.train_accuracy);
    EXPECT_EQ(from_task.loss, at_once.loss);
    EXPECT_EQ(from_task.utilisation, at_once.utilisation);
}

TEST(Trainer, PrecisionChangesKeepTheTraining) {
    Config config = minibatch_config();
    Trainer trainer(config, load(config.dataset));
    trainer.train(3);
    const Eigen::VectorXd before = trainer.model().parameters();
    config.precision = Precision::Double;
    EXPECT_FALSE(trainer.apply(config));
    EXPECT_EQ(trainer.epoch(), 3);
    // float to double is exact.
    EXPECT_TRUE(bitwise_equal(before, trainer.model().parameters()));
    trainer.train(2);
    EXPECT_EQ(trainer.epoch(), 5);
    EXPECT_FALSE(bitwise_equal(before, trainer.model().parameters()));
}

// Runs `epochs` epochs and a few mini-batches more, so the state is caught mid-epoch.
void train_into_an_epoch(Trainer& trainer, int epochs) {
    trainer.train(epochs);
    for (int k = 0; k < 3; ++k) trainer.step();
    ASSERT_FALSE(trainer.at_epoch_start());
}

TEST(Trainer, ResumedFromItsStateATrainingContinuesBitForBit) {
    for (OptimizerType optimizer :
         {OptimizerType::Sgd, OptimizerType::Momentum, OptimizerType::Adam, OptimizerType::Ftrl}) {
        Config config = minibatch_config();
        config.optimizer = optimizer;
        config.learning_rate = optimizer == OptimizerType::Ftrl ? 0.5 : 0.05;
        auto data = load(config.dataset);
        Trainer original(config, data);
        train_into_an_epoch(original, 4);
        const TrainingState state = original.state();

        Trainer resumed(config, data);
        resumed.restore(state);
        EXPECT_EQ(resumed.epoch(), original.epoch());
        for (int e = 0; e < 6; ++e) {
            original.train_epoch();
            resumed.train_epoch();
        }
        EXPECT_TRUE(bitwise_equal(original.model().parameters(), resumed.model().parameters()))
            << to_string(optimizer);
        EXPECT_EQ(original.history().epoch_loss, resumed.history().epoch_loss)
            << to_string(optimizer);
    }
}

TEST(Trainer, TrainingsOnTheThreadsOfAParallelRegionDoNotNestTeams) {
    // A caller that runs one training per OpenMP thread (many seeds at once): each training sees
    // it is inside a team and takes one thread, whatever its config asks.
    Config config = minibatch_config();
    config.threads = 0;
    auto data = load(config.dataset);
    std::vector<int> threads(2, -1);
    std::vector<Eigen::VectorXd> weights(2);
#pragma omp parallel num_threads(2)
    {
        Config mine = config;
        mine.seed = 100 + std::uint64_t(omp_get_thread_num());
        Trainer trainer(mine, data);
        trainer.train(3);
        threads[size_t(omp_get_thread_num())] = trainer.threads();
        weights[size_t(omp_get_thread_num())] = trainer.model().parameters();
    }
    EXPECT_EQ(threads, (std::vector<int>{1, 1}));
    Config first = config;
    first.seed = 100;
    Trainer sequential(first, data);
    sequential.train(3);
    EXPECT_TRUE(bitwise_equal(sequential.model().parameters(), weights[0]));
}

TEST(Trainer, TwoTrainingsAtOnceEqualTheirSequentialResults) {
    Config a = minibatch_config();
    // The second splits its full batches over two threads of its own.
    Config b = minibatch_config();
    b.seed = 11;
    b.loss = LossType::Cooperative;
    b.dataset.cases = 3000;
    b.batch_size = 0;
    b.threads = 2;
    auto data = load(a.dataset), data_b = load(b.dataset);
    Trainer sequential_a(a, data), sequential_b(b, data_b);
    sequential_a.train(30);
    sequential_b.train(30);

    Trainer concurrent_a(a, data), concurrent_b(b, data_b);
    std::thread first([&] { concurrent_a.train(30); });
    std::thread second([&] { concurrent_b.train(30); });
    first.join();
    second.join();
    EXPECT_TRUE(
        bitwise_equal(sequential_a.model().parameters(), concurrent_a.model().parameters()));
    EXPECT_TRUE(
        bitwise_equal(sequential_b.model().parameters(), concurrent_b.model().parameters()));
}

}  // namespace
}  // namespace moelab

namespace moelab {
namespace {

TEST(Metrics, RoutingTableAndItsEntropies) {
    // Two well separated blobs and two experts: once trained, each class goes to one expert, so
    // H(E | Y) is near 0 and I(E; Y) near H(Y) = 1 bit.
    Config config;
    config.dataset.name = "blobs";
    config.dataset.cases = 400;
    config.dataset.noise = 0.05;
    config.experts = 2;
    config.loss = LossType::CompetitiveLog;
    config.learning_rate = 0.5;
    Trainer trainer(config, load(config.dataset));
    trainer.train(300);
    const EpochMetrics& m = trainer.history().metrics.back();
    ASSERT_EQ(m.routing.rows(), 2);
    ASSERT_EQ(m.routing.cols(), 2);
    EXPECT_EQ(long(m.routing.sum()), long(trainer.split().train_index.size()));
    // Every row of the table sums to the class's training cases.
    for (int c = 0; c < 2; ++c) {
        long cases = 0;
        for (int label : trainer.split().train_y) cases += label == c;
        EXPECT_EQ(long(m.routing.row(c).sum()), cases);
    }
    EXPECT_GE(m.expert_given_class_entropy, 0.0);
    EXPECT_GE(m.class_given_expert_entropy, 0.0);
    EXPECT_NEAR(
        m.expert_class_information + m.expert_given_class_entropy,
        [&] {
            // H(E) from the column sums.
            const Eigen::VectorXd e = m.routing.colwise().sum().transpose() / m.routing.sum();
            double h = 0;
            for (double q : e)
                if (q > 0) h -= q * std::log2(q);
            return h;
        }(),
        1e-12);
    EXPECT_EQ(m.dead_experts + m.active_experts, 2);
    // N sum f_i P_i is 1 for a perfectly even split and up to N when one expert takes all.
    EXPECT_GE(m.balance_loss, 0.99);
    EXPECT_LE(m.balance_loss, 2.0 + 1e-9);
    ASSERT_EQ(m.strongest_cases.size(), 2u);
    for (const auto& rows : m.strongest_cases) {
        EXPECT_LE(rows.size(), size_t(kStrongestCases));
        for (int row : rows) EXPECT_FALSE(trainer.dataset().is_test[size_t(row)]);
    }
}

}  // namespace
}  // namespace moelab
