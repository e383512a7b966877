#!/usr/bin/env python3
"""Writes tests/unit/objects/unicode_expected.txt: the answers of the oracle (CPython 3.14's
unicodedata module and str methods) that tests/unit/objects/test_unicode_db.c checks ftpy against.

    /opt/cpython314/bin/python3.14 objects/gen/gen_unicode_tests.py [REPO_ROOT]

The sample is deterministic (fixed seed). One record per line, fields separated by tabs; code point
sequences are upper-case hex separated by spaces, and "-" stands for an empty field:

  P  cp category bidirectional east_asian_width combining mirrored flags decimal digit numeric
     lower upper title casefold decomposition name
       flags holds one letter per true predicate, in this order: a isalpha, d isdecimal, g isdigit,
       n isnumeric, p isprintable, s isspace, b splits lines, S XID_Start, C XID_Continue, l islower,
       u isupper, t titlecase (Lt), c Cased, i Case_Ignorable. numeric is repr(float) or "-".
  N  form input output          unicodedata.normalize(form, input)
  L  input output               input.lower() (final sigma included)
  T  input output               input.title()
  K  name cp                    unicodedata.lookup(name) for a character name ("-" for KeyError)
"""
import os
import random
import sys
import unicodedata

MAX_CP = 0x110000
SEED = 20261124


def hexes(s):
    return " ".join(f"{ord(c):04X}" for c in s) or "-"


def flags(ch):
    cased = ch.islower() or ch.isupper() or unicodedata.category(ch) == "Lt"
    if cased:
        ignorable = (ch + "\u03a3").lower()[-1] == "\u03c3"
    else:
        ignorable = ("A\u03a3" + ch + "b").lower()[1] == "\u03c3"
    tests = [
        ("a", ch.isalpha()), ("d", ch.isdecimal()), ("g", ch.isdigit()), ("n", ch.isnumeric()),
        ("p", ch.isprintable()), ("s", ch.isspace()), ("b", len(("a" + ch + "b").splitlines()) == 2),
        ("S", ch.isidentifier() and ch != "_"), ("C", ("a" + ch).isidentifier()),
        ("l", ch.islower()), ("u", ch.isupper()), ("t", unicodedata.category(ch) == "Lt"),
        ("c", cased), ("i", ignorable),
    ]
    return "".join(letter for letter, ok in tests if ok) or "-"


def property_line(cp):
    ch = chr(cp)
    num = unicodedata.numeric(ch, None)
    fields = [
        "P", f"{cp:04X}", unicodedata.category(ch), unicodedata.bidirectional(ch) or "-",
        unicodedata.east_asian_width(ch), str(unicodedata.combining(ch)), str(unicodedata.mirrored(ch)),
        flags(ch), str(unicodedata.decimal(ch, -1)), str(unicodedata.digit(ch, -1)),
        "-" if num is None else repr(float(num)),
        hexes(ch.lower()), hexes(ch.upper()), hexes(ch.title()), hexes(ch.casefold()),
        unicodedata.decomposition(ch) or "-", unicodedata.name(ch, "-"),
    ]
    return "\t".join(fields)


def sample_code_points(rng):
    cps = set(range(0x300))                                  # all of Latin-1 and more
    for block in range(0, MAX_CP, 512):                      # one point in every 512
        cps.add(block + rng.randrange(512))
    assigned = [cp for cp in range(MAX_CP) if unicodedata.category(chr(cp)) != "Cn"]
    cps.update(rng.sample(assigned, 3000))
    special = [cp for cp in range(MAX_CP)
               if len(chr(cp).lower()) > 1 or len(chr(cp).upper()) > 1 or len(chr(cp).casefold()) > 1]
    cps.update(special)                                      # every multi-character case mapping
    numeric = [cp for cp in assigned if unicodedata.numeric(chr(cp), None) is not None
               and unicodedata.decimal(chr(cp), None) is None]
    cps.update(rng.sample(numeric, 300))
    cps.update([0x0130, 0x0131, 0x03A3, 0x03C2, 0x0345, 0x1E9E, 0xFB00, 0xFB03, 0x01C5, 0x1F80,
                0x2126, 0x212B, 0x0958, 0x0344, 0x0F73, 0xAC00, 0xAC01, 0xD7A3, 0xD7A4, 0x1100,
                0x1161, 0x11A7, 0x11A8, 0x11C2, 0x3400, 0x4DBF, 0x4E00, 0x9FFF, 0x20000, 0x2EE5D,
                0x31350, 0xD800, 0xDFFF, 0xE000, 0xF8FF, 0xFFFE, 0xFFFF, 0x10000, 0x1D7CE, 0x1F600,
                0xE0001, 0xE0100, 0xF0000, 0x10FFFD, 0x10FFFF, 0x2028, 0x2029, 0x001C, 0x0085,
                0x00A0, 0x1680, 0x200B, 0x3000, 0xFEFF, 0x00AD, 0x0F33, 0x2189, 0x5146, 0x4E07,
                0x1885, 0x2118, 0x212E, 0x309B, 0x00B7, 0x0387, 0x1369, 0x19DA, 0x0027, 0x2019])
    return sorted(cps)


def normalization_strings(rng):
    decomposable = [cp for cp in range(MAX_CP) if unicodedata.decomposition(chr(cp))]
    marks = [cp for cp in range(0x300, 0x370)] + [0x0591, 0x05B0, 0x0F71, 0x0F72, 0x0F74, 0x0F80,
                                                  0x1DCE, 0x20D2, 0x302A, 0x302E, 0x3099, 0x309A,
                                                  0x1D165, 0x1D16E, 0x0334, 0x0345]
    bases = "aAeEiIoOuUnNcCsSzZyYwW" + "\u0391\u03b1\u0415\u0435\u0627\u0915\u0b47\u0bc6\u1025\u3046\u30cf"
    strings = set()
    for cp in rng.sample(decomposable, 300):
        strings.add(chr(cp))
    for _ in range(150):
        s = rng.choice(bases) + "".join(chr(rng.choice(marks)) for _ in range(rng.randrange(1, 5)))
        strings.add(s)
    for _ in range(60):                                      # starters meeting starters and marks
        strings.add("".join(chr(rng.choice(decomposable)) if rng.random() < 0.4
                            else rng.choice(bases) if rng.random() < 0.6 else chr(rng.choice(marks))
                            for _ in range(rng.randrange(2, 7))))
    hangul = []
    for _ in range(60):
        L = chr(0x1100 + rng.randrange(19))
        V = chr(0x1161 + rng.randrange(21))
        T = chr(0x11A8 + rng.randrange(27))
        S = chr(0xAC00 + rng.randrange(11172))
        LV = chr(0xAC00 + 28 * rng.randrange(399))
        hangul += [L + V, L + V + T, LV + T, S + T, L + L + V, V + T, L + "\u0301" + V,
                   S, L + V + T + T, S + "\u0300"]
    strings.update(rng.sample(hangul, 150))
    strings.update(["", "abc", "\u1e0b\u0323", "\u0071\u0307\u0323", "\u212b", "\u2126", "\u0958",
                    "\u0344", "\u0f73", "\ufdfa", "\u1e9b\u0323", "\u00c5\u0327", "\u0041\u030a\u0327",
                    "\u0301a", "\u0301\u0300", "a\u0328\u0301\u0323", "\u0b47\u0b3e", "\u0b47\u0300\u0b3e",
                    "\u1100\u1161\u11a8", "\u1100\u1161\u11a7", "\uac00\u11a7", "\uac00\u11c3",
                    "\u05d0\u05b7\u05bc\u05b8", "\U0001d15e\U0001d165", "\U0001d160", "\ufb2c",
                    "e\u0304\u0301\u0300", "\u00e9\u0300", "\u0386\u0345", "\u1f80\u0300"])
    return sorted(strings)


def case_strings(rng):
    pool = list("AbcDEf ΣσςΑΒΓαβγ'’.-_1 \t") + ["\u0130", "\u0131", "\u00df", "\u0149", "\u01c5",
            "\u01c4", "\u0345", "\u02b0", "\u00b7", "\u00ad", "\u0301", "\u1f80", "\ufb03", "\u1e9e",
            "\u0587", "\u2160", "\u24b6", "\U00010400", "\U0001e900", "\u10d0", "\u13f8", "\u0390"]
    strings = set()
    for _ in range(400):
        strings.add("".join(rng.choice(pool) for _ in range(rng.randrange(1, 9))))
    strings.update(["Σ", "ΑΣ", "ΑΣ'", "ΑΣ'Β", "Α'Σ", "'Σ", "ΑΣ\u0345", "Α\u0345Σ", "ΑΣ.", "ΑΣ Σ",
                    "hello world", "ǅungla", "ﬃ ǆ", "\u0130stanbul", "o'neil", "ΑΣ\u00adΒ"])
    return sorted(strings)


def lookup_names(rng, cps):
    names = [unicodedata.name(chr(cp)) for cp in cps if unicodedata.name(chr(cp), None)]
    queries = set(rng.sample(names, 600))
    queries.update(n.lower() for n in rng.sample(names, 100))
    queries.update(n.title() for n in rng.sample(names, 100))
    queries.update(n[:-1] for n in rng.sample(names, 50))                 # truncated: mostly absent
    queries.update(n + " X" for n in rng.sample(names, 20))
    for cp in [0x3400, 0x4DBF, 0x4E00, 0x9FFF, 0x20000, 0x2A6DF, 0x2A6E0, 0x3134A, 0x3134B, 0x323AF,
               0xF900, 0xFA6D, 0xFA6E, 0x2FA1D, 0x13460, 0x143FA, 0x143FB, 0x18B00, 0x18CFF, 0x1B170,
               0x1B2FB, 0x17000, 0x187F7, 0x187F8, 0x18D00, 0x18D08, 0x18D09, 0x0041, 0x10FFFF]:
        for prefix in ("CJK UNIFIED IDEOGRAPH", "CJK COMPATIBILITY IDEOGRAPH", "EGYPTIAN HIEROGLYPH",
                       "KHITAN SMALL SCRIPT CHARACTER", "NUSHU CHARACTER", "TANGUT IDEOGRAPH"):
            queries.add(f"{prefix}-{cp:04X}")
            queries.add(f"{prefix}-{cp:04x}".lower())
            queries.add(f"{prefix}-0{cp:04X}")
    for cp in rng.sample(range(0xAC00, 0xD7A4), 200) + [0xAC00, 0xAC01, 0xD7A3, 0xC544, 0xAE6A]:
        queries.add(unicodedata.name(chr(cp)))
    queries.update(["HANGUL SYLLABLE ", "HANGUL SYLLABLE GAX", "HANGUL SYLLABLE GGG", "hangul syllable gag",
                    "HANGUL SYLLABLE", "HANGUL SYLLABLE A ", "", " ", "NOPE", "x" * 300, "SPACE", "space",
                    "LATIN SMALL LETTER A ", "LATIN  SMALL LETTER A", " LATIN SMALL LETTER A",
                    "LATIN SMALL LETTER A\tB", "CJK UNIFIED IDEOGRAPH-", "CJK UNIFIED IDEOGRAPH-4E00 ",
                    "CJK UNIFIED IDEOGRAPH-4E0G", "CJK UNIFIED IDEOGRAPH-+4E0", "TANGUT COMPONENT-001"])
    lines = []
    for q in sorted(queries):
        if "\t" in q or "\n" in q:
            continue
        try:
            r = unicodedata.lookup(q)
        except KeyError:
            r = None
        if r is not None and len(r) != 1:
            continue                                   # a named sequence: not supported yet
        lines.append("\t".join(["K", q or "-", "-" if r is None else f"{ord(r):04X}"]))
    return lines


def main():
    root = os.path.abspath(sys.argv[1] if len(sys.argv) > 1
                           else os.path.join(os.path.dirname(__file__), "..", ".."))
    rng = random.Random(SEED)
    lines = [f"# Generated by objects/gen/gen_unicode_tests.py from CPython {sys.version.split()[0]} "
             f"(Unicode {unicodedata.unidata_version}). Do not edit."]
    cps = sample_code_points(rng)
    lines += [property_line(cp) for cp in cps]
    for s in normalization_strings(rng):
        for form in ("NFC", "NFD", "NFKC", "NFKD"):
            lines.append("\t".join(["N", form, hexes(s), hexes(unicodedata.normalize(form, s))]))
    for s in case_strings(rng):
        lines.append("\t".join(["L", hexes(s), hexes(s.lower())]))
        lines.append("\t".join(["T", hexes(s), hexes(s.title())]))
    lines += lookup_names(rng, cps)
    path = os.path.join(root, "tests", "unit", "objects", "unicode_expected.txt")
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")
    print(f"wrote {path}: {len(lines)} lines")


if __name__ == "__main__":
    main()
