# Closures, cells, free variables, global and nonlocal.
import os.path, sys as system
from collections import OrderedDict as OD, deque

counter = 0

def outer(a, /, b, *args, c, d=1, **kw):
    x = 1
    y = 2
    def middle():
        nonlocal x
        x += 1
        def inner():
            return x + y + a
        return inner
    def uses_global():
        global counter
        counter += 1
        return undefined_name
    lam = lambda p, q=x: p + q + b
    del y
    return middle, lam

def shadow():
    sys = 3
    def g():
        return sys
    return g

def only_global():
    global late
    late = 1

x = 10
def reads_module():
    return x
