# get_ident differs between threads and is stable within a thread.
import _thread
main = _thread.get_ident()
ids = []
lock = _thread.allocate_lock()
def work():
    me = _thread.get_ident()
    with lock:
        ids.append((me, me == _thread.get_ident()))
hs = [_thread.start_joinable_thread(work) for _ in range(4)]
for h in hs:
    h.join()
print(main == _thread.get_ident(), all(same for _, same in ids), main not in [i for i, _ in ids], len(ids))
print(isinstance(_thread.get_native_id(), int), h.ident == ids[-1][0] or h.ident in [i for i, _ in ids])
