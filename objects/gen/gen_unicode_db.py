#!/usr/bin/env python3
"""Generates objects/generated/unicode_db.gen.h and unicode_names.gen.h, the Unicode character
database of ftpy.

Run it with the reference interpreter (CPython 3.14), whose `unicodedata` module and str methods are
the facts the tables encode:

    /opt/cpython314/bin/python3.14 objects/gen/gen_unicode_db.py [REPO_ROOT]

Nothing is read from UCD text files: every property is asked of the oracle one code point at a time,
so ftpy answers exactly as CPython does (including CPython's own derived flags such as the
str.isprintable and str.isspace definitions). The category order is read from the enum in
objects/unicode_db.h, which is the one source of that order.

Layout of the output (objects/unicode_db.c's file block explains how it is read):
  * record table: every distinct per-code-point property record, deduplicated;
  * record index: a three-level table (index0 by the high bits, then deduplicated blocks of index1 and
    index2) from code point to record number, with the two block sizes chosen to make it smallest;
  * case_ext: code points of the case mappings that are not a single code point;
  * numeric values: the distinct numeric values as doubles;
  * decomposition data and its own three-level index; Hangul syllables are left out (algorithmic);
  * composition pairs (first, second, composite) sorted for binary search;
  * names, in the second file: jamo short names, algorithmic "<prefix>-<hex>" ranges, and the other
    names front-coded in one string (see build_names() and emit_names()).
"""
import os
import re
import sys
import unicodedata

MAX_CP = 0x110000
HANGUL_FIRST, HANGUL_LAST = 0xAC00, 0xD7A3

# Flag bits of a record. The generated file defines them, so the C code and the data cannot disagree.
FLAGS = [
    "ALPHA", "DECIMAL", "DIGIT", "NUMERIC", "PRINTABLE", "SPACE", "LINEBREAK", "XID_START",
    "XID_CONTINUE", "LOWERCASE", "UPPERCASE", "CASED", "CASE_IGNORABLE", "MIRRORED",
    "LOWER_EXT", "UPPER_EXT", "TITLE_EXT", "FOLD_EXT",
]
FLAG = {name: 1 << i for i, name in enumerate(FLAGS)}


def read_category_order(root):
    with open(os.path.join(root, "objects", "unicode_db.h"), encoding="utf-8") as f:
        text = f.read()
    names = re.findall(r"\bFT_UNICODE_CAT_([A-Z][a-z])\b\s*(?:=\s*0\s*)?,", text)
    if len(names) != 30 or len(set(names)) != 30:
        sys.exit("gen_unicode_db: could not read the 30 FT_UNICODE_CAT_ names from unicode_db.h")
    return names


def case_ignorable(ch, cased):
    # The oracle exposes Case_Ignorable only through the final-sigma rule of str.lower(): a capital
    # sigma is final when the cased letters around it are separated only by case-ignorable ones.
    if cased:
        # Before a final sigma, a cased letter that is not ignorable makes the sigma final.
        return (ch + "\u03a3").lower()[-1] == "\u03c3"
    # Between 'A\u03a3' and 'b', an ignorable character is skipped, so 'b' makes the sigma medial.
    return ("A\u03a3" + ch + "b").lower()[1] == "\u03c3"


def full_case(ch, method):
    return [ord(c) for c in getattr(ch, method)()]


def collect(categories):
    cat_index = {name: i for i, name in enumerate(categories)}
    bidi_names = [""]
    eaw_names = []
    numeric_values = [None]
    case_ext = []
    case_ext_index = {}
    records = {}
    record_list = []
    rec_of_cp = [0] * MAX_CP
    decomp_tags = [""]
    decomp_data = [0]
    decomp_index = {}
    decomp_of_cp = [0] * MAX_CP
    compositions = []

    def intern(lst, value):
        try:
            return lst.index(value)
        except ValueError:
            lst.append(value)
            return len(lst) - 1

    def case_field(cp, mapped, ext_flag):
        nonlocal flags
        if len(mapped) == 1:
            return mapped[0] - cp
        flags |= ext_flag
        key = tuple(mapped)
        if key not in case_ext_index:
            case_ext_index[key] = len(case_ext)
            case_ext.extend(mapped)
        assert 1 < len(mapped) <= 3
        return (case_ext_index[key] << 2) | len(mapped)

    for cp in range(MAX_CP):
        ch = chr(cp)
        flags = 0
        cat = unicodedata.category(ch)
        if ch.isalpha():
            flags |= FLAG["ALPHA"]
        if ch.isdecimal():
            flags |= FLAG["DECIMAL"]
        if ch.isdigit():
            flags |= FLAG["DIGIT"]
        if ch.isnumeric():
            flags |= FLAG["NUMERIC"]
        if ch.isprintable():
            flags |= FLAG["PRINTABLE"]
        if ch.isspace():
            flags |= FLAG["SPACE"]
        if len(("a" + ch + "b").splitlines()) == 2:
            flags |= FLAG["LINEBREAK"]
        if ch.isidentifier() and ch != "_":
            flags |= FLAG["XID_START"]
        if ("a" + ch).isidentifier():
            flags |= FLAG["XID_CONTINUE"]
        lower = ch.islower()
        upper = ch.isupper()
        if lower:
            flags |= FLAG["LOWERCASE"]
        if upper:
            flags |= FLAG["UPPERCASE"]
        cased = lower or upper or cat == "Lt"
        if cased:
            flags |= FLAG["CASED"]
        if case_ignorable(ch, cased):
            flags |= FLAG["CASE_IGNORABLE"]
        if unicodedata.mirrored(ch):
            flags |= FLAG["MIRRORED"]
        lo = case_field(cp, full_case(ch, "lower"), FLAG["LOWER_EXT"])
        up = case_field(cp, full_case(ch, "upper"), FLAG["UPPER_EXT"])
        ti = case_field(cp, full_case(ch, "title"), FLAG["TITLE_EXT"])
        fo = case_field(cp, full_case(ch, "casefold"), FLAG["FOLD_EXT"])
        num = unicodedata.numeric(ch, None)
        rec = (
            flags, lo, up, ti, fo,
            0 if num is None else intern(numeric_values, num),
            cat_index[cat],
            intern(bidi_names, unicodedata.bidirectional(ch)),
            intern(eaw_names, unicodedata.east_asian_width(ch)),
            unicodedata.combining(ch),
            unicodedata.decimal(ch, -1),
            unicodedata.digit(ch, -1),
        )
        r = records.get(rec)
        if r is None:
            r = records[rec] = len(record_list)
            record_list.append(rec)
        rec_of_cp[cp] = r

        d = unicodedata.decomposition(ch)
        if d and not (HANGUL_FIRST <= cp <= HANGUL_LAST):
            parts = d.split()
            tag = ""
            if parts[0].startswith("<"):
                tag = parts.pop(0)
            cps = tuple(int(p, 16) for p in parts)
            key = (tag, cps)
            if key not in decomp_index:
                decomp_index[key] = len(decomp_data)
                decomp_data.append(intern(decomp_tags, tag) | (len(cps) << 8))
                decomp_data.extend(cps)
            decomp_of_cp[cp] = decomp_index[key]
            # A primary composite is a canonical pair that NFC leaves as it is.
            if tag == "" and len(cps) == 2 and unicodedata.normalize("NFC", ch) == ch:
                compositions.append((cps[0], cps[1], cp))
    # Beyond U+10FFFF, code points get the record of the last one (an unassigned noncharacter).
    out_of_range = rec_of_cp[MAX_CP - 1]
    assert record_list[out_of_range][6] == 0, "U+10FFFF must be unassigned"
    longest = max(decomp_data[i] >> 8 for i in set(decomp_index.values()))
    longest_full = max(len(unicodedata.normalize("NFKD", chr(cp))) for cp in range(MAX_CP))
    assert len(records) < 65536 and len(decomp_data) < 65536 and len(numeric_values) < 65536
    return dict(
        record_list=record_list, rec_of_cp=rec_of_cp, bidi_names=bidi_names, eaw_names=eaw_names,
        numeric_values=numeric_values, case_ext=case_ext, decomp_tags=decomp_tags,
        decomp_data=decomp_data, decomp_of_cp=decomp_of_cp, compositions=sorted(compositions),
        out_of_range=out_of_range, longest=longest, longest_full=longest_full,
    )


def ctype_for(values):
    lo, hi = min(values), max(values)
    for name, bits in (("uint8_t", 8), ("uint16_t", 16)):
        if lo >= 0 and hi < (1 << bits):
            return name, bits // 8
    return "uint32_t", 4


def split_blocks(data, shift):
    """Cuts data into blocks of 1 << shift entries and deduplicates them: returns (index, blocks)
    with data[i] == blocks[(index[i >> shift] << shift) + (i & ((1 << shift) - 1))]."""
    size = 1 << shift
    seen = {}
    index = []
    blocks = []
    for start in range(0, len(data), size):
        block = tuple(data[start:start + size])
        b = seen.get(block)
        if b is None:
            b = seen[block] = len(seen)
            blocks.extend(block)
        index.append(b)
    return index, blocks


def table_bytes(values):
    return len(values) * ctype_for(values)[1]


def split_three_level(data):
    """Returns (shift1, shift2, index0, index1, index2) such that, with mask_k = (1 << shift_k) - 1,
    data[i] == index2[(index1[(index0[i >> (shift1 + shift2)] << shift1) + ((i >> shift2) & mask1)]
    << shift2) + (i & mask2)]. Tries every pair of block sizes and keeps the smallest tables (the idea
    of CPython's splitbins, applied twice)."""
    best = None
    for shift2 in range(3, 10):
        mid, index2 = split_blocks(data, shift2)
        for shift1 in range(2, 10):
            if len(mid) % (1 << shift1):
                continue
            index0, index1 = split_blocks(mid, shift1)
            total = table_bytes(index0) + table_bytes(index1) + table_bytes(index2)
            if best is None or total < best[0]:
                best = (total, shift1, shift2, index0, index1, index2)
    _, shift1, shift2, index0, index1, index2 = best
    mask1, mask2 = (1 << shift1) - 1, (1 << shift2) - 1
    for i, value in enumerate(data):
        b = index1[(index0[i >> (shift1 + shift2)] << shift1) + ((i >> shift2) & mask1)]
        assert index2[(b << shift2) + (i & mask2)] == value, "three-level table does not read back"
    return best[1:]


def c_array(out, ctype, name, values, per_line=24):
    out.append(f"static const {ctype} {name}[{len(values)}] = {{")
    for i in range(0, len(values), per_line):
        out.append("    " + ",".join(str(v) for v in values[i:i + per_line]) + ",")
    out.append("};")


def c_three_level(out, prefix, data):
    shift1, shift2, index0, index1, index2 = split_three_level(data)
    out.append(f"#define {prefix.upper()}_SHIFT1 {shift1}")
    out.append(f"#define {prefix.upper()}_SHIFT2 {shift2}")
    for name, values in (("index0", index0), ("index1", index1), ("index2", index2)):
        c_array(out, ctype_for(values)[0], f"{prefix}_{name}", values)


def c_strings(out, name, values):
    out.append(f"static const char *const {name}[{len(values)}] = {{")
    for i in range(0, len(values), 8):
        out.append("    " + " ".join(f'"{v}",' for v in values[i:i + 8]))
    out.append("};")


def emit(db, categories):
    out = [
        "// Generated by objects/gen/gen_unicode_db.py from CPython " + sys.version.split()[0]
        + "'s unicodedata (Unicode " + unicodedata.unidata_version + ") and str methods. Do not edit.",
        "//",
        "// Included only by objects/unicode_db.c, whose file block describes the layout.",
        "",
        f'#define UNICODE_DB_VERSION "{unicodedata.unidata_version}"',
        f"#define RECORD_OUT_OF_RANGE {db['out_of_range']}",
        f"#define DECOMPOSITION_LONGEST {db['longest']}        // one level",
        f"#define DECOMPOSITION_LONGEST_FULL {db['longest_full']}   // NFKD of one code point",
        "",
        "enum {",
    ]
    for name in FLAGS:
        out.append(f"    FLAG_{name} = 0x{FLAG[name]:x},")
    out += [
        "};",
        "",
        "// One deduplicated property record. A case field holds the mapping's delta (target - code point),",
        "// or, when its FLAG_*_EXT bit is set, (offset into case_ext << 2) | length.",
        "typedef struct {",
        "    uint32_t flags;",
        "    int32_t lower, upper, title, fold;",
        "    uint16_t numeric;           // index into numeric_values; 0 means not numeric",
        "    uint8_t category;           // FtUnicodeCategory",
        "    uint8_t bidirectional;      // index into bidirectional_names",
        "    uint8_t east_asian_width;   // index into east_asian_width_names",
        "    uint8_t combining;          // canonical combining class",
        "    int8_t decimal, digit;      // -1 when absent",
        "} UnicodeRecord;",
        "",
        f"static const UnicodeRecord unicode_records[{len(db['record_list'])}] = {{",
    ]
    for rec in db["record_list"]:
        out.append("    {0x%x, %d, %d, %d, %d, %d, %d, %d, %d, %d, %d, %d}," % rec)
    out.append("};")
    out.append("")
    c_three_level(out, "record", db["rec_of_cp"])
    out.append("")
    c_array(out, "uint32_t", "case_ext", db["case_ext"])
    out.append("")
    vals = db["numeric_values"]
    out.append(f"static const double numeric_values[{len(vals)}] = {{")
    out.append("    0.0,")
    for i in range(1, len(vals), 6):
        out.append("    " + " ".join(repr(float(v)) + "," for v in vals[i:i + 6]))
    out.append("};")
    out.append("")
    c_strings(out, "category_names", categories)
    c_strings(out, "bidirectional_names", db["bidi_names"])
    c_strings(out, "east_asian_width_names", db["eaw_names"])
    c_strings(out, "decomposition_tags", db["decomp_tags"])
    out.append("")
    out.append("// decomposition_data[i] for a record start i: tag index | (length << 8), then the code points.")
    c_array(out, "uint32_t", "decomposition_data", db["decomp_data"])
    out.append("")
    c_three_level(out, "decomposition", db["decomp_of_cp"])
    out.append("")
    out.append("// (first, second, composite), sorted by first then second.")
    comps = db["compositions"]
    out.append(f"static const uint32_t composition_pairs[{len(comps)}][3] = {{")
    for i in range(0, len(comps), 5):
        out.append("    " + " ".join("{%d, %d, %d}," % c for c in comps[i:i + 5]))
    out.append("};")
    return "\n".join(out) + "\n"


# Names. Symbols that never occur in a character name mark where an entry starts; the symbol's index
# in this string is how many leading characters the entry shares with the previous name. None of them
# needs escaping in a C string literal (no quote, backslash or question mark, so no trigraphs).
NAME_HEADERS = "!#$%&'()*+,./:;<=>@[]^_`abcdefghijklmnopqrstuvwxyz{|}~"
NAME_RESTART = 32          # every 32nd entry shares nothing, so decoding starts there
HANGUL_SYLLABLE = "HANGUL SYLLABLE "
ALGORITHMIC_PREFIXES = ["CJK UNIFIED IDEOGRAPH", "CJK COMPATIBILITY IDEOGRAPH", "EGYPTIAN HIEROGLYPH",
                        "KHITAN SMALL SCRIPT CHARACTER", "NUSHU CHARACTER", "TANGUT IDEOGRAPH"]


def hangul_jamo_names():
    """The short jamo names, read back from the oracle's syllable names (L index 11 is empty)."""
    def syllable(l, v, t):
        return unicodedata.name(chr(HANGUL_FIRST + (l * 21 + v) * 28 + t))[len(HANGUL_SYLLABLE):]
    vowels = [syllable(11, v, 0) for v in range(21)]
    leads = [syllable(l, 0, 0)[:-len(vowels[0])] for l in range(19)]
    trails = [syllable(11, 0, t)[len(vowels[0]):] for t in range(28)]
    return leads, vowels, trails


def build_names():
    def hexname(prefix, cp):
        return f"{prefix}-{cp:04X}"
    # Algorithmic ranges: "<prefix>-<hex>", either named (unicodedata.name gives it) or only
    # accepted by unicodedata.lookup (CPython 3.14 looks up Tangut ideographs it does not name).
    ranges = []
    for pi, prefix in enumerate(ALGORITHMIC_PREFIXES):
        for cp in range(MAX_CP):
            try:
                ok = unicodedata.lookup(hexname(prefix, cp)) == chr(cp)
            except KeyError:
                ok = False
            if not ok:
                continue
            named = unicodedata.name(chr(cp), None) == hexname(prefix, cp)
            if ranges and ranges[-1][1] == cp - 1 and ranges[-1][2:] == [pi, named]:
                ranges[-1][1] = cp
            else:
                ranges.append([cp, cp, pi, named])
    algorithmic = set()
    for first, last, _, named in ranges:
        if named:
            algorithmic.update(range(first, last + 1))
    entries = []
    for cp in range(MAX_CP):
        name = unicodedata.name(chr(cp), None)
        if name is None or cp in algorithmic or HANGUL_FIRST <= cp <= HANGUL_LAST:
            continue
        assert set(name) <= set("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 -"), name
        entries.append((cp, name))
    runs = []
    for i, (cp, _) in enumerate(entries):
        if runs and runs[-1][0] + runs[-1][1] == cp:
            runs[-1][1] += 1
        else:
            runs.append([cp, 1, i])
    stream = []
    restarts = []
    size = 0
    prev = ""
    for i, (_, name) in enumerate(entries):
        shared = 0
        if i % NAME_RESTART == 0:
            restarts.append(size)
        else:
            limit = min(len(name) - 1, len(prev), len(NAME_HEADERS) - 1)
            while shared < limit and name[shared] == prev[shared]:
                shared += 1
        piece = NAME_HEADERS[shared] + name[shared:]
        stream.append(piece)
        size += len(piece)
        prev = name
    longest = max(len(n) for _, n in entries + [(0, HANGUL_SYLLABLE + "GGWAELH")]
                  + [(0, hexname(p, 0x10FFFF)) for p in ALGORITHMIC_PREFIXES])
    return dict(ranges=ranges, runs=runs, stream="".join(stream), restarts=restarts,
                jamo=hangul_jamo_names(), longest=longest, count=len(entries))


def emit_names(names):
    out = [
        "// Generated by objects/gen/gen_unicode_db.py from CPython " + sys.version.split()[0]
        + "'s unicodedata (Unicode " + unicodedata.unidata_version + ") names. Do not edit.",
        "//",
        "// Included only by objects/unicode_db.c, whose file block describes the encoding.",
        "",
        f"#define NAME_LONGEST {names['longest']}",
        f"#define NAME_RESTART {NAME_RESTART}",
        f"#define NAME_ENTRIES {names['count']}",
        f'static const char name_headers[] = "{NAME_HEADERS}";',
        "",
    ]
    for label, values in zip(("lead", "vowel", "trail"), names["jamo"]):
        c_strings(out, f"hangul_{label}_names", values)
    out.append("")
    c_strings(out, "algorithmic_prefixes", ALGORITHMIC_PREFIXES)
    out.append("// (first, last, prefix index, 1 if unicodedata.name gives it, 0 if only lookup accepts it)")
    out.append(f"static const uint32_t algorithmic_ranges[{len(names['ranges'])}][4] = {{")
    for first, last, pi, named in names["ranges"]:
        out.append(f"    {{0x{first:X}, 0x{last:X}, {pi}, {int(named)}}},")
    out.append("};")
    out.append("")
    out.append("// (first code point, count, first entry): the named code points in runs of consecutive ones.")
    runs = names["runs"]
    out.append(f"static const uint32_t name_runs[{len(runs)}][3] = {{")
    for i in range(0, len(runs), 6):
        out.append("    " + " ".join("{%d,%d,%d}," % tuple(r) for r in runs[i:i + 6]))
    out.append("};")
    out.append("")
    c_array(out, "uint32_t", "name_restarts", names["restarts"], 16)
    out.append("")
    stream = names["stream"]
    out.append(f"static const char name_stream[{len(stream) + 1}] =")
    for i in range(0, len(stream), 110):
        out.append('    "' + stream[i:i + 110] + '"')
    out[-1] += ";"
    return "\n".join(out) + "\n"


def main():
    root = os.path.abspath(sys.argv[1] if len(sys.argv) > 1
                           else os.path.join(os.path.dirname(__file__), "..", ".."))
    categories = read_category_order(root)
    db = collect(categories)
    text = emit(db, categories)
    path = os.path.join(root, "objects", "generated", "unicode_db.gen.h")
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)
    print(f"wrote {path}: {len(text)} bytes, {len(db['record_list'])} records, "
          f"{len(db['decomp_data'])} decomposition words, {len(db['compositions'])} compositions")
    names = build_names()
    text = emit_names(names)
    path = os.path.join(root, "objects", "generated", "unicode_names.gen.h")
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)
    print(f"wrote {path}: {len(text)} bytes, {names['count']} stored names, "
          f"{len(names['runs'])} runs, {len(names['ranges'])} algorithmic ranges")


if __name__ == "__main__":
    main()
