#!/usr/bin/env python3
# tests/unit/modules/gen_builtins_expected.py: runs each builtins call below in the oracle (CPython
# 3.14) and writes builtins_expected.gen.h, the table test_builtins.c replays against ftpy's
# builtins module. Run: /opt/cpython314/bin/python3.14 tests/unit/modules/gen_builtins_expected.py
import builtins
import os
import sys


class B:
    """A builtins object by name: the C test looks the name up in ftpy's builtins dict."""
    def __init__(self, name):
        self.name = name
        self.value = getattr(builtins, name)


L = True   # list(result) before comparing (iterator results)

# (function, positional args, keyword args, listify)
CASES = [
    ("abs", [-5], {}, False), ("abs", [-2.5], {}, False), ("abs", ["a"], {}, False),
    ("all", [[1, 0]], {}, False), ("all", [[]], {}, False), ("any", [[0, 0]], {}, False),
    ("any", [[0, 3]], {}, False), ("all", [5], {}, False),
    ("ascii", ["h\u00e9llo\u20ac\U0001f600"], {}, False), ("ascii", [["\u00e9", "a"]], {}, False),
    ("bin", [10], {}, False), ("bin", [-10], {}, False), ("bin", [1.5], {}, False),
    ("oct", [8], {}, False), ("hex", [255], {}, False), ("hex", [-255], {}, False),
    ("hex", [2**70], {}, False),
    ("callable", [B("len")], {}, False), ("callable", [1], {}, False), ("callable", [B("int")], {}, False),
    ("chr", [65], {}, False), ("chr", [0x20AC], {}, False), ("chr", [-1], {}, False),
    ("chr", [0x110000], {}, False), ("chr", ["a"], {}, False), ("chr", [2**70], {}, False),
    ("ord", ["a"], {}, False), ("ord", ["\u20ac"], {}, False), ("ord", ["ab"], {}, False),
    ("ord", [1], {}, False), ("ord", [""], {}, False),
    ("divmod", [7, 2], {}, False), ("divmod", [-7, 2], {}, False), ("divmod", [7.5, 2], {}, False),
    ("divmod", [1, "a"], {}, False), ("divmod", [1], {}, False),
    ("format", [3.14159, ".2f"], {}, False), ("format", [255, "x"], {}, False),
    ("format", [1, 2], {}, False), ("format", ["ab"], {}, False), ("format", [1], {"format_spec": "05"}, False),
    ("getattr", [1, "real"], {}, False), ("getattr", [1, "nope"], {}, False),
    ("getattr", [1, "nope", None], {}, False), ("getattr", [1], {}, False), ("getattr", [1, 2], {}, False),
    ("hasattr", ["a", "upper"], {}, False), ("hasattr", ["a", "nope"], {}, False),
    ("hash", [1], {}, False), ("hash", [(1, 2)], {}, False), ("hash", [[]], {}, False),
    ("hash", [2.5], {}, False),
    ("isinstance", [True, B("int")], {}, False), ("isinstance", [1, (B("str"), B("float"))], {}, False),
    ("isinstance", [1, 1], {}, False), ("isinstance", [1], {}, False),
    ("issubclass", [B("bool"), B("int")], {}, False), ("issubclass", [B("int"), (B("str"),)], {}, False),
    ("issubclass", [1, B("int")], {}, False),
    ("len", ["abc"], {}, False), ("len", [[1, 2]], {}, False), ("len", [1], {}, False),
    ("max", [[1, 5, 3]], {}, False), ("max", [1, 5, 3], {}, False), ("max", [[]], {}, False),
    ("max", [[]], {"default": 7}, False), ("max", [1, 2], {"default": 3}, False),
    ("max", [[-5, 3]], {"key": B("abs")}, False), ("max", [], {}, False), ("max", [1], {}, False),
    ("max", [[1]], {"foo": 1}, False), ("min", ["bca"], {}, False), ("min", [[3, 1, 2]], {"key": None}, False),
    ("min", [[1, 1.0]], {}, False), ("min", [[1, "a"]], {}, False),
    ("pow", [2, 10], {}, False), ("pow", [2, -1], {}, False), ("pow", [2, 10, 1000], {}, False),
    ("pow", [2, -1, 5], {}, False), ("pow", [], {}, False), ("pow", [1, 2, 3, 4], {}, False),
    ("pow", [], {"base": 3, "exp": 2}, False), ("pow", [2, 3], {"mod": None}, False),
    ("round", [2.5], {}, False), ("round", [3.14159, 2], {}, False), ("round", [1234, -2], {}, False),
    ("round", ["a"], {}, False), ("round", [], {}, False), ("round", [2.5, None], {}, False),
    ("repr", ["a\nb'"], {}, False), ("repr", [[1, "x", None, 2.5]], {}, False),
    ("sorted", [[3, 1, 2]], {}, False), ("sorted", ["bca"], {"reverse": True}, False),
    ("sorted", [[-3, 1, 2]], {"key": B("abs")}, False), ("sorted", [], {}, False),
    ("sorted", [1, 2], {}, False), ("sorted", [[1]], {"foo": 1}, False), ("sorted", [1], {}, False),
    ("sorted", [[1, "a"]], {}, False),
    ("sum", [[1, 2, 3]], {}, False), ("sum", [[1, 2.5]], {}, False), ("sum", [[0.1] * 10], {}, False),
    ("sum", [[1e100, 1.0, -1e100, 1.0]], {}, False), ("sum", [[2**62, 2**62, 2**62]], {}, False),
    ("sum", [[1, 2], 10], {}, False), ("sum", [["a"], ""], {}, False), ("sum", [[[1], [2]], []], {}, False),
    ("sum", [], {}, False), ("sum", [1, 2, 3], {}, False), ("sum", [[True, True]], {}, False),
    ("sum", [[1.5, 2, True]], {}, False), ("sum", [[1]], {"start": 0.5}, False),
    ("sum", [[1, "a"]], {}, False), ("sum", [[0.1, 0.2, 0.3]], {}, False),
    ("sum", [[float("inf"), 1.0]], {}, False), ("sum", [[-(2**63), -1]], {}, False),
    ("sum", [[b"a"], b""], {}, False), ("sum", [[2**64, 1]], {}, False), ("sum", [[1], 2**64], {}, False), ("sum", [[2**63 - 1, 1]], {}, False),
    ("sum", [[0.1 + 0j] * 10], {}, False), ("sum", [[1e100 + 0j, 1 + 0j, -1e100 + 0j, 1 + 0j]], {}, False),
    ("sum", [[1, 0.1j, 0.1j, 0.1j]], {}, False), ("sum", [[0.1, 0.1j] * 3], {}, False),
    ("sum", [[0.5j, 2, True, 0.25]], {}, False), ("sum", [[1e308, 1e308, -1e308]], {}, False),
    ("sum", [[-0.0]], {}, False), ("sum", [[], -0.0], {}, False), ("sum", [[1j, "a"]], {}, False),
    ("enumerate", ["ab"], {}, L), ("enumerate", ["ab", 5], {}, L), ("enumerate", ["ab"], {"start": 2**63 - 1}, L),
    ("enumerate", ["ab", 2**64], {}, L), ("enumerate", [[]], {"x": 1}, L), ("enumerate", [], {}, L), ("enumerate", [1], {}, L),
    ("enumerate", [[], 1, 2], {}, L), ("enumerate", ["a", "b"], {}, L),
    ("filter", [None, [0, 1, 2, "", "x"]], {}, L), ("filter", [B("bool"), [0, 1]], {}, L),
    ("filter", [B("abs"), [0, -1]], {}, L), ("filter", [None], {}, L), ("filter", [None, []], {"x": 1}, L),
    ("map", [B("abs"), [-1, -2]], {}, L), ("map", [B("pow"), [2, 3], [4, 5, 6]], {}, L),
    ("map", [B("len")], {}, L), ("map", [B("pow"), [2, 3], [4]], {"strict": True}, L),
    ("map", [B("abs"), [1]], {"foo": True}, L),
    ("zip", ["ab", "cd"], {}, L), ("zip", ["ab", "c"], {"strict": True}, L), ("zip", ["a", "cd"], {"strict": True}, L),
    ("zip", ["ab", "ab", "c"], {"strict": True}, L), ("zip", ["a", "b", "cd"], {"strict": True}, L),
    ("zip", [], {}, L), ("zip", [1], {}, L), ("zip", [], {"x": 1}, L), ("zip", ["ab", "c"], {"strict": False}, L),
    ("reversed", [[1, 2, 3]], {}, L), ("reversed", ["abc"], {}, L), ("reversed", [1], {}, L),
    ("reversed", [], {}, L), ("reversed", [(1, 2)], {}, L),
    ("iter", [1], {}, False), ("iter", [1, 2], {}, False), ("iter", [], {}, False),
    ("next", [1], {}, False), ("next", [], {}, False),
    ("vars", [1], {}, False), ("setattr", [1, 2, 3], {}, False),
    ("dir", [1, 2], {}, False), ("input", [1, 2], {}, False),
    ("__import__", [""], {}, False), ("__import__", [1], {}, False),
    ("__import__", ["nonexistent_mod_xyz"], {}, False), ("__import__", ["sys"], {}, False),
    ("__import__", ["sys"], {"level": -1}, False),
    ("eval", [1, {}], {}, False), ("eval", ["1", 1], {}, False), ("eval", ["1", {}, 1], {}, False),
    ("exec", ["1", 1], {}, False), ("exec", ["1", {}, 1], {}, False),
    ("exec", ["1", {}], {"closure": 1}, False),
    ("compile", ["1", "f", "x"], {}, False), ("compile", [1, "f", "exec"], {}, False),
    ("compile", ["1", 1, "exec"], {}, False), ("compile", ["1"], {}, False),
    ("compile", ["1", "f", "exec"], {"flags": 0x10000000}, False),
    ("compile", ["1", "f", "exec"], {"optimize": 5}, False),
    ("repr", [B("exit")], {}, False), ("repr", [B("quit")], {}, False),
    ("repr", [B("credits")], {}, False), ("repr", [B("license")], {}, False),
    ("repr", [B("help")], {}, False), ("repr", [B("copyright")], {}, False),
    ("__build_class__", [], {}, False), ("__build_class__", [1, "a"], {}, False),
]


def outcome(fn, args, kwargs, listify):
    try:
        r = getattr(builtins, fn)(*[unwrap(a) for a in args], **{k: unwrap(v) for k, v in kwargs.items()})
        if listify:
            r = list(r)
        return repr(r)
    except Exception as e:
        return f"{type(e).__name__}: {e}"


def unwrap(v):
    if isinstance(v, B):
        return v.value
    if isinstance(v, list):
        return [unwrap(x) for x in v]
    if isinstance(v, tuple):
        return tuple(unwrap(x) for x in v)
    return v


def c_str(s):
    out = '"'
    for ch in s.encode("utf-8"):
        c = chr(ch)
        if c in '"\\':
            out += "\\" + c
        elif 32 <= ch < 127 and c != "?":
            out += c
        else:
            out += "\\%03o" % ch
    return out + '"'


def encode(v, out):
    """Appends the flat (kind, text) entries for one value."""
    if isinstance(v, B):
        out.append(("y", v.name))
    elif v is None:
        out.append(("n", ""))
    elif isinstance(v, bool):
        out.append(("b", "1" if v else "0"))
    elif isinstance(v, int):
        out.append(("i", str(v)))
    elif isinstance(v, float):
        out.append(("f", repr(v)))
    elif isinstance(v, complex):
        out.append(("c", f"{v.real!r},{v.imag!r}"))
    elif isinstance(v, complex):
        out.append(("c", f"{v.real!r},{v.imag!r}"))
    elif isinstance(v, str):
        out.append(("s", v))
    elif isinstance(v, bytes):
        out.append(("B", v.decode("latin-1")))
    elif isinstance(v, list):
        out.append(("L", str(len(v))))
        for x in v:
            encode(x, out)
    elif isinstance(v, tuple):
        out.append(("T", str(len(v))))
        for x in v:
            encode(x, out)
    elif isinstance(v, dict):
        assert not v, "only empty dicts"
        out.append(("D", "0"))
    else:
        raise TypeError(v)


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    lines = ["// Generated by tests/unit/modules/gen_builtins_expected.py from the oracle (CPython "
             f"{sys.version.split()[0]}); do not edit.",
             "static const BiCase bi_cases[] = {"]
    for fn, args, kwargs, listify in CASES:
        entries = []
        for a in args:
            encode(a, entries)
        for k, v in kwargs.items():
            entries.append(("K", k))
            encode(v, entries)
        arr = ", ".join("{'%s', %s}" % (k, c_str(t)) for k, t in entries)
        lines.append("    {%s, %d, %d, %d, (const BiArg[]){%s{0, NULL}}, %s}," % (
            c_str(fn), len(args), len(kwargs), 1 if listify else 0, arr + (", " if arr else ""),
            c_str(outcome(fn, args, kwargs, listify))))
    lines.append("};")
    with open(os.path.join(here, "builtins_expected.gen.h"), "w") as f:
        f.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
