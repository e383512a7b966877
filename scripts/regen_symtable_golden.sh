#!/bin/sh
# scripts/regen_symtable_golden.sh: regenerate tests/compiler/symtable/*.exp from the reference
# interpreter.
#
# Each tests/compiler/symtable/NAME.py gets NAME.exp: the canonical dump of CPython 3.14's
# `symtable.symtable(source, path, 'exec')` as scripts/compare_symtable.py --dump prints it, or
# for a file CPython rejects the line `CLASS: MSG (LINE, OFFSET, END_LINE, END_OFFSET)` -- exactly
# what build/ftpy-symtable must print. tests/unit/compiler/test_symtable.c compares against them.
set -eu
# The oracle: $FTPY_ORACLE, else the one scripts/fetch-cpython.sh puts in build/, else /opt.
fetched="$(cd "$(dirname "$0")/.." && pwd)/build/cpython314/bin/python3.14"
[ -x "$fetched" ] || fetched=/opt/cpython314/bin/python3.14
ORACLE=${FTPY_ORACLE:-$fetched}
HERE=$(cd "$(dirname "$0")" && pwd)
DIR=$(cd "$HERE/../tests/compiler/symtable" && pwd)
for src in "$DIR"/*.py; do
    "$ORACLE" "$HERE/compare_symtable.py" --dump "$src" > "${src%.py}.exp"
done
echo "regenerated $(ls "$DIR"/*.exp | wc -l) golden files in $DIR"
