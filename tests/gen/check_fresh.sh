#!/bin/sh
# tests/gen/check_fresh.sh: fails if the committed eval/generated/ files are stale.
#
# Regenerates eval/bytecodes.def into a temporary folder with eval/gen/gen_cases.py and diffs the
# result against eval/generated/ (STYLE.md section 2: generated files are committed, and CI fails when
# they differ from what the generator makes). Needs only python3 and diff.
#
#   usage: tests/gen/check_fresh.sh [REPO_ROOT] [PYTHON]
# Exit status 0 when fresh, 1 when stale (the diff is printed), 2 when the generator fails.
set -u
root=${1:-$(cd "$(dirname "$0")/../.." && pwd)}
python=${2:-python3}
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT INT TERM

if ! "$python" "$root/eval/gen/gen_cases.py" --input "$root/eval/bytecodes.def" --output-dir "$tmp"; then
    echo "check_fresh: the generator failed" >&2
    exit 2
fi
status=0
for f in "$tmp"/*; do
    name=$(basename "$f")
    if ! diff -u "$root/eval/generated/$name" "$f"; then
        status=1
    fi
done
for f in "$root"/eval/generated/*; do
    name=$(basename "$f")
    if [ ! -e "$tmp/$name" ]; then
        echo "check_fresh: eval/generated/$name is not produced by the generator" >&2
        status=1
    fi
done
if [ "$status" -eq 0 ]; then
    echo "check_fresh: eval/generated/ is up to date"
else
    echo "check_fresh: eval/generated/ is stale; run python3 eval/gen/gen_cases.py" >&2
fi
exit "$status"
