# sys.set_asyncgen_hooks / get_asyncgen_hooks: firstiter runs on an async generator's first asend/athrow/aclose/__anext__, per thread.
import sys
h = sys.get_asyncgen_hooks()
print(h, type(h).__name__, h.firstiter, h.finalizer, tuple(h), len(h), h[0])
calls = []
def first(ag): calls.append(("first", ag.__name__))
def fin(ag): calls.append(("fin", ag.__name__))
print(sys.set_asyncgen_hooks(first, fin))
h = sys.get_asyncgen_hooks()
print(h.firstiter is first, h.finalizer is fin)
async def agen():
    yield 1
g = agen()
print(calls)
aw = g.__anext__()
print(calls)
try: aw.send(None)
except StopIteration as e: print("yield", e.value)
g.__anext__().close()
print(calls)
g2 = agen()
g2.aclose().close()
g3 = agen()
g3.asend(None).close()
g4 = agen()
g4.athrow(ValueError).close()
print(calls)
for bad in [(1,), (None, 2), ("x", None)]:
    try:
        sys.set_asyncgen_hooks(*bad)
    except TypeError as e:
        print(type(e).__name__, e)
try:
    sys.set_asyncgen_hooks(firstiter=None, bogus=1)
except TypeError as e:
    print(type(e).__name__, e)
sys.set_asyncgen_hooks(finalizer=None)
print(sys.get_asyncgen_hooks().firstiter is first, sys.get_asyncgen_hooks().finalizer)
sys.set_asyncgen_hooks(None, None)
print(sys.get_asyncgen_hooks())
def bad_first(ag): raise KeyError("from firstiter")
sys.set_asyncgen_hooks(firstiter=bad_first)
try:
    agen().__anext__()
except KeyError as e:
    print("KeyError", e)
sys.set_asyncgen_hooks(None, None)
print(repr(sys.get_asyncgen_hooks()))
import _thread
out = []
sys.set_asyncgen_hooks(first, fin)
def w():
    out.append(sys.get_asyncgen_hooks())
t = _thread.start_joinable_thread(w); t.join()
print(out)
sys.set_asyncgen_hooks(None, None)
try: sys.set_asyncgen_hooks()
except TypeError as e: print(type(e).__name__, e)
print(sys.get_asyncgen_hooks())
for a,k in [((1,2,3),{}),((None,),{"firstiter":None}),((),{"finalizer":None,"x":1})]:
    try: sys.set_asyncgen_hooks(*a,**k)
    except TypeError as e: print(e)
try: sys.get_asyncgen_hooks(1)
except TypeError as e: print(e)
