# format(x, '#o') style alternatives agree with oct/hex/bin.
for n in (0, 7, -8, 4096):
    print(oct(n) == format(n, "#o"), hex(n) == format(n, "#x"), bin(n) == format(n, "#b"))
