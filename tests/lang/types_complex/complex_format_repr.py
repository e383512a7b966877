# repr and format of complex numbers with signed zeros, infinities and precision.
for z in (1j, -1j, 0j, complex(-0.0, 0.0), complex(1.5, -2.25), complex(1e20, 1e-20), complex(float("inf"), float("-inf"))):
    print(repr(z), str(z), format(z, ".1f"), format(z, "^20"))
