# Four threads increment counters in a shared dict under a lock; totals are exact.
import _thread
lock = _thread.allocate_lock()
counts = {}
def work(tid):
    for i in range(2000):
        key = i % 10
        with lock:
            counts[key] = counts.get(key, 0) + 1
        counts[(tid, i % 3)] = 1
hs = [_thread.start_joinable_thread(lambda t=t: work(t)) for t in range(4)]
for h in hs:
    h.join()
print(sorted((k, v) for k, v in counts.items() if isinstance(k, int)))
print(sum(1 for k in counts if isinstance(k, tuple)))
