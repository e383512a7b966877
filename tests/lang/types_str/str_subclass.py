# Subclasses of str keep methods returning plain str.
class S(str):
    def shout(self): return self.upper() + "!"
s = S("hey")
print(s, s.shout(), type(s.upper()).__name__, type(s + "x").__name__, isinstance(s, str), repr(s), len(s))
print(S("a") == "a", hash(S("a")) == hash("a"), type(str(s)).__name__)
