# A suspended generator that is collected is closed: its finally blocks run, GeneratorExit is seen.
import sys
def hook(u):
    print("hook:", u.exc_type.__name__, u.exc_value, "|", u.err_msg.split(" <")[0])
sys.unraisablehook = hook
def gen(name):
    try:
        yield 1
        yield 2
    except GeneratorExit:
        print(name, "got GeneratorExit")
        raise
    finally:
        print(name, "finally")
g = gen("g1")
next(g)
del g
print("after g1")
g = gen("g2")
del g
print("never started: no finally")
def stubborn():
    try:
        yield 1
    except GeneratorExit:
        yield "refused"
s = stubborn()
next(s)
del s
def failing():
    try:
        yield 1
    finally:
        1 / 0
f = failing()
next(f)
f = None
print("end")
