// The replay timeline (analysis/timeline.h): which epochs it keeps, and that it stays bounded with
// its spacing logarithmic however long the training runs.
#include <gtest/gtest.h>

#include <cmath>
#include <map>

#include "analysis/timeline.h"
#include "data/registry.h"
#include "training/timeline_recorder.h"

namespace moelab {
namespace {

std::shared_ptr<const TimelineEntry> entry_at(long epoch) {
    auto entry = std::make_shared<TimelineEntry>();
    entry->epoch = epoch;
    return entry;
}

std::vector<long> epochs_of(const Timeline& timeline) {
    std::vector<long> epochs;
    for (const auto& entry : timeline.entries()) epochs.push_back(entry->epoch);
    return epochs;
}

// Records every epoch from 0 to `last`, as the worker would after each one.
void record_epochs(Timeline& timeline, long last) {
    for (long epoch = 0; epoch <= last; ++epoch) timeline.record(entry_at(epoch));
}

TEST(LogSpacing, TenPerDecadeAreTheRoundedPowers) {
    const LogSpacing spacing(10);
    std::vector<long> marks;
    for (long epoch = 0; epoch <= 100; ++epoch)
        if (spacing.is_mark(epoch)) marks.push_back(epoch);
    EXPECT_EQ(marks, (std::vector<long>{0, 1, 2, 3, 4, 5, 6, 8, 10, 13, 16, 20, 25, 32, 40, 50, 63,
                                        79, 100}));
}

TEST(LogSpacing, NextMarkIsTheFirstMarkAfter) {
    const LogSpacing spacing(10);
    EXPECT_EQ(spacing.next_mark(0), 1);
    EXPECT_EQ(spacing.next_mark(6), 8);
    EXPECT_EQ(spacing.next_mark(8), 10);
    EXPECT_EQ(spacing.next_mark(99), 100);
    EXPECT_EQ(spacing.next_mark(100), 126);
    for (long epoch = 0; epoch < 5000; ++epoch) {
        const long next = spacing.next_mark(epoch);
        ASSERT_GT(next, epoch);
        ASSERT_TRUE(spacing.is_mark(next)) << next;
        for (long between = epoch + 1; between < next; ++between)
            ASSERT_FALSE(spacing.is_mark(between)) << between;
    }
}

TEST(LogSpacing, ThinningKeepsASubsetOfTheMarks) {
    LogSpacing fine(64);
    LogSpacing coarse(64);
    ASSERT_TRUE(coarse.thin());
    EXPECT_EQ(coarse.marks_per_decade(), 32);
    for (long epoch = 0; epoch <= 200000; ++epoch) {
        if (coarse.is_mark(epoch)) {
            ASSERT_TRUE(fine.is_mark(epoch)) << epoch;
        }
    }
}

TEST(Timeline, KeepsTheMarksAndTheLatest) {
    Timeline timeline(200, 10);
    record_epochs(timeline, 27);
    EXPECT_EQ(epochs_of(timeline),
              (std::vector<long>{0, 1, 2, 3, 4, 5, 6, 8, 10, 13, 16, 20, 25, 27}));
    timeline.record(entry_at(30));  // the latest moves on
    EXPECT_EQ(timeline.entries().back()->epoch, 30);
    EXPECT_EQ(timeline.entries()[timeline.entries().size() - 2]->epoch, 25);
    EXPECT_TRUE(timeline.wants(32));
    EXPECT_FALSE(timeline.wants(31));
    EXPECT_EQ(timeline.next_wanted(30), 32);
}

TEST(Timeline, StaysBoundedAndLogSpacedOverAHundredThousandEpochs) {
    Timeline timeline(200);
    record_epochs(timeline, 100000);
    const std::vector<long> epochs = epochs_of(timeline);
    ASSERT_LE(epochs.size(), 200u);
    ASSERT_GE(epochs.size(), 100u);  // thinned, not emptied
    EXPECT_EQ(epochs.front(), 0);
    EXPECT_EQ(epochs.back(), 100000);
    EXPECT_LT(timeline.spacing().marks_per_decade(), 64);  // the bound was reached
    for (size_t i = 1; i < epochs.size(); ++i) ASSERT_LT(epochs[i - 1], epochs[i]);
    // Every early epoch is there, as the first epochs change the picture most.
    for (long epoch = 0; epoch <= 10; ++epoch) EXPECT_EQ(epochs[size_t(epoch)], epoch);
    // Log-spaced: beyond the first epochs, neighbours differ by the same ratio, and every decade
    // holds the same number of entries.
    const double ratio = std::pow(10.0, 1.0 / timeline.spacing().marks_per_decade());
    std::map<int, int> per_decade;
    for (size_t i = 1; i < epochs.size(); ++i) {
        if (epochs[i] >= 100 && epochs[i] < 100000) {
            const double step = double(epochs[i]) / double(epochs[i - 1]);
            EXPECT_NEAR(step, ratio, 0.02 * ratio) << epochs[i - 1] << " -> " << epochs[i];
            ++per_decade[int(std::floor(std::log10(double(epochs[i]))))];
        }
    }
    ASSERT_EQ(per_decade.size(), 3u);
    EXPECT_NEAR(per_decade[2], timeline.spacing().marks_per_decade(), 1);
    EXPECT_NEAR(per_decade[3], timeline.spacing().marks_per_decade(), 1);
    EXPECT_NEAR(per_decade[4], timeline.spacing().marks_per_decade(), 1);
}

TEST(Timeline, ASmallBoundThinsAgainAndAgain) {
    Timeline timeline(12);
    record_epochs(timeline, 100000);
    EXPECT_LE(timeline.entries().size(), 12u);
    EXPECT_EQ(timeline.entries().front()->epoch, 0);
    EXPECT_EQ(timeline.entries().back()->epoch, 100000);
    EXPECT_LE(timeline.spacing().marks_per_decade(), 2);
}

TEST(Timeline, ResetForgetsTheHistory) {
    Timeline timeline(200);
    record_epochs(timeline, 5000);
    const long revision = timeline.revision();
    timeline.reset();
    EXPECT_TRUE(timeline.entries().empty());
    EXPECT_NE(timeline.revision(), revision);
    EXPECT_EQ(timeline.spacing().marks_per_decade(), 64);
    timeline.record(entry_at(0));
    timeline.record(entry_at(1));
    EXPECT_EQ(epochs_of(timeline), (std::vector<long>{0, 1}));
    // An earlier epoch than the last is ignored.
    timeline.record(entry_at(0));
    EXPECT_EQ(epochs_of(timeline), (std::vector<long>{0, 1}));
}

TEST(Timeline, ReplayFramesSpreadOverTheEntries) {
    Timeline timeline(200, 10);
    record_epochs(timeline, 1000);
    const TimelineEntries& all = timeline.entries();
    const TimelineEntries frames = replay_frames(all, 5);
    ASSERT_EQ(frames.size(), 5u);
    EXPECT_EQ(frames.front()->epoch, 0);
    EXPECT_EQ(frames.back()->epoch, 1000);
    for (size_t i = 1; i < frames.size(); ++i) EXPECT_LT(frames[i - 1]->epoch, frames[i]->epoch);
    EXPECT_EQ(replay_frames(all, 1000).size(), all.size());
}

// A training that stops on every wanted epoch keeps exactly the marks, each with the weights and
// the metrics of that very epoch.
TEST(TimelineRecorder, KeepsTheWeightsOfEveryMarkOfATraining) {
    Config config;
    config.dataset.name = "vowels";
    config.experts = config.top_k = 3;
    config.batch_size = 0;
    config.seed = 3;
    Trainer trainer(config, std::make_shared<const Dataset>(load_dataset(config.dataset)));
    TimelineRecorder recorder;
    recorder.reset(trainer, true);
    const long epochs = 150;
    while (trainer.epoch() < epochs) {
        const long slice = recorder.clamp(trainer, epochs - trainer.epoch());
        ASSERT_GE(slice, 1);
        trainer.train_for(std::chrono::hours(1), slice);
        recorder.note(trainer, true);
    }
    const auto entries = recorder.entries();
    std::vector<long> expected;
    for (long epoch = 0; epoch <= epochs; ++epoch)
        if (recorder.timeline().spacing().is_mark(epoch)) expected.push_back(epoch);
    std::vector<long> kept;
    for (const auto& entry : *entries) kept.push_back(entry->epoch);
    EXPECT_EQ(kept, expected);
    for (const auto& entry : *entries) {
        EXPECT_EQ(entry->metrics.epoch, entry->epoch);
        ASSERT_TRUE(entry->model);
    }
    // The weights move between the first epochs and the last kept one.
    EXPECT_NE(entries->front()->model->parameters(), entries->back()->model->parameters());
    // The same list until something is added.
    EXPECT_EQ(recorder.entries(), entries);
    // The end of a run, a mark or not, is kept as the latest entry with the weights of then.
    recorder.record_latest(trainer);
    EXPECT_NE(recorder.entries(), entries);
    EXPECT_EQ(recorder.entries()->back()->epoch, epochs);
    EXPECT_EQ(recorder.entries()->back()->model->parameters(), trainer.model_float().parameters());
    EXPECT_NE(recorder.entries()->back()->model->parameters(),
              entries->back()->model->parameters());
}

TEST(TimelineRecorder, ALargeModelKeepsFewerEntries) {
    EXPECT_EQ(TimelineRecorder::capacity_for(1000), TimelineRecorder::kMaxEntries);
    EXPECT_EQ(TimelineRecorder::capacity_for(100'000'000), TimelineRecorder::kMinEntries);
    const int middle = TimelineRecorder::capacity_for(300'000);  // 1.2 MB a copy
    EXPECT_LT(middle, TimelineRecorder::kMaxEntries);
    EXPECT_LE(middle * 300'000.0 * 4, TimelineRecorder::kModelBytesBudget);
}

}  // namespace
}  // namespace moelab
