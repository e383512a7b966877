# Three-argument pow() tries the right operand's __rpow__ (new in 3.14) in binary-operator order.
class P:
    def __pow__(self, o, m=None): return ('P.pow', o, m)
    def __rpow__(self, o, m=None): return ('P.rpow', o, m)
class Q(P):
    def __rpow__(self, o, m=None): return ('Q.rpow', o, m)
class R:
    def __rpow__(self, o, m=None): return NotImplemented
print(pow(P(), 2, 3), pow(2, P(), 3), pow(P(), Q(), 3)[0], pow(Q(), P(), 3)[0], pow(2, Q(), 3))
for a in ((2, R(), 3), (R(), 2, 3), (2, 3, R()), (2, P(), 'x')):
    try:
        print(pow(*a))
    except TypeError as e:
        print(type(e).__name__, e)
