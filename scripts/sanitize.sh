#!/usr/bin/env bash
# The sanitizer runs of CI: the worker stress test (tests/ui/test_worker_stress.cpp, a longer storm
# than in the normal suite) under AddressSanitizer + UBSan and under ThreadSanitizer, then the
# fuzz targets (scripts/fuzz.sh). Builds only what those need, in build/fuzz (clang: libFuzzer,
# ASan, UBSan; the stress test is an ordinary ASan + UBSan program there) and build/tsan. Any report
# fails the run.
#   scripts/sanitize.sh [--fuzz-seconds N]   (default 60 s per fuzz target)
#
# OpenMP: the core uses no OpenMP parallel region (the trainer has its own thread team), only
# omp_get_num_procs() and omp_in_parallel(), so the uninstrumented OpenMP runtime starts no thread
# TSan could misjudge; OMP_NUM_THREADS=1 keeps it that way should one appear. No suppressions.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
fuzz_seconds=60
while [ $# -gt 0 ]; do
    case "$1" in
        --fuzz-seconds) fuzz_seconds="$2"; shift 2 ;;
        -h | --help) sed -n '2,8p' "$0"; exit 0 ;;
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

stress() {  # preset, then the sanitizer's environment
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
stress tsan TSAN_OPTIONS="halt_on_error=1:second_deadlock_stack=1:external_symbolizer_path=$symbolizer"
"$root/scripts/fuzz.sh" --seconds "$fuzz_seconds"
echo "sanitize: done in $((SECONDS - start)) s"
