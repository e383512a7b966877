# yield from delegates next/send/throw and returns the subgenerator's value.
def sub():
    a = yield "s1"
    b = yield "s2"
    return a + b
def outer():
    r = yield from sub()
    yield "result %s" % r
    yield from [10, 20]
    yield from "ab"
it = outer()
print(next(it), it.send(1), it.send(2), list(it))
def thrower():
    try:
        yield from sub()
    except KeyError as e:
        yield "outer caught " + str(e)
t = thrower()
next(t)
print(t.throw(KeyError("x")))
