# Locks work as context managers; locked() and non-blocking acquire report state.
import _thread
lock = _thread.allocate_lock()
print(lock.locked())
with lock:
    print(lock.locked(), lock.acquire(False), lock.acquire(blocking=False))
print(lock.locked(), lock.acquire(timeout=0), lock.locked())
lock.release()
try:
    lock.release()
except RuntimeError as e:
    print(type(e).__name__, e)
print(type(lock).__name__, _thread.LockType is type(lock), _thread.error is RuntimeError)
