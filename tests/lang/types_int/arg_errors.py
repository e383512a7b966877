# int's public methods called with wrong argument counts, types and values.
calls = [
    lambda: (5).bit_length(1), lambda: (5).bit_count(None), lambda: (5).as_integer_ratio(1), lambda: (5).is_integer(1),
    lambda: (5).conjugate(1), lambda: int.bit_length(), lambda: int.bit_length('x'), lambda: int.conjugate(1.5),
    lambda: (5).to_bytes(1, 'big', 1), lambda: (5).to_bytes('1'), lambda: (5).to_bytes(1.0), lambda: (5).to_bytes(-1),
    lambda: (5).to_bytes(1, 'mid'), lambda: (5).to_bytes(1, b'big'), lambda: (5).to_bytes(1, None), lambda: (5).to_bytes(2 ** 64),
    lambda: (5).to_bytes(1, byteorder='big', length=1), lambda: (5).to_bytes(lenght=1), lambda: (5).to_bytes(1, 'big', signed=True, x=1),
    lambda: (5).to_bytes(1, 'big', sign=True), lambda: (-5).to_bytes(1, 'little'), lambda: (128).to_bytes(1, signed=True),
    lambda: int.from_bytes(), lambda: int.from_bytes('ab'), lambda: int.from_bytes(5), lambda: int.from_bytes(b'a', 'mid'),
    lambda: int.from_bytes(b'a', 'big', True), lambda: int.from_bytes(b'a', bytorder='big'), lambda: int.from_bytes([256]),
    lambda: int.from_bytes([-1]), lambda: int.from_bytes(['a']), lambda: int.from_bytes(b'a', byteorder=1),
    lambda: int.from_bytes(bytes=b'a'), lambda: int.from_bytes(b'a', 'big', signed=1, bytes=b'a'), lambda: int.from_bytes(None),
]
for f in calls:
    try:
        print(repr(f()))
    except (TypeError, ValueError, OverflowError) as e:
        print(type(e).__name__, e)
for f in (lambda: (5).to_bytes(length=1, byteorder='big', signed=True, x=1), lambda: int.from_bytes(bytes=b'', byteorder='big', signed=True, x=1),
          lambda: int.from_bytes(b'', 'big', signed=True, x=1), lambda: int.from_bytes(byteorder='big')):
    try:
        print(repr(f()))
    except TypeError as e:
        print(type(e).__name__, e)
