# frame.f_generator: None for a function's frame, the generator or coroutine that owns the frame.
import sys
print(sys._getframe().f_generator)
def gen():
    yield sys._getframe()
g = gen()
gf = next(g)
print(gf.f_generator is g, gf is g.gi_frame)
async def co():
    return sys._getframe().f_generator
c = co()
try:
    c.send(None)
except StopIteration as e:
    print(e.value is c)
try:
    sys._getframe().f_generator = None
except AttributeError as e:
    print(type(e).__name__, e)
