#!/usr/bin/env python3
"""Compare ftpy's symbol tables with CPython 3.14's (run this with the reference interpreter).

    compare_symtable.py --dump FILE          print CPython's canonical dump of FILE
    compare_symtable.py [-v] [--ftpy EXE] PATH...
                                             diff build/ftpy-symtable against CPython over files
                                             and directories (*.py, recursively)

The canonical form (the same text compiler/symtable.c's ft_symtable_dump() writes): per block a
line `TYPE NAME line LINENO nested 0|1`, then `  varnames V...`, then one line per symbol sorted by
name, `  symbol NAME SCOPE FLAG...` (flags in CPython's bit order), then the children indented by
two more spaces. A file CPython rejects prints `CLASS: MSG (LINE, OFFSET, END_LINE, END_OFFSET)`.
The summary counts files both parsers accept and the share with identical output.
"""
import argparse
import ast
import concurrent.futures
import difflib
import os
import subprocess
import sys

import _symtable
import symtable

TYPES = ["function", "class", "module", "annotation", "type_alias", "type_parameters",
         "type_variable"]
SCOPES = ["NONE", "LOCAL", "GLOBAL_EXPLICIT", "GLOBAL_IMPLICIT", "FREE", "CELL"]
FLAGS = ["DEF_GLOBAL", "DEF_LOCAL", "DEF_PARAM", "DEF_NONLOCAL", "USE", "DEF_FREE_CLASS",
         "DEF_IMPORT", "DEF_ANNOT", "DEF_COMP_ITER", "DEF_TYPE_PARAM", "DEF_COMP_CELL"]


def dump_table(table, indent, out):
    raw = table._table
    pad = " " * indent
    out.append(f"{pad}{TYPES[raw.type]} {raw.name} line {raw.lineno} nested {int(raw.nested)}")
    out.append(f"{pad}  varnames" + "".join(" " + v for v in raw.varnames))
    for name in sorted(raw.symbols, key=lambda n: n.encode("utf-8", "surrogatepass")):
        flags = raw.symbols[name]
        scope = (flags >> _symtable.SCOPE_OFF) & _symtable.SCOPE_MASK
        rest = flags & ((1 << _symtable.SCOPE_OFF) - 1)
        line = f"{pad}  symbol {name} {SCOPES[scope] if scope < len(SCOPES) else '?'}"
        for flag in FLAGS:
            bit = getattr(_symtable, flag)
            if rest & bit:
                line += " " + flag
                rest &= ~bit
        if rest:
            line += f" {rest:#x}"
        out.append(line)
    for child in table.get_children():
        dump_table(child, indent + 2, out)


def fmt(v):
    return "None" if v is None else str(v)


def cpython_dump(path):
    """Returns (parsed, text): parsed is False when CPython's parser rejects the file."""
    with open(path, "rb") as f:
        source = f.read()
    try:
        ast.parse(source, path)
    except (SyntaxError, ValueError) as e:
        return False, error_line(e)
    try:
        table = symtable.symtable(source, path, "exec")
    except (SyntaxError, ValueError) as e:
        return True, error_line(e)
    out = []
    dump_table(table, 0, out)
    return True, "\n".join(out) + "\n"


def error_line(e):
    if isinstance(e, SyntaxError):
        return (f"{type(e).__name__}: {e.msg} ({fmt(e.lineno)}, {fmt(e.offset)}, "
                f"{fmt(e.end_lineno)}, {fmt(e.end_offset)})\n")
    return f"{type(e).__name__}: {e}\n"


def ftpy_dump(exe, path):
    """Returns (parsed, text) from build/ftpy-symtable (exit status 3: parser rejected it)."""
    proc = subprocess.run([exe, path], capture_output=True, timeout=60)
    return proc.returncode != 3, proc.stdout.decode("utf-8", "surrogateescape")


def collect(paths):
    for p in paths:
        if os.path.isdir(p):
            for root, dirs, files in os.walk(p):
                dirs.sort()
                for name in sorted(files):
                    if name.endswith(".py") and os.path.isfile(os.path.join(root, name)):
                        yield os.path.join(root, name)
        else:
            yield p


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser()
    ap.add_argument("--dump", action="store_true", help="print CPython's dump of one file")
    ap.add_argument("--ftpy", default=os.path.join(here, "..", "build", "ftpy-symtable"))
    ap.add_argument("-v", "--verbose", action="store_true", help="show the diffs")
    ap.add_argument("-j", "--jobs", type=int, default=2)
    ap.add_argument("paths", nargs="+")
    args = ap.parse_args()
    if args.dump:
        for path in args.paths:
            sys.stdout.write(cpython_dump(path)[1])
        return 0

    files = list(collect(args.paths))

    def one(path):
        c_ok, c_text = cpython_dump(path)
        f_ok, f_text = ftpy_dump(args.ftpy, path)
        return path, c_ok, c_text, f_ok, f_text

    both = same = 0
    rejected = []
    differing = []
    with concurrent.futures.ThreadPoolExecutor(args.jobs) as pool:
        for path, c_ok, c_text, f_ok, f_text in pool.map(one, files):
            if c_ok != f_ok and c_text == f_text:
                # A `from __future__` error: CPython's parser reports it, ftpy's symbol table.
                c_ok = f_ok = True
            if not (c_ok and f_ok):
                if c_ok != f_ok:
                    rejected.append((path, c_text if not c_ok else f_text))
                continue
            both += 1
            if c_text == f_text:
                same += 1
                continue
            differing.append(path)
            if args.verbose:
                diff = difflib.unified_diff(c_text.splitlines(), f_text.splitlines(),
                                            "cpython", "ftpy", lineterm="", n=2)
                print(f"--- {path}")
                for i, line in enumerate(diff):
                    if i >= 40:
                        print("  ...")
                        break
                    print("  " + line)
    for path in differing:
        print(f"DIFF {path}")
    for path, why in rejected:
        print(f"PARSE-MISMATCH {path}: {why.strip()[:160]}")
    share = 100.0 * same / both if both else 0.0
    print(f"{len(files)} files, {both} parsed by both, {same} identical ({share:.1f}%), "
          f"{len(differing)} differ, {len(rejected)} accepted by only one parser")
    return 0 if same == both else 1


if __name__ == "__main__":
    sys.exit(main())
