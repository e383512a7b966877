# Generator functions: next, StopIteration value, and gi_ attributes.
def g():
    x = yield 1
    print("got", x)
    yield 2
    return "ret"
it = g()
print(it.gi_running, it.gi_frame is not None, it.gi_code.co_name)
print(next(it))
print(it.send("hello"))
try:
    next(it)
except StopIteration as e:
    print("stop", e.value)
print(it.gi_frame)
print(next(it, "default"))
