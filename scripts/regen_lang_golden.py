#!/usr/bin/env python3
"""Regenerates the expected results of tests/lang by running the oracle, CPython 3.14.

Usage: regen_lang_golden.py [TEST.py ...]   (default: every tests/lang/**/*.py)
The oracle is build/cpython314/bin/python3.14 (scripts/fetch-cpython.sh), or $FTPY_ORACLE.
Writes <name>.exp beside each test: 'exit N', then '--- stdout', the output, '--- stderr', the errors.
"""
import os
import sys

TOP = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(TOP, "tests", "lang"))
import run  # noqa: E402  (the runner: one way to run a program, shared by both sides)


def main(argv):
    oracle = os.environ.get("FTPY_ORACLE", os.path.join(TOP, "build", "cpython314", "bin", "python3.14"))
    if not os.access(oracle, os.X_OK):
        print(f"regen: no oracle at {oracle}; run scripts/fetch-cpython.sh first", file=sys.stderr)
        return 1
    tests = [os.path.abspath(t) for t in argv[1:]]
    if not tests:
        for dirpath, _, names in sorted(os.walk(run.HERE)):
            tests += [os.path.join(dirpath, n) for n in sorted(names) if n.endswith(".py") and n != "run.py"]
    for test in tests:
        code, out, err = run.run_program(oracle, test)
        with open(test[:-3] + ".exp", "wb") as f:
            f.write(b"exit %d\n--- stdout\n" % code + out + b"\n--- stderr\n" + err)
        print(f"regen: {os.path.relpath(test, TOP)}: exit {code}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
