# str() constructor with encoding arguments and errors.
print(str(b"caf\xc3\xa9", "utf-8"), str(b"caf\xe9", "latin-1"), str(b"a\xffb", "utf-8", "replace"), str(b"a\xffb", errors="ignore"))
for args in ((b"\xff", "utf-8"), (1, "utf-8"), ("s", "utf-8")):
    try:
        str(*args)
    except (UnicodeDecodeError, TypeError) as e:
        print(type(e).__name__, e)
print(str(object=12), str(encoding="utf-8", object=b"x"))
