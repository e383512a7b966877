# dict.fromkeys on subclasses goes through __setitem__ (or any object the class returns); dict views in reprs; update with itself.
def t(f):
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__, e)
class Bad:
    def __eq__(self, o):
        raise ValueError("eq")
    __hash__ = object.__hash__
t(lambda: {1: 2} == {1: Bad()})
t(lambda: dict.fromkeys(5))
t(lambda: dict.fromkeys({1: 2, 3: 4}))
t(lambda: dict.fromkeys({5, 6}, 0))
t(lambda: {}.update([(1, 2)], a=3) or "ok")
d = {1: 2}; d.update(d); t(lambda: d)
t(lambda: repr({1: 2}.keys().mapping))
d = {}; d["k"] = d.keys(); t(lambda: repr(d))
d = {}; d["k"] = d.items(); t(lambda: repr(d))
d = {}; d["k"] = d.values(); t(lambda: repr(d))
class DD(dict):
    def __setitem__(self, k, v):
        super().__setitem__(k, v * 2)
print(DD.fromkeys("ab", 1), type(DD.fromkeys("ab", 1)).__name__, DD.fromkeys(range(2), [0]))
class Weird(dict):
    def __new__(cls):
        return [0, 0, 0]
t(lambda: Weird.fromkeys([0, 2], "v"))
class W2(dict):
    def __new__(cls):
        return 5
t(lambda: W2.fromkeys([1]))
t(lambda: W2.fromkeys([]))
class NoSet(dict):
    def __setitem__(self, k, v):
        raise KeyError(k)
t(lambda: NoSet.fromkeys([1]))
t(lambda: NoSet.fromkeys([]))
class Init(dict):
    def __init__(self, *a):
        print("init", a)
        super().__init__({"pre": 0})
t(lambda: Init.fromkeys("x"))
