# module and traceback methods called with wrong argument counts and types.
import sys
M = type(sys)
m = M("m")
def tb():
    try:
        1 / 0
    except ZeroDivisionError as e:
        return e.__traceback__
t = tb()
calls = [
    lambda: m.__dir__(1),
    lambda: M.__dir__(),
    lambda: M.__init__(m, 1),
    lambda: M.__init__(m, "a", "b", "c"),
    lambda: M.__init__(m, name="n", bogus=1),
    lambda: M.__repr__(m, 1),
    lambda: M.__getattribute__(m),
    lambda: M.__getattribute__(m, 1),
    lambda: delattr(m, "missing"),
    lambda: setattr(m, "__dict__", {}),
    lambda: t.__dir__(1),
    lambda: type(t).__dir__(),
    lambda: setattr(t, "tb_lasti", 1),
    lambda: type(t)(None, t.tb_frame, 2 ** 70, 1),
    lambda: type(t)(None, t.tb_frame, 0, "x"),
]
for call in calls:
    try:
        print(call())
    except Exception as e:
        print(type(e).__name__, e)
print(m.__name__, m.__doc__)
