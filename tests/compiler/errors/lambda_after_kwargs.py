fn = lambda **kw, z: z
