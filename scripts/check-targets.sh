#!/usr/bin/env bash
# Builds the core library and moelab-cli with warnings as errors for CPUs other than this one:
# what compiles depends on the target's instruction set (GCC warns differently once AVX-512 code
# is inlined), so a build that passes here must also pass for the users' machines.
#   x86-64-v4  AVX-512 (Skylake-X, Ice Lake, Zen 4 and later)
#   x86-64-v3  AVX2 + FMA (Haswell, Zen 1-3)
#   portable   MOELAB_NATIVE=OFF: the compiler's default x86-64 target
# Usage: scripts/check-targets.sh [v4|v3|portable ...]   (default: all three)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
targets=("$@")
[ ${#targets[@]} -eq 0 ] && targets=(v4 v3 portable)
launcher=()
command -v ccache >/dev/null 2>&1 && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
for target in "${targets[@]}"; do
    case "$target" in
        v4 | v3) flags=(-DMOELAB_NATIVE=OFF "-DCMAKE_CXX_FLAGS=-march=x86-64-$target") ;;
        portable) flags=(-DMOELAB_NATIVE=OFF) ;;
        *) echo "check-targets: unknown target '$target' (v4, v3 or portable)" >&2; exit 2 ;;
    esac
    build="$root/build/check-$target"
    echo "check-targets: $target"
    cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DMOELAB_WERROR=ON \
        -DMOELAB_BUILD_UI=OFF -DMOELAB_BUILD_TESTS=OFF -DMOELAB_BUILD_BENCH=OFF "${flags[@]}" \
        "${launcher[@]}" >/dev/null
    cmake --build "$build" --target moelab_core moelab-cli
done
