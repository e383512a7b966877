# int() from strings with bases, floats, and objects; error messages.
print(int(), int("42"), int(" -7 "), int("1_000"), int("ff", 16), int("0x1F", 0), int("0b101", 0), int("z", 36), int("0o17", 8))
print(int(3.9), int(-3.9), int(True), int("١٢٣"), int(b"12"), int(bytearray(b"7")))
for args in (("abc",), ("1.5",), ("",), ("12", 1), ("0x1f",), (1.5, 10), (None,), ([],), (float("inf"),), (float("nan"),), ("1__0",)):
    try:
        int(*args)
    except (ValueError, TypeError, OverflowError) as e:
        print(type(e).__name__, e)
class Idx:
    def __index__(self): return 9
class Tr:
    def __trunc__(self): return 3
print(int(Idx()))
try:
    print(int(Tr()))
except TypeError as e:
    print(type(e).__name__, e)
