# Origin tracking depth limits (C int range, __index__), deep cr_origin, and read-only ag_running/cr_origin/ag_await.
import sys
for v in [10**30, 2**31, 2**31 - 1, -2**31 - 1, True]:
    try:
        sys.set_coroutine_origin_tracking_depth(v)
        print("ok", sys.get_coroutine_origin_tracking_depth())
    except Exception as e:
        print(type(e).__name__, e)
sys.set_coroutine_origin_tracking_depth(0)
async def f(): pass
def deep(n):
    return f() if n == 0 else deep(n - 1)
sys.set_coroutine_origin_tracking_depth(1000)
c = deep(50)
print(len(c.cr_origin), c.cr_origin[0][1:], c.cr_origin[-1][2])
c.close()
sys.set_coroutine_origin_tracking_depth(0)
class Idx:
    def __index__(self): return 3
sys.set_coroutine_origin_tracking_depth(Idx())
print(sys.get_coroutine_origin_tracking_depth())
sys.set_coroutine_origin_tracking_depth(0)
async def ag():
    yield 1
g = ag()
g.ag_running
try: g.ag_running = True
except AttributeError as e: print(e)
try: del g.ag_running
except AttributeError as e: print(e)
try: g.ag_await = 1
except AttributeError as e: print(e)
c = f()
try: del c.cr_origin
except AttributeError as e: print(e)
c.close()
