# A suspended generator keeps its frame and locals between next() calls.
def g():
    x = 1
    yield
    x += 10
    yield
gen = g()
next(gen)
print(gen.gi_frame.f_locals["x"], gen.gi_frame.f_lineno)
next(gen)
print(gen.gi_frame.f_locals["x"], gen.gi_frame.f_lineno)
print(list(gen), gen.gi_frame)
