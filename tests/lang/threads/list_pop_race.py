# Four threads pop from one shared list until empty; every item is popped exactly once.
import _thread
src = list(range(20000))
got = [[] for _ in range(4)]
def work(t):
    mine = got[t]
    while True:
        try:
            mine.append(src.pop())
        except IndexError:
            return
hs = [_thread.start_joinable_thread(lambda t=t: work(t)) for t in range(4)]
for h in hs:
    h.join()
allv = [v for g in got for v in g]
print(len(allv), len(set(allv)), sum(allv) == sum(range(20000)), src)
