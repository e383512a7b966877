# exec with separate globals/locals dicts, functions defined in exec, and closures.
g = {}
l = {}
exec("x = 1\ny = x + 1", g, l)
print(sorted(l), "x" in g)
try:
    exec("def h(): return z\nz = 2\nr = h()", {}, {})
except NameError as e:
    print(type(e).__name__, e)
ns = {}
exec("a = [i * i for i in range(4)]", ns)
print(ns["a"])
exec("print('printed from exec', __name__)", {"__name__": "custom"})
