# str.format with positional, keyword, indexed, attribute fields and conversions.
class P:
    x = 1
    y = [10, 20]
print("{} {} {}".format(1, "a", None))
print("{1} {0} {1}".format("a", "b"))
print("{name} is {age}".format(name="Bob", age=3))
print("{0.x} {0.y[1]} {d[k]}".format(P, d={"k": "v"}))
print("{!r:>6} {!s} {!a}".format("a", "b", "é"))
print("{:{}{}}".format(3.14159, ".", "2f"), "{{}}".format())
for bad in ("{", "}", "{0} {}", "{x}", "{2}"):
    try:
        print(bad.format(1))
    except (ValueError, KeyError, IndexError) as e:
        print(type(e).__name__, e)
print("{a}-{b}".format_map({"a": 1, "b": 2}))
