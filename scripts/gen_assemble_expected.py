#!/usr/bin/env python3
"""Writes tests/unit/compiler/assemble_expected.gen.h and tests/unit/objects/code_expected.gen.h
from the oracle (CPython 3.14).

For each module-level source below, the oracle's own code generator output
(_testinternalcapi.compiler_codegen: instructions, locations, constants) becomes the input of
ftpy's flowgraph optimizer and assembler in tests/unit/compiler/test_assemble.c, and the code
object the oracle's compile() makes is the expected output (co_code, co_consts, co_names,
co_varnames, co_stacksize, co_linetable, co_exceptiontable).

Run with the oracle:  /opt/cpython314/bin/python3.14 scripts/gen_assemble_expected.py
"""
import ast
import os
import struct
import sys

import _opcode_metadata
import _testinternalcapi

OPNAME = {v: k for k, v in _opcode_metadata.opmap.items()}

CASES = [
    ("straight_line", "x = 1\ny = x + 2\nprint(y)\n"),
    ("if_else", "if a:\n    b = 1\nelse:\n    b = 2\nc = b\n"),
    ("if_elif_chain", "if a < 1:\n    r = 'lt'\nelif a == 1:\n    r = 'eq'\nelse:\n    r = 'gt'\n"),
    ("while_loop", "i = 0\nwhile i < 10:\n    i += 1\n    if i == 5:\n        break\nelse:\n    i = -1\n"),
    ("for_loop", "t = 0\nfor i in range(10):\n    if i % 2:\n        continue\n    t += i\n"),
    ("for_const_list", "for i in [1, 2, 3]:\n    print(i)\n"),
    ("try_except", "try:\n    x = f()\nexcept ValueError as e:\n    x = e\nexcept Exception:\n    x = None\n"),
    ("try_finally", "try:\n    f()\nfinally:\n    g()\n"),
    ("try_except_else_finally",
     "try:\n    a = f()\nexcept KeyError:\n    a = 0\nelse:\n    a += 1\nfinally:\n    done()\n"),
    ("with_stmt", "with open(p) as fh:\n    data = fh.read()\n"),
    ("nested_try", "try:\n    try:\n        f()\n    except A:\n        g()\nexcept B:\n    h()\n"),
    ("const_folding",
     "a = 1 + 2\nb = (1, 2, 3)\nc = -5\nd = not True\ne = 'ab' * 3\nf = 2 ** 10\ng = [1, 2, 3]\n"
     "h = {1, 2, 3}\ni = 1 in (1, 2)\nj = ~7\nk = (1, 'a', None)[1]\nl = 300\nm = 'x' 'y'\n"),
    ("bool_ops", "x = a and b or c\ny = not a\nz = a if b else c\n"),
    ("compare_chain", "r = a < b < c\nif a is None:\n    r = 1\nif a is not None:\n    r = 2\n"),
    ("unpack_swap", "a, b = b, a\na, b, c = c, b, a\n(x, y), z = (1, 2), 3\n"),
    ("long_columns",
     "x = 1\n" + "y = " + " + ".join(["aaaaaaaaaa"] * 12) + "\n" + "z = (\n    1,\n    y,\n)\n"),
    ("line_gaps", "x = 1\n\n\n\n\n\ny = 2\n" + "\n" * 300 + "z = 3\n"),
    ("extended_arg_jump", "if a:\n" + "".join("    x%d = y%d\n" % (i, i) for i in range(100))
     + "else:\n    pass\n"),
    ("assert_del_global", "global q\nassert a, 'msg'\ndel a\nq = 1\n"),
    ("imports", "import os\nimport os.path as p\nfrom sys import argv, path as pth\n"),
    ("comprehension", "x = [i * 2 for i in range(3)]\ny = {k: v for k, v in z}\n"),
    ("match_stmt",
     "match p:\n    case [a, b]:\n        r = a\n    case {'k': v}:\n        r = v\n    case _:\n        r = 0\n"),
    ("calls_and_attrs", "o.m(1, k=2)\nf(*a, **kw)\nx = o.a.b\no.c = x[1:2]\n"),
    ("fstring", "s = f'{a!r:>10} and {b}'\n"),
    ("raise_reraise", "try:\n    raise E('x') from None\nexcept E:\n    raise\n"),
    ("loop_try_break",
     "for x in y:\n    try:\n        if x:\n            break\n        continue\n    finally:\n        f()\n"),
    ("while_true", "while True:\n    x = f()\n    if x:\n        break\n"),
    ("func_locals", "def f(a, b=None, *args, c, **kw):\n    x = a\n    y = b\n    x, y = y, x\n"
     "    return x + y + c\n"),
    ("func_unbound", "def f(a):\n    if a:\n        v = 'set'\n    print(v)\n    del a\n    print(a)\n"),
    ("func_closure", "def f(a, b):\n    c = 'c'\n    def g(d):\n        nonlocal c\n        c = d\n"
     "        return a + c\n    print(g)\n"),
    ("func_generator", "def gen(n):\n    i = 1000\n    while i < n:\n        yield i\n        i += 1000\n"
     "    x = yield 'done'\n"),
    ("func_try_loop", "def f(xs):\n    total = 1000\n    for x in xs:\n        try:\n            total += x\n"
     "        except TypeError as e:\n            total = e\n    print(total)\n"),
    ("func_posonly", "def f(a, /, b, *, c):\n    return a(b, c)\n"),
    ("func_with", "def f(p):\n    with open(p) as fh, lock:\n        return fh.read()\n"),
    ("lambda_default", "k = lambda x, y=None: x or y\n"),
    ("func_async", "async def f(a):\n    await a\n    async for x in a:\n        pass\n"
     "    async with a:\n        pass\n"),
    ("func_yield_from", "def g(a):\n    print(a)\n    yield from a\n"),
    ("func_and_in_try", "def h(s, o):\n    try:\n        return (s.ip == o.ip\n"
     "                and s.v == o.v)\n    except AttributeError:\n        return NotImplemented\n"),
    ("func_raise_only", "def f(*args, **kwargs):\n    raise\n"),
    ("func_fstring_or", "def fd(name, value):\n    x = f\"{name}={value or 'x'}\"\n    print(x)\n"),
    ("func_loop_handlers",
     "def f(xs):\n    saved = None\n    for x in xs:\n        try:\n            g(x)\n"
     "        except (KeyError, IndexError) as e:\n            last = e\n"
     "        except OSError as e:\n            last = e\n            if saved is None:\n"
     "                saved = e\n    if saved is not None:\n        raise saved\n    raise last\n"),
]


_STUBS = []


def encode_const(v):
    """A constant in the mini format test_assemble.c parses."""
    if v is None:
        return "N"
    if v is True:
        return "T"
    if v is False:
        return "F"
    if v is Ellipsis:
        return "E"
    if type(v) is int:
        assert -(1 << 63) <= v < (1 << 63), v
        return "i%d;" % v
    if type(v) is float:
        return "f%016x;" % struct.unpack("<Q", struct.pack("<d", v))[0]
    if type(v) is str:
        data = v.encode("utf-8", "surrogatepass")
        return "s%d:%s" % (len(data), data.hex())
    if type(v) is bytes:
        return "b%d:%s" % (len(v), v.hex())
    if type(v) is tuple:
        return "(" + "".join(encode_const(x) for x in v) + ")"
    if type(v) is slice:
        return "S" + encode_const(v.start) + encode_const(v.stop) + encode_const(v.step)
    if hasattr(v, "co_code"):
        # A stub with a distinct first line stands for it (code objects compare by value).
        _STUBS.append(v)
        return "C%d,%d:%s" % (len(_STUBS), len(v.co_name), v.co_name.encode().hex())
    if type(v) is frozenset:
        return "{" + "".join(encode_const(x) for x in v) + "}"
    raise TypeError("unsupported constant %r" % (v,))


def c_string(s):
    out = []
    for ch in s:
        o = ord(ch)
        if ch == "\\" or ch == '"':
            out.append("\\" + ch)
        elif ch == "\n":
            out.append("\\n")
        elif 32 <= o < 127:
            out.append(ch)
        else:
            out.append("\\x%02x\"\"" % o)
    return '"' + "".join(out) + '"'


import dis  # noqa: E402

# Opcodes whose oparg is an instruction index in the code generator's output.
TARGET_OPS = set(dis.hasjump) | {_opcode_metadata.opmap[n] for n in (
    "JUMP", "JUMP_IF_FALSE", "JUMP_IF_TRUE", "JUMP_NO_INTERRUPT",
    "SETUP_FINALLY", "SETUP_CLEANUP", "SETUP_WITH")}


def handler_map(co):
    """'unit,target,depth,lasti;' for every code unit an exception table entry covers."""
    out = []
    for e in dis._parse_exception_table(co):
        for off in range(e.start, e.end, 2):
            out.append("%d,%d,%d,%d;" % (off // 2, e.target // 2, e.depth, int(e.lasti)))
    return "".join(out)


def units(seq, co, md_consts):
    """(sequence, code, pre-optimization constants) for co and every nested code unit."""
    yield seq, co, md_consts
    nested_codes = [c for c in co.co_consts if hasattr(c, "co_code")]
    nested_seqs = seq.get_nested()
    assert len(nested_codes) == len(nested_seqs), co
    for s, c in zip(nested_seqs, nested_codes):
        yield from units(s, c, None)


def nested_consts(seq, co):
    """The code generator's constants of a nested unit, recovered from co when they cannot have
    been folded, converted or dropped: every index the generator used exists in co_consts, the
    final code loads no small int, and co_consts holds no tuple, frozenset or slice (which folding
    makes). None otherwise."""
    used = {arg for op, arg, *_ in seq.get_instructions() if OPNAME[op] == "LOAD_CONST"}
    if any(i.opname == "LOAD_SMALL_INT" for i in dis.get_instructions(co)):
        return None
    if any(type(c) in (tuple, frozenset, slice) for c in co.co_consts):
        return None
    if not used <= set(range(len(co.co_consts))):
        return None
    return list(co.co_consts)


def const_repr(consts):
    parts = ["<code %s>" % c.co_name if hasattr(c, "co_code") else repr(c) for c in consts]
    return "(" + ", ".join(parts) + ("," if len(parts) == 1 else "") + ")"


def main():
    out_path = os.path.join(os.path.dirname(__file__), "..", "tests", "unit", "compiler",
                            "assemble_expected.gen.h")
    lines = [
        "// Generated by scripts/gen_assemble_expected.py from the oracle (CPython %s). Do not edit."
        % sys.version.split()[0],
        "// Each case: the oracle's code generator output for one code unit (input) and the code",
        "// object its compile() makes (expected). Constants use the format parse_const() reads.",
        "",
    ]
    names = []
    for name, src in CASES:
        seq, md = _testinternalcapi.compiler_codegen(ast.parse(src), "case.py", 0)
        co = compile(src, "case.py", "exec")
        for k, (useq, uco, consts) in enumerate(units(seq, co, md["consts"])):
            if consts is None:
                consts = nested_consts(useq, uco)
                assert consts is not None, (name, uco)
            cname = name if k == 0 else "%s_%d" % (name, k)
            emit_case(lines, cname, src, useq, uco, consts, k == 0)
            names.append(cname)
    lines.append("static const AsmCase *const asm_cases[] = {")
    for cname in names:
        lines.append("    &%s_case," % cname)
    lines.append("};")
    with open(out_path, "w") as f:
        f.write("\n".join(lines) + "\n")


def emit_case(lines, name, src, seq, co, consts, is_module):
    instrs = seq.get_instructions()
    lines.append("static const AsmCaseInstr %s_instrs[] = {" % name)
    for op, arg, l1, l2, c1, c2 in instrs:
        lines.append("    {FT_OP_%s, %d, {%d, %d, %d, %d}}," % (OPNAME[op], arg or 0, l1, l2, c1, c2))
    lines.append("};")
    ncells = len(co.co_cellvars)
    cellvars = sorted(co.co_cellvars)
    lines.append("static const AsmCase %s_case = {" % name)
    lines.append("    .name = %s," % c_string(name))
    lines.append("    .source = %s," % c_string(src))
    lines.append("    .instrs = %s_instrs," % name)
    lines.append("    .ninstrs = %d," % len(instrs))
    lines.append("    .co_name = %s," % c_string(co.co_name))
    lines.append("    .qualname = %s," % c_string(co.co_qualname))
    lines.append("    .consts = %s," % c_string("".join(encode_const(c) for c in consts)))
    lines.append("    .names = %s," % c_string("".join(encode_const(n) for n in co.co_names)))
    lines.append("    .varnames = %s," % c_string("".join(encode_const(n) for n in co.co_varnames)))
    lines.append("    .cellvars = %s," % c_string("".join(encode_const(n) for n in cellvars)))
    lines.append("    .freevars = %s," % c_string("".join(encode_const(n) for n in co.co_freevars)))
    lines.append("    .hidden_all = %d," % int(is_module))
    lines.append("    .argcount = %d," % (co.co_argcount - co.co_posonlyargcount))
    lines.append("    .posonlyargcount = %d," % co.co_posonlyargcount)
    lines.append("    .kwonlyargcount = %d," % co.co_kwonlyargcount)
    lines.append("    .flags = %d," % co.co_flags)
    lines.append("    .firstlineno = %d," % co.co_firstlineno)
    lines.append("    .code_hex = %s," % c_string(co.co_code.hex()))
    lines.append("    .consts_repr = %s," % c_string(const_repr(co.co_consts)))
    lines.append("    .stacksize = %d," % co.co_stacksize)
    lines.append("    .linetable_hex = %s," % c_string(co.co_linetable.hex()))
    lines.append("    .exctable_hex = %s," % c_string(co.co_exceptiontable.hex()))
    lines.append("    .lines_repr = %s," % c_string(repr(list(co.co_lines()))))
    lines.append("    .positions_repr = %s," % c_string(repr(list(co.co_positions()))))
    lines.append("    .handlers = %s," % c_string(handler_map(co)))
    lines.append("    .localsplus = %s," % c_string(repr(co.co_varnames + tuple(
        n for n in co.co_cellvars if n not in co.co_varnames) + co.co_freevars)))
    lines.append("    .ncells = %d," % ncells)
    kinds = _testinternalcapi.get_co_localskinds(co)
    plus = co.co_varnames + tuple(n for n in co.co_cellvars if n not in co.co_varnames) + co.co_freevars
    lines.append("    .kinds_hex = %s," % c_string(bytes(kinds[n] for n in plus).hex()))
    lines.append("};")
    lines.append("")


CODE_SOURCES = [
    ("closure_try", "def outer():\n    z = 'z'\n    def f(a, b=1, *args, k, **kw):\n        try:\n"
     "            return a + b + z\n        except KeyError as e:\n            return e\n    return f\n",
     ("outer", "f")),
    ("cell_arg", "def g(x, /, y):\n    def h():\n        return x\n    return h\n", ("g",)),
    ("module", "import os\nfor i in range(3):\n    print(i, os.sep,\n          i * 2)\n", ()),
]


def find_code(co, path):
    for name in path:
        co = next(c for c in co.co_consts if hasattr(c, "co_code") and c.co_name == name)
    return co


def write_code_expected():
    out_path = os.path.join(os.path.dirname(__file__), "..", "tests", "unit", "objects",
                            "code_expected.gen.h")
    lines = ["// Generated by scripts/gen_assemble_expected.py from the oracle (CPython %s). Do not edit."
             % sys.version.split()[0],
             "// Code objects of the oracle, field by field, and what their attributes and tables say.",
             ""]
    names = []
    for name, src, path in CODE_SOURCES:
        co = find_code(compile(src, "code.py", "exec"), path)
        plus, kinds = (co.co_varnames + tuple(n for n in co.co_cellvars if n not in co.co_varnames)
                       + co.co_freevars), _testinternalcapi.get_co_localskinds(co)
        unit_lines = [None] * (len(co.co_code) // 2)
        for start, end, line in co.co_lines():
            for u in range(start // 2, end // 2):
                unit_lines[u] = -1 if line is None else line
        lines.append("static const CodeCase %s_code = {" % name)
        lines.append("    .name = %s," % c_string(co.co_name))
        lines.append("    .qualname = %s," % c_string(co.co_qualname))
        lines.append("    .flags = %d," % co.co_flags)
        lines.append("    .argcount = %d," % co.co_argcount)
        lines.append("    .posonlyargcount = %d," % co.co_posonlyargcount)
        lines.append("    .kwonlyargcount = %d," % co.co_kwonlyargcount)
        lines.append("    .stacksize = %d," % co.co_stacksize)
        lines.append("    .firstlineno = %d," % co.co_firstlineno)
        lines.append("    .code_hex = %s," % c_string(co.co_code.hex()))
        lines.append("    .consts = %s," % c_string("".join(encode_const(c) for c in co.co_consts)))
        lines.append("    .names = %s," % c_string("".join(encode_const(n) for n in co.co_names)))
        lines.append("    .localsplus = %s," % c_string("".join(encode_const(n) for n in plus)))
        lines.append("    .kinds_hex = %s," % c_string(bytes(kinds[n] for n in plus).hex()))
        lines.append("    .linetable_hex = %s," % c_string(co.co_linetable.hex()))
        lines.append("    .exctable_hex = %s," % c_string(co.co_exceptiontable.hex()))
        lines.append("    .varnames_repr = %s," % c_string(repr(co.co_varnames)))
        lines.append("    .cellvars_repr = %s," % c_string(repr(co.co_cellvars)))
        lines.append("    .freevars_repr = %s," % c_string(repr(co.co_freevars)))
        lines.append("    .nlocals = %d," % co.co_nlocals)
        lines.append("    .lines_repr = %s," % c_string(repr(list(co.co_lines()))))
        lines.append("    .positions_repr = %s," % c_string(repr(list(co.co_positions()))))
        lines.append("    .handlers = %s," % c_string(handler_map(co)))
        lines.append("    .unit_lines = {%s}," % ", ".join(str(x) for x in unit_lines))
        lines.append("    .nunits = %d," % len(unit_lines))
        lines.append("};")
        lines.append("")
        names.append(name)
    lines.append("static const CodeCase *const code_cases[] = {")
    for name in names:
        lines.append("    &%s_code," % name)
    lines.append("};")
    with open(out_path, "w") as f:
        f.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
    write_code_expected()
