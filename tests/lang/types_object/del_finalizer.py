# __del__ runs when the last reference goes: del, rebinding, a container emptied, a temporary.
log = []
class A:
    def __init__(self, name):
        self.name = name
    def __del__(self):
        log.append(self.name)
        print("del", self.name)

a = A("a")
del a
b = A("b1")
b = A("b2")
items = [A("x"), A("y"), A("z")]
items.clear()
A("temporary")
d = {"k": A("in dict")}
d["k"] = None
def scope():
    local = A("local")
    return 1
scope()
class B(A):
    pass
B("subclass")
print(log)
print("end")
