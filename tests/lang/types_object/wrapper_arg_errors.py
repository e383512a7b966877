# Argument errors of the object-level dunders every type inherits: __setattr__ arity, __format__ with None, __reduce_ex__ with a protocol outside C int.
class C:
    pass


def show(f, *args):
    try:
        r = f(*args)
        print("ok", type(r).__name__)
    except Exception as e:
        print(type(e).__name__, e)


for obj in (object(), C(), 5, "s", [], {}, None, C, len):
    print(type(obj).__name__)
    show(obj.__setattr__)
    show(obj.__setattr__, "a")
    show(obj.__setattr__, "a", 1, 2)
    show(obj.__delattr__)
    show(obj.__delattr__, "a", 1)
    show(obj.__getattribute__)
    show(obj.__getattribute__, "a", 1)
    show(obj.__format__, None)
    show(obj.__format__, 3)
    show(obj.__format__)

show(object.__setattr__, C())
show(object.__setattr__)
show(object.__format__, C(), None)
show(type.__format__, int, None)

for proto in (2 ** 31, -2 ** 31 - 1, 2 ** 70, -(2 ** 70), 2.0, None, "2"):
    show(C().__reduce_ex__, proto)
show(object().__reduce_ex__, True)
show(C().__reduce_ex__, 2 ** 31 - 1)
