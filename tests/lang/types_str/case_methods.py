# str case methods: upper, lower, casefold, capitalize, title, swapcase, and predicates.
s = "hello World ß ǅ"
print(s.upper(), s.lower(), s.casefold(), s.capitalize(), s.title(), s.swapcase())
for t in ("abc", "ABC", "Abc Def", "abc1", "123", "", " ", "½", "٣", "x²", "ab_c", "Ab cD"):
    print(repr(t), t.isupper(), t.islower(), t.istitle(), t.isalpha(), t.isalnum(), t.isdigit(), t.isdecimal(), t.isnumeric(), t.isspace(), t.isidentifier(), t.isprintable(), t.isascii())
