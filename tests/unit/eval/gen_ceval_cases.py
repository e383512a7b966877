#!/usr/bin/env python3.14
"""Writes tests/unit/eval/ceval_cases.gen.h from the oracle (CPython 3.14).

Each case is a small module. The oracle compiles it; this script records every code object's bytecode
(co_code), constants, names, localsplus layout, flags and tables, and the oracle's own outcome of
exec'ing the module: repr(namespace['result']), or "Type: message" for an exception that escapes.
The C test (test_ceval.c) rebuilds the code objects with ft_code_new_ref, runs the module with
ft_eval_code_ref and compares. Run with the oracle: /opt/cpython314/bin/python3.14 <this file>.
"""
import os
import sys

CASES = [
    ("arith", "result = ((2 + 3) * 7 - 10 // 3 % 4 ** 2, 7 / 2, -5 % 3, 2 ** 100, 1 << 70, ~5, 9 ^ 3)"),
    ("while_loop", "i = 0\nt = 0\nwhile i < 1000:\n    t += i * i\n    i += 1\nresult = t"),
    ("for_range", "t = []\nfor i in range(5):\n    if i == 3:\n        continue\n    t.append(i)\nresult = t"),
    ("defaults_keywords",
     "def f(a, b=2, *args, c, d=4, **kw):\n    return (a, b, args, c, d, kw)\n"
     "result = [f(1, c=3), f(1, 2, 3, 4, c=5, d=6, e=7), f(*(1, 2), **{'c': 9}), f(a=0, c=1)]"),
    ("binding_errors",
     "def g(a, b, /, c, *, d, e=1):\n    pass\n"
     "def h(a, b=2):\n    pass\n"
     "def k(a, *, b):\n    pass\n"
     "r = []\n"
     "for fn, args, kw in [(g, (), {}), (g, (1, 2, 3, 4), {}), (g, (1, 2), {'a': 1, 'c': 1, 'd': 1}),\n"
     "                     (g, (1, 2, 3), {'d': 1, 'z': 1}), (g, (1, 2, 3), {'c': 1, 'd': 1}),\n"
     "                     (g, (1, 2, 3), {}), (h, (), {}), (h, (1, 2, 3), {}), (k, (1, 2), {'b': 3}),\n"
     "                     (k, (), {'b': 1})]:\n"
     "    try:\n        fn(*args, **kw)\n    except TypeError as e:\n        r.append(e.args[0])\n"
     "result = r"),
    ("recursion_limit",
     "def r(n):\n    return r(n + 1)\n"
     "try:\n    r(0)\nexcept RecursionError as e:\n    result = e.args[0]"),
    ("fib", "def fib(n):\n    return n if n < 2 else fib(n - 1) + fib(n - 2)\nresult = fib(18)"),
    ("try_except_finally",
     "log = []\n"
     "def f(x):\n    try:\n        log.append('try')\n        return 10 // x\n"
     "    except ZeroDivisionError as e:\n        log.append(e.args[0])\n        return -1\n"
     "    finally:\n        log.append('finally')\n"
     "result = (f(2), f(0), log)"),
    ("raise_from_context",
     "def h():\n    try:\n        1 / 0\n    except ZeroDivisionError:\n        try:\n"
     "            raise ValueError('x') from None\n        except ValueError as v:\n"
     "            return (v.__cause__, v.__suppress_context__, type(v.__context__) is ZeroDivisionError)\n"
     "def k():\n    try:\n        {}['missing']\n    except KeyError:\n        raise TypeError('t')\n"
     "try:\n    k()\nexcept TypeError as t:\n    ctx = type(t.__context__) is KeyError\n"
     "def m():\n    try:\n        raise KeyError('a')\n    except KeyError as e:\n        raise RuntimeError('b') from e\n"
     "try:\n    m()\nexcept RuntimeError as e:\n    cause = e.__cause__.args\n"
     "result = (h(), ctx, cause)"),
    ("bare_reraise",
     "def f():\n    try:\n        raise ValueError('inner')\n    except ValueError:\n        raise\n"
     "try:\n    f()\nexcept ValueError as e:\n    result = e.args"),
    ("closures",
     "def outer(x):\n    def inner(y):\n        nonlocal x\n        x += y\n        return x\n    return inner\n"
     "f = outer(10)\nf(1)\nresult = (f(5), f.__closure__[0].cell_contents)"),
    ("unpacking",
     "a, *b, c = [1, 2, 3, 4, 5]\nx, y = 'xy'\n(p, q), r = (1, 2), 3\n"
     "errs = []\n"
     "for v in ([1, 2, 3], [1], 1, (1, 2, 3)):\n    try:\n        m, n = v\n"
     "    except (ValueError, TypeError) as e:\n        errs.append(e.args[0])\n"
     "try:\n    m, *n, o = [1]\nexcept ValueError as e:\n    errs.append(e.args[0])\n"
     "result = (a, b, c, x, y, p, q, r, errs)"),
    ("comprehensions",
     "result = ([x * x for x in (1, 2, 3) if x != 2], {x: -x for x in range(3)}, {1, 2, 2})"),
    ("methods", "l = []\nl.append(1)\nl.extend((2, 3))\nl.insert(0, 0)\nd = {}\nd.update(a=1)\nresult = (l, d, 'ab'.upper(), l.pop())"),
    ("fstrings", "x = 5\ns = 'hi'\nresult = f'a{x}b{x!r:>4}c{s!r}{x:03d}'"),
    ("unbound_local",
     "def u():\n    z = y\n    y = 1\n"
     "try:\n    u()\nexcept UnboundLocalError as e:\n    result = e.args[0]"),
    ("name_error", "try:\n    undefined_name\nexcept NameError as e:\n    result = e.args[0]"),
    ("uncaught", "def f():\n    return 1 / 0\nf()"),
    ("uncaught_type_error", "x = 1 + 'a'"),
    ("globals", "g = 1\ndef inc():\n    global g\n    g += 1\ninc()\ninc()\nresult = g"),
    ("bool_ops", "x = 1\nresult = (1 < 2 < 3, 1 < 2 > 3, 0 or 5, 3 and 0, not 1, x is None, 2 in [1, 2], 3 not in (3,))"),
    ("slices",
     "l = [1, 2, 3, 4, 5]\nl[1:3] = [9]\nm = l[1:]\ndel l[0]\nresult = (l, l[::2], m, 'abcdef'[2:4], l[-1])"),
    ("subscripts",
     "d = {'a': 1}\nd['b'] = 2\ndel d['a']\nl = [0, 1]\nl[0] = 5\nl[-1] += 1\nresult = (d, l)"),
    ("nested_loops_break",
     "out = []\nfor i in range(4):\n    for j in range(4):\n        if j > i:\n            break\n"
     "        out.append((i, j))\n    else:\n        out.append('never')\nresult = out"),
    ("star_calls",
     "def f(*a, **k):\n    return a, k\nargs = [1, 2]\nkw = {'x': 1}\n"
     "result = (f(*args, 3, *args), f(**kw, y=2), f(0, *args, z=1, **kw))"),
    ("lambda_default", "f = lambda a, b=10: a * b\nresult = (f(2), f(2, 3), f.__name__, f.__defaults__)"),
    ("function_attrs",
     "def f(a, b=1, *, c=2):\n    'doc'\n    return a\n"
     "result = (f.__name__, f.__qualname__, f.__doc__, f.__defaults__, f.__kwdefaults__, f.__code__.co_name)"),
    ("assert", "try:\n    assert 1 == 2, 'no'\nexcept AssertionError as e:\n    result = e.args"),
    ("c_recursion", "def r(n):\n    return r(*(n + 1,))\nr(0)"),
    ("keyboard_interrupt", "i = 0\nwhile True:\n    i += 1"),
    ("generator_basic",
     "def g(n):\n    for i in range(n):\n        yield i * i\n"
     "out = []\nfor v in g(4):\n    out.append(v)\nresult = (out, [v for v in g(3)], [x * 2 for x in (x + 1 for x in range(3))])"),
    ("generator_send",
     "def acc():\n    total = 0\n    while True:\n        x = yield total\n        if x is None:\n"
     "            return total\n        total += x\n"
     "g = acc()\nr = [g.send(None), g.send(5), g.send(7)]\n"
     "try:\n    g.send(None)\nexcept StopIteration as e:\n    r.append(e.args)\n"
     "try:\n    acc().send(1)\nexcept TypeError as e:\n    r.append(e.args[0])\n"
     "result = r"),
    ("yield_from",
     "def inner():\n    yield 1\n    yield 2\n    return 'r'\n"
     "def outer():\n    r = yield from inner()\n    yield r\n    yield from [7, 8]\n"
     "result = [x for x in outer()]"),
    ("generator_throw_close",
     "log = []\n"
     "def g():\n    try:\n        yield 1\n    except ValueError as e:\n        yield 'caught ' + e.args[0]\n"
     "    finally:\n        log.append('fin')\n"
     "it = g()\na = it.send(None)\nb = it.throw(ValueError('v'))\nit.close()\n"
     "def h():\n    try:\n        yield 1\n    except GeneratorExit:\n        yield 2\n"
     "j = h()\nj.send(None)\n"
     "try:\n    j.close()\nexcept RuntimeError as e:\n    log.append(e.args[0])\n"
     "result = (a, b, log, it.gi_running, it.gi_frame)"),
    ("generator_stopiteration",
     "def g():\n    raise StopIteration\n    yield\n"
     "try:\n    for x in g():\n        pass\nexcept RuntimeError as e:\n"
     "    result = (e.args[0], type(e.__cause__) is StopIteration)"),
    ("generator_closure",
     "def mk(k):\n    def g():\n        yield k\n        yield k + 1\n    return g\nresult = [v for v in mk(5)()]"),
    ("call_ex_errors",
     "def f(*a, **k):\n    pass\nr = []\n"
     "for args, kw in [((), {'a': 1}), (1, {}), ((), 1)]:\n    try:\n        f(*args, **kw, a=2)\n"
     "    except TypeError as e:\n        r.append(e.args[0])\nresult = r"),
    ("match",
     "def m(v):\n    match v:\n        case [1, *rest]:\n            return ('seq', rest)\n"
     "        case {'k': x, **others}:\n            return ('map', x, others)\n"
     "        case int(n) if n > 5:\n            return ('big', n)\n"
     "        case str() | bytes():\n            return 'text'\n"
     "        case (a, b):\n            return ('pair', a, b)\n"
     "        case _:\n            return 'other'\n"
     "result = [m([1, 2, 3]), m({'k': 1, 'z': 2}), m(9), m(3), m('s'), m((4, 5)), m({'j': 1})]"),
    ("gen_counter", "def count(n):\n    for i in range(n):\n        yield i\nresult = [x for x in count(3)]"),
    ("function_setters",
     "def f(a=1):\n    pass\nr = []\n"
     "try:\n    f.__defaults__ = 1\nexcept TypeError as e:\n    r.append(e.args[0])\n"
     "try:\n    f.__kwdefaults__ = 1\nexcept TypeError as e:\n    r.append(e.args[0])\n"
     "try:\n    f.__name__ = 1\nexcept TypeError as e:\n    r.append(e.args[0])\n"
     "try:\n    del f.__name__\nexcept TypeError as e:\n    r.append(e.args[0])\n"
     "try:\n    f.__qualname__ = 1\nexcept TypeError as e:\n    r.append(e.args[0])\n"
     "try:\n    f.__code__ = 1\nexcept TypeError as e:\n    r.append(e.args[0])\n"
     "try:\n    f.__annotations__ = 1\nexcept TypeError as e:\n    r.append(e.args[0])\n"
     "try:\n    f.__dict__ = 1\nexcept TypeError as e:\n    r.append(e.args[0])\n"
     "try:\n    del f.__dict__\nexcept TypeError as e:\n    r.append(e.args[0])\n"
     "try:\n    f.__type_params__ = 1\nexcept TypeError as e:\n    r.append(e.args[0])\n"
     "try:\n    f.__globals__ = {}\nexcept AttributeError as e:\n    r.append(e.args[0])\n"
     "f.__defaults__ = None\nf.x = 5\nf.__name__ = 'g'\n"
     "r.append((f.__defaults__, f.__dict__, f.__name__, f.__qualname__, f.__module__, f.__kwdefaults__,\n"
     "          f.__annotations__, f.__type_params__, f.__closure__))\n"
     "result = r"),
    ("exception_in_loop_handler",
     "n = 0\nfor i in range(5):\n    try:\n        if i % 2:\n            raise ValueError(i)\n"
     "    except ValueError as e:\n        n += e.args[0]\nresult = n"),
]


def c_string(s):
    out = []
    for b in s.encode("utf-8"):
        if b in (0x22, 0x5C):
            out.append("\\" + chr(b))
        elif 0x20 <= b < 0x7F and b != 0x3F:
            out.append(chr(b))
        else:
            out.append("\\%03o" % b)
    return '"' + "".join(out) + '"'


def c_bytes(b):
    return "{" + ", ".join(str(x) for x in b) + "}" if b else "{0}"


class Writer:
    def __init__(self, case_index):
        self.case_index = case_index
        self.codes = []     # every code object of the case, nested ones first
        self.lines = []

    def prefix(self, idx):
        return "c%d_code%d_" % (self.case_index, idx)

    def add_code(self, co):
        for c in co.co_consts:
            if isinstance(c, type(co)):
                self.add_code(c)
        idx = len(self.codes)
        self.codes.append(co)
        self.emit_code(idx, co)
        return idx

    def const_items(self, c, items):
        if c is None:
            items.append("{'n', 0, NULL, 0}")
        elif c is True or c is False:
            items.append("{'%s', 0, NULL, 0}" % ("t" if c else "f"))
        elif c is Ellipsis:
            items.append("{'e', 0, NULL, 0}")
        elif isinstance(c, int):
            if -2**63 <= c < 2**63:
                items.append("{'i', %dLL, NULL, 0}" % c if c != -2**63 else "{'i', INT64_MIN, NULL, 0}")
            else:
                items.append("{'I', 0, %s, 0}" % c_string(str(c)))
        elif isinstance(c, float):
            items.append("{'d', 0, %s, 0}" % c_string(float.hex(c)))
        elif isinstance(c, str):
            items.append("{'s', %d, %s, 0}" % (len(c.encode()), c_string(c)))
        elif isinstance(c, bytes):
            items.append("{'b', %d, %s, 0}" % (len(c), c_string(c.decode('latin-1'))))
        elif isinstance(c, (tuple, frozenset)):
            items.append("{'%s', %d, NULL, 0}" % ("T" if isinstance(c, tuple) else "F", len(c)))
            for x in c:
                self.const_items(x, items)
        elif isinstance(c, slice):
            items.append("{'S', 3, NULL, 0}")
            for x in (c.start, c.stop, c.step):
                self.const_items(x, items)
        elif hasattr(c, "co_code"):
            items.append("{'c', 0, NULL, %d}" % self.codes.index(c))
        else:
            raise SystemExit("unsupported constant %r" % (c,))

    def emit_code(self, idx, co):
        p = self.prefix(idx)
        L = self.lines
        units = [co.co_code[i] | (co.co_code[i + 1] << 8) for i in range(0, len(co.co_code), 2)]
        L.append("static const uint16_t %sunits[] = {%s};" % (p, ", ".join(str(u) for u in units)))
        items = []
        for c in co.co_consts:
            self.const_items(c, items)
        L.append("static const EvConst %sconsts[] = {%s};" % (p, ", ".join(items) or "{'x', 0, NULL, 0}"))
        names = list(co.co_names)
        L.append("static const char *const %snames[] = {%s};" % (p, ", ".join(map(c_string, names)) or "NULL"))
        plus = list(co.co_varnames) + [n for n in co.co_cellvars if n not in co.co_varnames] + list(co.co_freevars)
        kinds = []
        for n in co.co_varnames:
            k = 0x20
            if n in co.co_cellvars:
                k |= 0x40
            kinds.append(k)
        kinds += [0x40] * len([n for n in co.co_cellvars if n not in co.co_varnames])
        kinds += [0x80] * len(co.co_freevars)
        L.append("static const char *const %splus[] = {%s};" % (p, ", ".join(map(c_string, plus)) or "NULL"))
        L.append("static const uint8_t %skinds[] = %s;" % (p, c_bytes(bytes(kinds))))
        L.append("static const uint8_t %slinetable[] = %s;" % (p, c_bytes(co.co_linetable)))
        L.append("static const uint8_t %sexctable[] = %s;" % (p, c_bytes(co.co_exceptiontable)))

    def emit_code_table(self, case_index):
        rows = []
        for idx, co in enumerate(self.codes):
            p = self.prefix(idx)
            plus = len(co.co_varnames) + len([n for n in co.co_cellvars if n not in co.co_varnames]) + len(co.co_freevars)
            ncon = 0
            items = []
            for c in co.co_consts:
                self.const_items(c, items)
            rows.append("    {%s, %s, %d, %d, %d, %d, %d, %d, %s, %d, %s, %d, %s, %d, %s, %d, %s, %d, %s, %d, %s, %d}" % (
                c_string(co.co_name), c_string(co.co_qualname), co.co_flags, co.co_argcount,
                co.co_posonlyargcount, co.co_kwonlyargcount, co.co_stacksize, co.co_firstlineno,
                p + "units", len(co.co_code) // 2, p + "consts", len(items), p + "names", len(co.co_names),
                p + "plus", plus, p + "kinds", plus, p + "linetable", len(co.co_linetable),
                p + "exctable", len(co.co_exceptiontable)))
            del ncon
        return rows


def outcome(name, src):
    if name == "keyboard_interrupt":
        # Never ends by itself: the C test asks for KeyboardInterrupt before running it, which is
        # what the oracle's SIGINT handler gives.
        return "KeyboardInterrupt: "
    ns = {"__name__": "__main__"}   # as the C test's globals
    try:
        exec(compile(src, "<case>", "exec"), ns)
    except BaseException as e:
        return "%s: %s" % (type(e).__name__, e)
    return repr(ns.get("result"))


def traceback_of(name, src):
    """The escaping exception's traceback as "name:line" entries, innermost last ("" if none)."""
    if name in ("keyboard_interrupt", "c_recursion", "recursion_limit"):
        return ""
    try:
        exec(compile(src, "<case>", "exec"), {"__name__": "__main__"})
    except BaseException as e:
        entries = []
        tb = e.__traceback__.tb_next   # skip this script's own exec() frame
        while tb is not None:
            entries.append("%s:%d" % (tb.tb_frame.f_code.co_name, tb.tb_lineno))
            tb = tb.tb_next
        return ",".join(entries)
    return ""


def main():
    out = ["// Generated by tests/unit/eval/gen_ceval_cases.py from the oracle (CPython %s). Do not edit."
           % sys.version.split()[0],
           "// Every code object of each case module, as the oracle compiled it, and the oracle's outcome.",
           ""]
    case_rows = []
    for ci, (name, src) in enumerate(CASES):
        w = Writer(ci)
        w.add_code(compile(src, "<case>", "exec"))
        out.append("// case %s" % name)
        out.extend(w.lines)
        out.append("static const EvCode c%d_codes[] = {\n%s,\n};" % (ci, ",\n".join(w.emit_code_table(ci))))
        case_rows.append("    {%s, %s, c%d_codes, %d, %s, %s}" % (
            c_string(name), c_string(src), ci, len(w.codes), c_string(outcome(name, src)),
            c_string(traceback_of(name, src))))
        out.append("")
    out.append("static const EvCase ev_cases[] = {\n%s,\n};" % ",\n".join(case_rows))
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "ceval_cases.gen.h")
    with open(path, "w") as f:
        f.write("\n".join(out) + "\n")


if __name__ == "__main__":
    main()
