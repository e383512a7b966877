# Independent closures each keep their own nonlocal state.
def make_counter(start):
    count = start
    def step(by=1):
        nonlocal count
        count += by
        return count
    return step
c1 = make_counter(0)
c2 = make_counter(100)
print(c1(), c1(), c2(), c1(5), c2(10))
