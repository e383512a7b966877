# Threads sharing one BufferedWriter / BufferedReader / BufferedRandom with a tiny buffer: exact byte totals, no torn chunks.
import sys
import _thread
import _io
path = '/tmp/ftpy-lang-io-buffered_threads-' + sys.implementation.name + '.tmp'
NTHREADS, NCHUNKS = 4, 300

# Writers: every flush happens while other threads are writing.
w = _io.BufferedWriter(_io.FileIO(path, 'w'), buffer_size=16)
def write_work(k):
    for i in range(NCHUNKS):
        w.write(b'%d' % k * (1 + i % 11))
handles = [_thread.start_joinable_thread(lambda k=k: write_work(k)) for k in range(NTHREADS)]
for h in handles:
    h.join()
w.close()
with _io.FileIO(path) as f:
    data = f.readall()
print(len(data), sum(1 + i % 11 for i in range(NCHUNKS)) * NTHREADS)
print([data.count(b'%d' % k) for k in range(NTHREADS)])

# Readers: every byte is returned exactly once.
r = _io.BufferedReader(_io.FileIO(path), buffer_size=16)
got = [0] * NTHREADS
def read_work(k):
    n = 0
    while True:
        s = r.read(1 + k * 3)
        if not s:
            break
        n += len(s)
    got[k] = n
handles = [_thread.start_joinable_thread(lambda k=k: read_work(k)) for k in range(NTHREADS)]
for h in handles:
    h.join()
r.close()
print(sum(got) == len(data))

# Mixed: reads, appends and seeks on one BufferedRandom never corrupt its buffers (where each
# append lands depends on the interleaving; how many bytes were written does not).
rw = _io.BufferedRandom(_io.FileIO(path, 'r+'), buffer_size=16)
written = 0
lock = _thread.allocate_lock()
def mixed_work(k):
    global written
    for i in range(NCHUNKS):
        if i % 3 == 0:
            n = rw.write(b'ab')
            with lock:
                written += n
        elif i % 3 == 1:
            rw.read(5)
        else:
            rw.seek(i)
handles = [_thread.start_joinable_thread(lambda k=k: mixed_work(k)) for k in range(NTHREADS)]
for h in handles:
    h.join()
rw.close()
print(written)
