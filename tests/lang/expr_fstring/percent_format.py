# printf-style % formatting with every conversion and flag.
print("%s %r %a %d %i %u" % ("s", "r", "é", 42, -3, 7))
print("%x %X %#x %o %#o %e %E %f %F %g %G %c %c %%" % (255, 255, 255, 8, 8, 12345.678, 0.00012, 1.5, 2.25, 1e-10, 1e20, 65, "z"))
print("[%5d] [%-5d] [%05d] [%+d] [% d] [%.3f] [%10.2e] [%-8s] [%.2s]" % (42, 42, 42, 42, 42, 3.14159, 1234.5, "ab", "abcdef"))
print("%(name)s=%(val)05.1f" % {"name": "x", "val": 2.5})
print("%*d|%-*.*f" % (6, 7, 8, 2, 3.14159))
print("%s" % (1,), "%s" % [1, 2], "%d%%" % 50)
for fmt, args in (("%d", "x"), ("%s %s", (1,)), ("%s", (1, 2)), ("%z", 1), ("%(a)s", 1), ("%c", 1234567890)):
    try:
        print(fmt % args)
    except (TypeError, ValueError, OverflowError) as e:
        print(type(e).__name__, e)
