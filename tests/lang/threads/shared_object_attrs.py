# Four threads increment different attributes of one shared object under a lock.
import _thread
class Stats:
    pass
st = Stats()
lock = _thread.allocate_lock()
def work(t):
    name = f"a{t}"
    for _ in range(1000):
        with lock:
            setattr(st, name, getattr(st, name, 0) + 1)
            st.total = getattr(st, "total", 0) + 1
hs = [_thread.start_joinable_thread(lambda t=t: work(t)) for t in range(4)]
for h in hs:
    h.join()
print(sorted(vars(st).items()))
