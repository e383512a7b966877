# Corner cases: class-visible annotation/type scopes, comprehensions inside them, mangling.
class A:
    x = 1
    y: [x for _ in range(3)]
    type T = [x for _ in range(2)]
    def m[U: [x for _ in ()]](self) -> [x for _ in ()]:
        pass
    z: (lambda: x)
    def uses_classdict(self):
        return __classdict__

class B:
    def m(self):
        class C:
            def n(self):
                return [__class__ for _ in range(1)]
        return __class__

class _Priv:
    def __method(self, __a, *, __kw):
        def inner():
            return __a, __kw, self.__x
        return inner
    class __Inner[__T]:
        def get(self) -> __T: ...
    type __Alias[__V] = list[__V]

def walrus_scopes():
    [[(deep := k) for k in range(2)] for j in range(2)]
    lambda: [(inner_w := 1) for _ in ()]
    return deep

class D:
    [lambda: q for q in range(3)]
    {k: v for k, v in {}.items()}
    (w for w in ())

def cond_annotations():
    if True:
        a: int
    try:
        b: int
    except E:
        pass
    return a

with ctx:
    top_level: int
match m:
    case 1:
        matched: str

def star_params(*, a, b=1, **k): pass
def posonly(a, b=2, /, c=3): pass
async def agen():
    yield 1
    async with x as y:
        async for z in y:
            await z
    return [w async for w in y], (v async for v in y)
