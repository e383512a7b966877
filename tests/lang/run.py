#!/usr/bin/env python3
"""Runs ftpy's Python golden tests (tests/lang) and compares them with CPython 3.14's results.

Each tests/lang/<topic>/<name>.py is one program testing one behaviour. Beside it, <name>.exp holds
what the oracle (CPython 3.14) produced for it: its exit code, stdout and stderr, in the format
written by scripts/regen_lang_golden.py. Expected files are only ever produced by that script, never
edited by hand (DEVELOPERS.md rule 2).

Usage: run.py FTPY [TEST.py ...]   (default: every test under tests/lang)
Prints one line per failure and, last, "N passed, M failed". Exit status 1 if any failed.
"""
import concurrent.futures
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
TIMEOUT = 60


def parse_expected(path):
    """Reads a .exp file: a header line 'exit N', then '--- stdout', text, '--- stderr', text."""
    with open(path, "rb") as f:
        data = f.read()
    header, rest = data.split(b"\n", 1)
    code = int(header.split()[1])
    out_marker, err_marker = b"--- stdout\n", b"\n--- stderr\n"
    assert rest.startswith(out_marker), path
    body = rest[len(out_marker):]
    stdout, stderr = body.split(err_marker, 1)
    return code, stdout, stderr


def run_program(interpreter, test):
    """Runs test the same way for ftpy and the oracle: from its own folder, by relative name, so that
    tracebacks show the same path."""
    folder, name = os.path.split(test)
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "LC_ALL": "C.UTF-8",
           "PYTHONHASHSEED": "0", "PYTHONIOENCODING": "utf-8"}
    proc = subprocess.run([interpreter, "-X", "utf8", name], cwd=folder, env=env,
                          stdin=subprocess.DEVNULL, capture_output=True, timeout=TIMEOUT)
    return proc.returncode, proc.stdout, proc.stderr


def check(interpreter, test):
    expected = parse_expected(test[:-3] + ".exp")
    try:
        actual = run_program(interpreter, test)
    except subprocess.TimeoutExpired:
        return f"{os.path.relpath(test, HERE)}: timed out after {TIMEOUT} s"
    for what, exp, act in zip(("exit code", "stdout", "stderr"), expected, actual):
        if exp != act:
            return f"{os.path.relpath(test, HERE)}: {what} differs (expected {exp!r:.200}, got {act!r:.200})"
    return None


def all_tests():
    for dirpath, _, names in sorted(os.walk(HERE)):
        for name in sorted(names):
            if name.endswith(".py") and name != "run.py" and os.path.exists(os.path.join(dirpath, name[:-3] + ".exp")):
                yield os.path.join(dirpath, name)


def main(argv):
    if len(argv) < 2:
        print(__doc__)
        return 2
    interpreter = os.path.abspath(argv[1])
    tests = [os.path.abspath(t) for t in argv[2:]] or list(all_tests())
    failures = []
    with concurrent.futures.ThreadPoolExecutor(max_workers=int(os.environ.get("FTPY_JOBS", "2"))) as pool:
        for result in pool.map(lambda t: check(interpreter, t), tests):
            if result:
                failures.append(result)
                print(result)
    print(f"{len(tests) - len(failures)} passed, {len(failures)} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
