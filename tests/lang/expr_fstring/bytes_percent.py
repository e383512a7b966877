# bytes %-formatting.
print(b"%s %d %x %c %r %a" % (b"bs", 5, 255, 65, b"r", "é"))
print(b"%(k)s" % {b"k": b"v"}, b"%5.1f|" % 2.25)
try:
    b"%s" % "str"
except TypeError as e:
    print(type(e).__name__, e)
