# str() falls back to __repr__; __str__ and __repr__ must return str.
class R:
    def __repr__(self): return "R()"
class S(R):
    def __str__(self): return "S-str"
class Bad:
    def __repr__(self): return 5
print(str(R()), repr(S()), str(S()), [S()], f"{S()!r} {S()}")
try:
    repr(Bad())
except TypeError as e:
    print(e)
