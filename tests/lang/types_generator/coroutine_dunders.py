# Coroutine dunders: __await__ (coroutine_wrapper send/throw/close), __repr__ shape, __class_getitem__, __sizeof__.
class Wait:
    def __await__(self):
        v = yield "w"
        return v

async def job():
    try:
        r = await Wait()
        print("job got", r)
        return r * 2
    finally:
        print("job finally")

c = job()
C = type(c)
c.close()
c = job()
w = c.__await__()
print(type(w).__name__, iter(w) is w, w.__iter__() is w)
print(next(w))
try:
    w.send(21)
except StopIteration as e:
    print("StopIteration", e.value)
try:
    next(w)
except RuntimeError as e:
    print(type(e).__name__, e)
c.close()

c = job()
w = C.__await__(c)
print(w.send(None))
try:
    w.throw(KeyError("k"))
except KeyError as e:
    print(type(e).__name__, e)
print(w.close(), c.cr_frame)

c = job()
w = c.__await__()
w.__next__()
print(w.close(), c.cr_suspended)

c = job()
r = C.__repr__(c)
print(r.split(" at 0x")[0], r.endswith(">"))
print(C.__class_getitem__(int), C[int, str, None])
print(type(c.__sizeof__()).__name__, c.__sizeof__() > 0)
print(c.cr_origin)
c.close()
for bad in [1, "x"]:
    try:
        C.__await__(bad)
    except TypeError as e:
        print(type(e).__name__, e)
try:
    C()
except TypeError as e:
    print(type(e).__name__, e)
try:
    c.__await__(1)
except TypeError as e:
    print(type(e).__name__, e)
try:
    w.throw()
except TypeError as e:
    print(type(e).__name__, e)
try:
    w.send()
except TypeError as e:
    print(type(e).__name__, e)

async def plain():
    return 5
c = plain()
try:
    c.__await__().send(None)
except StopIteration as e:
    print("plain", e.value)
try:
    c.send(None)
except RuntimeError as e:
    print(type(e).__name__, e)
