#include "replay_renderer.h"

#include <chrono>

#include "replay_frame.h"
#include "snapshot_builder.h"

namespace moelab {

namespace {

// Two threads draw a frame: the training goes on meanwhile on the others.
constexpr int kRenderThreads = 2;

}  // namespace

ReplayRenderer::ReplayRenderer(QObject* parent) : QObject(parent) {
    thread_ = std::thread([this] { run(); });
}

ReplayRenderer::~ReplayRenderer() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    wake_.notify_all();
    thread_.join();
}

void ReplayRenderer::request(SnapshotPtr live, std::shared_ptr<const TimelineEntry> entry,
                             const GridSpec& spec, double cell_pixels) {
    if (!live || !entry) return;
    {
        std::lock_guard lock(mutex_);
        pending_ = Request{std::move(live), std::move(entry), spec, cell_pixels};
    }
    wake_.notify_all();
}

double ReplayRenderer::lastRenderMilliseconds() const {
    std::lock_guard lock(mutex_);
    return last_ms_;
}

void ReplayRenderer::run() {
    // The renderer keeps its buffers between frames, so it lives on this thread for good.
    GridRenderer renderer;
    for (;;) {
        Request request;
        {
            std::unique_lock lock(mutex_);
            wake_.wait(lock, [this] { return stopping_ || pending_.has_value(); });
            if (stopping_) return;
            request = std::move(*pending_);
            pending_.reset();
        }
        const auto start = std::chrono::steady_clock::now();
        auto frame = replay_snapshot(*request.live, *request.entry);
        if (request.live->grid && frame->model) {
            renderer.render(*frame, request.spec, kRenderThreads, request.cell_pixels);
        }
        const double ms =
            std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
                .count();
        {
            std::lock_guard lock(mutex_);
            last_ms_ = ms;
        }
        emit frameReady(SnapshotPtr(std::move(frame)));
    }
}

}  // namespace moelab
