#!/usr/bin/env python3
"""bench/classic/run.py: times classic single-thread Python programs on ftpy and on the other
interpreters found, side by side in one run, and ftpy's start-up (`-c pass`).

Usage: run.py [--ftpy PATH] [--oracle PYTHON] [--other PYTHON ...] [--best N] [--quick] [PROGRAM ...]

Each program runs as a separate process with its size argument; its time is the best wall-clock time of
N runs. Before timing, every interpreter's output is compared with the oracle's (CPython 3.14): a
program whose output differs is reported as "wrong output" instead of a time, and one that fails as
"failed (exit N)". The ratio column is interpreter time / ftpy time (above 1: ftpy is faster).
Timing only: nothing is asserted and this is not a test (DEVELOPERS.md rule 7). Use a Release build.
"""
import argparse
import os
import shutil
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))

# name -> (script, full size, quick size)
PROGRAMS = {
    "nbody": ("nbody.py", "200000", "20000"),
    "fannkuch": ("fannkuch.py", "9", "8"),
    "spectral_norm": ("spectral_norm.py", "250", "100"),
    "richards": ("richards.py", "10", "2"),
    "nqueens": ("nqueens.py", "8", "7"),
    "pidigits": ("pidigits.py", "3000", "1000"),
}


def find_oracle():
    for cand in (os.environ.get("FTPY_ORACLE"), os.path.join(ROOT, "build/cpython314/bin/python3.14"),
                 "/opt/cpython314/bin/python3.14"):
        if cand and os.path.exists(cand):
            return cand
    return shutil.which("python3.14")


def run_once(interp, args):
    env = dict(os.environ, PYTHONHASHSEED="0")
    t0 = time.perf_counter()
    proc = subprocess.run([interp] + args, capture_output=True, env=env, cwd=HERE)
    return time.perf_counter() - t0, proc.returncode, proc.stdout


def measure(interp, args, best, expected):
    """Best time of `best` runs, or a string saying why there is none."""
    elapsed, code, out = run_once(interp, args)
    if code != 0:
        return f"failed (exit {code})"
    if expected is not None and out != expected:
        return "wrong output"
    times = [elapsed]
    for _ in range(best - 1):
        elapsed, code, out = run_once(interp, args)
        times.append(elapsed)
    return min(times)


def cell(value):
    return f"{value * 1000:9.1f} ms" if isinstance(value, float) else f"{value:>12}"


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--ftpy", default=os.path.join(ROOT, "build", "ftpy"))
    ap.add_argument("--oracle", default=find_oracle())
    ap.add_argument("--other", action="append", default=[], help="another interpreter to compare")
    ap.add_argument("--best", type=int, default=3)
    ap.add_argument("--quick", action="store_true", help="smaller sizes")
    ap.add_argument("programs", nargs="*", default=list(PROGRAMS))
    opts = ap.parse_args()
    opts.ftpy = os.path.abspath(opts.ftpy)   # the programs run from this folder
    if not opts.oracle:
        sys.exit("run.py: no CPython 3.14 found (scripts/fetch-cpython.sh, or --oracle)")
    others = [opts.oracle] + [o for o in opts.other + [shutil.which("pypy3") or ""] if o]
    names = ["ftpy"] + [os.path.basename(o) for o in others]
    print(f"{'program':<22}" + "".join(f"{n:>14}" for n in names) + "".join(f"{n + '/ftpy':>16}" for n in names[1:]))
    rows = [("start-up (-c pass)", ["-c", "pass"])]
    for name in opts.programs:
        script, full, quick = PROGRAMS[name]
        size = quick if opts.quick else full
        rows.append((f"{name} {size}", [script, size]))
    for label, args in rows:
        expected = run_once(opts.oracle, args)[2]
        results = [measure(opts.ftpy, args, opts.best, expected)]
        results += [measure(o, args, opts.best, expected) for o in others]
        ratios = []
        for r in results[1:]:
            ok = isinstance(r, float) and isinstance(results[0], float)
            ratios.append(f"{r / results[0]:15.2f}x" if ok else f"{'-':>16}")
        print(f"{label:<22}" + "".join(f"{cell(r):>14}" for r in results) + "".join(ratios), flush=True)


if __name__ == "__main__":
    main()
