# start_joinable_thread returns a handle whose join() waits for the thread.
import _thread
out = []
def work():
    total = 0
    for i in range(10000):
        total += i
    out.append(total)
h = _thread.start_joinable_thread(work)
h.join()
print(out, h.is_done(), isinstance(h.ident, int))
