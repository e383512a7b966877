# Iterating a GenericAlias yields the starred alias *alias once (generic_alias_iterator); starred aliases compare, reduce and unpack.
la = list[int]
it = iter(la)
T = type(it)
print(T.__name__, T.__module__, sorted(T.__dict__), T.__doc__)
r = it.__reduce__()
print(r[0].__name__, r[1])
s = next(it)
print(repr(s), s.__unpacked__, s.__typing_unpacked_tuple_args__, s == la, s != la, hash(s) == hash(la))
r = s.__reduce__()
print(r[0].__name__, type(r[1][0]).__name__, r[0](*r[1]) == s)
r = it.__reduce__()
print(r[0].__name__, r[1])
print(next(it, "end"), list(it))
t = [*tuple[int, str]][0]
print(t, t.__typing_unpacked_tuple_args__, t.__unpacked__, t.__args__, t.__origin__, list(t))
try:
    T()
except Exception as e:
    print(type(e).__name__, e)
print(dict[str, *tuple[int]])
print(repr(list[*tuple[int]]), tuple[*tuple[int, ...]])
x = [*tuple[int]][0]
print(x.__parameters__, x.__mro_entries__((1,)), la.__unpacked__, la.__typing_unpacked_tuple_args__)
print(repr(tuple[()]), [*tuple[()]], [*tuple[()]][0].__typing_unpacked_tuple_args__)
print(x == [*tuple[int]][0], x == tuple[int], {x: 1}[[*tuple[int]][0]])
print(repr(s | int), repr(int | s))
