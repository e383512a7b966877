# compile() rejects misplaced break, continue, return, yield and await.
for src in ("break", "continue", "return 1", "class C:\n    return 1", "def f():\n    class C:\n        yield 1\n    return C",
            "await x", "def f():\n    await x", "for x in y:\n    def g():\n        break", "yield 1", "x = [(yield) for _ in y]"):
    try:
        compile(src, "<s>", "exec")
        print(repr(src), "ok")
    except SyntaxError as e:
        print(repr(src), "->", e.msg, e.lineno)
