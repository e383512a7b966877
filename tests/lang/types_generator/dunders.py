# Generator dunders called explicitly: __iter__, __next__, __repr__ shape, __class_getitem__, __sizeof__, __del__.
import sys
def gen():
    yield 1
    yield 2
    return "done"

G = type(gen())
g = gen()
print(G.__iter__(g) is g, G.__next__(g), g.__next__())
try:
    g.__next__()
except StopIteration as e:
    print("StopIteration", e.value)
try:
    G.__next__(g)
except StopIteration as e:
    print("StopIteration again", e.args)
r = G.__repr__(gen())
print(r.split(" at 0x")[0], r.endswith(">"))
print(repr(g).startswith("<generator object gen at 0x"))
print(G.__class_getitem__(int), G[int, str])
print(type(g.__sizeof__()).__name__, g.__sizeof__() > 0)
print(hasattr(G, "__del__"), type(G.__del__).__name__)
g = gen()
next(g)
print(g.__del__(), g.gi_suspended)
for name in ["__next__", "__iter__", "__repr__", "__sizeof__"]:
    try:
        getattr(G, name)(1)
    except TypeError as e:
        print(type(e).__name__, e)
try:
    G.__next__(g, 1)
except TypeError as e:
    print(type(e).__name__, e)
try:
    G()
except TypeError as e:
    print(type(e).__name__, e)
try:
    G.__new__(G)
except TypeError as e:
    print(type(e).__name__, e)
try:
    g.gi_code = None
except AttributeError as e:
    print(type(e).__name__, e)
try:
    g.__name__ = 5
except TypeError as e:
    print(type(e).__name__, e)
g.__name__ = "renamed"
g.__qualname__ = "Q.renamed"
print(g.__name__, g.__qualname__, repr(g).split(" at ")[0])
try:
    del g.__name__
except TypeError as e:
    print(type(e).__name__, e)
