# A global counter incremented by 4 threads under allocate_lock reaches the exact total.
import _thread
lock = _thread.allocate_lock()
counter = 0
def work():
    global counter
    for _ in range(10000):
        lock.acquire()
        counter += 1
        lock.release()
hs = [_thread.start_joinable_thread(work) for _ in range(4)]
for h in hs:
    h.join()
print(counter)
