# f-string formatting of None, bools, containers, bytes and complex.
print(f"{None} {True} {[1, 'a']} {(1,)} {{1: 2}} {b'x'} {1+2j} {1.0} {-0.0} {10**20}")
print(f"{None!r:>6}|{True:>6}|{3j:>8}|{'é'!a}")
