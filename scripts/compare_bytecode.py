#!/usr/bin/env python3
"""Compares ftpy's bytecode with CPython 3.14's, file by file.

    compare_bytecode.py [--ftpy-dis PATH] [--limit N] [--show-diff] [--via-oracle-codegen]
                        FILE_OR_DIR...

For each .py file (directories are walked in sorted order), prints "identical", "different
(CODE field)" naming the first differing code object and field, "oracle-error" when CPython itself
rejects the file, or "ftpy-error"; then a total. The text compared is the canonical dump of
build/ftpy-dis, which this script reproduces from compile(src, path, 'exec') of the oracle.
Run it with the oracle: /opt/cpython314/bin/python3.14 scripts/compare_bytecode.py ...

--via-oracle-codegen checks only ftpy's back end (flowgraph optimizer and assembler): the oracle's
own code generator output for every code unit (_testinternalcapi.compiler_codegen) goes through
`ftpy-dis --assemble`, unit by unit. A nested unit whose generator constants cannot be recovered
from the final code object (some were folded or dropped) is skipped, as is a module whose
annotations code the oracle does not expose; the total counts units.
"""
import argparse
import os
import struct
import subprocess
import sys

try:
    import _testinternalcapi
except ImportError:  # the localsplus kinds are then derived from the public attributes
    _testinternalcapi = None

CO_FAST_LOCAL, CO_FAST_CELL, CO_FAST_FREE = 0x20, 0x40, 0x80


def localsplus(co):
    names = co.co_varnames + tuple(n for n in co.co_cellvars if n not in co.co_varnames) \
        + co.co_freevars
    if _testinternalcapi is not None:
        kinds = _testinternalcapi.get_co_localskinds(co)
        return names, bytes(kinds[n] for n in names)
    out = []
    for n in names:
        k = 0
        if n in co.co_varnames:
            k |= CO_FAST_LOCAL
        if n in co.co_cellvars:
            k |= CO_FAST_CELL
        if n in co.co_freevars:
            k |= CO_FAST_FREE
        out.append(k)
    return names, bytes(out)


def const_text(c):
    """repr() of a constant, a code object as <code NAME>, a frozenset with its items sorted (its
    order follows the string hash, whose key differs between ftpy and the oracle)."""
    if hasattr(c, "co_code"):
        return "<code %s>" % c.co_name
    if type(c) is frozenset:
        return "frozenset({%s})" % ", ".join(sorted(repr(x) for x in c)) if c else "frozenset()"
    return repr(c)


def dump(co, out):
    """The canonical text of ftpy-dis for co and its nested code objects."""
    out.append("code %s" % co.co_qualname)
    out.append("  name: %s" % co.co_name)
    out.append("  flags: %d" % co.co_flags)
    out.append("  argcount: %d posonlyargcount: %d kwonlyargcount: %d"
               % (co.co_argcount, co.co_posonlyargcount, co.co_kwonlyargcount))
    out.append("  stacksize: %d" % co.co_stacksize)
    out.append("  firstlineno: %d" % co.co_firstlineno)
    out.append("  code: %s" % co.co_code.hex())
    parts = [const_text(c) for c in co.co_consts]
    out.append("  consts: (" + ", ".join(parts) + ("," if len(parts) == 1 else "") + ")")
    out.append("  names: %r" % (co.co_names,))
    names, kinds = localsplus(co)
    out.append("  localsplusnames: %r" % (names,))
    out.append("  localspluskinds: %s" % kinds.hex())
    out.append("  linetable: %s" % co.co_linetable.hex())
    out.append("  exceptiontable: %s" % co.co_exceptiontable.hex())
    for c in co.co_consts:
        if hasattr(c, "co_code"):
            dump(c, out)
    return out


def unit_text(co):
    """dump() of co alone (its nested code objects only as <code NAME> constants)."""
    out = dump(co, [])
    for i in range(1, len(out)):
        if out[i].startswith("code "):
            return out[:i]
    return out


def encode_const(v):
    """A constant in the format ftpy-dis --assemble parses."""
    if v is None:
        return "N"
    if v is True:
        return "T"
    if v is False:
        return "F"
    if v is Ellipsis:
        return "E"
    if type(v) is int:
        return "i%d;" % v if -(1 << 63) <= v < (1 << 63) else "I%d;" % v
    if type(v) is float:
        return "f%016x;" % struct.unpack("<Q", struct.pack("<d", v))[0]
    if type(v) is complex:
        return "c%016x;%016x;" % (struct.unpack("<Q", struct.pack("<d", v.real))[0],
                                  struct.unpack("<Q", struct.pack("<d", v.imag))[0])
    if type(v) is str:
        data = v.encode("utf-8", "surrogatepass")
        return "s%d:%s" % (len(data), data.hex())
    if type(v) is bytes:
        return "b%d:%s" % (len(v), v.hex())
    if type(v) is tuple:
        return "(" + "".join(encode_const(x) for x in v) + ")"
    if type(v) is frozenset:
        return "{" + "".join(encode_const(x) for x in v) + "}"
    if type(v) is slice:
        return "S" + encode_const(v.start) + encode_const(v.stop) + encode_const(v.step)
    if hasattr(v, "co_code"):
        # The stub ftpy-dis makes must differ from every other one (code objects compare by value).
        name = v.co_name.encode()
        return "C%d,%d:%s" % (id(v) % 1000000007, len(name), name.hex())
    raise TypeError("unsupported constant %r" % (v,))


def codegen_units(seq, co, consts):
    """(sequence, code object, generator constants or None) for co and its nested units."""
    yield seq, co, consts
    nested_codes = [c for c in co.co_consts if hasattr(c, "co_code")]
    nested_seqs = seq.get_nested()
    if len(nested_codes) != len(nested_seqs):
        return
    for s, c in zip(nested_seqs, nested_codes):
        yield from codegen_units(s, c, recovered_consts(s, c))


def recovered_consts(seq, co):
    """A nested unit's generator constants, when the final co_consts must equal them."""
    import dis
    instrs = seq.get_instructions()
    used = {a for op, a, *_ in instrs if dis.opname[op] == "LOAD_CONST"}
    folding = ("UNARY_", "BINARY_OP", "BUILD_", "CALL_INTRINSIC_1", "TO_BOOL", "CONTAINS_OP",
               "LIST_APPEND")
    for (op1, *_), (op2, *_) in zip(instrs, instrs[1:]):
        if dis.opname[op1] == "LOAD_CONST" and op2 < 256 and dis.opname[op2].startswith(folding):
            return None   # the generator's constant may have been folded away
    if any(i.opname == "LOAD_SMALL_INT" for i in dis.get_instructions(co)):
        return None
    if any(type(c) in (tuple, frozenset, slice) for c in co.co_consts):
        return None
    if not used <= set(range(len(co.co_consts))):
        return None
    return list(co.co_consts)


def dump_unit(seq, co, consts, hidden, out):
    import dis
    jump_names = {"JUMP", "JUMP_IF_FALSE", "JUMP_IF_TRUE", "JUMP_NO_INTERRUPT",
                  "SETUP_FINALLY", "SETUP_CLEANUP", "SETUP_WITH"}
    opmap = dict(dis.opmap)
    import _opcode_metadata
    opmap.update(_opcode_metadata.opmap)
    opname = {v: k for k, v in opmap.items()}
    instrs = seq.get_instructions()
    targets = {a for op, a, *_ in instrs if op in dis.hasjump or opname.get(op) in jump_names}
    enc = lambda xs: "".join(encode_const(x) for x in xs)
    out.append("unit")
    out.append("name " + co.co_name.encode().hex())
    out.append("qualname " + co.co_qualname.encode().hex())
    out.append("flags %d" % co.co_flags)
    out.append("args %d %d %d" % (co.co_argcount - co.co_posonlyargcount, co.co_posonlyargcount,
                                  co.co_kwonlyargcount))
    out.append("firstlineno %d" % co.co_firstlineno)
    out.append("hidden %d" % int(hidden))
    out.append("ncells %d" % len(co.co_cellvars))
    out.append("consts " + enc(consts))
    out.append("names " + enc(co.co_names))
    out.append("varnames " + enc(co.co_varnames))
    out.append("cellvars " + enc(sorted(co.co_cellvars)))
    out.append("freevars " + enc(co.co_freevars))
    for i, (op, arg, l1, l2, c1, c2) in enumerate(instrs):
        if i in targets:
            out.append("label %d" % i)
        out.append("instr %d %d %d %d %d %d" % (op, arg or 0, l1, l2, c1, c2))
    out.append("end")


_KEEP_ALIVE = []


def compare_via_codegen(path, src, args, counts):
    """Runs the oracle's code generator output through ftpy's back end; counts units."""
    import ast
    import tempfile
    tree = ast.parse(src, path)
    seq, md = _testinternalcapi.compiler_codegen(tree, path, 0)
    # The oracle's test-only InstructionSequence objects crash its collector after many files
    # (observed on 3.14.10): keep every one alive for the run.
    _KEEP_ALIVE.append(seq)
    co = compile(src, path, "exec")
    lines, expected, names = [], [], []
    skipped = 0
    for k, (useq, uco, consts) in enumerate(codegen_units(seq, co, md["consts"])):
        has_placeholder = any(op == 256 for op, *_ in useq.get_instructions())
        if consts is None or (has_placeholder and "__annotate__" in uco.co_names):
            skipped += 1
            continue
        # Cells of class bodies (__class__, __classdict__) are not in sorted order: skip those.
        if any(n.startswith("__class") for n in uco.co_cellvars):
            skipped += 1
            continue
        try:
            dump_unit(useq, uco, consts, k == 0, lines)
        except TypeError:
            skipped += 1
            continue
        expected.append(unit_text(uco))
        names.append(uco.co_qualname)
    counts["unit-skipped"] = counts.get("unit-skipped", 0) + skipped
    with tempfile.NamedTemporaryFile("w", suffix=".dump", delete=False) as f:
        f.write("\n".join(lines) + "\n")
        dump_path = f.name
    try:
        proc = subprocess.run([args.ftpy_dis, "--assemble", dump_path], capture_output=True,
                              timeout=args.timeout)
        got_lines = proc.stdout.decode("utf-8", "replace").splitlines()
    finally:
        os.unlink(dump_path)
    got, cur = [], None
    for line in got_lines:
        if line.startswith("code "):
            cur = [line]
            got.append(cur)
        elif cur is not None:
            cur.append(line)
    bad = []
    for i, exp in enumerate(expected):
        g = got[i] if i < len(got) else ["<missing>"]
        diff = first_difference(exp, g)
        if diff is None:
            counts["unit-identical"] = counts.get("unit-identical", 0) + 1
        else:
            counts["unit-different"] = counts.get("unit-different", 0) + 1
            bad.append((names[i], diff))
    if bad:
        print("%s: different (%s)" % (path, ", ".join("%s %s" % (n, d[1]) for n, d in bad[:3])))
        if args.show_diff:
            for n, d in bad[:3]:
                print("    %s expected: %s\n    %s got:      %s" % (n, d[2], n, d[3]))
        return "different"
    print("%s: identical (%d units)" % (path, len(expected)))
    return "identical"


def first_difference(expected, got):
    """(code object, field) of the first differing line."""
    code = "?"
    for i in range(max(len(expected), len(got))):
        e = expected[i] if i < len(expected) else "<missing>"
        g = got[i] if i < len(got) else "<missing>"
        if e.startswith("code "):
            code = e[5:]
        if e != g:
            field = e.strip().split(":")[0] if not e.startswith("code ") else "code object"
            return code, field, e, g
    return None


def files_of(paths, limit):
    out = []
    for p in paths:
        if os.path.isdir(p):
            for root, dirs, files in os.walk(p):
                dirs.sort()
                for f in sorted(files):
                    if f.endswith(".py"):
                        out.append(os.path.join(root, f))
        else:
            out.append(p)
    return out[:limit] if limit else out


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("paths", nargs="+")
    ap.add_argument("--ftpy-dis", default=os.path.join(here, "..", "build", "ftpy-dis"))
    ap.add_argument("--limit", type=int, default=0)
    ap.add_argument("--show-diff", action="store_true", help="print the two differing lines")
    ap.add_argument("--timeout", type=float, default=60.0)
    ap.add_argument("--via-oracle-codegen", action="store_true",
                    help="check only ftpy's flowgraph optimizer and assembler (see above)")
    args = ap.parse_args()
    counts = {}
    for path in files_of(args.paths, args.limit):
        try:
            with open(path, "rb") as f:
                src = f.read()
            expected = dump(compile(src, path, "exec"), [])
            if args.via_oracle_codegen:
                status = compare_via_codegen(path, src, args, counts)
                counts[status] = counts.get(status, 0) + 1
                continue
        except (SyntaxError, ValueError, UnicodeDecodeError, RecursionError, MemoryError, OSError):
            status = "oracle-error"
            print("%s: %s" % (path, status))
            counts[status] = counts.get(status, 0) + 1
            continue
        try:
            proc = subprocess.run([args.ftpy_dis, path], capture_output=True, timeout=args.timeout)
            got = proc.stdout.decode("utf-8", "replace").splitlines()
            failed = proc.returncode != 0
        except subprocess.TimeoutExpired:
            got, failed = ["<timeout>"], True
        if failed:
            status = "ftpy-error"
            detail = (got[0] if got else proc.stderr.decode("utf-8", "replace").strip()[:200])
            print("%s: %s (%s)" % (path, status, detail))
        else:
            diff = first_difference(expected, got)
            if diff is None:
                status = "identical"
                print("%s: identical" % path)
            else:
                status = "different"
                print("%s: different (%s %s)" % (path, diff[0], diff[1]))
                if args.show_diff:
                    print("    expected: %s\n    got:      %s" % (diff[2], diff[3]))
        counts[status] = counts.get(status, 0) + 1
    total = sum(v for k, v in counts.items() if not k.startswith("unit-"))
    print("total: %d files, %s" % (total, ", ".join("%s %d" % kv for kv in sorted(counts.items()))))
    return 0 if counts.get("identical", 0) == total else 1


if __name__ == "__main__":
    sys.exit(main())
