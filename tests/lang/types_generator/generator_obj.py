# Generator object: type, iter is self, repr-free introspection, gi_code.
def gen():
    yield 1
g = gen()
print(type(g).__name__, iter(g) is g, g.gi_code is gen.__code__, hasattr(g, "__next__"), hasattr(g, "send"))
print(g.gi_running, g.gi_suspended, next(g), g.gi_suspended, list(g), g.gi_frame)
