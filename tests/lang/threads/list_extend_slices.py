# Four threads extend a shared list with batches; each batch stays contiguous and complete.
import _thread
shared = []
def work(t):
    for b in range(200):
        shared.extend([(t, b)] * 5)
hs = [_thread.start_joinable_thread(lambda t=t: work(t)) for t in range(4)]
for h in hs:
    h.join()
ok = all(shared[i:i + 5] == [shared[i]] * 5 for i in range(0, len(shared), 5))
print(len(shared), ok, sorted(set(shared)) == [(t, b) for t in range(4) for b in range(200)])
