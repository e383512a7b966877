# code.__hash__ agrees with equality; code.__repr__ names the function, file and first line.
def f(a):
    return a + 1
def g(a):
    return a + 1
c = f.__code__
print(c.__hash__() == hash(c), c.__hash__() == c.__replace__().__hash__(), type(c.__hash__()).__name__)
print(c == g.__code__.__replace__(co_name="f"), hash(c) == hash(g.__code__.__replace__(co_name="f")))
print(hash(c) == hash(c.__replace__(co_name="h")) or "differs")
r = c.__repr__()
print(r.split(" at 0x")[0], r.split(", ")[1].split("/")[-1], r.endswith("line 2>"))
print(c.__replace__(co_filename="x.py").__repr__().split(", ")[1:])
