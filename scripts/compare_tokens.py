#!/usr/bin/env python3
"""Compare ftpy's tokenizer with CPython's tokenize module, token by token.

Run with the reference interpreter (CPython 3.14):

    python3.14 scripts/compare_tokens.py [--ftpy build/ftpy-tokens] PATH...
        Tokenizes every .py file under each PATH with tokenize.tokenize() semantics (the C
        tokenizer's stream, extra_tokens=True) and with `ftpy-tokens FILE`, and reports the files
        whose streams differ (first differing line) and the match percentage.

    python3.14 scripts/compare_tokens.py --regen tests/compiler/tokens
        Writes DIR/NAME.exp (tokenize stream, with each token's line as with --lines) and
        DIR/NAME.pexp (parser stream, extra_tokens=False, compile()'s errors) from the oracle for
        every DIR/NAME.py: the golden files of tests/unit/compiler/test_tokenizer_golden.c.

Both sides print one line per token, `TYPE_NAME 'string' (sl, sc) (el, ec)`, and end with
`ErrorClass: message (lineno, offset)` when tokenizing fails.
"""
import argparse
import concurrent.futures
import io
import itertools
import os
import subprocess
import sys
import token
import tokenize

import _tokenize


def oracle_lines(data, parser=False, lines_too=False):
    """The token stream of CPython's tokenize.tokenize() over data, without its TokenError
    rewrapping, so that the original exception class, message and location are kept. With parser,
    the stream the parser sees instead (extra_tokens=False, no ENCODING)."""
    out = []
    readline = io.BytesIO(data).readline
    try:
        encoding, consumed = tokenize.detect_encoding(readline)
        if not parser:
            out.append("ENCODING %r (0, 0) (0, 0)" % encoding + (" ''" if lines_too else ""))
        lines = itertools.chain(consumed, iter(readline, b""))
        it = _tokenize.TokenizerIter(lines.__next__, encoding=encoding, extra_tokens=not parser)
        for t in it:
            out.append("%s %r (%d, %d) (%d, %d)" % (token.tok_name[t[0]], t[1], t[2][0], t[2][1],
                                                    t[3][0], t[3][1]))
            if lines_too:
                out[-1] += " %r" % t[4]
    except SyntaxError as e:
        out.append("%s: %s (%s, %s)" % (type(e).__name__, e.msg, e.lineno, e.offset))
    except (UnicodeDecodeError, LookupError) as e:
        out.append("%s: %s (None, None)" % (type(e).__name__, e))
    return out


def compile_error_line(data):
    """The error compile() raises for data, in the dump format, or None when it compiles."""
    try:
        compile(data, "<golden>", "exec")
    except SyntaxError as e:
        return "%s: %s (%s, %s)" % (type(e).__name__, e.msg, e.lineno, e.offset)
    except ValueError as e:
        return "SyntaxError: %s (None, None)" % e
    return None


def oracle_parser_lines(data):
    """The parser's stream as compile() sees it: newlines translated as compile() does, tokens from
    TokenizerIter(extra_tokens=False), and compile()'s own error (pegen's messages for the
    tokenizer's error codes) in place of the tokenize module's when tokenizing fails."""
    translated = data.replace(b"\r\n", b"\n").replace(b"\r", b"\n")
    out = oracle_lines(translated, parser=True)
    # compile() rejects NUL bytes itself before tokenizing; keep the tokenizer's own error then.
    if out and b"\0" not in data and out[-1].split(" ", 1)[0].endswith(":"):
        err = compile_error_line(data)
        if err is not None:
            out[-1] = err
    return out


def ftpy_lines(exe, path, parser=False, lines_too=False):
    proc = subprocess.run([exe] + (["--parser"] if parser else []) +
                          (["--lines"] if lines_too else []) + [path], capture_output=True,
                          timeout=120)
    text = proc.stdout.decode("utf-8", "surrogateescape")
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    if proc.returncode not in (0, 1):
        lines.append("<ftpy-tokens exited with %d: %s>" % (proc.returncode,
                                                           proc.stderr.decode(errors="replace")[-300:]))
    return lines


def compare_one(exe, path, parser=False, lines_too=False):
    with open(path, "rb") as f:
        data = f.read()
    want = oracle_lines(data, parser, lines_too)
    try:
        got = ftpy_lines(exe, path, parser, lines_too)
    except subprocess.TimeoutExpired:
        return path, "timeout"
    if want == got:
        return path, None
    for i, (w, g) in enumerate(zip(want, got)):
        if w != g:
            return path, "line %d:\n    cpython: %s\n    ftpy:    %s" % (i + 1, w, g)
    return path, "length %d vs %d; cpython tail %r, ftpy tail %r" % (
        len(want), len(got), want[len(got):][:1], got[len(want):][:1])


def python_files(paths):
    for p in paths:
        if os.path.isfile(p):
            yield p
            continue
        for root, dirs, files in os.walk(p):
            dirs.sort()
            for name in sorted(files):
                full = os.path.join(root, name)
                if name.endswith(".py") and os.path.isfile(full):
                    yield full


def regen(directory):
    count = 0
    for name in sorted(os.listdir(directory)):
        if not name.endswith(".py"):
            continue
        with open(os.path.join(directory, name), "rb") as f:
            data = f.read()
        for ext, lines in ((".exp", oracle_lines(data, lines_too=True)),
                           (".pexp", oracle_parser_lines(data))):
            with open(os.path.join(directory, name[:-3] + ext), "w", encoding="utf-8",
                      newline="\n") as f:
                f.write("".join(line + "\n" for line in lines))
        count += 1
    print("wrote %d expected files in %s" % (count, directory))


def main():
    here = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    ap = argparse.ArgumentParser()
    ap.add_argument("--ftpy", default=os.path.join(here, "build", "ftpy-tokens"))
    ap.add_argument("--regen", metavar="DIR")
    ap.add_argument("--parser", action="store_true",
                    help="compare the parser's stream (extra_tokens=False) instead")
    ap.add_argument("--lines", action="store_true", help="compare each token's line too")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--show", type=int, default=20, help="differences to print")
    ap.add_argument("paths", nargs="*")
    args = ap.parse_args()
    if args.regen:
        regen(args.regen)
        return 0
    files = list(python_files(args.paths))
    bad = []
    with concurrent.futures.ThreadPoolExecutor(args.jobs) as pool:
        for path, diff in pool.map(lambda p: compare_one(args.ftpy, p, args.parser, args.lines), files):
            if diff is not None:
                bad.append((path, diff))
    for path, diff in bad[:args.show]:
        print("DIFF %s: %s" % (path, diff))
    same = len(files) - len(bad)
    pct = 100.0 * same / len(files) if files else 100.0
    print("%d/%d files identical (%.2f%%)" % (same, len(files), pct))
    return 0 if not bad else 1


if __name__ == "__main__":
    sys.exit(main())
