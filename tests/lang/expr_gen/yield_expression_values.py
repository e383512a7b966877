# yield as an expression: values sent in, None when advanced with next.
def echo():
    received = []
    while len(received) < 4:
        v = yield len(received)
        received.append(v)
    return received
g = echo()
print(next(g), g.send("a"), next(g), g.send("c"))
try:
    g.send("d")
except StopIteration as e:
    print(e.value)
