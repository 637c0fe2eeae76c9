#!/usr/bin/env bash
# Installs the Debian 12 packages MoE Lab needs, calling apt-get only when one is missing.
#   scripts/setup.sh           the build, test and run dependencies
#   scripts/setup.sh --bench   also the peers of bench/compare_pytorch.py (PyTorch, NumPy)
set -euo pipefail

packages=(
    build-essential cmake ninja-build pkg-config
    qt6-base-dev qt6-charts-dev libqt6opengl6-dev qt6-svg-dev
    qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools qt6-translations-l10n
    libgl-dev libeigen3-dev libgtest-dev libgmock-dev libbenchmark-dev nlohmann-json3-dev libcli11-dev zlib1g-dev
    libgif-dev
    libomp-dev xvfb xauth dataset-fashion-mnist fonts-noto-cjk fonts-dejavu-core
    # The sanitizer and fuzzing builds (scripts/sanitize.sh, scripts/fuzz.sh): clang 14, its
    # sanitizer and libFuzzer runtimes, and llvm-symbolizer for readable reports.
    clang-14 libclang-rt-14-dev llvm-14
)

for argument in "$@"; do
    case "$argument" in
        --bench)
            # An optimised BLAS: without one (python3-torch only recommends it) PyTorch and NumPy
            # use the reference BLAS, ~20x slower at the products the benchmark times, which
            # would flatter MoE Lab. The OpenMP build of OpenBLAS shares PyTorch's OpenMP threads;
            # the default pthread build adds its own pool, and with 2 threads on 2 cores the two
            # pools fight (PyTorch at 2 threads then ran slower than at 1).
            packages+=(python3-torch python3-numpy libopenblas0-openmp)
            ;;
        -h | --help)
            echo "usage: scripts/setup.sh [--bench]"
            echo "  --bench   also install the peers of bench/compare_pytorch.py:"
            echo "            python3-torch, python3-numpy and libopenblas0-openmp"
            exit 0
            ;;
        *)
            echo "setup: unknown argument '$argument'; usage: scripts/setup.sh [--bench]" >&2
            exit 2
            ;;
    esac
done

missing=()
for package in "${packages[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
        missing+=("$package")
    fi
done

if [ ${#missing[@]} -eq 0 ]; then
    exit 0
fi

echo "setup: installing ${missing[*]}"
if [ "$(id -u)" -eq 0 ]; then
    sudo_cmd=()
elif command -v sudo >/dev/null 2>&1; then
    sudo_cmd=(sudo)
else
    echo "setup: need root or sudo to install: ${missing[*]}" >&2
    exit 1
fi
export DEBIAN_FRONTEND=noninteractive
"${sudo_cmd[@]}" apt-get update -q
"${sudo_cmd[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}"
