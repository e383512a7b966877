# Streams as iterators and context managers: __iter__/__next__, __enter__/__exit__, readlines hints.
import sys
path = '/tmp/ftpy-lang-io-iteration_context-' + sys.implementation.name + '.tmp'
with open(path, 'w') as f:
    print(f.__enter__() is f)
    f.writelines(['line %d\n' % i for i in range(5)])
print(f.closed)
f = open(path)
print(iter(f) is f)
print(next(f), end='')
print(f.__next__(), end='')
print(list(f))
try:
    next(f)
except StopIteration as e:
    print('StopIteration', e.args)
print(f.__exit__(None, None, None), f.closed)
with open(path) as f:
    print(f.readlines(10))
    print(f.readlines(0))
with open(path, 'rb') as f:
    print(f.readlines(1))
    print(sum(1 for _ in f))
try:
    with open(path) as f:
        raise KeyError('inside')
except KeyError as e:
    print('KeyError', e, f.closed)
with open(path) as f:
    for i, line in enumerate(f):
        if i == 1:
            break
    print(repr(f.readline()))
