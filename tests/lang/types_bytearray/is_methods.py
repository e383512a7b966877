# bytearray is* predicates.
samples = [bytearray(), bytearray(b"abc"), bytearray(b"ABC"), bytearray(b"Abc Def"), bytearray(b"a1"),
           bytearray(b"123"), bytearray(b" \t\n"), bytearray(b"\x80"), bytearray(b"aB"), bytearray(b"A1 b")]
for s in samples:
    print(s, s.isalnum(), s.isalpha(), s.isascii(), s.isdigit(), s.islower(), s.isspace(),
          s.istitle(), s.isupper())
