# bytearray methods called with wrong argument counts and types.
ba = bytearray(b"abc")
calls = [
    lambda: ba.append(), lambda: ba.append("a"), lambda: ba.append(1, 2), lambda: ba.extend(), lambda: ba.extend(1),
    lambda: ba.extend("s"), lambda: ba.extend([300]), lambda: ba.insert(0), lambda: ba.insert("0", 1),
    lambda: ba.insert(0, 999), lambda: ba.pop("1"), lambda: ba.pop(1, 2), lambda: ba.pop(10),
    lambda: bytearray().pop(), lambda: ba.remove(), lambda: ba.remove("a"), lambda: ba.remove(999),
    lambda: ba.reverse(1), lambda: ba.clear(1), lambda: ba.copy(1), lambda: ba.center(), lambda: ba.center(5, "x"),
    lambda: ba.count(), lambda: ba.decode(1), lambda: ba.endswith(), lambda: ba.endswith("a"),
    lambda: ba.find(), lambda: ba.index(b"z"), lambda: ba.join([1]), lambda: ba.join(),
    lambda: ba.ljust("3"), lambda: ba.lstrip("a"), lambda: ba.partition(), lambda: ba.partition(1),
    lambda: ba.replace(b"a"), lambda: ba.rfind("a"), lambda: ba.rindex(), lambda: ba.rjust(1, b"ab"),
    lambda: ba.rpartition("x"), lambda: ba.rsplit(1), lambda: ba.rstrip(1), lambda: ba.split(b""),
    lambda: ba.splitlines(1, 2), lambda: ba.startswith(1), lambda: ba.strip(b"a", b"b"),
    lambda: ba.translate(b"x"), lambda: ba.zfill(), lambda: ba.removeprefix(), lambda: ba.removesuffix("c"),
    lambda: ba.expandtabs(tabsize="x"), lambda: ba.isdigit(1), lambda: ba.title(1), lambda: ba.hex(sep=1),
    lambda: bytearray.fromhex(b"41"), lambda: bytearray.fromhex("4"), lambda: bytearray.maketrans(b"a"),
    lambda: bytearray(1, 2), lambda: bytearray("s"), lambda: bytearray(b"x", "utf-8"), lambda: bytearray(-1),
    lambda: bytearray(x=1), lambda: bytearray([1, "a"]), lambda: bytearray(1.5),
]
for i, f in enumerate(calls):
    try:
        print(i, f())
    except Exception as e:
        print(i, type(e).__name__, e)
print(ba)
