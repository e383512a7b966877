#!/usr/bin/env python3
"""Runs ftpy's Python golden tests (tests/lang) and compares them with CPython 3.14's results.

Each tests/lang/<topic>/<name>.py is one program testing one behaviour. Beside it, <name>.exp holds
what the oracle (CPython 3.14) produced for it: its exit code, stdout and stderr, in the format
written by scripts/regen_lang_golden.py. Expected files are only ever produced by that script, never
edited by hand (DEVELOPERS.md rule 2).

tests/lang/PENDING lists (one relative path a line, sorted) the tests not yet expected to pass. A
pending test that fails is reported as pending, not failed; a pending test that passes is counted as
passed and reported as "now passes: remove it from PENDING" (--update-pending does that).

Usage: run.py [--update-pending] FTPY [TEST.py ...]   (default: every test under tests/lang)
Prints one line per failure, then "N passed, M failed, K pending" and, last (the CI contract),
"N passed, M failed".
Exit status 1 if any non-pending test failed.
"""
import concurrent.futures
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
PENDING = os.path.join(HERE, "PENDING")
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


def program_env():
    """The environment both ftpy and the oracle run in: fixed locale, hash seed and encoding, plus
    the sanitizers' settings that ctest gives (halt on the first report, TSan's suppressions)."""
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "LC_ALL": "C.UTF-8",
           "PYTHONHASHSEED": "0", "PYTHONIOENCODING": "utf-8"}
    for name in ("ASAN_OPTIONS", "TSAN_OPTIONS", "UBSAN_OPTIONS", "LSAN_OPTIONS"):
        if name in os.environ:
            env[name] = os.environ[name]
    return env


def run_program(interpreter, test):
    """Runs test the same way for ftpy and the oracle: from its own folder, by relative name, so that
    tracebacks show the same path."""
    folder, name = os.path.split(test)
    proc = subprocess.run([interpreter, "-X", "utf8", name], cwd=folder, env=program_env(),
                          stdin=subprocess.DEVNULL, capture_output=True, timeout=TIMEOUT)
    return proc.returncode, portable(proc.stdout, folder), portable(proc.stderr, folder)


def portable(data, folder):
    """Tracebacks name the script by absolute path; the checkout's location is replaced by $LANGDIR
    (the tests/lang folder) so that expected files do not depend on where the repository lives."""
    return data.replace(os.fsencode(HERE + os.sep), b"$LANGDIR/")


def relname(test):
    return os.path.relpath(test, HERE).replace(os.sep, "/")


def check(interpreter, test):
    """Returns None if test behaves as its .exp says, else a one-line description of the difference."""
    expected = parse_expected(test[:-3] + ".exp")
    try:
        actual = run_program(interpreter, test)
    except subprocess.TimeoutExpired:
        return f"{relname(test)}: timed out after {TIMEOUT} s"
    except OSError as e:
        return f"{relname(test)}: cannot run {interpreter}: {e}"
    for what, exp, act in zip(("exit code", "stdout", "stderr"), expected, actual):
        if exp != act:
            return f"{relname(test)}: {what} differs (expected {exp!r:.200}, got {act!r:.200})"
    return None


def read_pending():
    """The set of relative test paths listed in PENDING (blank lines and '#' comments ignored)."""
    if not os.path.exists(PENDING):
        return set()
    with open(PENDING, encoding="utf-8") as f:
        return {line.strip() for line in f if line.strip() and not line.startswith("#")}


def write_pending(names):
    with open(PENDING, "w", encoding="utf-8") as f:
        for name in sorted(names):
            f.write(name + "\n")


def all_tests():
    for dirpath, dirnames, names in os.walk(HERE):
        dirnames.sort()
        for name in sorted(names):
            if name.endswith(".py") and name != "run.py" and os.path.exists(os.path.join(dirpath, name[:-3] + ".exp")):
                yield os.path.join(dirpath, name)


def main(argv):
    args = argv[1:]
    update = "--update-pending" in args
    args = [a for a in args if a != "--update-pending"]
    if not args:
        print(__doc__)
        return 2
    interpreter = os.path.abspath(args[0])
    tests = [os.path.abspath(t) for t in args[1:]] or sorted(all_tests())
    pending = read_pending()
    failed, now_pass, still_pending = [], [], []
    jobs = int(os.environ.get("FTPY_JOBS", "2"))
    with concurrent.futures.ThreadPoolExecutor(max_workers=jobs) as pool:
        for test, result in zip(tests, pool.map(lambda t: check(interpreter, t), tests)):
            name = relname(test)
            if name in pending:
                if result:
                    still_pending.append(name)
                else:
                    now_pass.append(name)
                    print(f"{name}: now passes: remove it from PENDING")
            elif result:
                failed.append(result)
                print(result)
    if update and now_pass:
        write_pending(pending - set(now_pass))
        print(f"removed {len(now_pass)} test(s) from PENDING")
    passed = len(tests) - len(failed) - len(still_pending)
    print(f"{passed} passed, {len(failed)} failed, {len(still_pending)} pending")
    print(f"{passed} passed, {len(failed)} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
