#!/usr/bin/env python3
"""scripts/compare_ast.py: compare build/ftpy-ast with CPython's ast.dump over a corpus.

Usage: compare_ast.py [--ftpy-ast PATH] [--oracle PYTHON] [--jobs N] [--show N] [--time N] PATH...

Every PATH is a .py file or a directory searched recursively for .py files. For each file the
oracle prints `ast.dump(ast.parse(source), include_attributes=True)` (or the one-line error
`CLASS: MSG (LINE, OFFSET, END_LINE, END_OFFSET)`), ftpy-ast prints its own, and the outputs are
compared. Prints the first difference for up to --show differing files, then the counts:
identical / different / ftpy errors on files the oracle parses, and the percentage identical
among the files the oracle parses (the issue #3 bar is 99.5%).

With --time N it instead measures parsing: each file is parsed N times by `ftpy-ast --time N` and
by the oracle's ast.parse (in one process, source already in memory), and the total time per
parse of the whole corpus is printed for both (use a Release build of ftpy-ast).
"""
import argparse
import concurrent.futures
import os
import subprocess
import sys

ORACLE_SNIPPET = r'''
import ast, sys
for path in sys.argv[1:]:
    with open(path, 'rb') as f:
        src = f.read()
    try:
        out = ast.dump(ast.parse(src), include_attributes=True)
    except (SyntaxError, ValueError, UnicodeDecodeError, OverflowError, MemoryError, RecursionError) as e:
        if isinstance(e, SyntaxError):
            out = '%s: %s (%s, %s, %s, %s)' % (type(e).__name__, e.msg, e.lineno, e.offset,
                                                e.end_lineno, e.end_offset)
        else:
            out = '%s: %s' % (type(e).__name__, e)
    sys.stdout.write(repr(out) + '\n')
'''


def collect(paths):
    files = []
    for p in paths:
        if os.path.isdir(p):
            for root, dirs, names in os.walk(p):
                dirs.sort()
                for n in sorted(names):
                    if n.endswith(".py") and os.path.isfile(os.path.join(root, n)):
                        files.append(os.path.join(root, n))
        else:
            files.append(p)
    return files


def oracle_outputs(oracle, files):
    out = []
    for i in range(0, len(files), 200):
        chunk = files[i:i + 200]
        res = subprocess.run([oracle, "-c", ORACLE_SNIPPET] + chunk, capture_output=True, text=True,
                             errors="replace")
        lines = res.stdout.splitlines()
        if len(lines) != len(chunk):
            raise SystemExit("oracle failed on %s: %s" % (chunk[0], res.stderr[-2000:]))
        import ast as _ast
        out.extend(_ast.literal_eval(line) for line in lines)
    return out


def run_ftpy(tool, path):
    try:
        res = subprocess.run([tool, path], capture_output=True, timeout=60)
    except subprocess.TimeoutExpired:
        return "<timeout>", -1
    text = res.stdout.decode("utf-8", errors="replace").rstrip("\n")
    if res.returncode not in (0, 1):
        text += "<exit %d: %s>" % (res.returncode, res.stderr.decode(errors="replace")[-300:])
    return text, res.returncode


ORACLE_TIMER = r'''
import ast, sys, time
total = 0.0
n = int(sys.argv[1])
for path in sys.argv[2:]:
    with open(path, 'rb') as f:
        src = f.read()
    try:
        ast.parse(src)
    except Exception:
        continue
    t0 = time.perf_counter()
    for _ in range(n):
        ast.parse(src)
    total += (time.perf_counter() - t0) / n
print(total)
'''


def time_corpus(args, files):
    ftpy_total = 0.0
    for path in files:
        res = subprocess.run([args.ftpy_ast, "--time", str(args.time), path], capture_output=True,
                             text=True)
        if res.returncode == 0 and res.stdout.endswith("ms per parse\n"):
            ftpy_total += float(res.stdout.split()[0]) / 1e3
    oracle_total = 0.0
    for i in range(0, len(files), 200):
        res = subprocess.run([args.oracle, "-c", ORACLE_TIMER, str(args.time)] + files[i:i + 200],
                             capture_output=True, text=True)
        oracle_total += float(res.stdout.strip() or 0)
    print("parse time for %d files: ftpy %.1f ms, CPython ast.parse %.1f ms (ratio %.2f)"
          % (len(files), ftpy_total * 1e3, oracle_total * 1e3,
             ftpy_total / oracle_total if oracle_total else 0.0))


def first_difference(a, b, width=160):
    i = 0
    n = min(len(a), len(b))
    while i < n and a[i] == b[i]:
        i += 1
    lo = max(0, i - 60)
    return "  ftpy:   ...%s\n  oracle: ...%s" % (a[lo:lo + width], b[lo:lo + width])


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser()
    ap.add_argument("--ftpy-ast", default=os.path.join(here, "..", "build", "ftpy-ast"))
    # The oracle: $FTPY_ORACLE, else the one scripts/fetch-cpython.sh puts in build/, else /opt.
    fetched = os.path.join(here, "..", "build", "cpython314", "bin", "python3.14")
    ap.add_argument("--oracle", default=os.environ.get(
        "FTPY_ORACLE", fetched if os.path.exists(fetched) else "/opt/cpython314/bin/python3.14"))
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--show", type=int, default=20)
    ap.add_argument("--time", type=int, default=0)
    ap.add_argument("paths", nargs="+")
    args = ap.parse_args()
    files = collect(args.paths)
    if args.time:
        time_corpus(args, files)
        return 0
    expected = oracle_outputs(args.oracle, files)
    with concurrent.futures.ThreadPoolExecutor(args.jobs) as pool:
        got = list(pool.map(lambda f: run_ftpy(args.ftpy_ast, f), files))
    same = diff = ftpy_err = oracle_err = oracle_err_same = 0
    shown = 0
    for path, exp, (out, rc) in zip(files, expected, got):
        oracle_failed = not exp.startswith(("Module(", "Expression("))
        if oracle_failed:
            oracle_err += 1
            oracle_err_same += out == exp
            continue
        if out == exp:
            same += 1
            continue
        if rc != 0:
            ftpy_err += 1
        else:
            diff += 1
        if shown < args.show:
            shown += 1
            print("DIFF %s" % path)
            print(first_difference(out, exp))
    parsed = same + diff + ftpy_err
    pct = 100.0 * same / parsed if parsed else 0.0
    print("files: %d; oracle parses %d: identical %d, different %d, ftpy error %d (%.2f%% identical)"
          % (len(files), parsed, same, diff, ftpy_err, pct))
    print("oracle rejects %d: ftpy prints the same error line for %d" % (oracle_err, oracle_err_same))
    return 0 if pct >= 99.5 else 1


if __name__ == "__main__":
    sys.exit(main())
