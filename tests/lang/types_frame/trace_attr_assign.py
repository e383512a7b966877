# Assigning frame.f_lineno outside a trace function, and frame.f_trace_opcodes / f_trace_lines type checks and deletion.
import sys


def show(label, f, *args):
    try:
        r = f(*args)
        print(label, "ok", repr(r))
    except Exception as e:
        print(label, type(e).__name__, e)


class I(int):
    pass


fr = sys._getframe()
print(sorted((k, type(v).__name__) for k, v in type(fr).__dict__.items() if k.startswith("f_trace")))
for v in (None, True, 1, 0, 1.0, "a", 2 ** 70, I(3), False):
    show("lineno", setattr, fr, "f_lineno", v)
    show("opcodes", setattr, fr, "f_trace_opcodes", v)
    show("get opcodes", getattr, fr, "f_trace_opcodes")
    show("lines", setattr, fr, "f_trace_lines", v)
    show("get lines", getattr, fr, "f_trace_lines")
show("del lineno", delattr, fr, "f_lineno")
show("del opcodes", delattr, fr, "f_trace_opcodes")
show("del lines", delattr, fr, "f_trace_lines")


def gen():
    yield sys._getframe()


gf = next(gen())
show("gen lineno", setattr, gf, "f_lineno", 1)
show("gen lineno None", setattr, gf, "f_lineno", None)
print(type(fr.f_lineno).__name__)
