# int() parsing edge cases: prefixes per base, underscores, whitespace, signs, Unicode digits, bytes.
cases = [('0x_1f', 0), ('0x_1f', 16), ('0X1F', 16), ('0b_1', 2), ('0o7_7', 8), ('0o17', 0), ('0', 0), ('00', 0), ('0_0', 0), ('-0', 0),
         ('+0b1', 0), (' \t\n12\r\x0b\x0c', 10), ('\u00a012\u2003', 10), ('１２', 10), ('٣٤', 16), ('zz', 36), ('ZZ', 36), ('1_2_3', 10),
         ('_12', 10), ('12_', 10), ('1__2', 10), ('0x', 16), ('0b2', 0), ('0b', 2), ('0o8', 8), ('9', 8), ('1 2', 10), ('- 1', 10), ('--1', 10),
         ('+-1', 10), ('1.0', 10), ('١٢٣', 0), ('0x' + 'f' * 40, 0), ('1' * 50, 2), ('\x00', 10), ('12\x00', 10), ('𝟏𝟐', 10), ('ⅷ', 10)]
for s, base in cases:
    try:
        print(repr(s), base, int(s, base))
    except ValueError as e:
        print(repr(s), base, type(e).__name__, e)
for b, base in ((b' 12 ', 10), (b'ff', 16), (bytearray(b'0b11'), 0), (b'1_0', 10), (b'\xff', 10), (b'12', 36), (memoryview(b'7'), 10)):
    try:
        print(type(b).__name__, base, int(b, base))
    except (ValueError, TypeError) as e:
        print(type(b).__name__, base, type(e).__name__, e)
print(int(memoryview(b'42')), int(bytearray(b'-9')), int(b' +5 '), int(memoryview(b'123')[1:]), float(memoryview(b' 2.5')))
try:
    int(memoryview(b'x'))
except ValueError as e:
    print(type(e).__name__, e)
