f = lambda x, *y, z=3, **k: (x, y, z, k)
