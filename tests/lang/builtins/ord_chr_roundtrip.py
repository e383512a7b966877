# chr(ord(c)) round-trips for many code points including astral ones.
cps = [0, 65, 127, 128, 255, 256, 0x7FF, 0x800, 0xFFFF, 0x10000, 0x10FFFF]
print(all(ord(chr(c)) == c for c in cps), [len(chr(c).encode("utf-8", "surrogatepass")) for c in cps])
