# yield from forwards throw() to the subgenerator and close() finalises it.
def sub():
    try:
        yield 1
        yield 2
    except ValueError:
        yield "sub handled"
    finally:
        print("sub finally")
def outer():
    yield from sub()
    yield "outer after"
g = outer()
print(next(g), g.throw(ValueError), next(g))
g2 = outer()
next(g2)
g2.close()
print("closed")
