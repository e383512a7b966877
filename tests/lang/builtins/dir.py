# dir() of objects, classes, modules and custom __dir__; without arguments lists locals.
class A:
    a = 1
    def m(self): pass
class B(A):
    b = 2
obj = B()
obj.inst = 3
print([n for n in dir(obj) if not n.startswith("__")])
class Custom:
    def __dir__(self): return ["z", "a", "m"]
print(dir(Custom()))
def f():
    local1 = 1
    local2 = 2
    return dir()
print(f())
print("append" in dir([]), "upper" in dir(str), "maxsize" in dir(__import__("sys")))
