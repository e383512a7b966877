# start_new_thread runs a function; the main thread waits on a lock released by the thread.
import _thread
done = _thread.allocate_lock()
done.acquire()
result = []
def worker(a, b, key=None):
    result.append((a + b, key))
    done.release()
tid = _thread.start_new_thread(worker, (1, 2), {"key": "kw"})
done.acquire()
print(result, isinstance(tid, int))
