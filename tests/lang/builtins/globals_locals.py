# globals() and locals() in module and function scope; vars() with and without argument.
x_global = 1
print("x_global" in globals(), globals() is locals(), globals()["__name__"])
def f(a):
    b = 2
    return sorted(locals().items())
print(f(1))
class C:
    def __init__(self): self.v = 1
print(vars(C()), "x_global" in vars())
try:
    vars(5)
except TypeError as e:
    print(type(e).__name__, e)
globals()["made_here"] = 42
print(made_here)
