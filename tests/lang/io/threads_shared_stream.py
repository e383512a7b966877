# Several threads writing to one StringIO, one BytesIO and one text file at once: no line is lost or torn.
import sys
import _thread
import _io
path = '/tmp/ftpy-lang-io-threads_shared_stream-' + sys.implementation.name + '.tmp'
NTHREADS, NLINES = 4, 200
sio = _io.StringIO()
bio = _io.BytesIO()
f = open(path, 'w')
def work(k):
    for i in range(NLINES):
        line = 'thread %d line %d\n' % (k, i)
        sio.write(line)
        bio.write(line.encode())
        f.write(line)
handles = [_thread.start_joinable_thread(lambda k=k: work(k)) for k in range(NTHREADS)]
for h in handles:
    h.join()
f.close()
def check(lines):
    counts = [0] * NTHREADS
    for line in lines:
        parts = line.split()
        assert parts[0] == 'thread' and parts[2] == 'line', line
        counts[int(parts[1])] += 1
    return counts
print(check(sio.getvalue().splitlines()))
print(check(bio.getvalue().decode().splitlines()))
with open(path) as g:
    print(check(g.read().splitlines()))
