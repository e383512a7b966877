# A generator's finally block runs when it is exhausted or garbage-free closed.
def g():
    try:
        yield 1
        yield 2
    finally:
        print("finally in generator")
for x in g():
    print(x)
it = g()
print(next(it))
it.close()
print("after close")
