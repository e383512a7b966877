@decorator
@other.deco(arg)
def f(a, b: int = 1, *args: str, c, d=2, **kwargs) -> None:
    """doc"""
    return a

def g(a, b, /, c, *, d):
    pass

def h[T, *Ts, **P](x: T) -> T: ...

async def coro(*, a=1):
    await something()
    yield
    yield from it
    x = yield 1

@dataclass(frozen=True)
class C(Base, metaclass=Meta, **kw):
    x: int = 0

    def method(self, /):
        return self.x

class D[T: (int, str)]:
    pass

class E():
    pass
