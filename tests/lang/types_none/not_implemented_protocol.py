# NotImplemented returned by dunders: fallbacks, identity equality, TypeErrors; Ellipsis and None as values.
class A:
    def __eq__(self, other): return NotImplemented
    def __lt__(self, other): return NotImplemented
    def __add__(self, other): return NotImplemented
    def __radd__(self, other): return NotImplemented
class B:
    def __gt__(self, other): return 'B.gt'
    def __radd__(self, other): return 'B.radd'
a, b = A(), B()
print(a == a, a == A(), a != a, a < b, a + b, (a == 1, 1 == a), None == None, None != 0, ... == ..., ... is Ellipsis)
for f in (lambda: a < a, lambda: a + a, lambda: a + 1, lambda: 1 + a, lambda: a <= None, lambda: None + 1, lambda: -None, lambda: ... + 1, lambda: (lambda e: e[0])(...)):
    try:
        print(f())
    except TypeError as e:
        print(type(e).__name__, e)
print(type(None).__name__, type(NotImplemented).__name__, type(...).__name__, type(...)() is ..., [None, ..., NotImplemented])
print(sorted([None, None]) if False else 0, {None: 1, ...: 2, NotImplemented: 3}[...], hash(...) == hash(Ellipsis), str(...), f'{None!r:>6}|{...}')
print(isinstance(None, type(None)), issubclass(type(None), object), type(None).__bases__, type(...).__mro__, type(NotImplemented).__base__)
for t in (type(None), type(NotImplemented), type(...)):
    try:
        class S(t): pass
    except TypeError as e:
        print(type(e).__name__, e)
