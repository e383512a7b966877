# eval() of many expression kinds with given namespaces.
env = {"a": 3, "b": [1, 2, 3]}
for src in ("a * 2", "b[-1]", "[x for x in b if x > a - 2]", "lambda: a", "a if b else 0", "(a, *b)", "{**{'k': a}}", "f'{a:03}'", "not a"):
    r = eval(src, env)
    print(src, "->", r() if callable(r) else r)
try:
    eval("1 +")
except SyntaxError as e:
    print(type(e).__name__, e.msg)
try:
    eval(5)
except TypeError as e:
    print(type(e).__name__, e)
