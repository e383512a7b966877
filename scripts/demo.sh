#!/usr/bin/env bash
# Installs what is missing, builds ftpy (Release) and runs the main job: the thread-scaling demo.
#
# First the same CPU-bound Python program (bench/threads/scaling.py) runs on 1..N threads under
# ftpy, and, when CPython 3.14 is installed (scripts/fetch-cpython.sh), under CPython for contrast;
# then build/ftpy-demo shows the runtime alone (allocation, reference counting, stop-the-world
# pauses). N is the number of CPUs (FTPY_DEMO_THREADS overrides it). Extra arguments go to
# ftpy-demo (e.g. --seconds 1).
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
scripts/install-deps.sh
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build -j "${FTPY_JOBS:-2}"
threads=${FTPY_DEMO_THREADS:-$(nproc)}
echo "== Python threads, ftpy"
build/ftpy bench/threads/scaling.py "$threads"
for oracle in "${FTPY_ORACLE:-}" build/cpython314/bin/python3.14 /opt/cpython314/bin/python3.14; do
    if [ -n "$oracle" ] && [ -x "$oracle" ]; then
        echo "== Python threads, CPython ($oracle)"
        "$oracle" bench/threads/scaling.py "$threads"
        break
    fi
done
echo "== the runtime alone (build/ftpy-demo)"
exec build/ftpy-demo --threads "$threads" "$@"
