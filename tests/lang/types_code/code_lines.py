# code.co_lines, co_positions, co_branches and the deprecated co_lnotab.
import sys
def f(a):
    if a:
        return 1
    for i in range(a):
        a += i
    return a
c = f.__code__
print(list(c.co_lines()))
print(list(c.co_positions()))
print(list(c.co_branches()))
print(type(c.co_lines()).__name__ != "list", len(list(c.co_positions())) == len(c.co_code) // 2)
try:
    print(c.co_lnotab.hex())
except Exception as e:
    print(type(e).__name__, e)
