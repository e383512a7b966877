#!/usr/bin/env python3
"""Write the expected texts of tests/unit/modules/test_exception_print.c from the oracle.

Run with CPython 3.14 (the oracle):

    python3.14 scripts/gen_exception_print_expected.py > tests/unit/modules/test_exception_print_expected.txt
    python3.14 scripts/gen_exception_print_expected.py --frame > tests/unit/objects/test_frame_expected.txt

Two kinds of records:
  * stack cases: each snippet below is compiled under a fake file name whose lines are put in
    linecache, run until it raises, and its traceback becomes a StackSummary (traceback.py's own
    extraction, with full positions and looked-up lines). The record lists every FrameSummary
    (filename, name, lineno, end_lineno, colno, end_colno, _lines) and the text
    StackSummary.format() produces; the C test formats the same summaries with ftpy's printer.
    A few summaries are made by hand (missing columns, missing line numbers) the same way.
  * exception cases: traceback.format_exception(exc) of exceptions that have no traceback; the C
    test builds the same exceptions by name.

With --frame it writes tests/unit/objects/test_frame_expected.txt instead: the code object of
FRAME_SOURCE's f (bytecode, location table, names) with every code unit's position, and the texts
the frame and traceback types give (errors of TracebackType(), tb_next assignment, frame.clear()).
The exception cases also include `traceback_f`: the TypeError raised inside f, printed with a
traceback of f's frame alone; its file name is written as @FILE@.

Format: `case NAME`, then `frame` blocks of fields, then `expected`, then `end`. A string field is
`key LEN` followed by LEN bytes of UTF-8 and a newline; an int field is `key N` (-1 for None).
"""
import linecache
import sys
import traceback

STACK_CASES = {
    "binop": "a = 1\nb = 0\nc = a / b\n",
    "binop_nested": "def f(x, y):\n    return (x + 1) * (y // 0)\nf(1, 2)\n",
    "subscript": "d = {'a': 1}\nv = d['b'] + 1\n",
    "call_args": "def g(x):\n    raise ValueError(x)\nz = [g(1), 2]\n",
    "whole_line_call": "def h():\n    raise KeyError('k')\nh()\n",
    "assign_call": "def h():\n    raise KeyError('k')\nx = h()\n",
    "return_call": "def h():\n    raise KeyError('k')\ndef i():\n    return h()\ni()\n",
    "attribute": "class A:\n    pass\nA().missing.x\n",
    "multiline_call": (
        "def f(*a):\n    raise RuntimeError('m')\n"
        "x = [f(\n    1,\n    2,\n    3,\n    4,\n)]\n"),
    "multiline_binop": "a = 1\nb = 'x'\nc = (a +\n     b)\n",
    "recursion": "def r(n):\n    return r(n + 1) if n < 20 else 1 / 0\nr(0)\n",
    "recursion_two_more": "def r(n):\n    if n == 0:\n        1 / 0\n    r(n - 1)\nr(5)\n",
    "wide_chars": "def f(s):\n    return s['键'] + 1\nf({'键': '文字'})\n",
    "indented_block": (
        "def f():\n    if True:\n        for i in range(3):\n"
        "            x = [1, 2][i] + [][0]\nf()\n"),
    "comment_between": "x = (1 +  # one\n     None)\n",
    "power": "x = 2 ** 'a'\n",
    "floordiv_spaces": "x = 10   //   0\n",
    "nested_call": "def f(x):\n    return int(x)\nprint(f('no'), 1)\n",
    "raise_stmt": "raise TypeError('plain')\n",
    "method_chain": "s = 'abc'\ns.upper().nope()\n",
    "repeated_once": "def r(n):\n    if n == 0:\n        1 / 0\n    r(n - 1)\nr(4)\n",
    "accents": "def f(é):\n    return é['ü'] * 2\nf({})\n",
    "tab_indent": "def f(x):\n\treturn x + None\nf(1)\n",
    "backslash": "x = 1 + \\\n    None\n",
    "operator_line_start": "x = (1\n     + None)\n",
    "subscript_multiline": "d = {}\nv = d[\n    'key'\n]\n",
    "call_kwargs": "def f(**k):\n    raise ValueError(k)\nf(a=1,\n  b=2)\n",
    "return_method_call": "class C:\n    def m(self):\n        raise KeyError(1)\ndef g():\n    return C().m()\ng()\n",
    "assign_attr_call": "import math\ny = math.sqrt(-1)\n",
    "trailing_comment": "def h():\n    raise KeyError('k')\nx = h()  # why\n",
    "long_multiline": (
        "def f(*a):\n    raise RuntimeError('m')\n"
        "f(1,\n  2,\n  3,\n  4,\n  5,\n  6,\n  7)\n"),
    "chained_compare": "x = 1 < 'a'\n",
    "wide_binop": "x = '文字' + 1\n",
    "unary": "x = -'a'\n",
}

HAND_SUMMARIES = {
    "no_columns": [dict(filename="h.py", name="f", lineno=7, end_lineno=7, colno=None,
                        end_colno=None, lines="    return   thing()\n")],
    "no_lineno": [dict(filename="h.py", name="f", lineno=None, end_lineno=None, colno=None,
                       end_colno=None, lines=None)],
    "no_source": [dict(filename="gone.py", name="g", lineno=3, end_lineno=3, colno=4,
                       end_colno=9, lines="\n")],
    "stdin_name": [dict(filename="<stdin-3>", name="<module>", lineno=1, end_lineno=1, colno=0,
                        end_colno=3, lines="\n")],
    "blank_first_line": [dict(filename="b.py", name="f", lineno=2, end_lineno=3, colno=None,
                              end_colno=None, lines="\n   x = 1\n")],
    # Positions that do not fit the text (bad input must not crash the printer).
    "cols_past_end": [dict(filename="w.py", name="f", lineno=1, end_lineno=1, colno=40,
                           end_colno=90, lines="x = y + z\n")],
    "cols_reversed": [dict(filename="w.py", name="f", lineno=1, end_lineno=1, colno=8,
                           end_colno=2, lines="x = y + z\n")],
    "mid_char_offset": [dict(filename="w.py", name="f", lineno=1, end_lineno=1, colno=5,
                             end_colno=8, lines="é = '文字' + 1\n")],
    "end_before_start_line": [dict(filename="w.py", name="f", lineno=3, end_lineno=2, colno=0,
                                   end_colno=3, lines="\n")],
    "multiline_short": [dict(filename="w.py", name="f", lineno=1, end_lineno=3, colno=0,
                             end_colno=1, lines="a(\n\n)\n")],
    "zero_width": [dict(filename="w.py", name="f", lineno=1, end_lineno=1, colno=4, end_colno=4,
                        lines="x = y\n")],
}


# Source lines for the seeded random summaries: positions are drawn at random over them, and the
# cases the oracle itself cannot format (it raises) are left out.
RANDOM_LINES = [
    "x = f(a, b) + g[1]", "    return a.b.c(d)[e] * 2", "total = (left +", "         right)",
    "y = {'k': [1, 2, 3]}['k'][7]", "\tz = 1 // 0", "print('文字', x ** -y)", "    )",
    "value = obj.method(arg)  # comment", "a = b[c:d] @ e", "if x < y and f(z):",
    "", "    ", "lambda: 1 / 0", "r = (1,\\", "   2)", "w = not a or -b",
]


def random_summaries(count, seed=4):
    import random
    rng = random.Random(seed)
    cases = {}
    while len(cases) < count:
        n = rng.choice([1, 1, 1, 2, 3, 5])
        lines = [rng.choice(RANDOM_LINES) for _ in range(n)]
        text = "\n".join(l.rstrip() for l in lines) + "\n"
        first, last = lines[0].encode(), lines[-1].encode()
        colno = rng.randint(0, len(first) + 2)
        end_colno = rng.randint(0, len(last) + 2)
        if rng.random() < 0.1:
            colno = end_colno = None
        fs = traceback.FrameSummary("r.py", 10, "f", lookup_line=False, end_lineno=10 + n - 1,
                                    colno=colno, end_colno=end_colno, line=text)
        stack = traceback.StackSummary.from_list([fs])
        try:
            "".join(stack.format())
        except Exception:
            continue
        cases[f"random_{len(cases)}"] = stack
    return cases


def frame_summaries(name, source):
    filename = f"{name}.py"
    lines = source.splitlines(keepends=True)
    linecache.cache[filename] = (len(source), None, lines, filename)
    code = compile(source, filename, "exec")
    try:
        exec(code, {"__name__": "__main__"})
    except BaseException as exc:
        tb = exc.__traceback__
    else:
        raise SystemExit(f"case {name} did not raise")
    stack = traceback.StackSummary._extract_from_extended_frame_gen(
        traceback._walk_tb_with_full_positions(tb), lookup_lines=True)
    summaries = [fs for fs in stack if fs.filename == filename]
    return traceback.StackSummary.from_list(summaries)


def hand_summaries(items):
    result = []
    for d in items:
        fs = traceback.FrameSummary(d["filename"], d["lineno"], d["name"], lookup_line=False,
                                    end_lineno=d["end_lineno"], colno=d["colno"],
                                    end_colno=d["end_colno"], line=d["lines"])
        if d["lineno"] is None:
            fs.end_lineno = None
        result.append(fs)
    return traceback.StackSummary.from_list(result)


def put_str(out, key, value):
    data = value.encode("utf-8")
    out.write(f"{key} {len(data)}\n".encode())
    out.write(data + b"\n")


def put_int(out, key, value):
    out.write(f"{key} {-1 if value is None else value}\n".encode())


def write_stack_case(out, name, stack):
    out.write(f"case {name}\n".encode())
    for fs in stack:
        out.write(b"frame\n")
        put_str(out, "filename", fs.filename)
        put_str(out, "name", fs.name)
        put_int(out, "lineno", fs.lineno)
        put_int(out, "end_lineno", fs.end_lineno)
        put_int(out, "colno", fs.colno)
        put_int(out, "end_colno", fs.end_colno)
        if fs._lines is None:
            out.write(b"lines none\n")
        else:
            put_str(out, "lines", fs._lines)
    put_str(out, "expected", "".join(stack.format()))
    out.write(b"end\n")


def exception_cases():
    """The exceptions the C test builds by hand, by name (keep both lists in step)."""
    cases = {}
    cases["plain"] = ValueError("bad value")
    cases["empty_message"] = ValueError()
    cases["key_error"] = KeyError("k")
    cases["two_args"] = ValueError("a", 2)
    e = RuntimeError("outer")
    e.__cause__ = ValueError("inner")
    cases["cause"] = e
    e = RuntimeError("outer")
    e.__context__ = KeyError("x")
    cases["context"] = e
    e = RuntimeError("outer")
    e.__context__ = KeyError("x")
    e.__suppress_context__ = True
    cases["suppressed_context"] = e
    e = RuntimeError("three")
    mid = TypeError("two")
    mid.__context__ = ValueError("one")
    e.__cause__ = mid
    cases["chain_of_three"] = e
    e = ValueError("noted")
    e.add_note("first note")
    e.add_note("second\nnote")
    cases["notes"] = e
    cases["syntax_error"] = SyntaxError("invalid syntax", ("x.py", 1, 5, "  foo bar baz\n", 1, 8))
    cases["syntax_error_no_end"] = SyntaxError("bad", ("y.py", 3, 2, "x y\n"))
    cases["syntax_error_no_lineno"] = SyntaxError("only msg")
    cases["syntax_error_file_only"] = SyntaxError("m", ("f.py", None, None, None))
    cases["syntax_error_tab"] = SyntaxError("tabbed", ("t.py", 2, 4, "\tab cd\n", 2, 6))
    cases["syntax_error_empty_msg"] = SyntaxError("", ("e.py", 1, 1, "x\n", 1, 2))
    cases["file_not_found"] = FileNotFoundError(2, "No such file or directory")
    cases["system_exit"] = SystemExit(3)
    cases["keyboard_interrupt"] = KeyboardInterrupt()
    # Groups keep a BaseException member so that they stay BaseExceptionGroup; the C test prints a
    # BaseExceptionGroup whose message is this str() with these members.
    cases["group_two"] = BaseExceptionGroup("eg", [KeyboardInterrupt(), ValueError(1)])
    cases["group_wide"] = BaseExceptionGroup(
        "wide", [KeyboardInterrupt()] + [ValueError(i) for i in range(16)])
    v = ValueError("m")
    v.__cause__ = KeyError("c")
    e = BaseExceptionGroup("eg", [KeyboardInterrupt(), v])
    e.add_note("group note")
    cases["group_member_chain"] = e
    return cases


FRAME_SOURCE = "def f(a):\n    b = a + 1\n    return b\n"


def frame_data(out):
    ns = {}
    exec(compile(FRAME_SOURCE, "frame_case.py", "exec"), ns)
    code = ns["f"].__code__
    put_str(out, "source", FRAME_SOURCE.encode().hex())
    put_str(out, "code", code.co_code.hex())
    put_str(out, "linetable", code.co_linetable.hex())
    put_str(out, "exceptiontable", code.co_exceptiontable.hex())
    put_int(out, "stacksize", code.co_stacksize)
    put_int(out, "flags", code.co_flags)
    put_int(out, "firstlineno", code.co_firstlineno)
    for unit, pos in enumerate(code.co_positions()):
        out.write(("position %d %s\n" % (unit, " ".join(
            str(-1 if v is None else v) for v in pos))).encode())
    import types
    frame = sys._getframe()
    tb = types.TracebackType(None, frame, 0, 5)
    checks = {
        "tb_bad_next": lambda: types.TracebackType(1, frame, 0, 0),
        "tb_bad_frame": lambda: types.TracebackType(None, 1, 0, 0),
        "tb_bad_lasti": lambda: types.TracebackType(None, frame, "x", 0),
        "tb_missing": lambda: types.TracebackType(),
        "tb_set_next_int": lambda: setattr(tb, "tb_next", 1),
        "tb_set_next_loop": lambda: setattr(tb, "tb_next", tb),
        "tb_del_next": lambda: delattr(tb, "tb_next"),
        "frame_clear_running": lambda: frame.clear(),
    }
    for name, check in checks.items():
        try:
            check()
        except Exception as e:
            put_str(out, name, f"{type(e).__name__}: {e}")
    put_str(out, "tb_dir", repr(tb.__dir__()))


def traceback_f_text():
    filename = "/tmp/ftpy_placeholder/frame_case.py"
    lines = FRAME_SOURCE.splitlines(keepends=True)
    linecache.cache[filename] = (len(FRAME_SOURCE), None, lines, filename)
    ns = {}
    exec(compile(FRAME_SOURCE, filename, "exec"), ns)
    try:
        ns["f"]("x")
    except TypeError as e:
        exc = e.with_traceback(e.__traceback__.tb_next)
    text = "".join(traceback.format_exception(exc))
    return text.replace(filename, "@FILE@")


EXIT_CASES = {
    "exit_none": "raise SystemExit",
    "exit_3": "raise SystemExit(3)",
    "exit_true": "raise SystemExit(True)",
    "exit_bye": "raise SystemExit('bye')",
    "exit_neg1": "raise SystemExit(-1)",
    "exit_big": "raise SystemExit(2 ** 40 + 7)",
    "exit_value_error": "raise ValueError('v')",
}


def exit_statuses(out):
    """`status NAME N`: the oracle's exit status for each EXIT_CASES program (-c)."""
    import subprocess
    for name, code in EXIT_CASES.items():
        rc = subprocess.run([sys.executable, "-c", code], capture_output=True).returncode
        out.write(f"status {name} {rc}\n".encode())


def main():
    out = sys.stdout.buffer
    if sys.argv[1:] == ["--frame"]:
        frame_data(out)
        return
    for name, source in STACK_CASES.items():
        write_stack_case(out, name, frame_summaries(name, source))
    for name, items in HAND_SUMMARIES.items():
        write_stack_case(out, name, hand_summaries(items))
    for name, stack in random_summaries(300).items():
        write_stack_case(out, name, stack)
    for name, exc in exception_cases().items():
        out.write(f"case exc_{name}\n".encode())
        put_str(out, "expected", "".join(traceback.format_exception(exc)))
        out.write(b"end\n")
    exit_statuses(out)
    out.write(b"case traceback_f\n")
    put_str(out, "expected", traceback_f_text())
    out.write(b"end\n")


if __name__ == "__main__":
    main()
