#pragma once
// A snapshot of an earlier moment of the training, made from a timeline entry: the live
// snapshot's data, plane and window, with the entry's weights, epoch, metrics and knobs. The
// pictures (grid, lines, tints) are left to a GridRenderer, as for a live snapshot.
#include <memory>

#include "snapshot.h"

namespace moelab {

std::shared_ptr<Snapshot> replay_snapshot(const Snapshot& live, const TimelineEntry& entry);

}  // namespace moelab
