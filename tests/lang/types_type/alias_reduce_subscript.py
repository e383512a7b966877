# GenericAlias pickles as GenericAlias(origin, args); subscripting an alias or a union without type parameters is refused.
la = list[int]
def show(label, f, *a):
    try:
        r = f(*a)
        print(label, "ok", r)
    except Exception as e:
        print(label, type(e).__name__, e)
show("reduce", la.__reduce__)
show("reduce_ex", la.__reduce_ex__, 2)
show("reduce dict", dict[str, int].__reduce__)
r = dict[str, list[int]].__reduce__()
print(r[0](*r[1]) == dict[str, list[int]])
for o, it in [(la, int), (la, ()), (dict[str, int], (int, str)), (int | str, int), (int | None, ()), (list[list[int]], int)]:
    show("subscript " + repr(o), lambda: o[it])
show("GA.__getitem__", type(la).__getitem__, la)
show("Union.__getitem__", type(int | str).__getitem__, int | str)
print("__getitem__" in type(la).__dict__, "__getitem__" in type(int | str).__dict__, "__reduce__" in type(la).__dict__)
show("union reduce", (int | str).__reduce__)
