// The team behind a split training step: every part runs, barriers hold every part, and teams
// come and go cleanly.
#include <gtest/gtest.h>

#include <atomic>
#include <vector>

#include "training/thread_team.h"

namespace moelab {
namespace {

TEST(ThreadTeam, EveryPartRunsOncePerTask) {
    ThreadTeam team(3);
    ASSERT_EQ(team.size(), 3);
    std::vector<int> runs(3, 0);
    for (int task = 0; task < 1000; ++task) team.run([&](int part) { ++runs[size_t(part)]; });
    EXPECT_EQ(runs, (std::vector<int>{1000, 1000, 1000}));
}

TEST(ThreadTeam, NoPartPassesABarrierBeforeEveryPartReachedIt) {
    ThreadTeam team(4);
    std::atomic<int> arrived{0};
    std::atomic<int> early{0};
    for (int task = 0; task < 2000; ++task) {
        arrived.store(0);
        team.run([&](int) {
            for (int phase = 1; phase <= 3; ++phase) {
                arrived.fetch_add(1);
                team.barrier();
                // After the barrier of phase k, all four parts have arrived k times.
                if (arrived.load() < 4 * phase) early.fetch_add(1);
                team.barrier();
            }
        });
    }
    EXPECT_EQ(early.load(), 0);
}

TEST(ThreadTeam, OneThreadRunsOnTheCaller) {
    ThreadTeam team(1);
    int runs = 0;
    team.run([&](int part) {
        EXPECT_EQ(part, 0);
        team.barrier();
        ++runs;
    });
    EXPECT_EQ(runs, 1);
}

TEST(ThreadTeam, TeamsComeAndGo) {
    for (int k = 0; k < 50; ++k) {
        ThreadTeam team(2 + k % 3);
        std::atomic<int> sum{0};
        team.run([&](int part) { sum.fetch_add(part + 1); });
        EXPECT_EQ(sum.load(), (team.size() * (team.size() + 1)) / 2);
    }
}

}  // namespace
}  // namespace moelab
