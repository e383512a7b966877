# Four threads add overlapping ranges to a shared set; the union is exact.
import _thread
s = set()
def work(start):
    for i in range(start, start + 3000):
        s.add(i)
        s.add(-(i % 100))
hs = [_thread.start_joinable_thread(lambda b=b: work(b * 1000)) for b in range(4)]
for h in hs:
    h.join()
print(len(s), min(s), max(s))
