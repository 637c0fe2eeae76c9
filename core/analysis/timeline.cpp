#include "analysis/timeline.h"

#include <algorithm>
#include <cmath>

namespace moelab {

namespace {

// The epoch of mark j at D marks per decade: round(10^(j / D)).
long mark_epoch(long j, int per_decade) {
    return std::lround(std::pow(10.0, double(j) / double(per_decade)));
}

}  // namespace

LogSpacing::LogSpacing(int marks_per_decade) : marks_per_decade_(std::max(1, marks_per_decade)) {}

bool LogSpacing::is_mark(long epoch) const {
    if (epoch == 0) return true;
    if (epoch < 0) return false;
    // The mark nearest epoch on the log scale, and its neighbours (rounding may put the epoch on
    // either).
    const long j = std::lround(marks_per_decade_ * std::log10(double(epoch)));
    for (long k = std::max(0L, j - 1); k <= j + 1; ++k)
        if (mark_epoch(k, marks_per_decade_) == epoch) return true;
    return false;
}

long LogSpacing::next_mark(long epoch) const {
    if (epoch < 1) return epoch < 0 ? 0 : 1;
    long j = std::max(0L, long(std::floor(marks_per_decade_ * std::log10(double(epoch)))) - 1);
    while (mark_epoch(j, marks_per_decade_) <= epoch) ++j;
    return mark_epoch(j, marks_per_decade_);
}

bool LogSpacing::thin() {
    if (marks_per_decade_ <= 1) return false;
    // round(10^(2j / D)) = round(10^(j / (D / 2))): the coarser marks are among the finer ones
    // only for an even D; an odd one is rounded down, and the marks kept are then re-checked.
    marks_per_decade_ /= 2;
    return true;
}

Timeline::Timeline(int capacity, int marks_per_decade)
    : capacity_(std::max(4, capacity)),
      initial_density_(std::max(1, marks_per_decade)),
      spacing_(marks_per_decade) {}

void Timeline::reset(int capacity) {
    capacity_ = std::max(4, capacity);
    spacing_ = LogSpacing(initial_density_);
    entries_.clear();
    last_is_mark_ = true;
    ++revision_;
}

bool Timeline::has_epoch(long epoch) const {
    return std::any_of(entries_.begin(), entries_.end(),
                       [epoch](const auto& entry) { return entry->epoch == epoch; });
}

void Timeline::record(std::shared_ptr<const TimelineEntry> entry) {
    if (!entry) return;
    if (!entries_.empty() && entry->epoch < entries_.back()->epoch) return;
    // The previous "latest" gives way to any later picture.
    if (!last_is_mark_) {
        entries_.pop_back();
        last_is_mark_ = true;
    }
    if (!entries_.empty() && entries_.back()->epoch == entry->epoch) {
        entries_.back() = std::move(entry);  // the same epoch again: the newer picture
    } else {
        last_is_mark_ = spacing_.is_mark(entry->epoch);
        entries_.push_back(std::move(entry));
    }
    thin_to_capacity();
    ++revision_;
}

void Timeline::thin_to_capacity() {
    while (static_cast<int>(entries_.size()) > capacity_ && spacing_.thin()) {
        // Keep the marks of the coarser spacing, and the last entry (the latest picture).
        TimelineEntries kept;
        for (size_t i = 0; i < entries_.size(); ++i) {
            const bool last = i + 1 == entries_.size();
            if (last || spacing_.is_mark(entries_[i]->epoch)) kept.push_back(entries_[i]);
        }
        last_is_mark_ = spacing_.is_mark(kept.back()->epoch);
        entries_ = std::move(kept);
    }
}

TimelineEntries replay_frames(const TimelineEntries& entries, int count) {
    const int n = static_cast<int>(entries.size());
    if (count <= 0 || n <= count) return entries;
    TimelineEntries frames;
    if (count == 1) return {entries.back()};
    for (int f = 0; f < count; ++f) {
        const long index = std::lround(double(f) * double(n - 1) / double(count - 1));
        frames.push_back(entries[static_cast<size_t>(index)]);
    }
    return frames;
}

}  // namespace moelab
