#!/usr/bin/env python3.14
"""Audits which methods and attributes of issue #4's types the tests/lang programs exercise.

Usage: method_coverage.py [--missing] [--dunders] [--fail-under N]
Run it with the oracle (CPython 3.14): the names come from the oracle's own types, so the audit
lists what CPython has, not what ftpy happens to implement.

For every type, the names are those the type defines itself (its __dict__), so `int.__add__` counts
for int and `object.__eq__` only for object. Public names (no leading underscore) are always audited;
dunders only with --dunders. A name counts as exercised for a type when a program in one of that
type's folders mentions it as `.name` or as the string 'name' / "name" (getattr, hasattr, dir checks).
Looking only in the type's own folders keeps `list.count` from being credited by a `str.count` test.
The report ends with `covered N of M names`; --fail-under makes the exit status 1 below N percent.
"""
import _io
import builtins
import os
import re
import sys
import types

TOP = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
LANG = os.path.join(TOP, "tests", "lang")


def _gen():
    yield 1


async def _coro():
    pass


async def _agen():
    yield 1


def _frame_and_traceback():
    try:
        raise ValueError
    except ValueError as e:
        return e.__traceback__.tb_frame, e.__traceback__


_FRAME, _TRACEBACK = _frame_and_traceback()
_CORO = _coro()
_CORO.close()


def _cell():
    x = 1
    return (lambda: x).__closure__[0]


# (label, the type object, the tests/lang folders whose programs may exercise it)
TYPES = [
    ("object", object, ["types_object", "types_descr"]),
    ("type", type, ["types_type", "types_descr"]),
    ("NoneType", type(None), ["types_none"]),
    ("NotImplementedType", type(NotImplemented), ["types_none"]),
    ("ellipsis", type(...), ["types_none"]),
    ("bool", bool, ["types_bool"]),
    ("int", int, ["types_int"]),
    ("float", float, ["types_float"]),
    ("complex", complex, ["types_complex"]),
    ("str", str, ["types_str"]),
    ("bytes", bytes, ["types_bytes"]),
    ("bytearray", bytearray, ["types_bytearray"]),
    ("memoryview", memoryview, ["types_memoryview", "types_bytes"]),
    ("list", list, ["types_list"]),
    ("tuple", tuple, ["types_tuple"]),
    ("dict", dict, ["types_dict"]),
    ("dict_keys", type({}.keys()), ["types_dict"]),
    ("dict_values", type({}.values()), ["types_dict"]),
    ("dict_items", type({}.items()), ["types_dict"]),
    ("set", set, ["types_set"]),
    ("frozenset", frozenset, ["types_frozenset"]),
    ("range", range, ["types_range"]),
    ("slice", slice, ["types_slice"]),
    ("property", property, ["types_descr"]),
    ("classmethod", classmethod, ["types_descr"]),
    ("staticmethod", staticmethod, ["types_descr"]),
    ("function", types.FunctionType, ["types_function"]),
    ("method", types.MethodType, ["types_function"]),
    ("builtin_function_or_method", types.BuiltinFunctionType, ["types_function"]),
    ("cell", type(_cell()), ["types_function"]),
    ("code", types.CodeType, ["types_code"]),
    ("frame", types.FrameType, ["types_frame"]),
    ("traceback", types.TracebackType, ["types_traceback"]),
    ("generator", types.GeneratorType, ["types_generator", "expr_gen"]),
    ("coroutine", types.CoroutineType, ["types_generator", "stmt_async"]),
    ("async_generator", types.AsyncGeneratorType, ["types_generator", "stmt_async"]),
    ("module", types.ModuleType, ["types_module"]),
    ("_io._IOBase", _io._IOBase, ["io"]),
    ("_io._RawIOBase", _io._RawIOBase, ["io"]),
    ("_io._BufferedIOBase", _io._BufferedIOBase, ["io"]),
    ("_io._TextIOBase", _io._TextIOBase, ["io"]),
    ("_io.FileIO", _io.FileIO, ["io"]),
    ("_io.BufferedReader", _io.BufferedReader, ["io"]),
    ("_io.BufferedWriter", _io.BufferedWriter, ["io"]),
    ("_io.BufferedRandom", _io.BufferedRandom, ["io"]),
    ("_io.TextIOWrapper", _io.TextIOWrapper, ["io"]),
    ("_io.StringIO", _io.StringIO, ["io"]),
    ("_io.BytesIO", _io.BytesIO, ["io"]),
    ("BaseException", BaseException, ["types_exceptions", "errors"]),
    ("BaseExceptionGroup", BaseExceptionGroup, ["types_exceptions", "stmt_except_star"]),
]


def exception_types():
    """Every built-in exception class that adds names of its own (OSError.errno, StopIteration.value)."""
    out = []
    for name in sorted(dir(builtins)):
        obj = getattr(builtins, name)
        if (isinstance(obj, type) and issubclass(obj, BaseException)
                and obj not in (BaseException, BaseExceptionGroup)):
            out.append((name, obj, ["types_exceptions", "errors"]))
    return out


def read_folders(folders, cache={}):
    text = []
    for folder in folders:
        if folder not in cache:
            parts = []
            path = os.path.join(LANG, folder)
            if os.path.isdir(path):
                for name in sorted(os.listdir(path)):
                    if name.endswith(".py"):
                        with open(os.path.join(path, name), encoding="utf-8") as f:
                            parts.append(f.read())
            cache[folder] = "\n".join(parts)
        text.append(cache[folder])
    return "\n".join(text)


def is_exercised(name, text):
    pattern = r"\.%s\b|['\"]%s['\"]" % (re.escape(name), re.escape(name))
    return re.search(pattern, text) is not None


def audited_names(tp, with_dunders):
    names = []
    for name in sorted(vars(tp)):
        if name.startswith("__") and name.endswith("__"):
            if with_dunders and name not in ("__doc__", "__module__", "__dict__", "__weakref__"):
                names.append(name)
        elif not name.startswith("_"):
            names.append(name)
    return names


def builtins_names():
    return sorted(n for n in dir(builtins) if not n.startswith("_"))


def builtin_exercised(name, text):
    return re.search(r"\b%s\b" % re.escape(name), text) is not None


def main(argv):
    show_missing = "--missing" in argv
    with_dunders = "--dunders" in argv
    fail_under = None
    if "--fail-under" in argv:
        fail_under = float(argv[argv.index("--fail-under") + 1])
    total = covered = 0
    for label, tp, folders in TYPES + exception_types():
        names = audited_names(tp, with_dunders)
        if not names:
            continue
        text = read_folders(folders)
        missing = [n for n in names if not is_exercised(n, text)]
        total += len(names)
        covered += len(names) - len(missing)
        line = f"{label:28} {len(names) - len(missing):3}/{len(names):<3}"
        if show_missing and missing:
            line += "  missing: " + " ".join(missing)
        print(line)
    # The builtins module: every public function and constant, anywhere in the programs.
    text = read_folders(sorted(d for d in os.listdir(LANG) if os.path.isdir(os.path.join(LANG, d))))
    names = [n for n in builtins_names()
             if not (isinstance(getattr(builtins, n), type) and issubclass(getattr(builtins, n), BaseException))]
    missing = [n for n in names if not builtin_exercised(n, text)]
    total += len(names)
    covered += len(names) - len(missing)
    line = f"{'builtins (module)':28} {len(names) - len(missing):3}/{len(names):<3}"
    if show_missing and missing:
        line += "  missing: " + " ".join(missing)
    print(line)
    percent = 100.0 * covered / total if total else 100.0
    print(f"covered {covered} of {total} names ({percent:.1f}%)")
    if fail_under is not None and percent < fail_under:
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
