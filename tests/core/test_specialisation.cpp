// Issue 8's evidence, with short budgets: what the 1991 gate does with more experts than it
// needs, and what load balancing, the attentive gate and the sample-similarity regulariser of
// Krishnamurthy, Watkins & Gaertner (2023) change. Every number is printed; the assertions are
// the effects that held on every seed, with margins far wider than the seeds' spread.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

#include "data/fashion_mnist.h"
#include "data/registry.h"
#include "training/trainer.h"

namespace moelab {
namespace {

struct Outcome {
    double expert_given_class, class_given_expert, information, least_utilisation, accuracy;
    int dead;
};

Outcome train_and_measure(const Config& config, std::shared_ptr<const Dataset> dataset,
                          int epochs) {
    Trainer trainer(config, std::move(dataset));
    trainer.train(epochs);
    const EpochMetrics m = trainer.evaluate();
    return {m.expert_given_class_entropy,
            m.class_given_expert_entropy,
            m.expert_class_information,
            *std::min_element(m.utilisation.begin(), m.utilisation.end()),
            m.test_accuracy > 0 ? m.test_accuracy : m.train_accuracy,
            m.dead_experts};
}

void print(const char* variant, int seed, const Outcome& o) {
    std::printf(
        "%-28s seed %d  H(E|Y) %.3f  H(Y|E) %.3f  I(E;Y) %.3f  dead %d  least used "
        "%.3f  accuracy %.3f\n",
        variant, seed, o.expert_given_class, o.class_given_expert, o.information, o.dead,
        o.least_utilisation, o.accuracy);
}

// The vowels with 8 linear experts, trained as in 1991 (eq. 3, SGD, full batch): the gate gives
// all cases to two experts and leaves six dead on every seed. The Switch Transformer's load
// balancing (and the importance loss) keep every expert in use.
TEST(Specialisation, LoadBalancingRevivesTheExpertsThePlainGateLeavesDead) {
    Config config;
    config.dataset.name = "vowels";
    config.experts = 8;
    config.loss = LossType::CompetitiveLog;
    config.optimizer = OptimizerType::Sgd;
    config.learning_rate = 0.5;
    config.batch_size = 0;
    config.threads = 1;
    const auto dataset = std::make_shared<const Dataset>(load_dataset(config.dataset));
    for (int seed = 1; seed <= 3; ++seed) {
        config.seed = std::uint64_t(seed);
        Config plain = config, balanced = config, importance = config;
        balanced.balance_weight = 0.1;
        importance.importance_weight = 0.1;
        const Outcome p = train_and_measure(plain, dataset, 1000);
        const Outcome b = train_and_measure(balanced, dataset, 1000);
        const Outcome i = train_and_measure(importance, dataset, 1000);
        print("vowels plain gate", seed, p);
        print("vowels --balance 0.1", seed, b);
        print("vowels --importance 0.1", seed, i);
        EXPECT_GE(p.dead, 4) << "the plain gate was expected to leave most of 8 experts dead";
        EXPECT_LT(p.least_utilisation, 0.01);
        for (const Outcome& helped : {b, i}) {
            EXPECT_EQ(helped.dead, 0);
            EXPECT_GT(helped.least_utilisation, 0.05)
                << "an even share is 1/8 = 0.125; the plain gate's least used had "
                << p.least_utilisation;
        }
    }
}

// 10000 Fashion-MNIST images, 8 experts with 16 tanh units, eq. 3, Adam, 5 epochs. The settings
// were fixed before the runs, not tuned to a result. What five seeds showed
// (docs/modern-routing.md): the plain gate leaves dead experts on some seeds and an expert used by
// under 5% of the gate weight on the rest; the similarity regulariser keeps every expert in use on
// every seed, and it spreads each class over more experts (H(E|Y) rises, it does not fall as the
// paper reports for its setting); the attentive gate changes H(E|Y) in neither direction
// consistently. Only the effect that held on every seed is asserted; the rest is printed.
TEST(Specialisation, FashionMnistPlainAttentiveAndSimilarity) {
    ASSERT_TRUE(std::filesystem::exists(std::string(kFashionMnistDirectory) +
                                        "/train-images-idx3-ubyte.gz"))
        << "dataset-fashion-mnist is not installed (scripts/setup.sh installs it)";
    Config config;
    config.dataset.name = "fashion-mnist";
    config.dataset.cases = 10000;
    config.experts = 8;
    config.expert_hidden = {16};
    config.loss = LossType::CompetitiveLog;
    config.optimizer = OptimizerType::Adam;
    config.learning_rate = 0.001;
    config.batch_size = 128;
    config.threads = 2;
    const auto dataset = std::make_shared<const Dataset>(load_dataset(config.dataset));
    double plain_entropy = 0, attentive_entropy = 0, similarity_entropy = 0;
    const int seeds = 3;
    for (int seed = 1; seed <= seeds; ++seed) {
        config.seed = std::uint64_t(seed);
        Config attentive = config, similarity = config;
        attentive.gate = GateType::Attentive;
        attentive.gate_hidden = {};
        similarity.similarity_weight = 10;
        const Outcome p = train_and_measure(config, dataset, 5);
        const Outcome a = train_and_measure(attentive, dataset, 5);
        const Outcome s = train_and_measure(similarity, dataset, 5);
        print("fashion plain gate", seed, p);
        print("fashion attentive gate", seed, a);
        print("fashion --similarity 10", seed, s);
        plain_entropy += p.expert_given_class / seeds;
        attentive_entropy += a.expert_given_class / seeds;
        similarity_entropy += s.expert_given_class / seeds;
        EXPECT_EQ(s.dead, 0) << "the similarity regulariser kept every expert in use on 5 of 5 "
                                "seeds when these settings were chosen";
        EXPECT_GT(s.least_utilisation, p.least_utilisation + 0.03);
        for (const Outcome& o : {p, a, s}) EXPECT_GT(o.accuracy, 0.75) << "a run failed to learn";
    }
    std::printf("mean H(E|Y) over %d seeds: plain %.3f  attentive %.3f  similarity %.3f bits\n",
                seeds, plain_entropy, attentive_entropy, similarity_entropy);
}

}  // namespace
}  // namespace moelab
