# bytearray repr, unhashability and comparisons with bytes.
ba = bytearray(b"a'\"\x00")
print(repr(ba), str(bytearray()), ba == b"a'\"\x00", bytearray(b"a") < b"b")
try:
    hash(bytearray())
except TypeError as e:
    print(type(e).__name__, e)
print(type(bytearray(b"x") + b"y").__name__, type(b"y" + bytearray(b"x")).__name__)
