# A producer and consumer hand items through a list guarded by locks; the sum is exact.
import _thread
buf = []
lock = _thread.allocate_lock()
items = _thread.allocate_lock()
items.acquire()
N = 2000
consumed = []
def producer():
    for i in range(N):
        with lock:
            buf.append(i)
            if items.locked():
                items.release()
    with lock:
        buf.append(None)
        if items.locked():
            items.release()
def consumer():
    while True:
        items.acquire()
        with lock:
            batch = buf[:]
            buf.clear()
        for v in batch:
            if v is None:
                return
            consumed.append(v)
hc = _thread.start_joinable_thread(consumer)
hp = _thread.start_joinable_thread(producer)
hp.join()
hc.join()
print(len(consumed), sum(consumed), consumed == list(range(N)))
