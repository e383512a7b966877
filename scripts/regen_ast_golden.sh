#!/bin/sh
# scripts/regen_ast_golden.sh: regenerate tests/compiler/ast/*.exp from the reference interpreter.
#
# Each tests/compiler/ast/NAME.py gets NAME.exp: CPython 3.14's
# `ast.dump(ast.parse(source), include_attributes=True)`, or for a file CPython rejects the line
# `CLASS: MSG (LINE, OFFSET, END_LINE, END_OFFSET)` -- exactly what build/ftpy-ast must print.
# tests/unit/compiler/test_parser.c compares ftpy's output with these files.
set -eu
# The oracle: $FTPY_ORACLE, else the one scripts/fetch-cpython.sh puts in build/, else /opt.
fetched="$(cd "$(dirname "$0")/.." && pwd)/build/cpython314/bin/python3.14"
[ -x "$fetched" ] || fetched=/opt/cpython314/bin/python3.14
ORACLE=${FTPY_ORACLE:-$fetched}
DIR=$(cd "$(dirname "$0")/../tests/compiler/ast" && pwd)
for src in "$DIR"/*.py; do
    "$ORACLE" - "$src" > "${src%.py}.exp" <<'PY'
import ast, sys
with open(sys.argv[1], 'rb') as f:
    source = f.read()
try:
    print(ast.dump(ast.parse(source), include_attributes=True))
except SyntaxError as e:
    print('%s: %s (%s, %s, %s, %s)' % (type(e).__name__, e.msg, e.lineno, e.offset,
                                       e.end_lineno, e.end_offset))
PY
done
echo "regenerated $(ls "$DIR"/*.exp | wc -l) golden files in $DIR"
