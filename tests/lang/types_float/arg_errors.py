# float's public methods called with wrong argument counts, types and values.
calls = [
    lambda: (1.5).hex(1), lambda: (1.5).is_integer(1), lambda: (1.5).as_integer_ratio(1), lambda: (1.5).conjugate(1),
    lambda: float.hex(), lambda: float.hex(1), lambda: float.is_integer('x'), lambda: float.conjugate(1),
    lambda: float.fromhex(), lambda: float.fromhex('1', '2'), lambda: float.fromhex(1), lambda: float.fromhex(b'0x1'),
    lambda: float.fromhex(None), lambda: float.fromhex(s='1'), lambda: float.fromhex(''), lambda: float.fromhex('0x'),
    lambda: float.fromhex('0x1p'), lambda: float.fromhex('0x1.g'), lambda: float.fromhex('0x1p99999'), lambda: float.fromhex('1e5'),
    lambda: float.fromhex(' 0x1 x'), lambda: float.fromhex('0x1p-2000'), lambda: float.fromhex('-0x1.fffffffffffff8p1023'),
    lambda: float.fromhex('0x1.fffffffffffff7p1023'), lambda: float.from_number(1.5, 2), lambda: (1.5).__round__(1, 2, 3),
    lambda: float('inf').as_integer_ratio(), lambda: float('nan').as_integer_ratio(), lambda: float.fromhex('nan(123)'),
]
for f in calls:
    try:
        print(repr(f()))
    except (TypeError, ValueError, OverflowError) as e:
        print(type(e).__name__, e)
