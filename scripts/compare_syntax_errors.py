#!/usr/bin/env python3
"""scripts/compare_syntax_errors.py: how many of CPython's SyntaxErrors ftpy reproduces exactly.

Usage: compare_syntax_errors.py [--ftpy-ast build/ftpy-ast | --ftpy-dis build/ftpy-dis] [--show N]
                                [--module M] [--stage S] SNIPPETS.json

SNIPPETS.json is what scripts/extract_syntax_snippets.py wrote (snippets with the oracle's error).
Each snippet goes through `ftpy-ast FILE`, which prints `CLASS: MSG (LINE, OFFSET, END_LINE,
END_OFFSET)` for rejected input. Reports the share matching class+msg+line+offset, the share that
also matches the end positions, and the mismatches grouped by CPython's message (most common
first, up to N examples each), also split by stage: "parser" snippets are rejected by CPython's
ast.parse(), "compiler" ones only by its symbol table / code generator. ftpy-ast only parses, so it
accepts the "compiler" ones; `--ftpy-dis` runs ftpy's whole compiler instead (ftpy-dis prints the
same one-line form for a SyntaxError), which is the figure for both stages. Exit status 0 always (it
is a report, not a gate).
"""
import argparse
import collections
import json
import os
import re
import subprocess
import sys
import tempfile

LINE_RE = re.compile(r"^(\w+): (.*) \((\S+), (\S+), (\S+), (\S+)\)$")


def as_int(s):
    return None if s == "None" else int(s)


CODING_RE = re.compile(r"^[ \t\f]*#.*?coding[:=][ \t]*([-\w.]+)")


def source_bytes(src):
    """The snippet as a file: CPython compiled it as a str, which ignores a coding cookie, so a
    snippet that declares one is written in that encoding (when it can be) to mean the same text."""
    for line in src.split("\n")[:2]:
        m = CODING_RE.match(line)
        if m:
            try:
                return src.encode(m.group(1))
            except (LookupError, UnicodeError):
                break
    return src.encode("utf-8", "surrogatepass")


def run_one(exe, src, path):
    with open(path, "wb") as f:
        f.write(source_bytes(src))
    try:
        r = subprocess.run([exe, path], capture_output=True, timeout=20)
    except subprocess.TimeoutExpired:
        return {"class": "Timeout"}
    out = r.stdout.decode("utf-8", "replace").strip()
    if r.returncode < 0 or r.returncode > 1:
        return {"class": "Crash(%d)" % r.returncode}
    if r.returncode == 0:
        return {"class": "Accepted"}
    last = out.splitlines()[-1] if out else ""
    m = LINE_RE.match(last)
    if not m:
        return {"class": "Unparsed", "msg": last}
    return {"class": m.group(1), "msg": m.group(2), "lineno": as_int(m.group(3)),
            "offset": as_int(m.group(4)), "end_lineno": as_int(m.group(5)),
            "end_offset": as_int(m.group(6))}


def short(rec):
    if "msg" not in rec:
        return rec["class"]
    return "%s: %s (%s, %s, %s, %s)" % (rec["class"], rec.get("msg"), rec.get("lineno"),
                                         rec.get("offset"), rec.get("end_lineno"),
                                         rec.get("end_offset"))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--ftpy-ast", default="build/ftpy-ast")
    ap.add_argument("--ftpy-dis", help="use ftpy's whole compiler (build/ftpy-dis) instead of ftpy-ast")
    ap.add_argument("--show", type=int, default=3)
    ap.add_argument("--module")
    ap.add_argument("--stage", help="only snippets of this stage (parser or compiler)")
    ap.add_argument("--groups", type=int, default=1000)
    ap.add_argument("snippets")
    args = ap.parse_args()
    with open(args.snippets, encoding="utf-8") as f:
        snippets = json.load(f)
    if args.module:
        snippets = [s for s in snippets if s["module"] == args.module]
    if args.stage:
        snippets = [s for s in snippets if s.get("stage", "parser") == args.stage]
    keys = ("class", "msg", "lineno", "offset")
    ends = ("end_lineno", "end_offset")
    ok = ok_end = 0
    by_stage = collections.defaultdict(lambda: [0, 0, 0])   # stage -> [total, ok, ok_end]
    groups = collections.defaultdict(list)
    end_only = collections.defaultdict(list)
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "snippet.py")
        for s in snippets:
            got = run_one(args.ftpy_dis or args.ftpy_ast, s["source"], path)
            st = by_stage[s.get("stage", "parser")]
            st[0] += 1
            if all(got.get(k) == s[k] for k in keys):
                ok += 1
                st[1] += 1
                if all(got.get(k) == s[k] for k in ends):
                    ok_end += 1
                    st[2] += 1
                else:
                    end_only[s["msg"]].append((s, got))
            else:
                groups[s["msg"]].append((s, got))
    n = len(snippets)
    for title, table in (("Mismatches (class, msg, line or offset)", groups),
                         ("End-position-only mismatches", end_only)):
        print("== %s: %d groups" % (title, len(table)))
        for msg, items in sorted(table.items(), key=lambda kv: -len(kv[1]))[:args.groups]:
            print("-- %d x %r" % (len(items), msg))
            for s, got in items[:args.show]:
                print("   [%s] %r" % (s["module"], s["source"][:160]))
                print("      cpython: %s" % short(s))
                print("      ftpy:    %s" % short(got))
    for stage, (total, good, good_end) in sorted(by_stage.items()):
        print("== stage %-8s: %d/%d = %.1f%% (with end positions: %d/%d = %.1f%%)"
              % (stage, good, total, 100.0 * good / max(total, 1), good_end, total,
                 100.0 * good_end / max(total, 1)))
    print("== class+msg+line+offset: %d/%d = %.1f%%" % (ok, n, 100.0 * ok / max(n, 1)))
    print("== with end positions too: %d/%d = %.1f%%" % (ok_end, n, 100.0 * ok_end / max(n, 1)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
