# Exception args, str and repr with zero, one and several arguments.
for e in (ValueError(), ValueError("one"), ValueError("a", 2), KeyError("k"), KeyError(), KeyError(1, 2), IndexError(5), Exception(None)):
    print(repr(e), "|", str(e), "|", e.args)
e = ValueError("x")
e.args = ("changed", 1)
print(e, repr(e))
class MyErr(Exception):
    def __init__(self, code):
        super().__init__(f"code {code}")
        self.code = code
m = MyErr(7)
print(repr(m), m, m.code, m.args)
