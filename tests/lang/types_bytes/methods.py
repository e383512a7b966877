# bytes methods mirror str methods on byte strings.
b = b"  Hello, World  "
print(b.strip(), b.lower(), b.upper(), b.swapcase(), b.title(), b.strip().capitalize(), b.split(b","), b.split())
print(b.find(b"o"), b.rfind(b"o"), b.count(b"l"), b.index(b"W"), b.startswith(b"  H"), b.endswith((b"x", b"  ")))
print(b"a-b-c".replace(b"-", b"+"), b"-".join([b"x", b"y"]), b"abc".center(7, b"*"), b"7".zfill(3), b"k=v".partition(b"="))
print(b"abc".isalpha(), b"12".isdigit(), b"a1".isalnum(), b" ".isspace(), b"Ab".istitle(), b"ab".islower(), b"AB".isupper(), b"\x80".isascii())
print(b"x\ty".expandtabs(4), b"l1\nl2".splitlines(), b"abc".removeprefix(b"a"), b"abc".removesuffix(b"c"), b"abc".ljust(5, b"."), b"ab".rjust(4))
print(b"hello".translate(bytes.maketrans(b"el", b"ip")), b"hello".translate(None, b"l"), b"a,b".rsplit(b",", 1), b"xxhixx".lstrip(b"x"), b"xxhixx".rstrip(b"x"))
