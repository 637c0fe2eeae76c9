#pragma once
// A series (a loss curve, metrics over epochs) whose memory stays bounded however long a training
// runs: it keeps every point until it holds `capacity`, then every second one, and from then on
// only every second point appended, and so on. The points kept are always evenly spaced (appended
// points 0, s, 2s, ... for a stride s that doubles at each halving), so a curve drawn from them
// keeps its shape, and the first point stays. The latest point appended is always the last one,
// provisional until the spacing reaches it (the next point then replaces it), so back() is always
// the newest.
#include <cstddef>
#include <utility>
#include <vector>

namespace moelab {

template <class T>
class DecimatedSeries {
  public:
    using value_type = T;
    using const_iterator = typename std::vector<T>::const_iterator;
    using iterator = const_iterator;
    using size_type = std::size_t;

    // `capacity` is rounded up to an even number of at least 2.
    explicit DecimatedSeries(std::size_t capacity)
        : capacity_(capacity < 2 ? 2 : capacity + capacity % 2) {}

    void push_back(T value) {
        if (provisional_) points_.pop_back();
        points_.push_back(std::move(value));
        provisional_ = appended_ % stride_ != 0;
        ++appended_;
        if (!provisional_ && points_.size() >= capacity_) halve();
    }
    // Replaces the newest point (back()) by `value`, keeping the spacing: a correction of the
    // latest record, not a new one. Does nothing on an empty series.
    void replace_back(T value) {
        if (!points_.empty()) points_.back() = std::move(value);
    }
    void clear() {
        points_.clear();
        stride_ = 1;
        appended_ = 0;
        provisional_ = false;
    }

    // Takes back a series saved earlier (points, stride() and appended()). False, leaving this one
    // empty, when the three do not fit together.
    bool restore(std::vector<T> points, long stride, long appended) {
        clear();
        if (stride < 1 || (stride & (stride - 1)) != 0 || appended < 0) return false;
        std::size_t expected = 0;
        if (appended > 0)
            expected = std::size_t((appended - 1) / stride + 1) + ((appended - 1) % stride != 0);
        if (points.size() != expected) return false;
        points_ = std::move(points);
        stride_ = stride;
        appended_ = appended;
        provisional_ = appended > 0 && (appended - 1) % stride != 0;
        while (kept() >= capacity_) halve();
        return true;
    }

    std::size_t size() const { return points_.size(); }
    bool empty() const { return points_.empty(); }
    const T& operator[](std::size_t i) const { return points_[i]; }
    const T& front() const { return points_.front(); }
    const T& back() const { return points_.back(); }
    const_iterator begin() const { return points_.begin(); }
    const_iterator end() const { return points_.end(); }
    const std::vector<T>& points() const { return points_; }

    std::size_t capacity() const { return capacity_; }
    // Points appended in all (0, 1, 2, ... counted before any was dropped), and the spacing of
    // those kept.
    long appended() const { return appended_; }
    long stride() const { return stride_; }
    // Which appended point the i-th one kept is (0-based).
    long appended_index(std::size_t i) const {
        return provisional_ && i + 1 == points_.size() ? appended_ - 1 : long(i) * stride_;
    }

    bool operator==(const DecimatedSeries& other) const {
        return points_ == other.points_ && stride_ == other.stride_ && appended_ == other.appended_;
    }

  private:
    std::size_t kept() const { return points_.size() - (provisional_ ? 1 : 0); }
    // Keeps the points at even positions; the newest, at an odd one, stays on as provisional.
    void halve() {
        const std::size_t count = kept();
        std::vector<T> halved;
        halved.reserve(capacity_ / 2 + 1);
        for (std::size_t i = 0; i < count; i += 2) halved.push_back(std::move(points_[i]));
        const bool newest_dropped = !provisional_ && count % 2 == 0;
        if (newest_dropped || provisional_) halved.push_back(std::move(points_.back()));
        stride_ *= 2;
        provisional_ = appended_ > 0 && (appended_ - 1) % stride_ != 0;
        points_ = std::move(halved);
    }

    std::size_t capacity_;
    std::vector<T> points_;
    long stride_ = 1;
    long appended_ = 0;
    bool provisional_ = false;
};

}  // namespace moelab
