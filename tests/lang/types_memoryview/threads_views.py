# Threads share a bytearray through memoryviews: writes land, exports block resizing, counts balance.
import _thread
ba = bytearray(64)
blocked = [0] * 4
def run(t):
    for k in range(200):
        with memoryview(ba) as m:
            m[t * 16 + k % 16] = t + 1
            s = m[t * 16:(t + 1) * 16]
            s[0] = t + 1
            s.release()
        v = memoryview(ba).cast("B", (4, 16))
        try:
            ba.append(0)
            ba.pop()
        except BufferError:
            blocked[t] += 1
        v.release()
hs = [_thread.start_joinable_thread(lambda t=t: run(t)) for t in range(4)]
for h in hs:
    h.join()
print(len(ba), [ba[t * 16:(t + 1) * 16] == bytearray([t + 1] * 16) for t in range(4)], blocked == [200] * 4)
ba.append(1)
print(len(ba), ba[-1])
