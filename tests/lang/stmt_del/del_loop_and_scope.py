# del of a loop variable and of names bound in comprehensions and except clauses.
for i in range(3):
    pass
del i
try:
    i
except NameError as e:
    print(type(e).__name__, e)
def f():
    x = 1
    def g(): return x
    del x
    try:
        return g()
    except NameError as e:
        return f"{type(e).__name__}: {e}"
print(f())
