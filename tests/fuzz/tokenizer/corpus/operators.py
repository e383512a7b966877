a += 1; a -= 1; a *= 1; a /= 1; a //= 1; a %= 1; a **= 1; a @= m
a >>= 1; a <<= 1; a &= 1; a |= 1; a ^= 1; (b := 2)
x = a < b <= c > d >= e == f != g
y = ~a ^ b | c & d << 1 >> 2 ** 3 // 4 % 5 @ m
def f(*args, **kw) -> None: ...
z = {1: 2}[1] ; w = a.b.c ; v = lambda: 0
