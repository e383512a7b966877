# Four threads insert and delete disjoint keys in one dict concurrently; the final state is exact.
import _thread
d = {}
def work(t):
    for i in range(3000):
        d[(t, i)] = i
    for i in range(0, 3000, 2):
        del d[(t, i)]
hs = [_thread.start_joinable_thread(lambda t=t: work(t)) for t in range(4)]
for h in hs:
    h.join()
print(len(d), sum(d.values()), all(i % 2 == 1 for (_, i) in d))
