# bytes and bytearray %-formatting through __mod__ and __rmod__.
print(b"%s|%b|%r|%a|%5s|%-5b|%.2s" % (b"x", bytearray(b"y"), b"q", "é", b"ab", b"ab", b"abcdef"))
print(b"%d|%i|%5d|%05d|%+d|%x|%X|%#x|%o|%c|%c|%%" % (42, -7, 3, -3, 3, 255, 255, 255, 8, 65, b"z"))
print(b"%f|%.2f|%e|%g|%10.3f" % (1.5, 2.345, 12345.678, 1e20, 3.14159), b"%(a)s-%(b)d" % {b"a": b"A", b"b": 2})
print(bytearray(b"%s!") % b"x", type(bytearray(b"%s") % b"x").__name__, b"%s" % memoryview(b"mv"))
print(bytes.__rmod__(b"x", b"%s"), bytes.__mod__(b"%s", (b"t",)), bytearray.__mod__(bytearray(b"%d"), 5))
print(bytes.__mod__(b"plain", ()), bytes.__rmod__(b"plain", "str"))
bad = [(b"%s", "str"), (b"%d", b"x"), (b"%s %s", (b"a",)), (b"%s", (b"a", b"b")), (b"%(x)s", (b"a",)),
       (b"%(x)s", {}), (b"%z", 1), (b"%c", 256), (b"%c", b"ab"), (b"%c", "a"), (b"%x", 1.5), (b"%", ()),
       (b"abc", 5), (b"%b", 5), (b"%s", [1]), (bytearray(b"%d"), "x")]
for fmt, args in bad:
    try:
        print(repr(fmt % args))
    except Exception as e:
        print(fmt, type(e).__name__, e)
