# compile() in exec/eval/single modes; exec and eval with globals and locals.
code = compile("x = a + 1\ny = x * 2", "<str>", "exec")
g = {"a": 1}
exec(code, g)
print(g["x"], g["y"], type(code).__name__, code.co_filename)
e = compile("a * 10", "<e>", "eval")
print(eval(e, {"a": 4}), eval("a + b", {"a": 1}, {"b": 2}), eval("len('abc')"))
ns = {}
exec("def f(n): return n * 3", ns)
print(ns["f"](5), "__builtins__" in ns)
loc = {}
exec("z = 7", {}, loc)
print(loc)
try:
    compile("x", "f", "nope")
except ValueError as e:
    print(type(e).__name__, e)
try:
    eval("x = 1")
except SyntaxError as e:
    print(type(e).__name__, e.msg)
