#!/usr/bin/env python3
"""Regenerates the expected results of tests/lang by running the oracle, CPython 3.14.

Usage: regen_lang_golden.py [--new-pending] [TEST.py ...]   (default: every tests/lang/**/*.py)
The oracle is $FTPY_ORACLE, else build/cpython314/bin/python3.14 (scripts/fetch-cpython.sh), else
/opt/cpython314/bin/python3.14. Runs each program exactly as tests/lang/run.py runs ftpy and writes
<name>.exp beside it: 'exit N', then '--- stdout', the output, '--- stderr', the errors.
With --new-pending, tests that had no .exp yet (first written) are added to tests/lang/PENDING.
"""
import os
import sys

TOP = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(TOP, "tests", "lang"))
import run  # noqa: E402  (the runner: one way to run a program, shared by both sides)


def find_oracle():
    candidates = [os.environ.get("FTPY_ORACLE"),
                  os.path.join(TOP, "build", "cpython314", "bin", "python3.14"),
                  "/opt/cpython314/bin/python3.14"]
    for c in candidates:
        if c and os.access(c, os.X_OK):
            return c
    return None


def main(argv):
    args = argv[1:]
    new_pending = "--new-pending" in args
    args = [a for a in args if a != "--new-pending"]
    unknown = [a for a in args if a.startswith("-")]
    if unknown or any(not a.endswith(".py") for a in args):
        print(__doc__, file=sys.stderr)
        return 2
    oracle = find_oracle()
    if oracle is None:
        print("regen: no oracle found; run scripts/fetch-cpython.sh first", file=sys.stderr)
        return 1
    tests = [os.path.abspath(t) for t in args]
    if not tests:
        for dirpath, dirnames, names in os.walk(run.HERE):
            dirnames.sort()
            tests += [os.path.join(dirpath, n) for n in sorted(names) if n.endswith(".py") and n != "run.py"]
    added = set()
    for test in tests:
        exp = test[:-3] + ".exp"
        if not os.path.exists(exp):
            added.add(run.relname(test))
        code, out, err = run.run_program(oracle, test)
        with open(exp, "wb") as f:
            f.write(b"exit %d\n--- stdout\n" % code + out + b"\n--- stderr\n" + err)
        print(f"regen: {os.path.relpath(test, TOP)}: exit {code}")
    if new_pending and added:
        run.write_pending(run.read_pending() | added)
        print(f"regen: added {len(added)} new test(s) to tests/lang/PENDING")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
