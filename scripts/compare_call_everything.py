#!/usr/bin/env python3
"""Runs tests/fuzz/builtins/call_everything.py under ftpy and under the oracle and lists where the
outcomes differ: the result's type, or the exception's class and message.

Usage: compare_call_everything.py FTPY [--details FILE] [--no-messages]
Exits with status 1 when either run did not finish with status 0. Prints one summary line per
differing target (`type.method`), the targets whose outcome *type*
differs first (a wrong exception class or a result where CPython raises), then the totals. With
--details, writes up to three differing calls per target, with both outcomes, to FILE.
The oracle is $FTPY_ORACLE, else build/cpython314/bin/python3.14, else /opt/cpython314/bin/python3.14.
"""
import collections
import os
import subprocess
import sys

TOP = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PROGRAM = os.path.join(TOP, "tests", "fuzz", "builtins", "call_everything.py")


def find_oracle():
    for c in (os.environ.get("FTPY_ORACLE"), os.path.join(TOP, "build", "cpython314", "bin", "python3.14"),
              "/opt/cpython314/bin/python3.14"):
        if c and os.access(c, os.X_OK):
            return c
    sys.exit("compare_call_everything: no oracle found; run scripts/fetch-cpython.sh first")


def outcomes(interpreter, messages):
    """({call label: [outcome, ...]}, finished) of one run (a label repeats when a getattr line
    follows it); finished is False when the run did not end with status 0."""
    args = [interpreter, "-X", "utf8", PROGRAM, "--report"] + (["--messages"] if messages else [])
    env = dict(os.environ, PYTHONHASHSEED="0", LC_ALL="C.UTF-8")
    proc = subprocess.run(args, capture_output=True, env=env, timeout=1800)
    text = proc.stdout.decode("utf-8", "surrogateescape")
    if proc.returncode != 0:
        print(f"{interpreter}: exit status {proc.returncode}; stderr ends with:", file=sys.stderr)
        print(proc.stderr.decode("utf-8", "replace")[-2000:], file=sys.stderr)
    table = {}
    for line in text.splitlines():
        label, _, outcome = line.partition(" ")
        table.setdefault(label, []).append(outcome)
    return table, proc.returncode == 0


def target_of(label):
    """`type.method` of a call label: `str.find#3` (bound) or `str.find@3`, called through the class
    with a wrong receiver (shown as `str.find (unbound)`)."""
    return label.replace("@", "#").split("#")[0] + (" (unbound)" if "@" in label else "")


def outcome_kind(outcome):
    return outcome.split(":", 1)[0]


def main(argv):
    if len(argv) < 2:
        print(__doc__, file=sys.stderr)
        return 2
    ftpy = argv[1]
    details = argv[argv.index("--details") + 1] if "--details" in argv else None
    messages = "--no-messages" not in argv
    expected, oracle_finished = outcomes(find_oracle(), messages)
    actual, ftpy_finished = outcomes(ftpy, messages)
    by_target = collections.defaultdict(list)
    for label, want in expected.items():
        got = actual.get(label)
        if got != want:
            kind_differs = got is None or [outcome_kind(o) for o in got] != [outcome_kind(o) for o in want]
            by_target[target_of(label)].append((label, want, got, kind_differs))
    kind_targets = sorted(t for t, calls in by_target.items() if any(c[3] for c in calls))
    message_targets = sorted(t for t in by_target if t not in kind_targets)
    for target in kind_targets:
        n = sum(1 for c in by_target[target] if c[3])
        print(f"outcome  {target}: {n} call(s)")
    for target in message_targets:
        print(f"message  {target}: {len(by_target[target])} call(s)")
    if details:
        with open(details, "w", encoding="utf-8", errors="surrogateescape") as f:
            for target in kind_targets + message_targets:
                calls = sorted(by_target[target], key=lambda c: not c[3])
                f.write(f"== {target}\n")
                for label, want, got, _ in calls[:3]:
                    f.write(f"   {label}\n     cpython: {want}\n     ftpy:    {got}\n")
    only_ftpy = sorted(label for label in actual if label not in expected)
    if only_ftpy:
        print(f"{len(only_ftpy)} call(s) only ftpy made, first: {only_ftpy[0]}")
    targets = {target_of(label) for label in expected}
    print(f"{len(expected)} calls on {len(targets)} targets: {len(by_target)} targets differ "
          f"({len(kind_targets)} in an outcome's type, {len(message_targets)} only in a message)")
    # A run that did not finish (a crash, a failed start) makes the comparison meaningless.
    return 0 if oracle_finished and ftpy_finished else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
