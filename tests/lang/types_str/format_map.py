# str.format_map with dicts, dict subclasses with __missing__ and mappings.
print("{a}-{b}".format_map({"a": 1, "b": [2]}), "{0}".format_map({"0": "zero"}) if False else "")
class D(dict):
    def __missing__(self, key):
        return "<" + key + ">"
print("{x} {y!r} {z:>4}".format_map(D(x=1)))
class M:
    def __getitem__(self, key):
        return key.upper()
print("{hello} {w}".format_map(M()), "{a.real}".format_map({"a": 3}), "{a[0]}".format_map({"a": "xyz"}))
for a in ((), ({}, {}), (1,)):
    try:
        print("{k}".format_map(*a))
    except Exception as e:
        print(type(e).__name__, e)
for f in (lambda: "{k}".format_map({}), lambda: "{0}".format_map({}), lambda: "{}".format_map({"": 1}), lambda: "{".format_map({})):
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__, e)
