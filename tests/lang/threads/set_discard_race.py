# Four threads discard from a shared set while others add; final content is exact.
import _thread
s = set(range(10000))
def remover(t):
    for i in range(t, 10000, 4):
        s.discard(i)
def adder(t):
    for i in range(10000 + t * 1000, 10000 + (t + 1) * 1000):
        s.add(i)
hs = [_thread.start_joinable_thread(lambda t=t: remover(t)) for t in range(4)]
hs += [_thread.start_joinable_thread(lambda t=t: adder(t)) for t in range(2)]
for h in hs:
    h.join()
print(len(s), min(s), max(s))
