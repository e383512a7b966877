# frame.clear(): clears a finished frame's locals, refuses running frames, closes a suspended generator.
import sys
def done():
    x = 1
    y = [2]
    return sys._getframe()
f = done()
print(sorted(f.f_locals))
print(f.clear())
print(sorted(f.f_locals))
try:
    sys._getframe().clear()
except RuntimeError as e:
    print(type(e).__name__, e)
def outer():
    def inner():
        return sys._getframe(1)
    try:
        inner().clear()
    except RuntimeError as e:
        print(type(e).__name__, e)
outer()
def gen():
    try:
        yield sys._getframe()
    finally:
        print("gen finally")
g = gen()
gf = next(g)
try:
    gf.clear()
except RuntimeError as e:
    print(type(e).__name__, e)
print(g.gi_frame is gf, g.gi_running, g.gi_suspended)
g.close()
print(g.gi_frame, g.gi_suspended)
def gen2():
    f = sys._getframe()
    try:
        f.clear()
    except RuntimeError as e:
        print(type(e).__name__, e)
    yield 1
print(list(gen2()))
try:
    f.clear(1)
except TypeError as e:
    print(type(e).__name__, e)
print(type(f.__sizeof__()).__name__, repr(f).startswith("<frame at 0x"), repr(f).endswith("code done>"))
