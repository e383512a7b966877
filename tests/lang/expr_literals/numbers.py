# Numeric literals: underscores, bases, floats, imaginary, big ints.
print(1_000_000, 0x_FF, 0o17, 0b1010_1010, 0XAB, 0O7, 0B1)
print(1.5e3, 1e-3, .5, 5., 1_0.0_1, 1E+2, 0e0)
print(3j, 1.5j, 1e2j, 10j.imag, type(2j).__name__)
print(123456789012345678901234567890 * 98765432109876543210)
print(0xFFFFFFFFFFFFFFFFFFFF, -0o777777777777777777777777)
