"""Writes tests/unit/compiler/codegen_expected.h from the CPython 3.14 oracle.

Run with the oracle:  /opt/cpython314/bin/python3.14 scripts/gen_codegen_expected.py

Two tables:
  codegen_listing_cases: straight-line snippets (no jumps, no constant folding) with the oracle's
    instructions per code object, normalized so that they equal what the code generator emits
    before CPython's flowgraph pass: superinstructions split, LOAD_FAST_BORROW as LOAD_FAST, the
    MAKE_CELL/COPY_FREE_VARS/RETURN_GENERATOR prefix and NOPs dropped, LOAD_GLOBAL's NULL bit as
    a separate PUSH_NULL. Code objects are listed children first (post-order over co_consts).
  codegen_raw_cases: snippets with control flow, compared with the oracle's own code generator
    output (_testinternalcapi.compiler_codegen: the instruction sequence before the flowgraph
    pass, labels resolved to instruction indices, raw opargs, source locations), every code unit
    listed children first.
  codegen_e2e_cases: every snippet above compiled to code objects, children first: co_code,
    co_consts, co_names, co_flags, co_stacksize, co_linetable and co_exceptiontable (the whole
    pipeline, the assembler included).
  codegen_error_cases: snippets the oracle rejects after parsing, with the SyntaxError's message
    and position.
"""
import ast
import dis
import opcode
import os
import sys
import types

LISTING = [
    "x = 1\n",
    "x = y = 'abc'\n",
    "a.b = c[d]\n",
    "del a, b.c, d[e]\n",
    "x += 1\n",
    "a.b *= c\n",
    "a[b] -= c\n",
    "a[b:c] //= d\n",
    "f(a, b, key=c)\n",
    "f(*a, **b)\n",
    "f(a, *b, c=1, **d)\n",
    "o.m(1, 2)\n",
    "o.m(x, k=2)\n",
    "print('hello', end='')\n",
    "x = a + b * c - d / e // f % g ** h << i >> j | k ^ l & m @ n\n",
    "x = ~a\ny = +b\nz = not c\nw = -d\n",
    "x = a < b\ny = a is not b\nz = a in b\nw = a not in b\n",
    "x = [a, b, *c]\ny = {a, b}\nz = {a: b, **c, d: e}\n",
    "x = (a, b)\n",
    "x = a[1:2]\ny = a[b:c]\nz = a[::2]\nw = a[b:c:d]\n",
    "a[b:c] = d\n",
    "import os\nimport os.path\nimport a.b.c as d\n",
    "from os import path, sep as s\nfrom . import x\nfrom .. a import *\n",
    "raise E\n",
    "raise E from F\n",
    "a, *b, c = d\n",
    "x = lambda a, b=B, *c, d, e=2, **f: a\n",
    "def f(a, b=B, *, c=2):\n    return a\n",
    "def f(x):\n    def g():\n        return x\n    return g\n",
    "def f():\n    global G\n    G = 1\n",
    "def f():\n    x = 1\n    def g():\n        nonlocal x\n        x = 2\n    return g\n",
    "'''Module doc.'''\nx = 1\n",
    "def f():\n    '''  Doc\n    string.\n    '''\n    return 1\n",
    "class C:\n    pass\n",
    "class C(B, metaclass=M):\n    '''doc'''\n    x = 1\n    def m(self):\n        self.a = 1\n        return self.a\n",
    "class C:\n    def m(self):\n        return super().m()\n",
    "class C:\n    def m(self):\n        return super().x\n",
    "class C:\n    def m(self):\n        return __class__\n",
    "@d1\n@d2(a)\ndef f():\n    pass\n",
    "@d\nclass C:\n    pass\n",
    "class C:\n    __x = 1\n    def m(self):\n        return self.__y\n",
    "x = f(a)(b)[c].d\n",
    "x = {}\ny = []\n",
    "print(*a)\n",
    "async def f():\n    return 1\n",
    "(x := 1)\n",
    "def f(a, /, b, *, c):\n    return a, b, c\n",
    "def f(*args, **kwargs):\n    return args\n",
    "x = 1.5\ny = 2j\nz = b'bytes'\nw = ...\nv = None\n",
    "x = 12345678901234567890\n",
    "__debug__\nx = __debug__\n",
    "def f():\n    x = 1\n    del x\n",
]

ERRORS = [
    "return 1\n",
    "x = 1\nbreak\n",
    "continue\n",
    "class C:\n    return 1\n",
    "f(a=1, a=2)\n",
    "*a = 1\n",
    "x = *a\n",
    "def f():\n    for x in y:\n        pass\n    break\n",
    "async def f():\n    yield 1\n    return 2\n",
    "a, *b, *c = d\n",
]

RAW = [
    "x = 1\n",
    "if a:\n    b = 1\n",
    "if a:\n    b()\nelif c:\n    d()\nelse:\n    e()\n",
    "while a:\n    if b:\n        break\n    if c:\n        continue\n    d()\nelse:\n    e()\n",
    "for x in y:\n    if x:\n        break\nelse:\n    z()\n",
    "for a, b in c:\n    d(a, b)\n",
    "x = a and b or c\n",
    "x = a if b else c\n",
    "if a and (b or not c):\n    d()\n",
    "if a < b < c:\n    d()\n",
    "x = a < b < c\n",
    "if not (a is b):\n    c()\n",
    "assert a, b\n",
    "assert a\n",
    "x = a if b and c else d\n",
    "def f(a, b=2, *c, d, e=5, **g):\n    return a + b\n",
    "def f():\n    return\n",
    "def f(x):\n    while x:\n        x -= 1\n        if x == 3:\n            return x\n    return -1\n",
    "def f(x):\n    for i in x:\n        return i\n",
    "def f(x: int, *, y: str = 'a') -> bool:\n    pass\n",
    "def f():\n    \"\"\"Doc.\"\"\"\n    x = 1\n    def g():\n        nonlocal x\n        x += 1\n    return g\n",
    "class C(B):\n    \"\"\"Doc.\"\"\"\n    a = 1\n    def m(self, x):\n        self.y = x\n        return super().m(x)\n",
    "class C:\n    x: int = 1\n    if a:\n        y: str\n",
    "class C:\n    def f(self):\n        return __class__\n",
    "class C:\n    def __f(self):\n        return self.__g\n    __h = 1\n",
    "@dec\ndef f(a=1):\n    return a\n",
    "x = lambda a, *, b=1: (a, b)\n",
    "x = f(a, *b, c=1, **d)\n",
    "x = [a, *b]\ny = {**a, 'b': 1}\nz = {a, *b}\n",
    "o.m(a, k=1)\no.n(*a)\n",
    "del a[1:2], b.c\n",
    "a.b += 1\na[b] += 1\na[b:c] += 1\n",
    "x = a[1:2]\ny = a[b:c]\nz = a[::2]\n",
    "import a.b.c\nimport a.b as c\nfrom . import d\nfrom e import *\n",
    "raise\n",
    "x = 1 if __debug__ else 2\n",
    "def f():\n    global g\n    g = 1\n    return g\n",
    "def outer():\n    x = 1\n    class C:\n        y = x\n        def m(self):\n            return x\n    return C\n",
    "async def f(a):\n    return 1\n",
    "def f(a, /, b, *, c):\n    return (a, b, c)\n",
    "x = -1\ny = (1, 2)\nz = not a\n",
    "x = 1 < 2\n",
    "x = print(*a)\n",
    "x = all(a for a in b)\n",
    "async def f():\n    return all(x async for x in y), any(await x for x in y), tuple(x for x in y)\n",
    "x = '%s and %r, %-5.2a %%' % (a, b, c)\n",
    "x = '%s' % (a,)\ny = '%d' % (a,)\nz = '%s %s' % (a,)\nw = '%s' % (a, b)\n",
    "x = '%05s|%+s|%.3s' % (a, b, c)\n",
    "x = '%200s|' % (a,)\ny = '%.123s' % (b,)\nz = '%12.34s' % (c,)\n",
    "x: int = 1\nif a:\n    y: str\nz = 2\n",
    "def f[T](x: T) -> T:\n    return x\n",
    "def f[T: int, *Ts, **P](a=1, *, b=2):\n    pass\n",
    "class C[T](B, metaclass=M):\n    x: T\n",
    "class C[T: (int, str) = int]:\n    def m(self) -> T:\n        return self\n",
    "type A = int\ntype B[T] = list[T]\n",
    "type C[*Ts = int, **P = [int]] = tuple[*Ts]\n",
    "from __future__ import annotations\nx: int = 1\ny: list[int | None]\nclass C:\n    z: 'fwd'\n    w: a.b[c, d:e] = 2\ndef f(a: -x ** 2, *b: *Ts, c: (1, 2) = 3, **d: {1: 2, **e}) -> f(x, *y, k=1) < 2 if x else lambda_:\n    pass\n",
    "from __future__ import annotations\ny: 1e400 + 2.5j\nz: a[()] and not b or c[1,]\nw: {*a, b} @ [1] >> ~2\nv: ...\n",
]

RAW_OO = [
    "\"\"\"a\"\"\"\n\"\"\"b\"\"\"\nx = 1\ndef f():\n    \"\"\"c\"\"\"\n    \"\"\"d\"\"\"\n",
    "\"\"\"doc\"\"\"\nfrom __future__ import annotations\nx: int = 1\n",
    "\"\"\"mod\ndoc\"\"\"\n",
    "\"\"\"mod doc\"\"\"\ndef f():\n    \"\"\"doc\"\"\"\ndef g():\n    \"\"\"doc\"\"\"\n    return 1\nassert x\n",
    "class C:\n  \"\"\"a\n  b\"\"\"\nx = __debug__\nif __debug__:\n    y()\n",
]

PARSE_ERRORS = [
    "x = (\n",
    "if x:\npass\n",
    "def f():\n\tif x:\n        pass\n",
    "x = 1 +\n",
]

# compiler_codegen's nested sequences crash the oracle when freed: keep every one alive.
KEEP = []

def raw_units(seq, out, consts=None):
    # consts: the top-level unit's constants (the oracle reports no others), shown after LOAD_CONST.
    KEEP.append(seq)
    nested = seq.get_nested()
    KEEP.append(nested)
    for n in nested:
        raw_units(n, out)
    out.append("==")
    for ins in seq.get_instructions():
        op, arg, l, el, c, ec = ins
        text = "  " + opcode.opname[op]
        if arg is not None:
            text += " %d" % arg
        text += " @%d,%d,%d,%d" % (l, el, c, ec)
        if consts is not None and opcode.opname[op] == "LOAD_CONST":
            text += " = " + norm_const(consts[arg])
        out.append(text)

def e2e_units(co, out):
    for k in co.co_consts:
        if isinstance(k, types.CodeType):
            e2e_units(k, out)
    out.append("== %s" % co.co_qualname)
    out.append("code %s" % co.co_code.hex())
    out.append("consts (%s)" % ", ".join(norm_const(k) for k in co.co_consts))
    out.append("names (%s)" % ", ".join(co.co_names))
    out.append("flags 0x%x stacksize %d" % (co.co_flags, co.co_stacksize))
    out.append("linetable %s" % co.co_linetable.hex())
    out.append("exceptiontable %s" % co.co_exceptiontable.hex())

def norm_const(v):
    if isinstance(v, types.CodeType):
        return "<code %s>" % v.co_qualname
    return repr(v)

def listing(co, out):
    for k in co.co_consts:
        if isinstance(k, types.CodeType):
            listing(k, out)
    out.append("== %s flags=0x%x argcount=%d posonly=%d kwonly=%d" % (
        co.co_qualname, co.co_flags, co.co_argcount - co.co_posonlyargcount,
        co.co_posonlyargcount, co.co_kwonlyargcount))
    instrs = list(dis.get_instructions(co))
    for i, ins in enumerate(instrs):
        op = ins.opname
        if op in ("MAKE_CELL", "COPY_FREE_VARS", "NOP", "NOT_TAKEN", "EXTENDED_ARG"):
            continue
        if op == "LOAD_SMALL_INT":
            out.append("  LOAD_CONST %d" % ins.arg)
            continue
        if op == "RETURN_GENERATOR" or (op == "POP_TOP" and i > 0 and instrs[i - 1].opname == "RETURN_GENERATOR"):
            continue
        if op.startswith("LOAD_FAST_BORROW"):
            op = op.replace("LOAD_FAST_BORROW", "LOAD_FAST")
        if op in ("LOAD_FAST_LOAD_FAST", "STORE_FAST_STORE_FAST", "STORE_FAST_LOAD_FAST"):
            first, second = op.split("_FAST_")[0] + "_FAST", op.split("_FAST_")[1]
            a, b = ins.argval
            out.append("  %s %s" % (first, a))
            out.append("  %s %s" % (second, b))
            continue
        if op == "LOAD_GLOBAL":
            out.append("  LOAD_GLOBAL %s" % ins.argval)
            if ins.arg & 1:
                out.append("  PUSH_NULL")
            continue
        if op == "LOAD_ATTR":
            out.append("  LOAD_ATTR %s%s" % (ins.argval, " +1" if ins.arg & 1 else ""))
            continue
        if op == "LOAD_SUPER_ATTR":
            out.append("  LOAD_SUPER_ATTR %s +%d" % (ins.argval, ins.arg & 3))
            continue
        if ins.opcode in dis.hasjump:
            raise SystemExit("snippet has a jump: %r" % co)
        if op == "LOAD_CONST":
            out.append("  LOAD_CONST %s" % norm_const(ins.argval))
        elif ins.opcode in dis.hasname or ins.opcode in dis.haslocal or ins.opcode in dis.hasfree:
            out.append("  %s %s" % (op, ins.argval))
        elif ins.arg is not None:
            out.append("  %s %d" % (op, ins.arg))
        else:
            out.append("  %s" % op)

def c_string(s):
    out = []
    for ch in s.encode("utf-8"):
        c = chr(ch)
        if c == "\\":
            out.append("\\\\")
        elif c == '"':
            out.append('\\"')
        elif c == "\n":
            out.append("\\n")
        elif 32 <= ch < 127:
            out.append(c)
        else:
            out.append("\\%03o" % ch)
    return '"' + "".join(out) + '"'

def main():
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    path = os.path.join(root, "tests", "unit", "compiler", "codegen_expected.h")
    lines = ["// Generated by scripts/gen_codegen_expected.py from CPython %s. Do not edit." % sys.version.split()[0],
             "// Straight-line snippets with the oracle's normalized instructions, and compile-time errors.",
             "typedef struct { const char *source; const char *listing; } CodegenListingCase;",
             "typedef struct { const char *source; const char *msg; int lineno, offset, end_lineno, end_offset; } CodegenErrorCase;",
             "static const CodegenListingCase codegen_listing_cases[] = {"]
    for src in LISTING:
        out = []
        listing(compile(src, "<s>", "exec"), out)
        lines.append("    {%s,\n     %s}," % (c_string(src), c_string("\n".join(out) + "\n")))
    lines.append("};")
    lines.append("static const CodegenListingCase codegen_raw_cases[] = {")
    import _testinternalcapi
    for src in RAW:
        tree = ast.parse(src)
        KEEP.append(tree)
        seq, meta = _testinternalcapi.compiler_codegen(tree, "<s>", 0)
        out = []
        raw_units(seq, out, meta["consts"])
        lines.append("    {%s,\n     %s}," % (c_string(src), c_string("\n".join(out) + "\n")))
    lines.append("};")
    lines.append("// The same at optimization level 2 (-OO: no asserts, no docstrings, __debug__ false).")
    lines.append("static const CodegenListingCase codegen_raw_oo_cases[] = {")
    for src in RAW_OO:
        tree = ast.parse(src)
        KEEP.append(tree)
        seq, meta = _testinternalcapi.compiler_codegen(tree, "<s>", 2)
        out = []
        raw_units(seq, out, meta["consts"])
        lines.append("    {%s,\n     %s}," % (c_string(src), c_string("\n".join(out) + "\n")))
    lines.append("};")
    lines.append("static const CodegenListingCase codegen_e2e_cases[] = {")
    for src in LISTING + RAW:
        out = []
        e2e_units(compile(src, "<s>", "exec"), out)
        lines.append("    {%s,\n     %s}," % (c_string(src), c_string("\n".join(out) + "\n")))
    lines.append("};")
    lines.append("static const CodegenErrorCase codegen_error_cases[] = {")
    for src in ERRORS:
        try:
            compile(src, "<s>", "exec")
        except SyntaxError as e:
            lines.append("    {%s, %s, %d, %d, %d, %d}," % (c_string(src), c_string(e.msg), e.lineno or 0,
                         e.offset or 0, e.end_lineno or 0, e.end_offset or 0))
        else:
            raise SystemExit("no error for %r" % src)
    lines.append("};")
    lines.append("typedef struct { const char *source; const char *type; const char *msg; const char *text; int lineno, offset, end_lineno, end_offset; } CodegenParseErrorCase;")
    lines.append("static const CodegenParseErrorCase codegen_parse_error_cases[] = {")
    for src in PARSE_ERRORS:
        try:
            compile(src, "<s>", "exec")
        except SyntaxError as e:
            lines.append("    {%s, %s, %s, %s, %d, %d, %d, %d}," % (c_string(src), c_string(type(e).__name__),
                         c_string(e.msg), c_string(e.text) if e.text is not None else "NULL", e.lineno or 0,
                         e.offset or 0, e.end_lineno or 0, e.end_offset or 0))
        else:
            raise SystemExit("no error for %r" % src)
    lines.append("};")
    with open(path, "w") as f:
        f.write("\n".join(lines) + "\n")
        f.flush()
    # The nested instruction sequences of compiler_codegen crash the oracle at exit.
    os._exit(0)

main()
