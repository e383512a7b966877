# t-strings build Template objects whose strings, values and interpolations can be printed without imports.
name = "world"
n = 3
t = t"hello {name!r} x{n:>4}!"
print(type(t).__name__, t.strings, t.values)
for i in t.interpolations:
    print(type(i).__name__, i.value, i.expression, i.conversion, repr(i.format_spec))
t2 = t"a" t"{n}"
print(t2.strings, t2.values)
try:
    t"x" + "y"
except TypeError as e:
    print(type(e).__name__, e)
