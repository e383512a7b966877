# int methods: bit_length, bit_count, to_bytes, from_bytes, as_integer_ratio, is_integer, conjugate.
for n in (0, 1, 255, -256, 2 ** 64, -(2 ** 100) + 1):
    print(n, n.bit_length(), n.bit_count(), n.as_integer_ratio(), n.is_integer(), n.conjugate(), n.real, n.imag, n.numerator, n.denominator)
print((1024).to_bytes(2, "big"), (1024).to_bytes(4, "little"), (-1).to_bytes(2, "big", signed=True), (5).to_bytes())
print(int.from_bytes(b"\x01\x00", "big"), int.from_bytes(b"\xff\xff", "little", signed=True), int.from_bytes([1, 2]))
try:
    (256).to_bytes(1, "big")
except OverflowError as e:
    print(type(e).__name__, e)
try:
    (-1).to_bytes(1, "big")
except OverflowError as e:
    print(type(e).__name__, e)
