# object.__reduce_ex__ on a class: the class's __getstate__ is the unbound descriptor, which needs an argument.
def make():
    class Plain:
        pass
    return Plain


P = make()
for proto in (2, 3, 4, 5):
    try:
        print(object.__reduce_ex__(P, proto))
    except Exception as e:
        print(type(e).__name__, e)
for target in (int, P, type):
    try:
        object.__reduce_ex__(target, 2)
    except Exception as e:
        print(type(e).__name__, e)
for proto in (0, 1):
    try:
        P.__reduce_ex__(proto)
    except Exception as e:
        print(type(e).__name__, e)
