# zip and map are lazy iterators that stop at the shortest input.
def gen(name, n):
    for i in range(n):
        print("pull", name, i)
        yield i
z = zip(gen("a", 3), gen("b", 1))
print(type(z).__name__)
print(list(z))
m = map(lambda x: x * 2, gen("c", 2))
print(next(m))
