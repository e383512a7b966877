# int.__format__ errors name the object's own type (bool, subclasses) for bad specifiers and codes.
class I(int):
    pass


for x in (True, False, I(3), 7, 2**80):
    for spec in ('ab', 'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx', '=s', 'z', " for object of type 'q'x"):
        try:
            print(repr(format(x, spec)))
        except Exception as e:
            print(type(e).__name__, e)
