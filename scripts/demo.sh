#!/usr/bin/env bash
# Installs what is missing, builds ftpy (Release) and runs the main job: the thread-scaling demo.
# Extra arguments go to the demo (e.g. --threads 4 --seconds 1).
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
scripts/install-deps.sh
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build -j "${FTPY_JOBS:-2}"
exec build/ftpy-demo "$@"
