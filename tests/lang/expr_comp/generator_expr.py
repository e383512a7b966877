# Generator expressions are lazy and single-pass.
def src():
    for i in range(3):
        print("produce", i)
        yield i
g = (x * 10 for x in src())
print(type(g).__name__)
print(next(g))
print(list(g), list(g))
print(sum(x for x in range(101)), max((len(w), w) for w in "a bb ccc".split()))
gen = (1 / x for x in [1, 0])
print(next(gen))
try:
    next(gen)
except ZeroDivisionError as e:
    print(e)
