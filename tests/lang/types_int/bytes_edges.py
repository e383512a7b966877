# int.to_bytes / int.from_bytes edge cases: zero length, signs, byte orders, iterables, subclasses.
print((0).to_bytes(0, 'big'), (0).to_bytes(0, 'little', signed=True), (255).to_bytes(1), (-128).to_bytes(1, signed=True), (127).to_bytes(1, signed=True))
print((-1).to_bytes(4, 'little', signed=True), (2 ** 64).to_bytes(9, 'little'), (-(2 ** 63)).to_bytes(8, 'big', signed=True), (1).to_bytes(length=3, byteorder='little'))
print(int.from_bytes(b''), int.from_bytes(b'', signed=True), int.from_bytes(b'\x80', signed=True), int.from_bytes(b'\x00\x80', 'little', signed=True))
print(int.from_bytes(bytearray(b'\x01\x02'), 'little'), int.from_bytes(memoryview(b'\xff' * 9)), int.from_bytes(iter([1, 0])), int.from_bytes((0, 1), byteorder='little'))
print(int.from_bytes(b'\xff' * 20, 'big', signed=True), int.from_bytes(bytes=b'\x07', byteorder='big'), True.to_bytes(2, 'big'), bool.from_bytes(b'\x05'), type(bool.from_bytes(b'\x00')).__name__)
class I(int):
    pass
class J(int):
    def __new__(cls, v):
        return int.__new__(cls, v * 10)
print(type(I.from_bytes(b'\x01')).__name__, I.from_bytes(b'\x02'), J.from_bytes(b'\x03'), type(J.from_bytes(b'\x03')).__name__)
for n in (0, 1, -1, 255, -256, 2 ** 100, -(2 ** 100)):
    b = n.to_bytes((n.bit_length() + 8) // 8, 'big', signed=True)
    print(n, b.hex(), int.from_bytes(b, 'big', signed=True) == n, int.from_bytes(b[::-1], 'little', signed=True) == n)
for f in (lambda: (256).to_bytes(1), lambda: (-129).to_bytes(1, signed=True), lambda: (1).to_bytes(0), lambda: (-1).to_bytes(0, signed=True)):
    try:
        print(f())
    except OverflowError as e:
        print(type(e).__name__, e)
