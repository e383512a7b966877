# Data descriptors win over instance __dict__; non-data descriptors lose.
class Data:
    def __get__(self, o, t): return "data"
    def __set__(self, o, v): print("data set", v)
class NonData:
    def __get__(self, o, t): return "nondata"
class C:
    d = Data()
    n = NonData()
c = C()
c.__dict__["d"] = "inst d"
c.__dict__["n"] = "inst n"
print(c.d, c.n)
c.d = 5
print(C.d, C.n)
