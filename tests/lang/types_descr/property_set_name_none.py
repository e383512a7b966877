# property.__set_name__ keeps whatever name it is given, None included; the name shows in accessor errors and copies.
class C:
    pass


def show(f, *args):
    try:
        r = f(*args)
        print("ok", repr(r))
    except Exception as e:
        print(type(e).__name__, e)


p = property(len)
print(repr(p.__name__))
p.__set_name__(C, None)
print(repr(p.__name__))
show(p.__set__, 1, 2)
show(p.__delete__, 1)
print(repr(p.getter(abs).__name__), repr(p.setter(abs).__name__), repr(p.deleter(abs).__name__))
p.__set_name__(C, 5)
show(p.__set__, 1, 2)
p.__set_name__(C, "x")
show(p.__delete__, 1)
q = property()
print(hasattr(q, "__name__"))
show(q.__get__, 1)
q.__set_name__(C, None)
show(q.__get__, 1)
print(repr(q.__name__))
show(q.__set_name__, C)
show(q.__set_name__, C, "a", "b")
