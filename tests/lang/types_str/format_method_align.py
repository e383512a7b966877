# str.format with alignment, sign, grouping and nested fields of many types.
rows = [("apple", 3, 1.5), ("kiwi", 12, 0.25), ("banana", 100, 10.0)]
for name, qty, price in rows:
    print("{:<8}|{:>5}|{:>8.2f}|{:^7}".format(name, qty, price, "x" * (qty % 4)))
print("{:+d} {:+d} {: d} {:,} {:_} {:#x} {:08.3f}".format(5, -5, 5, 1234567, 1234567, 255, -3.14159))
print("{0[0]}{0[1]}{1[k]}".format("ab", {"k": "!"}), "{:%}".format(0.25), "{!r}".format(None))
