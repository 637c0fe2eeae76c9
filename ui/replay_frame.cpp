#include "replay_frame.h"

#include "model/gate_noise.h"

namespace moelab {

std::shared_ptr<Snapshot> replay_snapshot(const Snapshot& live, const TimelineEntry& entry) {
    auto frame = std::make_shared<Snapshot>();
    frame->config = entry.config;
    frame->epoch = entry.epoch;
    frame->dataset = live.dataset;
    // The standardisation is fitted once per data set and split: the same for the whole history.
    frame->standardization = live.standardization;
    frame->model = entry.model;
    // A noisy gate's tint shows the routing under that epoch's draw, as the live picture did.
    if (entry.config.noisy_gate && entry.model && entry.model->structure().noise_layer())
        frame->gate_noise = frame_noise(frame_noise_key(entry.config.seed, entry.epoch),
                                        entry.model->spec().experts);
    frame->latest = entry.metrics;
    frame->knob_changes = live.knob_changes;
    frame->timeline = live.timeline;
    frame->projection = live.projection;
    return frame;
}

}  // namespace moelab
