#!/usr/bin/env python3
"""Writes tests/unit/compiler/codegen_blocks_expected.h from the oracle (CPython 3.14).

Usage: /opt/cpython314/bin/python3.14 scripts/gen_codegen_blocks_expected.py

For each snippet below (try/except/finally, with, loops that unwind, comprehensions, generators,
f-strings, t-strings, match, except*, async) it compiles the source with the running interpreter and
records, for the module and every nested code object in co_consts order: the qualified name, each
instruction as "OPNAME RAWARG LINE,END_LINE,COL,END_COL" read from co_code and co_positions()
(inline caches skipped, -1 for None), and the exception table in hex. A source CPython rejects records "ErrorClass: str(error) @offset-end_offset".
tests/unit/compiler/test_codegen_blocks.c prints the same text from ftpy's code objects.
"""
import dis
import os
import sys

if sys.version_info[:2] != (3, 14):
    sys.exit("run this with the CPython 3.14 oracle")

SNIPPETS = [
    ("try_except", "try:\n    f()\nexcept ValueError:\n    g()\n"),
    ("try_except_as", "try:\n    f()\nexcept ValueError as e:\n    g(e)\nexcept:\n    h()\n"),
    ("try_except_tuple", "try:\n    f()\nexcept ValueError, TypeError:\n    g()\n"),
    ("try_else_finally", "try:\n    f()\nexcept E:\n    g()\nelse:\n    h()\nfinally:\n    k()\n"),
    ("try_finally_return", "def f(x):\n    try:\n        return g(x)\n    finally:\n        h()\n"),
    ("loop_unwind", "def f(y):\n    for x in y:\n        try:\n            if x:\n                break\n            continue\n        finally:\n            g()\n    while y:\n        try:\n            return 1\n        except E as e:\n            return e\n"),
    ("return_in_for", "def f(y):\n    for x in y:\n        return x\n"),
    ("with_simple", "with a:\n    f()\n"),
    ("with_as_multi", "def f():\n    with a as x, b() as (y, z):\n        return g(x, y, z)\n"),
    ("with_in_loop", "def g(y):\n    for x in y:\n        with y as z:\n            return 1\n"),
    ("listcomp_func", "def f(y):\n    return [x for x in y if x]\n"),
    ("comps_module", "a = [x for x in y]\nb = {x: x for x in y}\nc = {x for x in y for z in x if z}\n"),
    ("genexp", "def f(y):\n    return (x * 2 for x in y if x)\n"),
    ("comp_class", "class C:\n    r = [x for x in y if z]\n"),
    ("comp_cell", "def f(a):\n    z = 1\n    return [lambda: x + z for x in a]\n"),
    ("comp_nested_single", "def f(a):\n    return [y for x in a for y in [x * 2]]\n"),
    ("yield_gen", "def f():\n    x = yield 1\n    yield\n    yield from g(x)\n"),
    ("await_coro", "async def f():\n    return await g()\n"),
    ("async_with_for", "async def f():\n    async with a as b:\n        async for x in b:\n            g(x)\n        else:\n            h()\n"),
    ("async_comp", "async def f(y):\n    return [x async for x in y], (x async for x in y)\n"),
    ("fstring", "def f(a, b):\n    return f'{a}-{b!r:>{a}}{a=}{b!a}'\n"),
    ("fstring_long", "def f(a):\n    return f'" + "{a}." * 20 + "'\n"),
    ("tstring", "def f(a, b):\n    return t'x{a}{b!r:>3}y'\n"),
    ("match_basic", "match x:\n    case 1:\n        f()\n    case None:\n        g()\n    case [a, *rest]:\n        h(a, rest)\n    case {'k': v, **kw}:\n        i(v, kw)\n    case _:\n        j()\n"),
    ("match_class_or", "def f(p):\n    match p:\n        case Point(x=0, y=yy) | Point(y=yy, x=1):\n            return yy\n        case [_, *_, last] if last:\n            return last\n        case (1 | 2) as n:\n            return n\n        case str() | bytes():\n            return 0\n"),
    ("match_capture_last", "match x:\n    case [1, 2]:\n        pass\n    case y:\n        pass\n"),
    ("except_star", "try:\n    f()\nexcept* ValueError as e:\n    g(e)\nexcept* TypeError:\n    h()\n"),
    ("except_star_finally", "try:\n    f()\nexcept* ValueError:\n    g()\nfinally:\n    h()\n"),
    ("handler_unwind", "def f(y):\n    for x in y:\n        try:\n            g()\n        except E as e:\n            if e:\n                break\n            return e\n        except:\n            continue\n        finally:\n            h()\n"),
    ("with_return_value", "def f():\n    with a:\n        with b as c:\n            return c\n"),
    ("err_yield_class", "class C:\n    x = yield 1\n"),
    ("err_yield_from_async", "async def f():\n    yield from g\n"),
    ("fstring_module", "x = f'{a}-{b!r:>{a}}{a=}{b!a}{c:{d}.{e}}'\ny = f'{a}'\nz = f''\n"),
    ("fstring_module_long", "x = f'" + "{a}." * 20 + "'\n"),
    ("tstring_module", "x = t'x{a}{b!r:>3}y'\ny = t'{a}{b}'\nz = t''\n"),
    ("match_class_module", "match p:\n    case Point(x=0, y=yy) | Point(y=yy, x=1):\n        f(yy)\n    case [_, *_, last] if last:\n        f(last)\n    case [a, *b, c]:\n        f(a, b, c)\n    case (1 | 2) as n:\n        f(n)\n    case {1: _, 'x': y, **rest}:\n        f(y, rest)\n    case str() | bytes():\n        pass\n    case C(a, b=[c, d]):\n        f(c, d)\n    case -1 | 1.5 | A.B:\n        pass\n"),
    ("async_module_level_comp", "r = [(yield) for x in y] if False else 0\n"),
    ("finally_preserve", "def f(a):\n    try:\n        with a as b:\n            try:\n                return b.x\n            finally:\n                del b\n    finally:\n        a.close()\n"),
    ("return_in_finally", "def f(a):\n    for x in a:\n        try:\n            pass\n        finally:\n            return x\n"),
    ("break_in_handlers", "def f(a):\n    while a:\n        try:\n            a.pop()\n        except KeyError:\n            break\n        except (ValueError, TypeError) as e:\n            continue\n        else:\n            return 2\n        with a:\n            continue\n"),
    ("comp_walrus_nested", "def f(a):\n    r = [y := x for x in a]\n    s = {k: [v for v in k] for k in a if k}\n    return r, s, y\n"),
    ("comp_class_nested", "class C:\n    a = 1\n    b = [[x for x in a] for y in c]\n    d = {x: y for x, y in e}\n"),
    ("genexp_multi", "def f(a):\n    return list((x, y) for x in a if x for y in x if y if y > 1)\n"),
    ("async_more", "async def f(a):\n    r = [await x async for x in a if await x]\n    g = (x async for x in a for y in x)\n    async for x, y in a:\n        break\n    return r, g\n"),
    ("fstring_more", "def f(a, b):\n    return f'{a!s:{b}}', f'{a = :>10}', f'{a}', f'{a!r}', f'{{}}{a:{b}{b}}'\n"),
    ("match_more", "def f(x):\n    match x:\n        case {}:\n            return 0\n        case {**rest}:\n            return rest\n        case []:\n            return 1\n        case [*_]:\n            return 2\n        case (a, b, *_):\n            return a\n        case [a, *mid, b]:\n            return mid\n        case (a, b) | (b, a):\n            return a, b\n        case [y] | (y, _):\n            return y\n        case C(1, 2, k=3):\n            return 3\n        case True | False | None:\n            return 4\n        case _ if x:\n            return 5\n"),
    ("try_else_loop", "def f(a):\n    for x in a:\n        try:\n            g(x)\n        except E:\n            pass\n        else:\n            return x\n    else:\n        return None\n"),
    ("try_star_full", "try:\n    f()\nexcept* (A, B):\n    g()\nexcept* C as c:\n    h(c)\nelse:\n    i()\nfinally:\n    j()\n"),
    ("with_multi_module", "with a as (b, c), d, e as f.g:\n    h()\n"),
    ("async_with_multi", "async def f():\n    async with a as b, c:\n        return await b\n"),
    ("comp_module_globals", "x = 1\nr = [x for x in y]\nprint(x)\ns = [y := z for z in w]\n"),
    ("comp_class_names", "class C:\n    v = 1\n    a = [v for _ in range(3)]\n    b = [lambda: w for w in range(3)]\n    g = (v for _ in range(3))\n"),
    ("comp_nested_inline", "def f(a):\n    return [[y for y in x] for x in a], {x: {y for y in x} for x in a}\n"),
    ("async_gen", "async def f(a):\n    try:\n        yield 1\n        x = yield\n    finally:\n        await a\n    async with a:\n        yield x\n    return\n"),
    ("gen_in_try", "def f(a):\n    with a:\n        try:\n            yield from a\n        except E:\n            yield 2\n        finally:\n            yield 3\n"),
    ("fstring_specs", "x = f'{a=!s:>10}{b:{c}.{d}f}{e!a}'\ny = f'{a:{b:{c}}}'\n"),
    ("tstring_specs", "x = t'{a:{b}}{c=}{d!s}'\ny = t'{a}' t'{b}'\n"),
    ("match_tricky", "match x:\n    case C(_, D(a), b=_, c=[1, *_, 2]):\n        f(a)\n    case (a, b, c) | (c, b, a) | [a, c, b]:\n        f(a, b, c)\n    case {A.B: v, 2j: w, -3: z}:\n        f(v, w, z)\n    case n if n > 0:\n        f(n)\n    case [1, *rest, 2] as whole:\n        f(rest, whole)\n    case _:\n        pass\n"),
    ("return_async_unwind", "async def f(a):\n    async with a:\n        async for x in a:\n            with x:\n                if x:\n                    break\n                return x\n"),
    ("comp_in_handler", "def f(x):\n    try:\n        pass\n    except E as e:\n        return [e for _ in x]\n"),
    ("err_or_capture", "match x:\n    case y | 1:\n        pass\n"),
    ("err_star_names", "match x:\n    case {'a': 1, 'a': 2, **r}:\n        pass\n"),
    ("err_yield_module", "x = yield\n"),
    ("comp_mangled", "class C:\n    __x = 1\n    r = [__x for __y in z]\n    def f(self, __a):\n        return [__a for __b in __a]\n"),
    ("async_nested_comp", "async def f(w):\n    return [[x async for x in z] for z in w], [await z for z in w]\n"),
    ("match_value_attr", "match x:\n    case A.B:\n        pass\n    case A.B.C | -2.5 | 3-4j:\n        pass\n    case {A.B: 1, -1: 2}:\n        pass\n"),
    ("err_default_except", "try:\n    f()\nexcept:\n    g()\nexcept E:\n    h()\n"),
    ("err_match_dup", "match x:\n    case [a, a]:\n        pass\n"),
    ("err_match_or_names", "match x:\n    case [a] | [b]:\n        pass\n"),
    ("err_match_capture", "match x:\n    case y:\n        pass\n    case 1:\n        pass\n"),
    ("err_match_wildcard", "match x:\n    case _:\n        pass\n    case 1:\n        pass\n"),
    ("err_except_star_break", "for x in y:\n    try:\n        f()\n    except* E:\n        break\n"),
    ("err_match_dup_key", "match x:\n    case {'a': 1, 'a': 2}:\n        pass\n"),
    ("err_class_attr_repeat", "match x:\n    case C(a=1, a=2):\n        pass\n"),
]


def describe(co, out):
    out.append("code " + co.co_qualname)
    code = co.co_code
    positions = list(co.co_positions())
    i = 0
    while i < len(code):
        op, arg = code[i], code[i + 1]
        name = dis.opname[op]
        where = ",".join("-1" if v is None else str(v) for v in positions[i // 2])
        out.append(f"{name} {arg} {where}")
        i += 2 + 2 * dis._inline_cache_entries.get(name, 0)
    out.append("exc " + co.co_exceptiontable.hex())
    for const in co.co_consts:
        if isinstance(const, type(co)):
            describe(const, out)


def expected(source):
    try:
        co = compile(source, "<s>", "exec")
    except SyntaxError as e:
        return f"{type(e).__name__}: {e} @{e.offset}-{e.end_offset}\n"
    out = []
    describe(co, out)
    return "\n".join(out) + "\n"


def c_string(text):
    parts = []
    for line in text.splitlines(keepends=True):
        esc = line.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
        parts.append(f'"{esc}"')
    return "\n        ".join(parts) if parts else '""'


def main():
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    path = os.path.join(root, "tests", "unit", "compiler", "codegen_blocks_expected.h")
    lines = [
        "// Generated by scripts/gen_codegen_blocks_expected.py from CPython 3.14 "
        "(the oracle). Do not edit.",
        "// Each case: a source and the oracle's description of its code objects "
        "(see the script).",
        "#ifndef FT_TESTS_CODEGEN_BLOCKS_EXPECTED_H",
        "#define FT_TESTS_CODEGEN_BLOCKS_EXPECTED_H",
        "",
        "typedef struct CodegenBlocksCase {",
        "    const char *name;",
        "    const char *source;",
        "    const char *expected;",
        "} CodegenBlocksCase;",
        "",
        "static const CodegenBlocksCase codegen_blocks_cases[] = {",
    ]
    for name, source in SNIPPETS:
        lines.append(f'    {{"{name}",')
        lines.append(f"        {c_string(source)},")
        lines.append(f"        {c_string(expected(source))}}},")
    lines += ["};", "", "#endif // FT_TESTS_CODEGEN_BLOCKS_EXPECTED_H", ""]
    with open(path, "w") as f:
        f.write("\n".join(lines))


if __name__ == "__main__":
    main()
