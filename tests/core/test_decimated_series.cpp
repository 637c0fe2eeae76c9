// The bounded history (training/decimated_series.h, training/history.h): however many points are
// appended, at most `capacity` are kept, evenly spaced, the first and the newest among them; a
// series saved and restored midway goes on exactly as the original; and a trainer's history of
// many epochs stays bounded while a resumed training still matches the original.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <vector>

#include "data/registry.h"
#include "io/model_file.h"
#include "training/decimated_series.h"
#include "training/trainer.h"

namespace moelab {
namespace {

// Appends 0, 1, 2, ... n - 1: each point's value is its own appended index.
DecimatedSeries<long> counted(std::size_t capacity, long n) {
    DecimatedSeries<long> series(capacity);
    for (long i = 0; i < n; ++i) series.push_back(i);
    return series;
}

TEST(DecimatedSeries, KeepsEveryPointUntilFull) {
    const auto series = counted(8, 7);
    ASSERT_EQ(series.size(), 7u);
    for (std::size_t i = 0; i < series.size(); ++i) EXPECT_EQ(series[i], long(i));
    EXPECT_EQ(series.stride(), 1);
}

TEST(DecimatedSeries, StaysBoundedEvenlySpacedWithFirstAndNewest) {
    for (long n : {8L, 9L, 100L, 1000L, 4097L, 100000L}) {
        const auto series = counted(64, n);
        SCOPED_TRACE(n);
        EXPECT_LE(series.size(), 64u);
        EXPECT_GE(series.size(), n >= 64 ? 32u : std::size_t(n));
        EXPECT_EQ(series.front(), 0);
        EXPECT_EQ(series.back(), n - 1);
        EXPECT_EQ(series.appended(), n);
        // Every point but the newest sits at a multiple of the stride, in order, none skipped.
        for (std::size_t i = 0; i + 1 < series.size(); ++i) {
            EXPECT_EQ(series[i], long(i) * series.stride());
            EXPECT_EQ(series.appended_index(i), series[i]);
        }
        EXPECT_EQ(series.appended_index(series.size() - 1), n - 1);
        // The spacing is as fine as the capacity allows: at half of it the points would not fit.
        if (series.stride() > 1) {
            EXPECT_GE((n - 1) / (series.stride() / 2) + 1, 64);
        } else {
            EXPECT_LT(n, 64);
        }
    }
}

TEST(DecimatedSeries, RestoredMidwayContinuesAsTheOriginal) {
    const auto original = counted(16, 1000);
    for (long cut : {0L, 1L, 15L, 16L, 17L, 333L}) {
        const auto first_part = counted(16, cut);
        DecimatedSeries<long> resumed(16);
        ASSERT_TRUE(
            resumed.restore(first_part.points(), first_part.stride(), first_part.appended()));
        EXPECT_EQ(resumed, first_part);
        for (long i = cut; i < 1000; ++i) resumed.push_back(i);
        EXPECT_EQ(resumed, original) << "cut at " << cut;
    }
}

TEST(DecimatedSeries, RefusesASavedSeriesThatDoesNotFitTogether) {
    const auto saved = counted(16, 100);
    DecimatedSeries<long> series(16);
    EXPECT_FALSE(series.restore(saved.points(), saved.stride() * 2, saved.appended()));
    EXPECT_FALSE(series.restore(saved.points(), 3, saved.appended()));
    EXPECT_FALSE(series.restore(saved.points(), saved.stride(), saved.appended() + 40));
    EXPECT_FALSE(series.restore(saved.points(), saved.stride(), -1));
    EXPECT_TRUE(series.empty());
    // Without thinning: every point is there.
    EXPECT_TRUE(series.restore({4, 5, 6}, 1, 3));
    EXPECT_EQ(series.size(), 3u);
}

TEST(History, ALongTrainingKeepsBoundedHistoryAndResumesIdentically) {
    Config config;
    config.dataset.name = "xor";
    config.experts = 2;
    config.threads = 1;
    config.metrics_every = 1;  // every epoch: the metrics series thins too
    const auto dataset = std::make_shared<const Dataset>(load_dataset(config.dataset));
    const long epochs = long(History::kMetricsCapacity) * 2 + 123;

    Trainer original(config, dataset);
    original.train(epochs);
    const History& history = original.history();
    EXPECT_LE(history.metrics.size(), History::kMetricsCapacity);
    EXPECT_GT(history.metrics.stride(), 1);
    EXPECT_EQ(history.metrics.front().epoch, 1);
    EXPECT_EQ(history.metrics.back().epoch, epochs);
    EXPECT_EQ(history.epoch_loss.appended(), epochs);
    EXPECT_EQ(history.loss_epoch(history.epoch_loss.size() - 1), epochs);
    for (std::size_t i = 1; i < history.metrics.size(); ++i)
        EXPECT_LT(history.metrics[i - 1].epoch, history.metrics[i].epoch);

    // Stopped after the metrics have thinned, saved, resumed: the same weights and history.
    Trainer first(config, dataset);
    first.train(epochs - 500);
    // Through the model file, where the thinned history keeps its spacing.
    const SavedModel loaded = model_from_json(model_to_json(saved_model_of(first, true)));
    ASSERT_TRUE(loaded.training);
    EXPECT_EQ(loaded.training->history.epoch_loss, first.history().epoch_loss);
    EXPECT_EQ(loaded.training->history.metrics.stride(), first.history().metrics.stride());
    Trainer resumed(config, dataset);
    resumed.restore(*loaded.training);
    resumed.train(500);
    EXPECT_EQ(resumed.state().parameters, original.state().parameters);
    EXPECT_EQ(resumed.history().epoch_loss, history.epoch_loss);
    ASSERT_EQ(resumed.history().metrics.size(), history.metrics.size());
    for (std::size_t i = 0; i < history.metrics.size(); ++i)
        EXPECT_EQ(resumed.history().metrics[i].epoch, history.metrics[i].epoch);
}

}  // namespace
}  // namespace moelab
