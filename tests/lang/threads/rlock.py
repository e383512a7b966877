# RLock can be re-acquired by its owner; other threads wait until fully released.
import _thread
r = _thread.RLock()
r.acquire(); r.acquire()
print(r._is_owned(), r._recursion_count())
other = []
def try_other():
    other.append(r.acquire(False))
h = _thread.start_joinable_thread(try_other)
h.join()
print(other)
r.release(); r.release()
print(r._is_owned(), r._recursion_count())
try:
    r.release()
except RuntimeError as e:
    print(type(e).__name__, e)
with r:
    with r:
        print("nested with", r._recursion_count())
