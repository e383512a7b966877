# acquire with a timeout on a held lock returns False; negative timeouts other than -1 fail.
import _thread
lock = _thread.allocate_lock()
lock.acquire()
print(lock.acquire(True, 0.01), lock.acquire(timeout=0.01))
for args in ((False, 1), (True, -2)):
    try:
        lock.acquire(*args)
    except ValueError as e:
        print(type(e).__name__, e)
lock.release()
print(lock.acquire(True, -1))
