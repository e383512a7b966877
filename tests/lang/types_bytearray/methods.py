# bytearray mutation methods: append, extend, insert, pop, remove, reverse, clear, slices.
ba = bytearray(b"hello")
ba.append(33)
ba.extend(b" ok")
ba.insert(0, 62)
print(ba, ba.pop(), ba.pop(0), ba)
ba.remove(ord("l"))
ba.reverse()
print(ba, len(ba))
ba[0] = 88
ba[1:3] = b"YYY"
del ba[-1]
print(ba, ba.upper(), ba.find(b"Y"), ba.count(b"Y"), ba.copy() == ba, ba.hex())
ba += b"!!"
ba *= 2
print(ba)
ba.clear()
print(ba, bytearray(3), bytearray([1, 2]), bytearray("é", "utf-8"), bytearray.fromhex("4142"))
for f in (lambda: ba.pop(), lambda: bytearray(b"a").remove(98), lambda: ba.append(256), lambda: bytearray(b"x").__setitem__(0, "a")):
    try:
        f()
    except (IndexError, ValueError, TypeError) as e:
        print(type(e).__name__, e)
