# throw(typ, val): an exception val is checked against typ with the metaclass's __subclasscheck__, whose errors propagate.
class Meta(type):
    def __subclasscheck__(cls, sub):
        print("subclasscheck", cls.__name__, sub.__name__)
        if sub.__name__ == "Bad":
            raise ZeroDivisionError("from __subclasscheck__")
        return sub.__name__ == "Accepted"
    def __instancecheck__(cls, inst):
        print("instancecheck (unexpected)")
        raise KeyError("from __instancecheck__")

class E(Exception, metaclass=Meta):
    pass

class Bad(Exception):
    pass

class Accepted(Exception):
    pass

class Other(Exception):
    pass

def gen():
    while True:
        try:
            yield 1
        except GeneratorExit:
            return
        except BaseException as e:
            print("inside:", type(e).__name__, e.args)

for val in (Bad("b"), Accepted("a"), Other("o"), 5, "text"):
    g = gen()
    next(g)
    try:
        print("yielded", g.throw(E, val))
    except BaseException as e:
        print("raised:", type(e).__name__, e)
    g.close()
