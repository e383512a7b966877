# SyntaxError raised by compile(): msg, lineno, offset, text.
for src in ("x = (", "def f(:\n  pass", "a b", "1 = x", "  indented", "return 5", "f(**x, *y)"):
    try:
        compile(src, "<src>", "exec")
    except SyntaxError as e:
        print(type(e).__name__, repr(e.msg), e.lineno, e.offset, repr(e.text), e.filename)
