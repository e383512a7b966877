# bytes hex/fromhex, decode with error handlers, indexing yields ints.
b = bytes([0, 15, 255, 65])
print(b, b.hex(), b.hex(":"), b.hex("-", 2), bytes.fromhex("de ad BE ef"), b[0], b[-1], b[1:3], list(b))
print(b"caf\xc3\xa9".decode(), b"caf\xe9".decode("latin-1"), b"\xff".decode("utf-8", "replace"), b"a\xffb".decode("ascii", "ignore"), b"\xff".decode("utf-8", "backslashreplace"))
try:
    b"\xff".decode()
except UnicodeDecodeError as e:
    print(type(e).__name__, e)
try:
    bytes.fromhex("zz")
except ValueError as e:
    print(type(e).__name__, e)
