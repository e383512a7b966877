# int.to_bytes checks its arguments in CPython's order: byteorder type, signed, byteorder value, length.
def show(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)


class Loud:
    def __bool__(self):
        raise RuntimeError("signed evaluated")


for n in (5, True, 2**100):
    show(lambda: n.to_bytes(-1, {}))
    show(lambda: n.to_bytes(-1, 1))
    show(lambda: n.to_bytes(-1, 'mid'))
    show(lambda: n.to_bytes(-1, 'mid', signed=Loud()))
    show(lambda: n.to_bytes(-1, 'big', signed=Loud()))
    show(lambda: n.to_bytes(-1, 'little'))
    show(lambda: n.to_bytes(-1))
    show(lambda: n.to_bytes(0, 'mid'))
    show(lambda: n.to_bytes(20, 'little', signed=True))
