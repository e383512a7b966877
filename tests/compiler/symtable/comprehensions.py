# PEP 709 inlining, generator expressions, walrus targets, async comprehensions.
def f(data):
    total = [x * 2 for x in data if x]
    pairs = {k: v for k, v in data}
    uniq = {y for y in data}
    gen = (z for z in data)
    nested = [[i + j for j in data] for i in range(3)]
    cells = [lambda: w for w in data]
    if any((hit := item) for item in data):
        print(hit)
    last = [(found := n) for n in data]
    return total, pairs, uniq, gen, nested, cells, last, found

async def g(stream):
    return [s async for s in stream], [await t for t in stream]

class C:
    items = [1, 2]
    doubled = [i * 2 for i in items]
    names = [__class__ for _ in range(2)]

outer_value = 5
module_level = [outer_value + q for q in range(3)]
gen_level = list(r for r in range(3))

def nested_class_comp():
    v = 1
    class K:
        res = [v for _ in range(2)]
    return K
