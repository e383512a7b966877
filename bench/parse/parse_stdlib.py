#!/usr/bin/env python3
"""bench/parse/parse_stdlib.py: time ftpy's parser against CPython's on the whole standard library.

Usage: parse_stdlib.py [--ftpy-ast PATH] [--oracle PYTHON] [--stdlib DIR] [--best N] [--inner R]
                       [--limit K] [--top T]

Both sides parse every .py file under the oracle's standard library (default: the directory of the
oracle's os module), in one run, one file after another, on one core:
  ftpy:    `ftpy-ast --time R FILE` parses the file R times in one process and prints the mean
           (the source is already in memory, process start-up is not counted);
  CPython: the oracle, in one process, runs compile(src, path, 'exec', ast.PyCF_ONLY_AST) R times
           on the source bytes already in memory and takes the mean.
Each side's time for a file is the best of N such means. The table gives the totals over all
files, over the files both accept, and the largest files, with the ratio CPython / ftpy (above 1:
ftpy is faster). Note that CPython's time includes building the Python ast objects, a step ftpy's
parser has no counterpart for yet; ftpy's includes building its arena tree.

Use a Release build of ftpy-ast (`cmake -DCMAKE_BUILD_TYPE=Release`). Timing only: the script
asserts nothing and is not a test.
"""
import argparse
import os
import subprocess
import sys

ORACLE_TIMER = r'''
import ast, sys, time, warnings
warnings.simplefilter('ignore')
best, inner = int(sys.argv[1]), int(sys.argv[2])
for path in sys.stdin.read().split('\0'):
    if not path:
        continue
    with open(path, 'rb') as f:
        src = f.read()
    ok = 1
    times = []
    for _ in range(best):
        t0 = time.perf_counter()
        for _ in range(inner):
            try:
                compile(src, path, 'exec', ast.PyCF_ONLY_AST)
            except (SyntaxError, ValueError, MemoryError, RecursionError, OverflowError):
                ok = 0
        times.append((time.perf_counter() - t0) / inner)
    print('%d %.9f' % (ok, min(times)), flush=True)
'''


def find_files(root):
    out = []
    for d, dirs, files in os.walk(root):
        dirs[:] = sorted(x for x in dirs if x != '__pycache__')
        out.extend(os.path.join(d, f) for f in sorted(files)
                   if f.endswith('.py') and os.path.isfile(os.path.join(d, f)))
    return out


def ftpy_time(ftpy_ast, path, best, inner):
    """Best of `best` means of `inner` parses, in seconds, and whether the file parsed."""
    times = []
    for _ in range(best):
        r = subprocess.run([ftpy_ast, '--time', str(inner), path], capture_output=True, text=True)
        if r.returncode != 0 or 'ms per parse' not in r.stdout:
            return None, 0
        times.append(float(r.stdout.split()[0]) / 1e3)
    check = subprocess.run([ftpy_ast, path], capture_output=True)
    return min(times), int(check.returncode == 0)


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    root = os.path.dirname(os.path.dirname(here))
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--ftpy-ast', default=os.path.join(root, 'build', 'ftpy-ast'))
    # The oracle: $FTPY_ORACLE, else the one scripts/fetch-cpython.sh puts in build/, else /opt.
    fetched = os.path.join(root, 'build', 'cpython314', 'bin', 'python3.14')
    ap.add_argument('--oracle', default=os.environ.get(
        'FTPY_ORACLE', fetched if os.path.exists(fetched) else '/opt/cpython314/bin/python3.14'))
    ap.add_argument('--stdlib', default=None, help="default: the oracle's Lib directory")
    ap.add_argument('--best', type=int, default=3, help='best of N (default 3)')
    ap.add_argument('--inner', type=int, default=3, help='parses per sample (default 3)')
    ap.add_argument('--limit', type=int, default=0, help='only the first K files (0: all)')
    ap.add_argument('--top', type=int, default=10, help='largest files to list (default 10)')
    args = ap.parse_args()
    stdlib = args.stdlib or subprocess.run(
        [args.oracle, '-c', 'import os; print(os.path.dirname(os.__file__))'],
        capture_output=True, text=True, check=True).stdout.strip()
    files = find_files(stdlib)
    if args.limit:
        files = files[:args.limit]
    print('%d .py files under %s; best of %d, mean of %d parses each' %
          (len(files), stdlib, args.best, args.inner), flush=True)

    oracle = subprocess.run([args.oracle, '-c', ORACLE_TIMER, str(args.best), str(args.inner)],
                            input='\0'.join(files), capture_output=True, text=True, check=True)
    cpy = [(float(t), int(ok)) for ok, t in (line.split() for line in oracle.stdout.splitlines())]

    rows = []
    for i, path in enumerate(files):
        ft, ft_ok = ftpy_time(args.ftpy_ast, path, args.best, args.inner)
        rows.append((path, os.path.getsize(path), ft, ft_ok, cpy[i][0], cpy[i][1]))
        if (i + 1) % 200 == 0:
            print('  %d/%d' % (i + 1, len(files)), file=sys.stderr)

    def line(label, sel):
        ft = sum(r[2] for r in sel if r[2] is not None)
        cp = sum(r[4] for r in sel)
        ratio = '%.2fx' % (cp / ft) if ft > 0 else '-'
        print('%-44s %6d %10.1f %10.1f %8s' % (label, len(sel), ft * 1e3, cp * 1e3, ratio))

    print('%-44s %6s %10s %10s %8s' % ('', 'files', 'ftpy ms', 'CPython ms', 'CPy/ftpy'))
    timed = [r for r in rows if r[2] is not None]
    line('all files (ftpy timed)', timed)
    line('files both parse', [r for r in timed if r[3] and r[5]])
    line('files CPython rejects', [r for r in timed if not r[5]])
    for r in sorted(timed, key=lambda r: -r[1])[:args.top]:
        line(os.path.relpath(r[0], stdlib)[-44:], [r])
    untimed = [r for r in rows if r[2] is None]
    differ = [r for r in timed if r[3] != r[5]]
    print('ftpy-ast failed to run on %d files; accept/reject differs from CPython on %d files'
          % (len(untimed), len(differ)))
    for r in differ[:10]:
        print('  %s: ftpy %s, CPython %s' % (os.path.relpath(r[0], stdlib),
                                            'parses' if r[3] else 'rejects',
                                            'parses' if r[5] else 'rejects'))


if __name__ == '__main__':
    main()
