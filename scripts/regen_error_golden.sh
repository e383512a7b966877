#!/bin/sh
# scripts/regen_error_golden.sh: regenerate tests/compiler/errors/expected.txt from the oracle.
#
# Every tests/compiler/errors/NAME.py is a small program CPython 3.14's parser rejects (written
# for ftpy, not taken from CPython's tests). expected.txt gets one line per file, sorted by name:
# `NAME.py: CLASS: MSG (LINE, OFFSET, END_LINE, END_OFFSET)`, the oracle's ast.parse() error for
# the file's bytes -- the line build/ftpy-ast prints. tests/unit/compiler/test_syntax_errors.c
# checks ftpy against it. Fails if the oracle accepts a file (it would test nothing).
set -eu
# The oracle: $FTPY_ORACLE, else the one scripts/fetch-cpython.sh puts in build/, else /opt.
fetched="$(cd "$(dirname "$0")/.." && pwd)/build/cpython314/bin/python3.14"
[ -x "$fetched" ] || fetched=/opt/cpython314/bin/python3.14
ORACLE=${FTPY_ORACLE:-$fetched}
DIR=$(cd "$(dirname "$0")/../tests/compiler/errors" && pwd)
"$ORACLE" - "$DIR" <<'PY'
import ast, os, sys, warnings
d = sys.argv[1]
lines, bad = [], []
for name in sorted(n for n in os.listdir(d) if n.endswith(".py")):
    with open(os.path.join(d, name), "rb") as f:
        source = f.read()
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            ast.parse(source)
    except SyntaxError as e:
        lines.append("%s: %s: %s (%s, %s, %s, %s)" % (name, type(e).__name__, e.msg, e.lineno,
                                                     e.offset, e.end_lineno, e.end_offset))
        continue
    bad.append(name)
if bad:
    sys.exit("regen_error_golden: the oracle accepts %s" % ", ".join(bad))
with open(os.path.join(d, "expected.txt"), "w", encoding="utf-8") as f:
    f.write("\n".join(lines) + "\n")
print("wrote %d expected errors to %s/expected.txt" % (len(lines), d))
PY
