# sys.flags.utf8_mode under -X utf8, sys.intern, sys.getsizeof type, sys.getrefcount type.
import sys
print(sys.flags.utf8_mode, sys.intern("abc") == "abc", type(sys.getsizeof([])).__name__, type(sys.getrefcount(None)).__name__)
s = sys.intern("".join(["hel", "lo"]))
print(s is sys.intern("hello"))
try:
    sys.intern(5)
except TypeError as e:
    print(type(e).__name__, e)
