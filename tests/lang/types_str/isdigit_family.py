# isdigit vs isdecimal vs isnumeric on different Unicode digit kinds.
for s in ("123", "①", "½", "٣", "²", "Ⅷ", "1.5", "-1", "一"):
    print(repr(s), s.isdigit(), s.isdecimal(), s.isnumeric())
