# str %-formatting through __mod__ and __rmod__: conversions, flags, mappings and errors.
print("%s|%r|%a|%5s|%-5s|%.2s" % ("x", "y'", "é", "ab", "ab", "abcdef"))
print("%d|%i|%5d|%-5d|%05d|%+d|% d|%x|%X|%#x|%o|%#o|%c|%c" % (42, -7, 3, 3, -3, 3, 3, 255, 255, 255, 8, 8, 65, "z"))
print("%f|%.2f|%e|%.3E|%g|%G|%10.3f|%-10.1f|%%" % (1.5, 2.345, 12345.678, 0.00012, 1e20, 1e-20, 3.14159, 2.5))
print("%(a)s-%(b)d %(a)r" % {"a": "A", "b": 2}, "%s" % [1, 2], "%s" % (1,), "%*d|%-*d|%.*f" % (5, 1, 4, 2, 2, 3.14159))
print("%d" % 3.9, "%x" % True, "%s %s" % (None, ...), "%5.1s|" % "xyz", "%r" % b"b")
print(str.__rmod__("v", "%s!"), str.__rmod__("v", 3), str.__mod__("plain", ()), "%s" % {"k": 1})
class P(str):
    def __rmod__(self, other):
        return "P.__rmod__ " + other
print("fmt" % P("p"))
bad = [("%d", "x"), ("%s %s", ("a",)), ("%s", ("a", "b")), ("%(x)s", ("a",)), ("%(x)s", {}), ("%z", 1),
       ("%c", 1114112), ("%c", "ab"), ("%x", 1.5), ("%", ()), ("%(a", {"a": 1}), ("%*d", ("x", 1)),
       ("%.*f", (1.5, 1)), ("%d", None), ("%i", [1]), ("abc", 5), ("%c", -1), ("%o", "s")]
for fmt, args in bad:
    try:
        print(repr(fmt % args))
    except Exception as e:
        print(fmt, type(e).__name__, e)
