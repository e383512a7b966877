# float.from_number (numbers only, no strings) and float.__getformat__.
class F(float):
    pass
class Fl:
    def __float__(self): return 2.5
class Ix:
    def __index__(self): return 3
print(float.from_number(5), float.from_number(2.5), float.from_number(True), float.from_number(Fl()), float.from_number(Ix()))
print(F.from_number(4), type(F.from_number(4)).__name__, type(float.from_number(F(1))).__name__, float.from_number(2 ** 80))
for arg in ('1.5', b'1', None, 1j, 10 ** 400, object()):
    try:
        print(float.from_number(arg))
    except (TypeError, ValueError, OverflowError) as e:
        print(type(e).__name__, e)
for f in (lambda: float.from_number(), lambda: float.from_number(1, 2), lambda: float.from_number(x=1)):
    try:
        print(f())
    except TypeError as e:
        print(type(e).__name__, e)
print(float.__getformat__('double'), float.__getformat__('float'))
for arg in ('int', 'Double', 1, None):
    try:
        print(float.__getformat__(arg))
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e)
for f in (lambda: float.__getformat__(), lambda: float.__getformat__('double', 'float'), lambda: float.__getformat__(typestr='double')):
    try:
        print(f())
    except TypeError as e:
        print(type(e).__name__, e)
