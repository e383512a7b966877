# type's methods and constructor called with wrong argument counts and types.
class A:
    pass
calls = [
    lambda: type(),
    lambda: type(1, 2),
    lambda: type("X", (), {}, 4),
    lambda: type(1, (), {}),
    lambda: type("X", 1, {}),
    lambda: type("X", (), 1),
    lambda: type("X", (1,), {}),
    lambda: type("X", (bool,), {}),
    lambda: type("X", (), {}, extra=1),
    lambda: type.mro(),
    lambda: A.mro(1),
    lambda: type.mro(1),
    lambda: A.__subclasses__(1),
    lambda: type.__subclasses__(1),
    lambda: A.__instancecheck__(),
    lambda: A.__subclasscheck__(1, 2),
    lambda: type.__instancecheck__(1, 2),
    lambda: A.__dir__(),
    lambda: type.__sizeof__(),
    lambda: type.__prepare__(1, 2, x=3),
    lambda: type.__init__(A, 1, 2),
    lambda: type.__init__(A, "X", (), {}, k=1),
    lambda: type.__or__(A),
    lambda: A.__name__.__class__,
    lambda: setattr(A, "__name__", 5),
    lambda: setattr(A, "__qualname__", 5),
    lambda: setattr(A, "__module__", None),
    lambda: setattr(A, "__doc__", 5),
    lambda: delattr(A, "__name__"),
]
for call in calls:
    try:
        print(call())
    except Exception as e:
        print(type(e).__name__, e)
print(A.__module__, A.__doc__)
