#!/usr/bin/env python3
"""Differential fuzzing of ftpy's tokenizer against CPython 3.14's, on mutated real sources.

    python3.14 tests/fuzz/tokenizer/differential.py [--ftpy build/ftpy-tokens] [--seed N]
        [--count N] [--parser] [SOURCE_DIR]

Takes random windows of .py files under SOURCE_DIR (default: the running interpreter's stdlib),
applies a few random edits (insertions of tokenizer-relevant snippets, deletions, duplications)
and compares both token streams, errors included, as scripts/compare_tokens.py prints them.
With --parser the parser streams are compared (inputs with bytes compile() would reject before
tokenizing, or with carriage returns, are skipped there: compile() translates those itself).
Deterministic for a given seed; prints the mismatching inputs and exits 1 if there are any.
"""
import argparse
import os
import random
import sys
import sysconfig
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(HERE)))
sys.path.insert(0, os.path.join(ROOT, "scripts"))
import compare_tokens  # noqa: E402

SNIPPETS = [b"(", b")", b"[", b"]", b"{", b"}", b'"', b"'", b'"""', b'f"', b"t'", b"\\", b"\n",
            b"\t", b" ", b"#", b"0x", b"1_", b"0o8", b".", b"\r", b"\x00", b"\xff", b"\xc3\xa9",
            b'rb"', b"!", b":", b"=", b"$", b'f"{x:{y}}"', b"\n  ", b"\n\t", b'u"', b'bt"',
            b"0777", b"1e", b"1j", b"\xe2\x82\xac", b"\xc2\xa0", b"{{", b"}}", b"\\N{", b"f'''"]

# Errors the parser stream reports in compile()'s words, not the tokenize module's (the oracle's
# parser stream comes from _tokenize after tokenize.detect_encoding()).
PARSER_ONLY = ("multi-line statement", "unindent", "inconsistent use", "line continuation",
               "too many levels", "encoding")


def mutate(rng, data):
    if len(data) > 3000:
        start = rng.randrange(len(data) - 3000)
        data = data[start:start + 3000]
    data = bytearray(data)
    for _ in range(rng.randint(1, 4)):
        pos = rng.randrange(len(data) + 1)
        op = rng.random()
        if op < 0.4:
            data[pos:pos] = rng.choice(SNIPPETS)
        elif op < 0.7:
            del data[pos:pos + rng.randint(1, 5)]
        else:
            src = rng.randrange(len(data) + 1)
            data[pos:pos] = data[src:src + rng.randint(1, 20)]
    return bytes(data)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--ftpy", default=os.path.join(ROOT, "build", "ftpy-tokens"))
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--count", type=int, default=500)
    ap.add_argument("--parser", action="store_true")
    ap.add_argument("source", nargs="?", default=sysconfig.get_paths()["stdlib"])
    args = ap.parse_args()
    rng = random.Random(args.seed)
    files = list(compare_tokens.python_files([args.source]))
    bad = 0
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "input.py")
        for i in range(args.count):
            with open(rng.choice(files), "rb") as f:
                data = mutate(rng, f.read())
            if args.parser:
                data = data.replace(b"\r", b"")
                try:
                    data.decode("utf-8")
                except UnicodeDecodeError:
                    continue
            with open(path, "wb") as f:
                f.write(data)
            want = compare_tokens.oracle_lines(data, args.parser)
            got = compare_tokens.ftpy_lines(args.ftpy, path, args.parser)
            if want == got:
                continue
            if (args.parser and want and got and want[:-1] == got[:-1]
                    and any(s in want[-1] for s in PARSER_ONLY)):
                continue
            bad += 1
            first = next((j for j, (w, g) in enumerate(zip(want, got)) if w != g),
                         min(len(want), len(got)))
            print("MISMATCH #%d input=%r\n  cpython: %s\n  ftpy:    %s" % (
                i, data[:200], want[first:first + 1], got[first:first + 1]))
    print("%d mismatches in %d inputs (seed %d)" % (bad, args.count, args.seed))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
