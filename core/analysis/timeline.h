#pragma once
// The replay timeline of one training history: the weights (and the metrics and knobs of that
// moment) at log-spaced epochs, so that the first epochs, where the boundaries move most, get as
// many pictures as the long tail. Bounded by construction: when the entries would exceed the
// bound, every other mark of the spacing is dropped (the density per decade halves), so the
// spacing stays logarithmic and the memory stays a fixed number of model copies.
#include <memory>
#include <vector>

#include "analysis/metrics.h"
#include "model/mixture.h"
#include "training/config.h"

namespace moelab {

// Which epochs are kept: epoch 0 (the initial weights) and every round(10^(j / D)) for integers
// j >= 0, D marks per decade. With D = 10 that is 1, 2, 3, 4, 5, 6, 8, 10, 13, 16, 20, 25, 32...
class LogSpacing {
  public:
    explicit LogSpacing(int marks_per_decade = 64);

    int marks_per_decade() const { return marks_per_decade_; }
    bool is_mark(long epoch) const;
    // The first mark after `epoch`.
    long next_mark(long epoch) const;
    // Halves the density (the marks of D / 2 per decade are a subset of those of D); false when it
    // is already one per decade.
    bool thin();

  private:
    int marks_per_decade_;
};

// One moment of a history: the weights after `epoch` epochs, the latest metrics recorded by then
// and the knobs in effect (a loss or K changed mid-history draws differently).
struct TimelineEntry {
    long epoch = 0;
    std::shared_ptr<const Mixture<float>> model;
    EpochMetrics metrics;
    Config config;
};

using TimelineEntries = std::vector<std::shared_ptr<const TimelineEntry>>;

class Timeline {
  public:
    // At most `capacity` entries (at least 4), the latest included.
    explicit Timeline(int capacity = 200, int marks_per_decade = 64);

    // Forgets every entry (a re-initialised model starts a new history); the spacing starts dense.
    void reset(int capacity);
    void reset() { reset(capacity_); }

    // Whether record() of this epoch would keep it as a mark (the worker copies the weights only
    // then).
    bool wants(long epoch) const { return spacing_.is_mark(epoch) && !has_epoch(epoch); }
    // The first epoch after `epoch` that wants() a picture.
    long next_wanted(long epoch) const { return spacing_.next_mark(epoch); }

    // Keeps the entry: as a mark when its epoch is one, else as "the latest", which the next
    // record() replaces. Epochs must not decrease (an earlier epoch is ignored).
    void record(std::shared_ptr<const TimelineEntry> entry);

    // Oldest first: the marks, then the latest when it is not a mark.
    const TimelineEntries& entries() const { return entries_; }
    int capacity() const { return capacity_; }
    const LogSpacing& spacing() const { return spacing_; }
    // Changes with every record() that changed entries() and with reset(): the worker sends the
    // list to the UI only when it moved.
    long revision() const { return revision_; }

  private:
    bool has_epoch(long epoch) const;
    void thin_to_capacity();

    int capacity_;
    int initial_density_;
    LogSpacing spacing_;
    TimelineEntries entries_;
    bool last_is_mark_ = true;  // false: entries_.back() is "the latest", not a mark
    long revision_ = 0;
};

// Up to `count` of the entries for a replay, evenly spread over the list (so over log-time), the
// first and the last included; all of them when there are fewer.
TimelineEntries replay_frames(const TimelineEntries& entries, int count);

}  // namespace moelab
