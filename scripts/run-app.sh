#!/usr/bin/env bash
# Installs what MoE Lab needs, builds it (Release) and starts the desktop app on the vowel data.
# Extra arguments go to the app, e.g. scripts/run-app.sh --dataset moons
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$root/scripts/setup.sh"
cmake -S "$root" -B "$root/build/release" -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$root/build/release" --target moelab
if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ] && [ -z "${QT_QPA_PLATFORM:-}" ]; then
    echo "run-app: no display found; starting under xvfb-run" >&2
    exec xvfb-run -a -s "-screen 0 1600x1000x24" "$root/build/release/app/moelab" --dataset vowels "$@"
fi
exec "$root/build/release/app/moelab" --dataset vowels "$@"
