#include "training/thread_team.h"

#include <chrono>

#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>
#endif

namespace moelab {

namespace {

// How long a waiting thread spins before it sleeps: a few microseconds covers the skew between
// balanced parts on a quiet machine, and costs little when the partner is descheduled.
constexpr auto kSpin = std::chrono::microseconds(20);

void pause() {
#if defined(__x86_64__) || defined(__i386__)
    _mm_pause();
#else
    std::this_thread::yield();
#endif
}

// Waits until `value` differs from `seen`: spins for kSpin, then sleeps (C++20 atomic wait).
template <typename T>
void wait_for_change(const std::atomic<T>& value, T seen) {
    const auto until = std::chrono::steady_clock::now() + kSpin;
    for (int round = 0;; ++round) {
        for (int k = 0; k < 64; ++k) {
            if (value.load(std::memory_order_acquire) != seen) return;
            pause();
        }
        if (std::chrono::steady_clock::now() >= until) break;
    }
    while (value.load(std::memory_order_acquire) == seen)
        value.wait(seen, std::memory_order_acquire);
}

}  // namespace

ThreadTeam::ThreadTeam(int threads) : size_(threads < 1 ? 1 : threads) {
    workers_.reserve(size_t(size_ - 1));
    for (int part = 1; part < size_; ++part) workers_.emplace_back([this, part] { work(part); });
}

ThreadTeam::~ThreadTeam() {
    stopping_.store(true, std::memory_order_release);
    job_.fetch_add(1, std::memory_order_acq_rel);
    job_.notify_all();
    for (std::thread& worker : workers_) worker.join();
}

void ThreadTeam::work(int part) {
    unsigned seen = 0;
    for (;;) {
        wait_for_change(job_, seen);
        seen = job_.load(std::memory_order_acquire);
        if (stopping_.load(std::memory_order_acquire)) return;
        (*task_)(part);
        if (unfinished_.fetch_sub(1, std::memory_order_acq_rel) == 1) unfinished_.notify_all();
    }
}

void ThreadTeam::run(const std::function<void(int part)>& task) {
    if (size_ == 1) {
        task(0);
        return;
    }
    task_ = &task;
    unfinished_.store(size_ - 1, std::memory_order_release);
    job_.fetch_add(1, std::memory_order_acq_rel);
    job_.notify_all();
    task(0);
    for (int left = unfinished_.load(std::memory_order_acquire); left != 0;
         left = unfinished_.load(std::memory_order_acquire))
        wait_for_change(unfinished_, left);
    task_ = nullptr;
}

void ThreadTeam::barrier() {
    if (size_ == 1) return;
    const unsigned generation = barrier_generation_.load(std::memory_order_acquire);
    if (arrived_.fetch_add(1, std::memory_order_acq_rel) == size_ - 1) {
        arrived_.store(0, std::memory_order_relaxed);
        barrier_generation_.fetch_add(1, std::memory_order_acq_rel);
        barrier_generation_.notify_all();
        return;
    }
    wait_for_change(barrier_generation_, generation);
}

}  // namespace moelab
