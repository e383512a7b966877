# complex construction, attributes, arithmetic, conjugate and errors.
z = complex(3, 4)
print(z, z.real, z.imag, abs(z), z.conjugate(), z * z, z / 2, z + 1, -z, z ** 2, 1j ** 2)
print(complex("1+2j"), complex(" 3-4j "), complex("5j"), complex(2), complex(), complex(1.5, -0.0), repr(complex(0, -0.0)))
print(complex(1, 2) == complex(1, 2), 1 + 0j == 1, hash(1 + 0j) == hash(1), format(z, ".2f"), format(z, ">14"))
for f in (lambda: z < z, lambda: complex("abc"), lambda: z // 2, lambda: complex(1, 1) / 0, lambda: int(z)):
    try:
        f()
    except (TypeError, ValueError, ZeroDivisionError) as e:
        print(type(e).__name__, e)
print(repr(1e300j * 1e10), repr(complex(float("nan"), 1)))
