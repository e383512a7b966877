a + b * c - d / e // f % g @ h ** -i ** j
x or y and not z
a < b <= c == d != e > f >= g is h is not i in j not in k
a | b ^ c & d << e >> f
~x, +y, -z, not w
(yield)
lambda: 0
lambda a, /, b=1, *c, d, e=2, **f: a
x if y else z
await_ = (x := 10)
f(a, *b, c=1, **d)
f(*a, b, *c, d=e, **f, g=h)
obj.attr.other[1][1:2, ::3, 4:][...]
a[b, *c]
{1: 2, **d, 3: 4}
{1, 2, *s}
[1, *l, 2]
(1,)
()
f(x for x in y)
