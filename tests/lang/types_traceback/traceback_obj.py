# Traceback objects: tb_lineno, tb_frame, tb_next, tb_lasti type, __traceback__.
def fail():
    raise ValueError("x")
def mid():
    fail()
try:
    mid()
except ValueError as e:
    tb = e.__traceback__
    names = []
    while tb is not None:
        names.append((tb.tb_frame.f_code.co_name, tb.tb_lineno, type(tb.tb_lasti).__name__))
        tb = tb.tb_next
    print(type(e.__traceback__).__name__, names)
    e2 = e.with_traceback(None)
    print(e2 is e, e.__traceback__)
