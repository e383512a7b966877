# Calls every method of the core types and every builtin function with unusual arguments.
#
# The contract under test is rule 4: whatever the arguments, ftpy raises an exception and never
# crashes, hangs or trips a sanitizer. ctest runs this file with build/ftpy in every configuration
# and only checks that it finishes with exit status 0 (the ASan and TSan builds turn any memory
# error into a failure). With --report it prints one line per call (the outcome's type and, with
# --messages, the exception text), so that the same run under CPython 3.14 can be diffed against
# ftpy's: scripts/compare_call_everything.py does that. The unbound pass also calls each type's
# methods through the class with receivers of the wrong type.
#
# Arguments are chosen so that no call can allocate much or run long: integers are either small or
# beyond the machine word (2**70), so repeat counts, widths and sizes raise OverflowError at once.
# Two things CPython itself would compute for hours are left out: a power with the exponent 2**70
# (see too_slow) and -(2**70) as round()'s ndigits. Calls that would block, exit or print are
# skipped (see SKIP).
import sys

REPORT = "--report" in sys.argv
MESSAGES = "--messages" in sys.argv


def fresh_values():
    """A new list of argument values for every target, so that a method mutating an argument (a list
    extended, a dict cleared) cannot change what later targets see."""
    return [
        None, True, 0, -1, 3, 2 ** 70, 0.5, -0.0, float("inf"), float("nan"), 2j,
        "", "ab", "\udcff", "x" * 40, b"", b"ab", bytearray(b"xy"), memoryview(b"mv"),
        [], [1, "a"], (), (1, 2), {}, {1: 2}, set(), frozenset({3}), range(4), slice(1, None, 2),
        object(), int, str, len, Ellipsis, NotImplemented, iter([1]),
    ]


def receivers():
    """(label, factory) for one or more instances of each type; factories make a fresh receiver per
    call because methods mutate their receivers."""
    def gen():
        yield 1

    async def coro():
        pass

    async def agen():
        yield 1

    def cell():
        x = 1
        return (lambda: x).__closure__[0]

    def frame():
        return sys._getframe()

    def traceback():
        try:
            raise ValueError("v")
        except ValueError as e:
            return e.__traceback__

    class Plain:
        def method(self):
            return 1

    return [
        ("object", object), ("type", lambda: Plain), ("NoneType", lambda: None),
        ("bool", lambda: True), ("int", lambda: 12345), ("int_big", lambda: -(7 ** 40)),
        ("float", lambda: 2.5), ("complex", lambda: 1 - 2j),
        ("str", lambda: "Hello, Wörld\t1"), ("bytes", lambda: b"Hello\t1\xff"),
        ("bytearray", lambda: bytearray(b"Hello\t1")), ("memoryview", lambda: memoryview(bytearray(b"abcd"))),
        ("list", lambda: [3, 1, 2]), ("tuple", lambda: (1, "a", None)),
        ("dict", lambda: {"a": 1, 2: [3]}), ("dict_keys", lambda: {"a": 1}.keys()),
        ("dict_values", lambda: {"a": 1}.values()), ("dict_items", lambda: {"a": 1}.items()),
        ("set", lambda: {1, 2}), ("frozenset", lambda: frozenset({1, 2})),
        ("range", lambda: range(1, 10, 3)), ("slice", lambda: slice(1, 5, 2)),
        ("property", lambda: property(len)), ("classmethod", lambda: classmethod(len)),
        ("staticmethod", lambda: staticmethod(len)), ("function", lambda: gen),
        ("method", lambda: Plain().method), ("builtin_method", lambda: [].append),
        ("cell", cell), ("code", lambda: gen.__code__), ("frame", frame), ("traceback", traceback),
        ("generator", gen), ("coroutine", coro), ("async_generator", agen),
        ("module", lambda: type(sys)("m")), ("exception", lambda: ValueError("e", 1)),
        ("oserror", lambda: OSError(2, "gone", "f")), ("syntaxerror", lambda: SyntaxError("m", ("f", 1, 2, "t", 1, 3))),
        ("group", lambda: ExceptionGroup("g", [ValueError(1), TypeError(2)])),
    ]


# Names never called: they block, print, exit, start the debugger or recurse into the fuzzer itself.
SKIP = {
    "input", "breakpoint", "help", "exit", "quit", "print", "open", "copyright", "credits", "license",
    "__del__", "__exit__",  # a frame's or generator's teardown is exercised elsewhere
}


def argument_lists(values):
    """Deterministic argument tuples: none, each value alone, a spread of pairs and of triples."""
    n = len(values)
    yield ()
    for v in values:
        yield (v,)
    for i in range(n):
        yield (values[i], values[(i * 7 + 3) % n])
    for i in range(0, n, 3):
        yield (values[i], values[(i + 5) % n], values[(i * 11 + 1) % n])


def too_slow(name, args):
    """x ** 2**70 is a legitimate, endless computation in CPython too."""
    return (name.endswith("pow__") or name == "pow") and any(type(a) is int and a > 2 ** 64 for a in args)


def describe(exc):
    text = str(exc) if MESSAGES else ""
    # Addresses differ between runs and interpreters.
    out, i = [], 0
    while i < len(text):
        if text.startswith("0x", i):
            out.append("0x?")
            i += 2
            while i < len(text) and text[i] in "0123456789abcdef":
                i += 1
        else:
            out.append(text[i])
            i += 1
    return type(exc).__name__ + (": " + "".join(out) if text else "")


def call(label, fn, args):
    try:
        result = fn(*args)
        outcome = type(result).__name__
        if hasattr(result, "close") and type(result).__name__ in ("coroutine", "async_generator_asend",
                                                                 "async_generator_athrow"):
            result.close()
    except BaseException as e:  # noqa: B902 (every exception is a valid outcome; only crashes are not)
        outcome = "!" + describe(e)
    if REPORT:
        print(label, outcome)


def method_names(obj):
    return sorted(n for n in dir(type(obj)) if n not in SKIP)


def fuzz_methods():
    for label, factory in receivers():
        probe = factory()
        for name in method_names(probe):
            values = fresh_values()
            for i, args in enumerate(argument_lists(values)):
                if too_slow(name, args):
                    continue
                receiver = factory()
                try:
                    bound = getattr(receiver, name)
                except BaseException as e:  # noqa: B902
                    if REPORT:
                        print(f"{label}.{name}", "!getattr", describe(e))
                    break
                if not callable(bound):
                    if REPORT:
                        print(f"{label}.{name}", "attr", type(bound).__name__)
                    break
                call(f"{label}.{name}#{i}", bound, args)
                if label in ("generator", "coroutine"):
                    receiver.close()


def fuzz_unbound():
    """Each type's own methods taken from the class and called with a wrong receiver: a method
    descriptor or slot wrapper must check its self argument before touching it."""
    seen = set()
    for label, factory in receivers():
        probe = factory()
        tp = type(probe)
        if label == "coroutine":
            probe.close()
        if tp in seen:
            continue
        seen.add(tp)
        for name in sorted(n for n in dir(tp) if n not in SKIP):
            try:
                fn = getattr(tp, name)
            except BaseException:  # noqa: B902
                continue
            if not callable(fn) or isinstance(fn, type):
                continue
            values = fresh_values()
            for i, v in enumerate(values):
                args = (v,) if i % 2 else (v, values[(i * 5 + 2) % len(values)])
                if too_slow(name, args):
                    continue
                call(f"{tp.__name__}.{name}@{i}", fn, args)


def fuzz_builtins():
    import builtins
    for name in sorted(vars(builtins)):
        obj = getattr(builtins, name)
        if name in SKIP or name.startswith("_") or not callable(obj):
            continue
        if isinstance(obj, type) and issubclass(obj, BaseException):
            continue
        values = fresh_values()
        for i, args in enumerate(argument_lists(values)):
            if not too_slow(name, args):
                call(f"builtins.{name}#{i}", obj, args)


def main():
    fuzz_methods()
    fuzz_unbound()
    fuzz_builtins()
    print("call_everything: done")


main()
