#!/usr/bin/env python3
"""Checks ftpy's source rules that the compiler cannot: the layering of #include lines
(ARCHITECTURE.md: sync <- runtime <- objects <- gc, compiler, eval <- modules <- programs) and that
atomic operations are spelled only in sync/ (STYLE.md section 8).

Usage: check_layers.py [REPO_ROOT]. Prints one line per violation and exits 1 if there is any.
"""
import os
import re
import sys

# What each folder may include besides itself (the layer below, transitively listed).
ALLOWED = {
    "sync": set(),
    "runtime": {"sync"},
    "objects": {"sync", "runtime"},
    "gc": {"sync", "runtime", "objects"},
    "compiler": {"sync", "runtime", "objects", "eval"},   # codegen needs the opcode tables
    "eval": {"sync", "runtime", "objects", "gc", "compiler"},
    "modules": {"sync", "runtime", "objects", "gc", "compiler", "eval"},
    "programs": {"sync", "runtime", "objects", "gc", "compiler", "eval", "modules"},
}
# The one deliberate upward edge: objects/ calls Python code through eval's narrow call header.
# And code objects read the instruction table (cache sizes, de-specialization) to present co_code.
EXCEPTIONS = {("objects", "eval/call.h"), ("objects", "eval/opcode.h")}

INCLUDE = re.compile(r'^\s*#\s*include\s+"([^"]+)"')
ATOMIC = re.compile(r'\b(__atomic_\w+|__sync_\w+|_Atomic|atomic_(?:load|store|fetch_\w+|exchange|compare_exchange\w*|thread_fence)|ck_pr_\w+)\b|<stdatomic\.h>')


def source_files(root):
    for folder in ALLOWED:
        base = os.path.join(root, folder)
        for dirpath, _, names in os.walk(base):
            for name in sorted(names):
                if name.endswith((".c", ".h")):
                    yield folder, os.path.join(dirpath, name)


def strip_comments(line, in_block):
    """Removes // and /* */ comments so that prose mentioning an atomic does not count."""
    out = []
    i = 0
    while i < len(line):
        if in_block:
            end = line.find("*/", i)
            if end < 0:
                return "".join(out), True
            i = end + 2
            in_block = False
        elif line.startswith("/*", i):
            in_block = True
            i += 2
        elif line.startswith("//", i):
            break
        else:
            out.append(line[i])
            i += 1
    return "".join(out), in_block


def main():
    root = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "..", ".."))
    problems = []
    for folder, path in source_files(root):
        rel = os.path.relpath(path, root)
        in_block = False
        with open(path, encoding="utf-8", errors="replace") as f:
            for lineno, line in enumerate(f, 1):
                m = INCLUDE.match(line)
                if m:
                    target = m.group(1)
                    top = target.split("/", 1)[0]
                    if "/" in target and top in ALLOWED and top != folder:
                        if top not in ALLOWED[folder] and (folder, target) not in EXCEPTIONS:
                            problems.append(f"{rel}:{lineno}: layer '{folder}' may not include '{target}'")
                code, in_block = strip_comments(line, in_block)
                if folder != "sync" and ATOMIC.search(code):
                    problems.append(f"{rel}:{lineno}: atomic operation outside sync/: {code.strip()}")
    for p in problems:
        print(p)
    print(f"lint: {len(problems)} problem(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
