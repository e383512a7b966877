#!/bin/sh
# tests/gen/check_compiler_fresh.sh: fails if compiler/generated/{ast.gen.c,ast.gen.h,parser.gen.c} are
# not what their generators make from compiler/ast.asdl and compiler/python.gram now (STYLE.md
# section 2). The tables generated from the oracle (tokens, codecs, Unicode aliases) need CPython 3.14
# and are checked by regenerating them with `cmake --build build --target regen` and `git diff`.
#   usage: tests/gen/check_compiler_fresh.sh [REPO_ROOT] [PYTHON]
set -u
root=${1:-$(cd "$(dirname "$0")/../.." && pwd)}
python=${2:-python3}
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT INT TERM
"$python" "$root/compiler/gen/gen_ast.py" "$root/compiler/ast.asdl" "$tmp" >/dev/null || exit 2
"$python" "$root/compiler/gen/gen_parser.py" "$root/compiler/python.gram" "$tmp/parser.gen.c" \
    "$root/compiler/generated/tokens.gen.h" >/dev/null || exit 2
status=0
for name in ast.gen.c ast.gen.h parser.gen.c; do
    if ! cmp -s "$tmp/$name" "$root/compiler/generated/$name"; then
        echo "check_compiler_fresh: compiler/generated/$name is stale; run the regen target" >&2
        status=1
    fi
done
exit $status
