# str split, rsplit, splitlines, partition, rpartition and join.
print("a b  c ".split(), "a,b,,c".split(","), "a b c".split(None, 1), "a b c".rsplit(None, 1))
print("a,b,c".rsplit(",", 1), "".split(), "".split(","), "  x  ".split(" "))
print("l1\nl2\r\nl3\rl4\x0bl5".splitlines(), "a\nb\n".splitlines(True), "".splitlines())
print("k=v=w".partition("="), "k=v=w".rpartition("="), "kvw".partition("="), "kvw".rpartition("="))
print("-".join(["a", "b", "c"]), "".join([]), ", ".join("xyz"), "+".join(map(str, range(4))))
for f in (lambda: "a".split(""), lambda: ",".join([1, 2]), lambda: "a".partition("")):
    try:
        f()
    except (ValueError, TypeError) as e:
        print(type(e).__name__, e)
