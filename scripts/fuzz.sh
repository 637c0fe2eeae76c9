#!/usr/bin/env bash
# Fuzzes the loaders (fuzz/fuzz_<target>.cpp) with libFuzzer under ASan + UBSan, each for a bounded
# time, starting from its seed corpus (fuzz/corpus/<target>/) and the inputs that once made it
# fail (fuzz/regressions/<target>/). What the fuzzer learns goes to build/fuzz/corpus/<target>/,
# never into the repository. An input that crashes, leaks, hangs or breaks a promise is copied to
# fuzz/regressions/<target>/ (commit it: the regression test replays it in every build), and the
# script fails.
#   scripts/fuzz.sh [--build-only] [--seconds N] [target ...]   (default: every target, 60 s each)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
seconds=60
build_only=0
targets=()
while [ $# -gt 0 ]; do
    case "$1" in
        --seconds) seconds="$2"; shift 2 ;;
        --build-only) build_only=1; shift ;;
        -h | --help) sed -n '2,9p' "$0"; exit 0 ;;
        *) targets+=("$1"); shift ;;
    esac
done
if [ ${#targets[@]} -eq 0 ]; then
    for source in "$root"/fuzz/fuzz_*.cpp; do
        name="$(basename "$source" .cpp)"
        targets+=("${name#fuzz_}")
    done
fi

build="$root/build/fuzz"
launcher=()
command -v ccache >/dev/null 2>&1 && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
(cd "$root" && cmake --preset fuzz "${launcher[@]}" >/dev/null)
cmake --build "$build" --target "${targets[@]/#/fuzz_}"
[ "$build_only" -eq 1 ] && exit 0

export ASAN_OPTIONS="detect_leaks=1:abort_on_error=1:symbolize=1"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
export ASAN_SYMBOLIZER_PATH="${ASAN_SYMBOLIZER_PATH:-/usr/lib/llvm-14/bin/llvm-symbolizer}"
failed=()
for target in "${targets[@]}"; do
    learned="$build/corpus/$target"
    artifacts="$build/artifacts/$target"
    regressions="$root/fuzz/regressions/$target"
    mkdir -p "$learned" "$artifacts" "$regressions"
    start=$SECONDS
    echo "fuzz: $target for $seconds s"
    # -timeout: an input that takes longer than 10 s is a hang; -rss_limit_mb: or that needs 2 GB.
    if "$build/fuzz/fuzz_$target" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
        -print_final_stats=1 -artifact_prefix="$artifacts/" \
        "$learned" "$root/fuzz/corpus/$target" "$regressions" >"$build/fuzz-$target.log" 2>&1; then
        echo "fuzz: $target: no failure in $((SECONDS - start)) s ($(grep -o 'stat::number_of_executed_units: *[0-9]*' "$build/fuzz-$target.log" | grep -o '[0-9]*$') inputs)"
    else
        failed+=("$target")
        tail -n 60 "$build/fuzz-$target.log"
        for artifact in "$artifacts"/*; do
            [ -f "$artifact" ] || continue
            cp "$artifact" "$regressions/"
            echo "fuzz: $target failed on $(basename "$artifact"): kept in fuzz/regressions/$target/"
        done
    fi
done
if [ ${#failed[@]} -gt 0 ]; then
    echo "fuzz: failures in ${failed[*]} (logs in $build/fuzz-<target>.log)" >&2
    exit 1
fi
