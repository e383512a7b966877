# Builtin functions called with wrong argument counts, types and keywords: the TypeError texts.
calls = [
    "abs()", "abs(1, 2)", "abs('x')", "all()", "all(1)", "any(1, 2)", "ascii()", "bin('x')", "bin(1.5)",
    "callable()", "chr()", "chr('x')", "chr(-1)", "chr(0x110000)", "compile()", "compile('x', 'f')",
    "compile('x', 'f', 'bad')", "delattr(1)", "delattr(1, 2)", "dir(1, 2)", "divmod(1)", "divmod('a', 1)",
    "enumerate()", "enumerate(1)", "enumerate([], 'x')", "eval()", "eval(1)", "eval('1', 1)", "exec()", "exec(1)",
    "filter()", "filter(None, 1)", "format()", "format(1, 2)", "format(1, 'q')", "getattr()", "getattr(1)", "getattr(1, 2)",
    "getattr(1, 'nope')", "globals(1)", "hasattr(1)", "hasattr(1, 2)", "hash()", "hash([])", "hex('x')", "id()",
    "input(1, 2)", "isinstance(1)", "isinstance(1, 2)", "issubclass(1, int)", "issubclass(int, 1)", "iter()",
    "iter(1)", "iter(1, 2)", "len()", "len(1)", "locals(1)", "map()", "map(1)", "map(None, 1)", "max()", "max(1)",
    "max([])", "max([], default=1, key=None, bad=2)", "min(1, 2, key=3)", "next()", "next(1)", "oct(1.0)",
    "ord()", "ord('ab')", "ord(1)", "pow()", "pow(1)", "pow(1, 2, 3, 4)", "pow(2, -1, 0)", "pow(2.0, 2, 3)",
    "print(sep=1)", "print(end=1)", "print(file=1)", "print(bad=1)", "repr()", "reversed()", "reversed(1)",
    "round()", "round('x')", "round(1, 'x')", "setattr(1, 2)", "setattr(1, 'a', 2)", "sorted()", "sorted(1)",
    "sorted([], 1)", "sorted([], bad=1)", "sum()", "sum(1)", "sum([], 1, 2)", "sum(['a'], '')", "sum([[1]], [])",
    "vars(1)", "vars(1, 2)", "zip(1)", "zip([], strict=1, x=2)", "__import__()", "__import__(1)",
    "anext()", "anext(1)", "aiter()", "aiter(1)", "memoryview()", "breakpoint", "min(key=len)", "max(1, 2, default=0)",
    "divmod(1, 0)", "iter(lambda: 1, 2, 3)", "next(iter([]), 1, 2)", "isinstance(1, (int, 1))",
    "issubclass(int, (int, 1))", "zip([1], [1, 2], strict=True).__next__() and list(zip([1], [1, 2], strict=True))",
]
for c in calls:
    try:
        r = eval(c)
        print(c, "->", type(r).__name__)
    except Exception as e:
        print(c, "->", type(e).__name__, e)
