# A __del__ run while a container drops its items (clear, del, item assignment) may change that container.
l = []
class A:
    def __del__(self):
        l.append("x")
        print("del sees", len(l))
l.append(A())
l.clear()
print(l)
d = {}
class B:
    def __del__(self):
        d["y"] = 1
        print("del sees dict", len(d))
d["b"] = B()
d.clear()
print(d)
d["b"] = B()
del d["b"]
print(d)
l2 = [A()]
l2[0] = None
s = {1}
class C:
    def __hash__(self): return 1
    def __eq__(self, o): return self is o
    def __del__(self):
        s.add(5)
        print("del sees set", len(s))
s.add(C())
s.clear()
print(s)
