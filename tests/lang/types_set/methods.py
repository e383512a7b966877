# set methods: add, discard, remove, pop, update and friends, relations.
s = {3, 1, 2}
s.add(4); s.discard(10); s.remove(1)
print(sorted(s), len(s), 2 in s)
a, b = {1, 2, 3}, {2, 3, 4}
print(sorted(a | b), sorted(a & b), sorted(a - b), sorted(a ^ b))
print(sorted(a.union([9], (8,))), sorted(a.intersection(b, {3})), sorted(a.difference(b)), sorted(a.symmetric_difference(b)))
print(a.issubset({1, 2, 3, 4}), a.issuperset({1}), a.isdisjoint({7}), a <= a, a < a, a >= {1})
c = set(a); c.update([5], [6]); c.intersection_update({1, 5, 6, 7}); print(sorted(c))
c.difference_update({5}); c.symmetric_difference_update({6, 7}); print(sorted(c))
print(c.pop() in {1, 7}, c.copy() == c, set(), set("aab") == {"a", "b"})
c.clear(); print(c)
for f in (lambda: set().pop(), lambda: {1}.remove(2), lambda: {[1]}, lambda: {1} | [2], lambda: set(5)):
    try:
        f()
    except (KeyError, TypeError) as e:
        print(type(e).__name__, e)
