# String literal forms: escapes, raw, concatenation, triple quotes, unicode names.
print("tab\tnew\\n", 'single "dq"', "dq 'sq'", r"raw\n\t", R"R\x")
print("\x41\101\u00e9\U0001F600\N{GREEK SMALL LETTER ALPHA}", len("\N{EM DASH}"))
print("con" "cat" 'en' """ation""")
print("""line1
line2""", '''x''')
print(repr("\a\b\f\v\0"), repr("\x7f\x80"), ascii("é😀"))
print(b"\x00\xff\n" + rb"\n", repr(b"a\tb'"), repr(b'"'), repr(b"'\""))
