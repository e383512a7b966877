# compile() rejects duplicate and misordered parameters and arguments.
for src in ("def f(a, a): pass", "def f(a=1, b): pass", "def f(*, **k): pass", "def f(**k, a): pass", "f(a=1, a=2)", "f(a=1, 2)", "f(**k, *a)", "lambda a, a: 0", "def f(*a, *b): pass", "def f(/, a): pass"):
    try:
        compile(src, "<s>", "exec")
        print(repr(src), "ok")
    except SyntaxError as e:
        print(repr(src), "->", e.msg)
