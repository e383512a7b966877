# Objects made by one thread and dropped by others are finalized exactly once, wherever the last reference goes.
import _thread
lock = _thread.allocate_lock()
finalized = []
class Token:
    def __init__(self, n):
        self.n = n
    def __del__(self):
        with lock:
            finalized.append(self.n)
N = 4
PER = 2000
batches = [[Token(t * PER + i) for i in range(PER)] for t in range(N)]
shared = [Token(-1 - i) for i in range(100)]
def worker(t):
    mine = batches[t]
    batches[t] = None
    while mine:
        mine.pop()
    for i in range(len(shared)):
        x = shared[i]
        del x
hs = [_thread.start_joinable_thread(lambda t=t: worker(t)) for t in range(N)]
for h in hs:
    h.join()
print(len(finalized), sorted(finalized) == list(range(N * PER)))
shared.clear()
print(len(finalized), sorted(finalized)[:3])
