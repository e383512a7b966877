# bytearray.resize grows with zero bytes and shrinks in place.
ba = bytearray(b"abc")
print(ba.resize(6), ba)
ba.resize(2)
print(ba, len(ba))
ba.resize(0)
print(ba)
for a in ((-1,), ("3",), (), (1, 2), (3.0,)):
    try:
        print(ba.resize(*a))
    except Exception as e:
        print(type(e).__name__, e)
print(ba)
