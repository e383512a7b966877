# chr() and ord() with ranges, surrogates and error messages.
print(chr(65), chr(0x1F600), chr(0), ord("a"), ord("€"), ord(b"A"), ord(bytearray(b"z")), repr(chr(0xD800)))
for f in (lambda: chr(-1), lambda: chr(0x110000), lambda: ord("ab"), lambda: ord(""), lambda: chr("a"), lambda: ord(5), lambda: ord(b"ab")):
    try:
        f()
    except (ValueError, TypeError, OverflowError) as e:
        print(type(e).__name__, e)
