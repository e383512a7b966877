# type.__setattr__ / __delattr__ refuse any name on an immutable type before checking the name's type.
class C:
    pass


def show(f, *args):
    try:
        r = f(*args)
        print("ok", r)
    except Exception as e:
        print(type(e).__name__, e)


for name in (float("inf"), 1, "x", None, b"x"):
    show(type.__setattr__, int, name, 2)
    show(type.__delattr__, int, name)
    show(type.__setattr__, C, name, 2)
    show(type.__delattr__, C, name)
show(type.__setattr__, 1, "x", 2)
show(type.__delattr__, 1, "x")
show(type.__setattr__, int)
show(type.__setattr__, C, "x")
