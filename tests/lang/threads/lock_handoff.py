# Two threads alternate strictly using two locks as a ping-pong; the order is exact.
import _thread
ping = _thread.allocate_lock()
pong = _thread.allocate_lock()
pong.acquire()
log = []
def player(mine, other, name):
    for i in range(5):
        mine.acquire()
        log.append(f"{name}{i}")
        other.release()
h1 = _thread.start_joinable_thread(lambda: player(ping, pong, "ping"))
h2 = _thread.start_joinable_thread(lambda: player(pong, ping, "pong"))
h1.join()
h2.join()
print(log)
