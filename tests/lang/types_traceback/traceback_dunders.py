# Traceback objects: __dir__, __new__, tb_next assignment rules and errors.
def fail():
    raise ValueError("x")
def get_tb():
    try:
        fail()
    except ValueError as e:
        return e.__traceback__
tb = get_tb()
print(sorted(tb.__dir__()) == sorted(dir(tb)), [n for n in dir(tb) if n.startswith("tb_")])
T = type(tb)
nxt = tb.tb_next
print(nxt.tb_frame.f_code.co_name)
tb.tb_next = None
print(tb.tb_next)
tb.tb_next = nxt
print(tb.tb_next is nxt)
for bad in (lambda: setattr(tb, "tb_next", 5), lambda: setattr(tb, "tb_next", tb),
            lambda: setattr(nxt, "tb_next", tb), lambda: delattr(tb, "tb_next"),
            lambda: setattr(tb, "tb_lineno", 1), lambda: setattr(tb, "tb_frame", None)):
    try:
        print(bad())
    except Exception as e:
        print(type(e).__name__, e)
new = T.__new__(T, None, tb.tb_frame, tb.tb_lasti, 42)
print(new.tb_lineno, new.tb_next, new.tb_frame is tb.tb_frame)
new2 = T(new, tb.tb_frame, 0, 7)
print(new2.tb_next is new, new2.tb_lineno)
for bad in (lambda: T(), lambda: T(None, None, 0, 1), lambda: T(5, tb.tb_frame, 0, 1),
            lambda: T(None, tb.tb_frame, "x", 1), lambda: T(None, tb.tb_frame, 0, 1, 2),
            lambda: T(tb_next=None, tb_frame=tb.tb_frame, tb_lasti=0, tb_lineno=3).tb_lineno):
    try:
        print(bad())
    except Exception as e:
        print(type(e).__name__, e)
