# Exception methods and constructors called with wrong argument counts, types and keywords.
e = ValueError("v")
calls = [
    lambda: e.with_traceback(),
    lambda: e.with_traceback(1, 2),
    lambda: e.add_note(),
    lambda: e.add_note(5),
    lambda: e.add_note("a", "b"),
    lambda: e.__reduce__(1),
    lambda: e.__setstate__(),
    lambda: e.__setstate__(1, 2),
    lambda: BaseException.__str__(5),
    lambda: BaseException.__repr__("x"),
    lambda: BaseException.with_traceback(5, None),
    lambda: ValueError.__init__(e, k=1),
    lambda: StopIteration(value=1),
    lambda: SystemExit(code=1),
    lambda: KeyError(key=1),
    lambda: ImportError("m", nam="x"),
    lambda: ImportError(**{"name": 1, "path": 2, "name_from": 3, "x": 4}),
    lambda: AttributeError("m", obj=1, name=2, other=3),
    lambda: NameError("m", nam="x"),
    lambda: OSError(errno=1),
    lambda: UnicodeDecodeError(),
    lambda: UnicodeDecodeError("utf-8", "notbytes", 0, 1, "r"),
    lambda: UnicodeEncodeError("utf-8", b"bytes", 0, 1, "r"),
    lambda: UnicodeTranslateError("s", 0, 1),
    lambda: UnicodeDecodeError("utf-8", b"x", "0", 1, "r"),
    lambda: BaseExceptionGroup("m"),
    lambda: BaseExceptionGroup.split(BaseExceptionGroup("m", [ValueError()])),
    lambda: BaseExceptionGroup("m", [ValueError()]).subgroup(),
    lambda: BaseExceptionGroup("m", [ValueError()]).derive(),
    lambda: BaseExceptionGroup("m", [ValueError()]).split(5),
    lambda: BaseExceptionGroup("m", [ValueError()]).subgroup((ValueError, 5)),
]
for f in calls:
    try:
        r = f()
        print("no error", repr(r))
    except TypeError as err:
        print(type(err).__name__, err)
