# _thread._count tracks running threads; many short threads all complete.
import _thread
lock = _thread.allocate_lock()
total = [0]
def work(n):
    with lock:
        total[0] += n
hs = [_thread.start_joinable_thread(lambda n=n: work(n)) for n in range(50)]
for h in hs:
    h.join()
print(total[0], _thread._count() >= 0)
