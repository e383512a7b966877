# PEP 695 type parameter scopes, bounds, constraints and defaults (PEP 696).
def ident[T](x: T) -> T:
    return x

def with_defaults[T, *Ts, **P](a=1, *, b=2) -> None:
    pass

def bounded[T: int, U: (str, bytes), V = int](t: T, u: U) -> V:
    return t

class Box[T]:
    value: T
    def get(self) -> T:
        return self.value

class Base: pass

class Child[T, __Private](Base, metaclass=type):
    def m(self, x: __Private) -> T:
        return x

type Alias = list[int]
type Generic[K, V = str] = dict[K, V]

class Holder:
    type Inner = list[Holder]
    def method[M](self, m: M) -> M:
        return m
    class Nested[N: Holder]:
        pass

def outer():
    z = 1
    def inner[Q](q: Q = z) -> Q:
        return z
    type Local[R] = tuple[R, z]
    return inner
