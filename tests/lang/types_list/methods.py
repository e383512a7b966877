# list methods: append, extend, insert, pop, remove, index, count, reverse, sort, copy, clear.
l = [3, 1, 2]
l.append(5); l.extend([7, 1]); l.insert(0, 9); l.insert(100, 0); l.insert(-100, -1)
print(l, l.pop(), l.pop(0), l.pop(-2), l)
l.remove(1)
print(l, l.index(2), l.index(1, 2), l.count(1), l.count(99))
l.reverse(); print(l)
l.sort(); print(l)
l.sort(reverse=True, key=lambda x: x % 3); print(l)
c = l.copy(); c.clear(); print(c, l)
for f in (lambda: [].pop(), lambda: [1].remove(2), lambda: [1].index(2), lambda: [1].pop(5), lambda: [1, "a"].sort(), lambda: [].sort(1)):
    try:
        f()
    except (IndexError, ValueError, TypeError) as e:
        print(type(e).__name__, e)
