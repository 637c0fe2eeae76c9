#pragma once
// When a program asks for full metrics (accuracy, gate statistics): at most as often as someone
// can look at them, and never so often that evaluating costs more than a tenth of the time spent
// training (evaluating all of Fashion-MNIST takes longer than a frame). With the config's
// metrics_every, the trainer records them every so many epochs by itself and the schedule stays
// out of the way.
#include <chrono>

#include "training/config.h"

namespace moelab {

class MetricsSchedule {
  public:
    using Clock = std::chrono::steady_clock;

    MetricsSchedule(const Config& config, std::chrono::milliseconds interval)
        : enabled_(config.metrics_every <= 0), interval_(interval) {}

    // True when the program should record metrics now.
    bool due(Clock::time_point now) const {
        if (!enabled_) return false;
        if (!recorded_once_) return true;
        const auto since = now - last_end_;
        return since >= interval_ && since >= 9 * last_cost_;
    }
    // Tell the schedule that a recording ran from `start` to `end`.
    void recorded(Clock::time_point start, Clock::time_point end) {
        recorded_once_ = true;
        last_end_ = end;
        last_cost_ = end - start;
    }

  private:
    bool enabled_;
    std::chrono::milliseconds interval_;
    bool recorded_once_ = false;
    Clock::time_point last_end_{};
    Clock::duration last_cost_{};
};

}  // namespace moelab
