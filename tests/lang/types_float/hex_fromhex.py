# float.hex and float.fromhex edge cases: subnormals, extremes, signs, spacing, rounding, subclasses.
for x in (0.0, -0.0, 1.0, -1.5, 0.1, 1e-320, 5e-324, 2.2250738585072014e-308, 1.7976931348623157e308, float('inf'), float('-inf'), float('nan'), 2.0 ** -1074 * 3):
    h = x.hex()
    print(repr(x), h, repr(float.fromhex(h)))
for s in ('0x1p0', '  0X1.8P+1 \n', '-0x.8p1', '0x10', '0x.1', '0xa.bp-3', 'inf', '-Infinity', ' nan ', '+0x0p0', '-0x0.0p-5',
          '0x1.00000000000008p0', '0x1.00000000000018p0', '0x1.000000000000081p0', '0x1p-1074', '0x1p-1075', '0x1.8p-1075',
          '0x1.fffffffffffffp1023', '0x0.0000000000001p-1022', '1', '1.', '.8', 'A', '0x1_0'):
    try:
        print(repr(s), repr(float.fromhex(s)))
    except (ValueError, OverflowError) as e:
        print(repr(s), type(e).__name__, e)
class F(float):
    pass
class G(float):
    def __new__(cls, v):
        return float.__new__(cls, v * 2)
print(type(F.fromhex('0x1p1')).__name__, F.fromhex('0x1p1'), G.fromhex('0x1p1'), type(G.fromhex('0x1p1')).__name__, F(2.5).hex())
