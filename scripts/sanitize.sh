#!/usr/bin/env bash
# The sanitizer runs of CI, building only what they need, and failing on any report:
#   ASan + UBSan (build/fuzz: clang, the same build as the fuzzers): the worker stress test
#     (tests/ui/test_worker_stress.cpp, a longer storm than in the normal suite) on the real window
#     and worker, leaks included.
#   TSan (build/tsan): the same worker stress test, after its controls (tests/ui/tsan_canary.cpp):
#     a value handed to the window by post_to() and by a worker's signal is not reported, and the
#     same handoff followed by a real race is; then the core's own threads: the thread team,
#     trainings side by side and cancelled from another thread (the core tests named below).
#   libFuzzer: each loader for a bounded time (scripts/fuzz.sh).
#   scripts/sanitize.sh [--fuzz-seconds N]   (default 60 s per fuzz target)
#
# TSan and Debian's Qt, which is not built with TSan: Qt orders a queued call after its posting
# with futex-based mutexes inside libQt6Core that TSan cannot see, so ui/thread_handoff.h tells TSan
# of that order (a queued call happens before its delivery), for this program's own handoffs only.
# ignore_noninstrumented_modules=1 makes the allocations and copies Qt does inside its own,
# uninstrumented code (its painting thread pool frees what the main thread allocated) count as
# Qt's, like the rest of its code; every access compiled from this project stays checked, which the
# racy controls prove on each run. The core's tests, which have no Qt, run without that option.
# No suppressions are used anywhere.
#
# OpenMP: the core runs no OpenMP parallel region (the trainer has its own thread team); it calls
# only omp_get_num_procs() and omp_in_parallel(), so the uninstrumented OpenMP runtime starts no
# thread. The one test that opens a parallel region itself (to check that trainings inside one do
# not nest teams) is left out under TSan for that reason, and the Fashion-MNIST one for its time
# (two minutes under TSan; the same threads as the others).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
fuzz_seconds=60
while [ $# -gt 0 ]; do
    case "$1" in
        --fuzz-seconds) fuzz_seconds="$2"; shift 2 ;;
        -h | --help) sed -n '2,12p' "$0"; exit 0 ;;
        *) echo "sanitize: unknown argument '$1'" >&2; exit 2 ;;
    esac
done
"$root/scripts/setup.sh"
launcher=()
command -v ccache >/dev/null 2>&1 && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
symbolizer=/usr/lib/llvm-14/bin/llvm-symbolizer
export QT_QPA_PLATFORM=offscreen OMP_NUM_THREADS=1
# The storm under the sanitizers: more actions and more windows closed mid-training.
export MOELAB_STRESS_ACTIONS="${MOELAB_STRESS_ACTIONS:-150}" MOELAB_STRESS_WINDOWS="${MOELAB_STRESS_WINDOWS:-6}"

stress() {  # the preset, then the sanitizer's environment
    local preset="$1" start=$SECONDS
    shift
    (cd "$root" && cmake --preset "$preset" "${launcher[@]}" >/dev/null)
    cmake --build "$root/build/$preset" --target moelab_ui_test_worker_stress
    echo "sanitize: $preset build took $((SECONDS - start)) s"
    start=$SECONDS
    env "$@" "$root/build/$preset/tests/ui/moelab_ui_test_worker_stress"
    echo "sanitize: stress test under $preset took $((SECONDS - start)) s, no report"
}

start=$SECONDS
# halt_on_error / abort_on_error: a report ends the program with a failure, never scrolls past.
stress fuzz ASAN_OPTIONS="detect_leaks=1:abort_on_error=1:strict_string_checks=1" \
    UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1" ASAN_SYMBOLIZER_PATH="$symbolizer"

build_start=$SECONDS
(cd "$root" && cmake --preset tsan "${launcher[@]}" >/dev/null)
cmake --build "$root/build/tsan" --target moelab_thread_tests moelab_ui_test_worker_stress \
    moelab_tsan_canary
echo "sanitize: tsan build took $((SECONDS - build_start)) s"
tsan_options="halt_on_error=1:second_deadlock_stack=1:external_symbolizer_path=$symbolizer"
qt_tsan_options="$tsan_options:ignore_noninstrumented_modules=1"  # with Qt: see the top
canary="$root/build/tsan/tests/ui/moelab_tsan_canary"
for handoff in post signal; do
    TSAN_OPTIONS="$qt_tsan_options" "$canary" "$handoff"
    if TSAN_OPTIONS="$qt_tsan_options" "$canary" "$handoff" racy >"$root/build/tsan/canary.log" 2>&1 ||
        ! grep -q "ThreadSanitizer: data race" "$root/build/tsan/canary.log"; then
        cat "$root/build/tsan/canary.log" >&2
        echo "sanitize: the race after a $handoff handoff was not reported: TSan sees too little" >&2
        exit 1
    fi
    echo "sanitize: tsan reports the race after a $handoff handoff, as it must"
done
run_start=$SECONDS
TSAN_OPTIONS="$qt_tsan_options" "$root/build/tsan/tests/ui/moelab_ui_test_worker_stress"
echo "sanitize: stress test under tsan took $((SECONDS - run_start)) s, no report"
run_start=$SECONDS
TSAN_OPTIONS="$tsan_options" "$root/build/tsan/tests/moelab_thread_tests" \
    --gtest_filter='ThreadTeam.*:Trainer.*:SimilarityTerm.*:Specialisation.*:History.*-Trainer.TrainingsOnTheThreadsOfAParallelRegionDoNotNestTeams:Specialisation.FashionMnist*'
echo "sanitize: core threads under tsan took $((SECONDS - run_start)) s, no report"

"$root/scripts/fuzz.sh" --seconds "$fuzz_seconds"
echo "sanitize: done in $((SECONDS - start)) s"
