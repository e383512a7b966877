# coroutine.cr_origin and sys.set_coroutine_origin_tracking_depth / get_coroutine_origin_tracking_depth.
import sys
async def job():
    pass

def make():
    return job()

def outer():
    return make()

print(sys.get_coroutine_origin_tracking_depth())
c = job()
print(c.cr_origin)
c.close()
sys.set_coroutine_origin_tracking_depth(2)
print(sys.get_coroutine_origin_tracking_depth())
c = outer()
print([(f.rsplit("/", 1)[-1], line, name) for f, line, name in c.cr_origin])
c.close()
sys.set_coroutine_origin_tracking_depth(10)
c = outer()
print(len(c.cr_origin), [o[2] for o in c.cr_origin])
c.close()
sys.set_coroutine_origin_tracking_depth(0)
c = outer()
print(c.cr_origin)
c.close()
try:
    sys.set_coroutine_origin_tracking_depth(-1)
except ValueError as e:
    print(type(e).__name__, e)
for bad in [(), ("x",), (1.5,), (1, 2)]:
    try:
        sys.set_coroutine_origin_tracking_depth(*bad)
    except TypeError as e:
        print(type(e).__name__, e)
sys.set_coroutine_origin_tracking_depth(depth=1)
print(sys.get_coroutine_origin_tracking_depth())
c = outer()
print(len(c.cr_origin), c.cr_origin[0][2])
c.close()
try:
    sys.get_coroutine_origin_tracking_depth(1)
except TypeError as e:
    print(type(e).__name__, e)

import _thread
out = []
def worker():
    out.append(sys.get_coroutine_origin_tracking_depth())
    c = job()
    out.append(c.cr_origin)
    c.close()
t = _thread.start_joinable_thread(worker)
t.join()
print(out)
try:
    c.cr_origin = ()
except AttributeError as e:
    print(type(e).__name__, e)
