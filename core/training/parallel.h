#pragma once
// How many threads a training uses. The count is an argument of each training, never a global
// setting: several trainings may run in one process (compare mode, one per worker; many seeds,
// one per thread), each with its own count.
namespace moelab {

// A share of a batch is worth a thread of its own from about this much arithmetic (multiply-adds,
// ModelStructure::work_per_case() per case): below it, waking the team and adding the parts'
// results costs more than it saves.
inline constexpr double kWorkPerThread = 150'000;

// `requested` threads if positive, else every core the machine has less `reserved` (at least 1).
// Inside an OpenMP parallel region (a caller that runs trainings side by side on its threads) the
// answer is 1: a nested team would oversubscribe the cores.
int resolve_threads(int requested, int reserved = 0);

}  // namespace moelab
