# repr/str of container subclasses and views, element reprs that are custom or raise, and recursive containers.
class L(list): pass
class T(tuple): pass
class D(dict): pass
class S(set): pass
class F(frozenset): pass
for o in (L([1]), L(), T((1,)), T(), D(a=1), D(), S([1]), S(), F([1]), F(), D(a=1).keys(), D(a=1).items(), D(a=1).values()):
    print(repr(o), str(o), type(o).__name__)
s = S([1]); s.add(s and 2); print(sorted(s))
class R(list):
    def __repr__(self): return "R!"
print(repr([R()]), repr((R(),)), repr({1: R()}), repr({1: R()}.values()), repr(S([1])) if False else "")
class Q:
    def __repr__(self): raise ValueError("bad repr")
for c in (lambda: repr([Q()]), lambda: repr((Q(),)), lambda: repr({Q(): 1} if False else {1: Q()}), lambda: repr({1: Q()}.items()), lambda: repr(frozenset([Q()])), lambda: repr(slice(Q())), lambda: repr(range(3))):
    try:
        print(c())
    except ValueError as e:
        print(type(e).__name__, e)
a = S(); a.add(frozenset()); print(repr(a))
x = [1]; y = (x,); x.append(y); print(repr(x), repr(y))
d = {}; d[1] = [d]; print(repr(d))
