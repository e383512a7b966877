# co_branches() with more than three EXTENDED_ARG prefixes keeps only the low 32 bits of the oparg.
def f(x):
    if x:
        return 1
    return 2
code = bytearray(f.__code__.co_code)
ext = 69  # EXTENDED_ARG
# The TO_BOOL instruction and its three caches become four EXTENDED_ARG prefixes of the jump.
for unit, prefix in zip(range(2, 6), (1, 0, 0, 0)):
    code[2 * unit] = ext
    code[2 * unit + 1] = prefix
g = f.__code__.replace(co_code=bytes(code))
print(list(g.co_branches()))
for unit, prefix in zip(range(2, 6), (0x7f, 0, 0, 0)):
    code[2 * unit + 1] = prefix
print(list(f.__code__.replace(co_code=bytes(code)).co_branches()))
