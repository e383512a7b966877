# compile() rejects invalid global/nonlocal declarations.
cases = ["nonlocal x",
         "def f():\n    nonlocal x",
         "def f():\n    x = 1\n    global x",
         "def f(a):\n    global a",
         "def f():\n    print(x)\n    global x",
         "def f():\n    x = 1\n    def g():\n        global x\n        nonlocal x",
         "def f(a):\n    nonlocal a"]
for src in cases:
    try:
        compile(src, "<s>", "exec")
        print("ok")
    except SyntaxError as e:
        print(e.msg, e.lineno)
