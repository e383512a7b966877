# Four threads append to one shared list; every item arrives exactly once.
import _thread
shared = []
N, PER = 4, 5000
def work(base):
    for i in range(PER):
        shared.append(base * PER + i)
hs = [_thread.start_joinable_thread(lambda k=k: work(k)) for k in range(N)]
for h in hs:
    h.join()
print(len(shared), sum(shared) == sum(range(N * PER)), sorted(shared) == list(range(N * PER)))
