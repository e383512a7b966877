# SyntaxError constructor forms, end_lineno/end_offset/print_file_and_line and str(); ImportError name/path/name_from.
forms = [(), ("msg",), ("msg", ("f.py", 3, 4, "x = (", 3, 6)), ("msg", ("f.py", 3, 4, "code")),
         ("msg", (None, None, None, None)), ("msg", ("f.py", 3, None, None)),
         ("msg", ("dir/f.py", 1, 2, "a b", 1, 3)), ("m", "notatuple"), ("a", "b", "c")]
for args in forms:
    try:
        e = SyntaxError(*args)
        print(e.args, e.msg, e.filename, e.lineno, e.offset, e.text, e.end_lineno, e.end_offset,
              e.print_file_and_line, "|", str(e))
    except Exception as err:
        print(type(err).__name__, err)
for bad in [("m", ("f",)), ("m", (1, 2, 3, 4, 5, 6, 7)), ("m", ("f", 1, 2, "t", 3))]:
    try:
        SyntaxError(*bad)
        print("ok", bad)
    except Exception as err:
        print(type(err).__name__, err)
e = SyntaxError("m", ("f.py", 2, 1, "t", 2, 5))
e.end_lineno = 9
e.end_offset = 10
e.print_file_and_line = 1
print(e.end_lineno, e.end_offset, e.print_file_and_line, str(e))
print(repr(IndentationError("bad", ("g.py", 1, 1, "  x", 1, 2))))
print(str(TabError("tabs")), repr(SyntaxError()))
try:
    compile("x = (", "<s>", "exec")
except SyntaxError as err:
    print(err.msg, err.lineno, err.offset, err.end_lineno, err.end_offset, err.print_file_and_line)

e = ImportError("m", name="mod", path="/p", name_from="thing")
print(e.args, e.name, e.path, e.name_from, str(e), repr(e))
print(e.__reduce__())
e2 = ImportError()
print(e2.name, e2.path, e2.name_from, e2.__reduce__())
e2.name_from = "x"
print(e2.name_from)
try:
    ImportError(bogus=1)
except TypeError as err:
    print(type(err).__name__, err)
e = ModuleNotFoundError("nope", name="n")
print(type(e).__name__, e.name, e.name_from, e.__reduce__())
e = ImportError("a", "b", name="x")
print(e.args, str(e), e.__reduce__())
try:
    from sys import nothing_here
except ImportError as err:
    print(err.name, err.name_from, err)
