# Four threads each own distinct dict keys and update them without a lock; totals are exact.
import _thread
d = {t: 0 for t in range(4)}
def work(t):
    for _ in range(5000):
        d[t] += 1
hs = [_thread.start_joinable_thread(lambda t=t: work(t)) for t in range(4)]
for h in hs:
    h.join()
print(d, sum(d.values()))
