# float methods: is_integer, as_integer_ratio, hex, fromhex, conjugate, real/imag.
for x in (0.5, -2.0, 3.75, 1e100, 0.1):
    print(x, x.is_integer(), x.as_integer_ratio(), x.hex(), x.conjugate(), x.real, x.imag)
print(float.fromhex("0x1.8p1"), float.fromhex("-0x1p-2"), float.fromhex("inf"))
for bad in (float("inf"), float("nan")):
    try:
        bad.as_integer_ratio()
    except (OverflowError, ValueError) as e:
        print(type(e).__name__, e)
