# compile() rejects assignments to literals, calls, operators and keywords.
for src in ("1 = x", "f() = 1", "a + b = 1", "None = 1", "x.y += 1", "(a, b) += 1", "[a, *b, *c] = d", "del f()", "lambda: 1 = 2", "a if b else c = 1", "*a = 1", "__debug__ = 1", "f(x for x in y, 1)", "x := 1"):
    try:
        compile(src, "<s>", "exec")
        print(repr(src), "ok")
    except SyntaxError as e:
        print(repr(src), "->", e.msg)
