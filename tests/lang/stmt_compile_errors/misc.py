# compile() errors for unterminated strings, bad indentation and invalid tokens.
for src in ("'abc", '"""abc', "if x:\npass", "  x = 1", "x = 1\n  y = 2", "x = 1 +", "print 'x'", "a = 0777", "f(**)", "x = $", "def f():\n\tif x:\n        pass", "[1, 2"):
    try:
        compile(src, "<s>", "exec")
        print(repr(src), "ok")
    except SyntaxError as e:
        print(repr(src), "->", type(e).__name__, e.msg, e.lineno, e.offset)
